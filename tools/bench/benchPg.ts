/**
 * `npm run bench:pg` (or, after `node tools/build.mjs --bench`, `bash tools/pg-test.sh -- node dist/bench-pg.js [options]`):
 * the PostgreSQL backend at scale, run by hand (not in CI).
 *
 *   --database URL      server to use (default $FACT_CHECK_TEST_DATABASE_URL); a fresh database is made on it and dropped
 *   --sentences N       synthetic corpus size (default 100000)
 *   --claims N          single-claim checks timed (default 200)
 *   --workers N         concurrent checkers, each a process of its own (default 20)
 *   --per-worker N      checks per concurrent checker (default 25)
 *   --compare           also build the corpus in memory and compare verdicts on the timed claims
 *
 * Prints the figures and writes them as JSON to bench-results/pg-*.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { readSourceFolders } from '../../server/src/node/sources';
import type { CheckResult } from '../../server/src/core/types';
import { PgBackend } from '../../server/src/pg/pgBackend';
import { makePool } from '../../server/src/pg/connection';
import { indexFolders } from '../../server/src/pg/indexer';
import { alterNumber, prng, syntheticCorpus } from './benchData';

const ROOT = resolve(__dirname, '..');
const log = (s: string) => process.stderr.write(s + '\n');

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

function stat(xs: number[]): { median: number; p95: number; mean: number; n: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { median: r(q(0.5)), p95: r(q(0.95)), mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), n: s.length };
}

/** Claims from the corpus: half as written, half with a number or year altered. */
function claimsOf(docs: { text: string }[], n: number, seed: number): string[] {
  const r = prng(seed);
  const out: string[] = [];
  while (out.length < n) {
    const d = docs[Math.floor(r() * docs.length)];
    const lines = d.text.split('\n').filter((l) => l.trim() && !l.startsWith(' date'));
    const line = lines[Math.floor(r() * lines.length)] ?? '';
    const sentence = line.split(/(?<=\.)\s+(?=[A-Z])/)[0];
    if (!sentence || sentence.length < 30) continue;
    out.push(out.length % 2 ? (alterNumber(r, sentence) ?? sentence) : sentence);
  }
  return out;
}

async function worker(url: string, seed: number, count: number, sentences: number): Promise<void> {
  const docs = syntheticCorpus(sentences, 7);
  const claims = claimsOf(docs, count, seed);
  const backend = new PgBackend(url, { pool: { max: 1 } });
  await backend.connect();
  // Warm up the NLP model before the clock starts.
  await backend.check('Warm-up sentence about Paris in 2001.', { languageId: 'plaintext' });
  process.stdout.write('ready\n');
  // The parent says "go" on stdin; stdin is then closed so the worker can exit when done.
  await new Promise<void>((res) =>
    process.stdin.once('data', () => {
      process.stdin.destroy();
      res();
    }),
  );
  const times: number[] = [];
  for (const c of claims) {
    const t = performance.now();
    const r = await backend.check(c, { languageId: 'plaintext' });
    if (r.problem) throw new Error(r.problem);
    times.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ times }) + '\n');
  await backend.close();
}

async function main(): Promise<void> {
  if (process.argv.includes('--worker')) {
    await worker(arg('--database', ''), Number(arg('--seed', '1')), Number(arg('--count', '25')), Number(arg('--sentences', '100000')));
    return;
  }
  const server = arg('--database', process.env.FACT_CHECK_TEST_DATABASE_URL ?? '');
  if (!server)
    throw new Error('no database: pass --database URL or set FACT_CHECK_TEST_DATABASE_URL (bash tools/pg-test.sh -- npx tsx tools/bench/benchPg.ts)');
  const sentences = Number(arg('--sentences', '100000'));
  const nClaims = Number(arg('--claims', '200'));
  const workers = Number(arg('--workers', '20'));
  const perWorker = Number(arg('--per-worker', '25'));

  const name = `fc_bench_${process.pid}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = '/' + name;
  const url = u.toString();
  const dir = mkdtempSync(join(tmpdir(), 'fact-check-bench-pg-'));
  const result: Record<string, unknown> = { sentences, cpus: cpus().length, cpu: cpus()[0]?.model };
  try {
    log(`writing a synthetic corpus of ${sentences} sentences`);
    const docs = syntheticCorpus(sentences, 7);
    docs.forEach((d) => {
      const p = join(dir, d.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, d.text);
    });
    const pool = makePool(url, { max: 1, statement_timeout: 0, query_timeout: undefined });
    log('indexing into PostgreSQL');
    const first = await indexFolders(pool, [dir], { cwd: dir, cacheDir: false });
    log(`  ${first.added} documents, ${first.sentences} sentences, ${first.mode} terms, ${(first.ms / 1000).toFixed(1)} s`);
    const again = await indexFolders(pool, [dir], { cwd: dir, cacheDir: false });
    log(`  re-index, nothing changed: ${(again.ms / 1000).toFixed(2)} s`);
    const size = await pool.query<{ db: string; sent: string }>(
      `SELECT pg_size_pretty(pg_database_size(current_database())) AS db, pg_size_pretty(pg_total_relation_size('fc_sentences')) AS sent`,
    );
    await pool.end();
    result.index = {
      documents: first.added,
      sentences: first.sentences,
      mode: first.mode,
      seconds: first.ms / 1000,
      reindexUnchangedSeconds: again.ms / 1000,
      databaseSize: size.rows[0].db,
      sentencesTableSize: size.rows[0].sent,
    };

    // One checker, one claim at a time, each claim new (nothing cached).
    const claims = claimsOf(docs, nClaims, 11);
    const backend = new PgBackend(url, { pool: { max: 1 } });
    await backend.check('Warm-up sentence about Paris in 2001.', { languageId: 'plaintext' });
    const times: number[] = [];
    const dbResults: CheckResult[] = [];
    for (const c of claims) {
      const t = performance.now();
      const r = await backend.check(c, { languageId: 'plaintext' });
      times.push(performance.now() - t);
      if (r.problem) throw new Error(r.problem);
      dbResults.push(r);
    }
    // The same claims again: served from the backend's cache (what typing costs).
    const cached: number[] = [];
    for (const c of claims.slice(0, 50)) {
      const t = performance.now();
      await backend.check(c, { languageId: 'plaintext' });
      cached.push(performance.now() - t);
    }
    await backend.close();
    result.singleClaimMs = stat(times);
    result.cachedClaimMs = stat(cached);
    log(`per-claim check, new claims: ${JSON.stringify(result.singleClaimMs)}`);
    log(`per-claim check, cached:     ${JSON.stringify(result.cachedClaimMs)}`);
    const verdicts = dbResults.map((r) => r.claims.map((c) => c.verdict).join(','));
    const count = (v: string) => verdicts.filter((x) => x === v).length;
    result.verdicts = { supported: count('supported'), contradicted: count('contradicted'), unverified: count('unverified') };
    log(`verdicts: ${JSON.stringify(result.verdicts)}`);

    if (process.argv.includes('--compare')) {
      log('building the same corpus in memory to compare');
      const t = performance.now();
      const checker = new Checker(Corpus.fromSources(readSourceFolders([dir], { cwd: dir }).sources));
      const buildMs = performance.now() - t;
      const memTimes: number[] = [];
      let same = 0;
      claims.forEach((c, i) => {
        const t0 = performance.now();
        const m = checker.check(c, { languageId: 'plaintext' });
        memTimes.push(performance.now() - t0);
        const key = (r: typeof m) =>
          JSON.stringify(r.claims.map((x) => [x.verdict, x.evidence.map((e) => [e.path, e.range, e.score]), x.mismatches.map((mm) => mm.expected)]));
        if (key(m) === key(dbResults[i])) same++;
      });
      result.compare = { inMemoryBuildSeconds: buildMs / 1000, inMemoryClaimMs: stat(memTimes), identical: same, of: claims.length };
      log(`in memory: built in ${(buildMs / 1000).toFixed(1)} s, per claim ${JSON.stringify(stat(memTimes))}; identical results ${same}/${claims.length}`);
    }

    // Concurrent checkers: each a process with its own connection.
    log(`${workers} concurrent checkers × ${perWorker} claims`);
    const procs = Array.from({ length: workers }, (_, i) =>
      spawn(
        process.execPath,
        [
          ...process.execArgv,
          __filename,
          '--worker',
          '--database',
          url,
          '--seed',
          String(100 + i),
          '--count',
          String(perWorker),
          '--sentences',
          String(sentences),
        ],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
      ),
    );
    // Listen for exits now: a worker may be gone before the results are read.
    const exited = procs.map((p) => new Promise((res) => p.on('exit', res)));
    const lines = procs.map((p) => {
      let buf = '';
      const waiters: ((l: string) => void)[] = [];
      const queue: string[] = [];
      p.stdout.on('data', (d) => {
        buf += d;
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const l = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const w = waiters.shift();
          if (w) w(l);
          else queue.push(l);
        }
      });
      return () =>
        new Promise<string>((res) => {
          const q = queue.shift();
          if (q !== undefined) res(q);
          else waiters.push(res);
        });
    });
    await Promise.all(lines.map((next) => next()));
    const t0 = performance.now();
    for (const p of procs) p.stdin.write('go\n');
    const outs = await Promise.all(lines.map((next) => next()));
    const wall = performance.now() - t0;
    const all = outs.flatMap((o) => (JSON.parse(o) as { times: number[] }).times);
    result.concurrent = {
      workers,
      claims: all.length,
      wallSeconds: wall / 1000,
      claimsPerSecond: Math.round((all.length / (wall / 1000)) * 10) / 10,
      latencyMs: stat(all),
    };
    log(`concurrent: ${JSON.stringify(result.concurrent)}`);
    await Promise.all(exited);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results', `pg-${sentences}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  log(`written to ${file}`);
}

main().catch((e) => {
  log(`bench-pg: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
});
