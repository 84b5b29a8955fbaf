/**
 * The CLI under user errors: unknown flags, missing or unreadable files,
 * unusable corpora. Each exits 2 with one line of reason on stderr and no
 * stack trace; usable input next to unusable input is still checked.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, type Outcome } from '../cli/helpers';
import { MISSION, ROOT, tempDir } from './helpers';

const BIN = path.join(ROOT, 'bin', 'fact-check.js');

/** Exit 2, exactly one `fact-check:` line matching `reason` (usage lines aside), no stack trace. */
function assertUserError(r: Outcome, reason: RegExp): void {
  assert.equal(r.code, 2, `exit code 2; stderr: ${r.err}`);
  const reasons = r.err.split('\n').filter((l) => l.startsWith('fact-check:'));
  assert.equal(reasons.length, 1, `one reason line: ${JSON.stringify(r.err)}`);
  assert.match(reasons[0], reason);
  assert.doesNotMatch(r.err, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(r.err, /internal error|TypeError|RangeError|ReferenceError/, 'not an internal error');
}

describe('robustness: CLI user errors', function () {
  this.timeout(60000);
  let ws: string;

  before(() => {
    ws = tempDir('fact-check-cli-robust-');
    fs.cpSync(path.join(ROOT, 'corpus'), path.join(ws, 'corpus'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'draft.md'), `${MISSION}\n`);
    fs.writeFileSync(path.join(ws, 'empty.md'), '');
    fs.writeFileSync(path.join(ws, 'latin1.md'), Buffer.concat([Buffer.from(`${MISSION} Caf`), Buffer.from([0xe9]), Buffer.from('.\n')]));
    fs.mkdirSync(path.join(ws, 'junk'));
    fs.writeFileSync(path.join(ws, 'junk', 'binary.txt'), Buffer.from([0, 1, 2, 3, 0xff]));
    fs.writeFileSync(path.join(ws, 'junk', 'empty.txt'), '');
    try {
      fs.symlinkSync(path.join(ws, 'loop2.md'), path.join(ws, 'loop1.md'));
      fs.symlinkSync(path.join(ws, 'loop1.md'), path.join(ws, 'loop2.md'));
    } catch {
      // Without symlinks the loop case is skipped.
    }
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('rejects unknown flags, flags without values and bad values', () => {
    assertUserError(cli(['--bogus', 'draft.md'], ws), /unknown option --bogus/);
    assertUserError(cli(['-x', 'draft.md'], ws), /unknown option -x/);
    assertUserError(cli(['draft.md', '--corpus'], ws), /--corpus needs a value/);
    assertUserError(cli(['--format', 'xml', 'draft.md'], ws), /unknown format "xml"/);
    assertUserError(cli(['--max-size', 'lots', 'draft.md'], ws), /--max-size/);
    assertUserError(cli(['--min-score=2', 'draft.md'], ws), /--min-score/);
    assertUserError(cli([], ws), /no draft given/);
  });

  it('fails on a missing, looping, folder or binary draft, naming it', function () {
    assertUserError(cli(['nope.md'], ws), /cannot read nope\.md \(ENOENT\)/);
    assertUserError(cli(['junk'], ws), /junk is a folder/);
    assertUserError(cli(['junk/binary.txt'], ws), /binary/);
    if (fs.lstatSync(path.join(ws, 'loop1.md'), { throwIfNoEntry: false })) {
      assertUserError(cli(['loop1.md'], ws), /cannot read loop1\.md \(ELOOP\)/);
    }
  });

  it('fails on a draft it may not read', () => {
    const nodeFs = require('node:fs') as { readFileSync: typeof fs.readFileSync };
    const original = nodeFs.readFileSync;
    const locked = path.join(ws, 'draft.md');
    if (process.getuid?.() === 0) {
      // Root reads everything: simulate the permission error.
      nodeFs.readFileSync = ((p: unknown, ...rest: unknown[]) => {
        if (typeof p === 'string' && path.resolve(ws, p) === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return (original as (...a: unknown[]) => unknown)(p, ...rest);
      }) as typeof fs.readFileSync;
    } else fs.chmodSync(locked, 0o000);
    try {
      assertUserError(cli(['--corpus', 'corpus', 'draft.md'], ws), /cannot read draft\.md \(EACCES\)/);
    } finally {
      nodeFs.readFileSync = original;
      fs.chmodSync(locked, 0o644);
    }
  });

  it('fails on an unusable corpus, naming each unusable source on its own line', () => {
    const missing = cli(['--corpus', 'no-such-dir', 'draft.md'], ws);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^fact-check: no-such-dir: corpus folder not found \(ENOENT\)$/m);
    assert.doesNotMatch(missing.err, /^\s+at /m);

    const junk = cli(['--corpus', 'junk', 'draft.md'], ws);
    assert.equal(junk.code, 2);
    assert.deepEqual(junk.err.trimEnd().split('\n'), [
      'fact-check: junk/binary.txt: skipped: binary file (not UTF-8 text)',
      'fact-check: junk/empty.txt: skipped: empty file',
      'fact-check: no readable source documents in junk',
    ]);
  });

  it('checks with the usable sources when some are not, reporting the others', () => {
    const r = cli(['--corpus', 'corpus', '--corpus', 'junk', '--corpus', 'gone', 'draft.md'], ws);
    assert.equal(r.code, 1, 'the contradiction is still found');
    assert.match(r.out, /Source says 2019, not 2018/);
    assert.deepEqual(r.err.trimEnd().split('\n').sort(), [
      'fact-check: gone: corpus folder not found (ENOENT)',
      'fact-check: junk/binary.txt: skipped: binary file (not UTF-8 text)',
      'fact-check: junk/empty.txt: skipped: empty file',
    ]);
  });

  it('checks an empty draft and a draft with invalid UTF-8', () => {
    const empty = cli(['--corpus', 'corpus', 'empty.md'], ws);
    assert.equal(empty.code, 0);
    assert.match(empty.out, /^0 claims/m);
    const latin1 = cli(['--corpus', 'corpus', 'latin1.md'], ws);
    assert.equal(latin1.code, 1);
    assert.match(latin1.out, /latin1\.md:1:54 warning Source says 2019, not 2018/);
  });

  it('prints no stack trace as a process either', function () {
    if (!fs.existsSync(BIN)) this.skip();
    for (const args of [['--bogus'], ['nope.md'], ['--corpus', 'junk', 'draft.md'], ['junk']]) {
      const p = spawnSync(process.execPath, [BIN, ...args], { cwd: ws, encoding: 'utf8' });
      assert.equal(p.status, 2, `${args.join(' ')}: exit 2 (${p.stderr})`);
      assert.doesNotMatch(p.stderr, /^\s+at /m, `${args.join(' ')}: no stack trace`);
      assert.match(p.stderr, /^fact-check: /m);
    }
  });
});
