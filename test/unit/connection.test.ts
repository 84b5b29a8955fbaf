import { strict as assert } from 'node:assert';
import { DatabaseConfigError, dbErrorMessage, describeTarget, isConnectionError, redact, resolveDatabaseUrl } from '../../server/src/pg/connection';

describe('connection strings: redact and describeTarget', () => {
  const secret = /pw|s3|cr3t|sekret/;

  it('hides the password of a URL, of a socket URL and of its query', () => {
    assert.equal(redact('postgres://u:pw@db.example.org:5433/fc'), 'postgres://u:***@db.example.org:5433/fc');
    assert.equal(redact('postgres://u:pw@/fc?host=/run/postgresql'), 'postgres://u:***@/fc?host=/run/postgresql');
    assert.equal(redact('postgresql://u@h/fc?sslmode=require&password=sekret'), 'postgresql://u@h/fc?sslmode=require&password=***');
    assert.equal(redact('postgres://u:pw@h/fc?sslpassword=sekret'), 'postgres://u:***@h/fc?sslpassword=***');
    assert.equal(describeTarget('postgres://u:pw@/fc?host=/run/postgresql'), '/run/postgresql/fc');
    assert.equal(describeTarget('postgres://u:pw@db.example.org:5433/fc'), 'db.example.org:5433/fc');
  });

  it('hides the password of the key/value form, quoted or not, escapes included', () => {
    assert.equal(redact("password='s3 cr3t' host=localhost dbname=fc"), 'password=*** host=localhost dbname=fc');
    assert.equal(redact("host=h password=s3\\'cr3t user=u"), 'host=h password=*** user=u');
    assert.equal(redact("host = h  password = 'it\\'s s3cr3t'"), 'host=h password=***');
    assert.equal(describeTarget("password='s3 cr3t' host=localhost port=5433 dbname=fc"), 'localhost:5433/fc');
  });

  it('never echoes a string it cannot read', () => {
    for (const s of ["password='s3cr3t", 'pw is sekret', 'mysql://u:pw@h/db', "host=h 'sekret'"]) {
      assert.doesNotMatch(redact(s), secret, s);
      assert.doesNotMatch(describeTarget(s), secret, s);
      assert.match(redact(s), /not shown/);
    }
  });

  it('rejects env: with a name that is no environment variable, instead of reading it as a URL', () => {
    assert.throws(() => resolveDatabaseUrl('env:FOO-BAR', {}), DatabaseConfigError);
    assert.equal(resolveDatabaseUrl('env:FOO_BAR', { FOO_BAR: 'postgres://h/db' }), 'postgres://h/db');
  });

  it('calls a missing unix socket "cannot reach", and a connection error (so the database is retried)', () => {
    const e = Object.assign(new Error('connect ENOENT /run/postgresql/.s.PGSQL.5432'), { code: 'ENOENT' });
    assert.match(dbErrorMessage(e, 'postgres://u:pw@/fc?host=/run/postgresql'), /^cannot reach the corpus database at \/run\/postgresql\/fc \(ENOENT\)$/);
    assert.ok(isConnectionError(e));
  });
});
