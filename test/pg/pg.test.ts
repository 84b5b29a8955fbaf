import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, runAsync } from '../../server/src/cli/main';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { termsFingerprint } from '../../server/src/pg/fingerprint';
import { readSourceFolders } from '../../server/src/node/sources';
import type { CheckResult } from '../../server/src/core/types';
import { CLAIMS_PER_QUERY, PgBackend, type DatabaseStatus } from '../../server/src/pg/pgBackend';
import { makePool, redact, resolveDatabaseUrl } from '../../server/src/pg/connection';
import { indexFolders } from '../../server/src/pg/indexer';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../lsp/client';
import { Proxy, freshDatabase, requireDatabase, viaPort } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'corpus');
const MISSION = 'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.';
const MISSION_SOURCE = 'corpus/000_259cea779c2763bf.txt';

/** What two backends must agree on: verdicts, evidence, mismatches and reasons. */
function essence(r: CheckResult): unknown {
  const ev = (e: CheckResult['claims'][number]['evidence'][number]) => [e.path, e.uri, e.range, e.text, e.score, e.stance, e.date ?? null];
  return r.claims.map((c) => [
    c.range,
    c.verdict,
    c.evidence.map(ev),
    c.mismatches.map((m) => [m.kind, m.range, m.found, m.expected, ev(m.evidence)]),
    c.conflict?.note ?? '',
    c.reason ?? '',
    // The support too: a database slice holds only some of a document's
    // sentences, and what the model reads of the whole document must not differ.
    c.support ?? null,
  ]);
}

function inMemory(dirs: string[], cwd = ROOT): Checker {
  return new Checker(Corpus.fromSources(readSourceFolders(dirs, { cwd }).sources));
}

async function cli(argv: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const here = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runAsync(
      argv,
      (s) => (out += s),
      (s) => (err += s),
    );
    return { code, out, err };
  } finally {
    process.chdir(here);
  }
}

function copyCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-pg-corpus-'));
  for (const f of fs.readdirSync(BUNDLED)) fs.copyFileSync(path.join(BUNDLED, f), path.join(dir, f));
  return dir;
}

describe('PostgreSQL corpus backend', function () {
  this.timeout(120000);
  let db: Awaited<ReturnType<typeof freshDatabase>>;

  before(async function () {
    requireDatabase(this);
    db = await freshDatabase();
  });
  after(async () => {
    await db?.drop();
  });

  describe('the bundled corpus', () => {
    before(async () => {
      const pool = makePool(db.url);
      try {
        const r = await indexFolders(pool, [BUNDLED], { cwd: ROOT });
        assert.deepEqual([r.added, r.updated, r.unchanged, r.removed], [5, 0, 0, 0]);
        assert.equal(r.documents, 5);
      } finally {
        await pool.end();
      }
    });

    it('indexing again changes nothing (content hashes)', async () => {
      const { code, out } = await cli(['index', '--database', db.url, 'corpus']);
      assert.equal(code, 0);
      assert.match(out, /0 added, 0 updated, 5 unchanged, 0 removed/);
    });

    it('holds what the in-memory corpus holds', async () => {
      const corpus = Corpus.fromSources(readSourceFolders([BUNDLED], { cwd: ROOT }).sources);
      const backend = new PgBackend(db.url);
      try {
        assert.deepEqual(await backend.connect(), corpus.stats);
      } finally {
        await backend.close();
      }
    });

    it('finds the mission example contradicted, with the same verdict and evidence as in memory', async () => {
      const memory = inMemory([BUNDLED]).check(MISSION, { languageId: 'plaintext' });
      const backend = new PgBackend(db.url);
      try {
        const r = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(r.problem, undefined);
        assert.equal(r.claims.length, 1);
        const c = r.claims[0];
        assert.equal(c.verdict, 'contradicted');
        assert.equal(c.mismatches[0].found, '2018');
        assert.equal(c.mismatches[0].expected, '2019');
        assert.equal(c.mismatches[0].evidence.path, MISSION_SOURCE);
        assert.deepEqual(c.mismatches[0].evidence.range, memory.claims[0].mismatches[0].evidence.range);
        assert.deepEqual(essence(r), essence(memory));
      } finally {
        await backend.close();
      }
    });

    it('gives every seed claim the verdict, evidence and expected values of the in-memory backend', async () => {
      const seeds = fs
        .readFileSync(path.join(ROOT, 'test/fixtures/claims.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; draft: string });
      const checker = inMemory([BUNDLED]);
      const backend = new PgBackend(db.url);
      try {
        for (const s of seeds) {
          const r = await backend.check(s.draft, { languageId: 'plaintext' });
          assert.deepEqual(essence(r), essence(checker.check(s.draft, { languageId: 'plaintext' })), `${s.id}: ${s.draft}`);
        }
        // Also as one draft: claims share the fetched slice.
        const draft = fs.readFileSync(path.join(ROOT, 'examples/draft.md'), 'utf8');
        assert.deepEqual(essence(await new PgBackend(db.url).check(draft)), essence(checker.check(draft)));
      } finally {
        await backend.close();
      }
    });

    it('the CLI prints the same with --database as with the bundled corpus, in every format', async () => {
      for (const format of ['text', 'json', 'sarif']) {
        let memOut = '';
        let memCode: number;
        const here = process.cwd();
        process.chdir(ROOT);
        try {
          memCode = run(
            ['--format', format, 'examples/draft.md'],
            (s) => (memOut += s),
            () => undefined,
          );
        } finally {
          process.chdir(here);
        }
        const { code, out, err } = await cli(['--database', db.url, '--format', format, 'examples/draft.md']);
        assert.equal(err, '');
        assert.equal(code, 1);
        assert.equal(memCode, 1);
        assert.equal(out, memOut, format);
      }
    });

    it('reads the connection string from an environment variable', async () => {
      process.env.FACT_CHECK_PG_TEST_URL = db.url;
      try {
        const { code, out } = await cli(['--database', 'env:FACT_CHECK_PG_TEST_URL', 'examples/draft.md']);
        assert.equal(code, 1);
        assert.match(out, /Source says 2019, not 2018 \(corpus\/000_259cea779c2763bf\.txt:23\)/);
      } finally {
        delete process.env.FACT_CHECK_PG_TEST_URL;
      }
      const missing = await cli(['--database', 'env:FACT_CHECK_PG_NOT_SET', 'examples/draft.md']);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /^fact-check: the environment variable FACT_CHECK_PG_NOT_SET .*is not set\n$/);
      assert.equal(resolveDatabaseUrl('env', { FACT_CHECK_DATABASE_URL: 'postgres://x/y' }), 'postgres://x/y');
    });
  });

  describe('large drafts', () => {
    it("asks for a large draft's candidates in batches and checks it as memory does", async () => {
      // The sources' own sentences, more than CLAIMS_PER_QUERY (50) of them: two batches at least.
      const sentences = readSourceFolders([BUNDLED], { cwd: ROOT }).sources.flatMap((src) =>
        src.text
          .split(/(?<=[.?!])\s+/)
          .map((t) => t.trim())
          .filter((t) => t.length > 25 && t.length < 300 && /^[A-Z"]/.test(t)),
      );
      const draft = [...new Set(sentences)].join('\n\n');
      assert.ok(draft.split('\n\n').length > CLAIMS_PER_QUERY, 'more than one batch');
      const backend = new PgBackend(db.url);
      try {
        const r = await backend.check(draft, { languageId: 'plaintext' });
        assert.equal(r.problem, undefined);
        assert.deepEqual(essence(r), essence(inMemory([BUNDLED]).check(draft, { languageId: 'plaintext' })));
      } finally {
        await backend.close();
      }
    });

    it('leaves only the claims whose query ran past its bound unchecked, says so per claim, and keeps the database online', async () => {
      const { url: u, drop: dropMany } = await freshDatabase('fc_slow');
      const many = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-pg-slow-'));
      const pool = makePool(u);
      const statuses: DatabaseStatus[] = [];
      // A 1 ms bound: every candidate query over these 3,000 sentences sharing their words runs past it.
      const slow = new PgBackend(u, { candidateTimeoutMs: 1, onStatus: (x) => statuses.push(x) });
      const normal = new PgBackend(u);
      try {
        for (let i = 0; i < 3000; i++)
          fs.writeFileSync(path.join(many, `${i}.txt`), `Source number ${i} says the new bridge over the river opened in ${1900 + (i % 100)}.\n`);
        await indexFolders(pool, [many], { cwd: many });
        const draft = Array.from({ length: 60 }, (_, i) => `Source number ${i * 7} says the new bridge over the river opened in ${1950 + (i % 40)}.`).join(
          '\n\n',
        );
        const r = await slow.check(draft, { languageId: 'plaintext' });
        assert.equal(r.problem, undefined, 'not a database failure');
        assert.deepEqual(statuses, [], 'the database is not marked offline');
        const unchecked = r.claims.filter((c) => /^Not checked: the corpus database took too long to answer for this claim/.test(c.reason ?? ''));
        assert.ok(unchecked.length > 0, JSON.stringify(r.claims.slice(0, 2).map((c) => c.reason)));
        for (const c of unchecked)
          assert.deepEqual(
            c.gaps?.map((g) => g.reason),
            [c.reason],
          );
        const full = await normal.check(draft, { languageId: 'plaintext' });
        assert.ok(!full.claims.some((c) => /^Not checked/.test(c.reason ?? '')), 'with the default bound every claim is checked');
        assert.ok(full.claims.some((c) => c.verdict === 'contradicted'));
      } finally {
        await slow.close();
        await normal.close();
        await pool.end();
        await dropMany();
        fs.rmSync(many, { recursive: true, force: true });
      }
    });
  });

  describe('the language server with factCheck.corpus.database', () => {
    it('underlines the wrong year from the database corpus, the connection string read from the environment', async () => {
      const pool = makePool(db.url);
      await indexFolders(pool, [BUNDLED], { cwd: ROOT }).finally(() => pool.end());
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-pg-lsp-'));
      const draft = path.join(dir, 'draft.md');
      fs.writeFileSync(draft, MISSION + '\n');
      const uri = pathToFileURL(draft).toString();
      const client = await TestClient.start({
        workspaceFolder: dir,
        settings: { corpus: { database: 'env:FACT_CHECK_PG_LSP_URL', folders: [] } },
        env: { FACT_CHECK_PG_LSP_URL: db.url },
      });
      try {
        client.open(uri, MISSION + '\n');
        const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'contradicted-year'), 1);
        const d = diags.find((x) => x.code === 'contradicted-year')!;
        assert.equal(MISSION.slice(d.range.start.character, d.range.end.character), '2018');
        assert.match(typeof d.message === 'string' ? d.message : '', /2019/);
      } finally {
        await client.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('re-indexing', () => {
    let dir: string;
    let url: string;
    let drop: () => Promise<void>;
    before(async () => {
      dir = copyCorpus();
      ({ url, drop } = await freshDatabase('fc_reindex'));
    });
    after(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
      await drop();
    });

    it("indexes an archive beyond the editor's 20,000-file cap, and a second run removes nothing", async function () {
      this.timeout(180000);
      const big = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-pg-many-'));
      const { url: bigUrl, drop: dropBig } = await freshDatabase('fc_many');
      const pool = makePool(bigUrl);
      try {
        const n = 20005;
        for (let i = 0; i < n; i++)
          fs.writeFileSync(path.join(big, `${String(i).padStart(5, '0')}.txt`), `Source number ${i} says the bridge opened in ${1900 + (i % 100)}.\n`);
        const first = await indexFolders(pool, [big], { cwd: big });
        assert.equal(first.added, n);
        const again = await indexFolders(pool, [big], { cwd: big });
        assert.deepEqual([again.added, again.removed, again.unchanged], [0, 0, n]);
      } finally {
        await pool.end();
        await dropBig();
        fs.rmSync(big, { recursive: true, force: true });
      }
    });

    it('updates a changed source, removes a deleted one, and an open session sees it', async () => {
      const pool = makePool(url);
      const backend = new PgBackend(url);
      try {
        await indexFolders(pool, [dir], { cwd: dir });
        const before = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(before.claims[0].verdict, 'contradicted');

        // The source now says 2018: the claim is supported, as in memory.
        const file = path.join(dir, '000_259cea779c2763bf.txt');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('He met Putin in 2019 for the first time', 'He met Putin in 2018 for the first time'));
        const r = await indexFolders(pool, [dir], { cwd: dir });
        assert.deepEqual([r.added, r.updated, r.unchanged, r.removed], [0, 1, 4, 0]);
        const after = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(after.claims[0].verdict, 'supported');
        assert.deepEqual(essence(after), essence(inMemory([dir], dir).check(MISSION, { languageId: 'plaintext' })));

        // The source is deleted: nothing speaks to the claim any more.
        fs.rmSync(file);
        const r2 = await indexFolders(pool, [dir], { cwd: dir });
        assert.deepEqual([r2.added, r2.updated, r2.unchanged, r2.removed], [0, 0, 4, 1]);
        assert.equal(r2.documents, 4);
        const gone = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.deepEqual(essence(gone), essence(inMemory([dir], dir).check(MISSION, { languageId: 'plaintext' })));
        assert.notEqual(gone.claims[0].verdict, 'contradicted');
        const counts = await pool.query(
          'SELECT (SELECT count(*) FROM fc_sentences)::int AS s, (SELECT sentences FROM fc_state)::int AS t, (SELECT count(*) FROM fc_terms WHERE df <= 0)::int AS z',
        );
        assert.equal(counts.rows[0].s, counts.rows[0].t, 'the sentence total is kept exactly');
        assert.equal(counts.rows[0].z, 0, 'no term is left with no sentence');
      } finally {
        await backend.close();
        await pool.end();
      }
    });

    it('knows a document by its file, whatever folder the run starts in, and removes copies older runs left', async () => {
      const own = copyCorpus();
      const { url: u, drop: dropOwn } = await freshDatabase('fc_identity');
      const pool = makePool(u);
      const backend = new PgBackend(u);
      try {
        const first = await indexFolders(pool, [own], { cwd: own });
        assert.equal(first.documents, 5);
        // The same folder from its parent: the same five documents, not ten.
        const fromParent = await indexFolders(pool, [path.basename(own)], { cwd: path.dirname(own) });
        assert.deepEqual([fromParent.added, fromParent.removed, fromParent.documents], [0, 0, 5]);
        // Corrected and indexed from the parent: the one document is updated, so no stale copy disagrees with it.
        const file = path.join(own, '000_259cea779c2763bf.txt');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('He met Putin in 2019 for the first time', 'He met Putin in 2018 for the first time'));
        const fixed = await indexFolders(pool, [path.basename(own)], { cwd: path.dirname(own) });
        assert.deepEqual([fixed.added, fixed.updated, fixed.documents], [0, 1, 5]);
        const after = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(after.claims[0].verdict, 'supported');
        assert.equal(after.claims[0].conflict, undefined, 'no stale copy makes the sources disagree');
        // A copy an older build indexed under another name (same file) is removed by the next run.
        await pool.query(
          "INSERT INTO fc_documents (path, uri, root, date, hash, mode, sentences, chars, terms_fingerprint) SELECT 'elsewhere/' || path, uri, 'elsewhere', date, hash, mode, 0, chars, terms_fingerprint FROM fc_documents",
        );
        await pool.query('UPDATE fc_state SET documents = documents + 5');
        const cleaned = await indexFolders(pool, [own], { cwd: own });
        assert.deepEqual([cleaned.removed, cleaned.documents], [5, 5]);
        const rows = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_documents');
        assert.equal(rows.rows[0].n, 5);
      } finally {
        await backend.close();
        await pool.end();
        await dropOwn();
        fs.rmSync(own, { recursive: true, force: true });
      }
    });

    it('a run that fails midway leaves the previous state intact', async () => {
      const pool = makePool(url);
      try {
        const state = async () => (await pool.query('SELECT path, hash FROM fc_documents ORDER BY path')).rows;
        const terms = async () => (await pool.query('SELECT sum(df)::int AS n FROM fc_terms')).rows[0].n;
        const before = await state();
        const termsBefore = await terms();
        for (const f of fs.readdirSync(dir)) fs.appendFileSync(path.join(dir, f), '\nIn 1999, Pyongyang built 42 bridges.\n');
        let n = 0;
        await assert.rejects(
          indexFolders(pool, [dir], {
            cwd: dir,
            onFile: () => {
              if (++n === 3) throw new Error('disk on fire');
            },
          }),
          /disk on fire/,
        );
        assert.deepEqual(await state(), before);
        assert.equal(await terms(), termsBefore);
        // The next run does the work.
        const r = await indexFolders(pool, [dir], { cwd: dir });
        assert.equal(r.updated, 4);
      } finally {
        await pool.end();
      }
    });
  });

  describe('upgrades', () => {
    /** Turns a current database into what fact-check's schema version 1 left: a tsvector column and index, a trigram index, no fingerprints. */
    async function makeVersion1(pool: ReturnType<typeof makePool>): Promise<void> {
      await pool.query(`ALTER TABLE fc_sentences ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector;
        CREATE INDEX fc_sentences_tsv ON fc_sentences USING gin (tsv);
        ALTER TABLE fc_state DROP COLUMN terms_fingerprint;
        ALTER TABLE fc_documents DROP COLUMN terms_fingerprint;
        ALTER TABLE fc_documents DROP COLUMN written;
        UPDATE fc_state SET schema_version = 1`);
      // Version 1 also made a trigram index, where the pg_trgm extension is available.
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX fc_terms_trgm ON fc_terms USING gin (term gin_trgm_ops)').catch(() => undefined);
    }

    it('a version 1 corpus is upgraded, its documents indexed again folder by folder, and checkers say so until all are', async () => {
      const dir = copyCorpus();
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-pg-other-'));
      fs.writeFileSync(path.join(other, 'bridge.txt'), 'The Kerch bridge opened in 2018 after two years of work.\n');
      const { url, drop } = await freshDatabase('fc_upgrade');
      const pool = makePool(url);
      const statuses: DatabaseStatus[] = [];
      const backend = new PgBackend(url, { onStatus: (s) => statuses.push(s) });
      const stale = /terms made by an older fact-check/;
      try {
        await indexFolders(pool, [dir, other], { cwd: dir });
        await makeVersion1(pool);

        const before = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(before.claims[0].verdict, 'contradicted', 'checking goes on meanwhile (a version 1 database has no fingerprint column)');
        assert.match(backend.notice ?? '', stale);
        assert.equal(statuses.filter((x) => stale.test(x.message)).length, 1, 'said once');

        // Indexing one folder upgrades the schema and re-indexes that folder only: the warning stays.
        const lines: string[] = [];
        const r = await indexFolders(pool, [other], { cwd: dir, log: (l) => lines.push(l) });
        assert.equal(r.engineChanged, true);
        assert.deepEqual([r.added, r.updated, r.unchanged, r.removed], [0, 1, 0, 0]);
        assert.ok(
          lines.some((l) => /6 documents were indexed by a fact-check that extracts terms differently/.test(l)),
          lines.join('\n'),
        );
        const columns = await pool.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'fc_sentences' AND column_name = 'tsv'");
        const indexes = await pool.query("SELECT count(*)::int AS n FROM pg_indexes WHERE indexname IN ('fc_sentences_tsv', 'fc_terms_trgm')");
        assert.deepEqual([columns.rows[0].n, indexes.rows[0].n], [0, 0]);
        const half = await pool.query('SELECT schema_version, terms_fingerprint FROM fc_state');
        assert.deepEqual(half.rows[0], { schema_version: 3, terms_fingerprint: null });
        await backend.check(MISSION, { languageId: 'plaintext' });
        assert.match(backend.notice ?? '', stale);

        // The other folder too: every document is current, and the warning goes.
        const r2 = await indexFolders(pool, [dir], { cwd: dir });
        assert.deepEqual([r2.updated, r2.unchanged], [5, 0]);
        assert.equal((await pool.query('SELECT terms_fingerprint FROM fc_state')).rows[0].terms_fingerprint, termsFingerprint());
        const again = await indexFolders(pool, [dir, other], { cwd: dir });
        assert.deepEqual([again.engineChanged, again.updated, again.unchanged], [false, 0, 6]);
        const after = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(backend.notice, undefined);
        assert.deepEqual(essence(after), essence(inMemory([dir, other], dir).check(MISSION, { languageId: 'plaintext' })));
      } finally {
        await backend.close();
        await pool.end();
        await drop();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(other, { recursive: true, force: true });
      }
    });

    it('checkers are not kept waiting while an index run is in progress', async () => {
      const dir = copyCorpus();
      const { url, drop } = await freshDatabase('fc_readers');
      const pool = makePool(url);
      const reader = makePool(url);
      try {
        await indexFolders(pool, [dir], { cwd: dir });
        for (const f of fs.readdirSync(dir)) fs.appendFileSync(path.join(dir, f), '\nIn 1999, Pyongyang built 42 bridges.\n');
        let read: number | undefined;
        await indexFolders(pool, [dir], {
          cwd: dir,
          // Mid-run, inside the writer's transaction: a reader that had to wait for a lock would time out.
          onFile: async () => {
            if (read !== undefined) return;
            const client = await reader.connect();
            try {
              await client.query("SET lock_timeout = '2s'");
              read = (
                await client.query(
                  'SELECT count(*)::int AS n FROM fc_sentences JOIN fc_state ON true JOIN fc_documents ON fc_documents.id = fc_sentences.doc_id',
                )
              ).rows[0].n;
            } finally {
              client.release();
            }
          },
        });
        assert.ok(read !== undefined && read > 0, 'the reader saw the previous state');
      } finally {
        await reader.end();
        await pool.end();
        await drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a database that goes away', () => {
    it('says so once, keeps checking with what it has, and reconnects when it is back', async () => {
      const proxy = Proxy.forUrl(db.url);
      const port = await proxy.start();
      const statuses: DatabaseStatus[] = [];
      const backend = new PgBackend(viaPort(db.url, port), { retryMs: 0, pool: { connectionTimeoutMillis: 2000 }, onStatus: (s) => statuses.push(s) });
      const other = 'Kim and Putin will sign a trade agreement in Vladivostok.';
      try {
        const first = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(first.claims[0].verdict, 'contradicted');

        await proxy.stop();
        const again = await backend.check(MISSION, { languageId: 'plaintext' });
        assert.match(again.problem ?? '', /cannot reach the corpus database at 127\.0\.0\.1:\d+/);
        assert.deepEqual(essence(again), essence(first), 'what was fetched still checks the same');
        const unseen = await backend.check(other, { languageId: 'plaintext' });
        assert.equal(unseen.claims[0].verdict, 'unverified');
        assert.match(unseen.claims[0].reason ?? '', /^Not checked: cannot reach the corpus database/);
        // No part of an unchecked claim is said to be missing from the sources.
        assert.deepEqual(
          unseen.claims[0].gaps?.map((g) => g.reason),
          [unseen.claims[0].reason],
        );
        await backend.check(MISSION, { languageId: 'plaintext' });
        assert.equal(statuses.length, 1, 'the outage is reported once');
        assert.equal(statuses[0].online, false);
        assert.doesNotMatch(statuses[0].message, /password/);

        proxy.port = port;
        await proxy.start();
        const back = await backend.check(other, { languageId: 'plaintext' });
        assert.equal(back.problem, undefined);
        assert.deepEqual(essence(back), essence(inMemory([BUNDLED]).check(other, { languageId: 'plaintext' })));
        assert.deepEqual(
          statuses.map((s) => s.online),
          [false, true],
        );
      } finally {
        await backend.close();
        await proxy.stop();
      }
    });

    it('notices by itself that it is back, so "Not checked" findings are checked again without an edit', async () => {
      const proxy = Proxy.forUrl(db.url);
      const port = await proxy.start();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-pg-back-'));
      const uri = pathToFileURL(path.join(dir, 'draft.md')).toString();
      const client = await TestClient.start({
        workspaceFolder: dir,
        settings: { corpus: { database: 'env:FACT_CHECK_PG_LSP_URL', folders: [] } },
        env: { FACT_CHECK_PG_LSP_URL: viaPort(db.url, port) },
      });
      const notChecked = (ds: { message: unknown }[]) => ds.some((d) => /^Not checked/.test(String(d.message)));
      try {
        client.open(uri, MISSION + '\n');
        await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'contradicted-year'), 1);
        await proxy.stop();
        const v2 = client.change(uri, [
          {
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
            text: '\nKim and Putin will sign a trade agreement in Vladivostok.\n',
          },
        ]);
        await client.waitForDiagnostics(uri, notChecked, v2);
        proxy.port = port;
        await proxy.start();
        // No edit: the server learns the database is back and checks the draft again.
        await client.waitForDiagnostics(uri, (d) => !notChecked(d) && d.some((x) => x.code === 'contradicted-year'), v2, 20000);
        assert.ok(client.messages.some((m) => /reachable again/.test(m.message)));
      } finally {
        await client.stop();
        await proxy.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the CLI fails with one line and no password when the database cannot be reached', async () => {
      const proxy = Proxy.forUrl(db.url);
      const port = await proxy.start();
      await proxy.stop();
      const u = new URL(viaPort(db.url, port));
      u.password = 'sekret';
      const { code, out, err } = await cli(['--database', u.toString(), 'examples/draft.md']);
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.match(err, /^fact-check: cannot reach the corpus database at 127\.0\.0\.1:\d+\/fc_test\w* \(ECONNREFUSED\)\n$/);
      assert.doesNotMatch(err, /sekret/);
      assert.doesNotMatch(redact(u.toString()), /sekret/);
      const idx = await cli(['index', '--database', u.toString(), 'corpus']);
      assert.equal(idx.code, 2);
      assert.doesNotMatch(idx.err, /sekret/);
    });

    it('an empty database is reported as such', async () => {
      const empty = await freshDatabase('fc_empty');
      try {
        const { code, err } = await cli(['--database', empty.url, 'examples/draft.md']);
        assert.equal(code, 2);
        assert.match(err, /holds no corpus yet \(run fact-check index/);
      } finally {
        await empty.drop();
      }
    });
  });
});
