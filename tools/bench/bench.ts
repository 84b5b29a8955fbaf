/**
 * `npm run bench`: speed and recall of the engine at every scale. Prints a
 * table and writes the same figures as JSON to bench-results/.
 *
 *   npm run bench                      everything (~several minutes on 2 cores; runs bundled, as dist/bench.js)
 *   npm run bench -- --sizes 1000,10000   corpus-scale sizes to run
 *   npm run bench -- --skip-lsp --skip-cli
 *
 * Inputs are generated here from a fixed seed, so runs are comparable.
 * Corpus-scale sizes each run in a child process, whose peak RSS is reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { IndexCache } from '../../server/src/node/indexCache';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import { draftOf, perturb, prng, syntheticCorpus } from './benchData';

const ROOT = resolve(__dirname, '..');

interface Stat {
  median: number;
  p95: number;
  n: number;
}
function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: round(q(0.5)), p95: round(q(0.95)), n: s.length };
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}
const log = (s: string) => process.stderr.write(s + '\n');

// ---------------------------------------------------------------- worker: one corpus size

interface ScaleResult {
  sentences: number;
  documents: number;
  mode: string;
  chars: number;
  buildMs: number;
  cacheWriteMs?: number;
  cacheLoadMs?: number;
  peakRssMb: number;
  baselineRssMb: number;
  indexMb: number;
  claim: Stat;
  recall: number;
  queries: number;
  fuse?: { buildMs: number; claim: Stat; recall: number; queries: number; oursRecallSameQueries: number; oursMedianSameQueries: number; speedup: number };
}

function worker(n: number, queries: number, fuseQueries: number): ScaleResult {
  const baselineRssMb = process.memoryUsage().rss / 1048576;
  const sources = syntheticCorpus(n, 7);
  let chars = 0;
  for (const s of sources) chars += s.text.length;
  const [corpus, buildMs] = time(() => Corpus.fromSources(sources));
  const checker = new Checker(corpus);
  const r = prng(11);
  const qs: { id: number; text: string }[] = [];
  const total = corpus.stats.sentences;
  for (let k = 0; k < queries; k++) {
    const id = Math.floor(r() * total);
    qs.push({ id, text: perturb(r, corpus.sentence(id)!.text, k) });
  }
  // Warm the code paths (JIT, wink model) before timing.
  for (const q of qs.slice(0, 5)) checker.check(q.text + ' ', { languageId: 'plaintext' });
  const times: number[] = [];
  const hits: boolean[] = [];
  for (const q of qs) {
    const [res, ms] = time(() => checker.check(q.text, { languageId: 'plaintext' }));
    times.push(ms);
    hits.push(res.claims[0]?.evidence[0]?.sentenceId === q.id);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const out: ScaleResult = {
    sentences: total,
    documents: corpus.stats.documents,
    mode: corpus.build.mode,
    chars,
    buildMs: round(buildMs),
    peakRssMb: round(peakRssMb),
    baselineRssMb: round(baselineRssMb),
    indexMb: round(corpus.index.bytes / 1048576),
    claim: stat(times),
    recall: round(hits.filter(Boolean).length / hits.length),
    queries: qs.length,
  };
  if (fuseQueries > 0) {
    const texts: string[] = [];
    for (let i = 0; i < total; i++) texts.push(corpus.sentence(i)!.text);
    const [fuse, fb] = time(() => new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.6, minMatchCharLength: 3 }));
    const sample = qs.slice(0, fuseQueries);
    const ft: number[] = [];
    let fh = 0;
    for (const q of sample) {
      const [res, ms] = time(() => fuse.search(q.text, { limit: 1 }));
      ft.push(ms);
      if (res[0]?.refIndex === q.id) fh++;
    }
    const claim = stat(ft);
    const ours = stat(times.slice(0, sample.length));
    out.fuse = {
      buildMs: round(fb),
      claim,
      recall: round(fh / sample.length),
      queries: sample.length,
      oursRecallSameQueries: round(hits.slice(0, sample.length).filter(Boolean).length / sample.length),
      oursMedianSameQueries: ours.median,
      speedup: Math.round(claim.median / ours.median),
    };
  }
  if (n <= 200_000) {
    // The index cache: a cold start that writes it, then a start that reads it.
    const dir = mkdtempSync(join(tmpdir(), 'fc-bench-cache-'));
    try {
      const [, w] = time(() => Corpus.fromSources(sources, undefined, { cache: new IndexCache(dir) }));
      const [c2, l] = time(() => Corpus.fromSources(sources, undefined, { cache: new IndexCache(dir) }));
      if (c2.build.cacheHits !== sources.length) log(`warning: cache hits ${c2.build.cacheHits}/${sources.length}`);
      out.cacheWriteMs = round(w);
      out.cacheLoadMs = round(l);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

// ---------------------------------------------------------------- bundled corpus: drafts and edits

function bundled(): Record<string, unknown> {
  const { sources } = readSourceFolders([bundledCorpusDir()]);
  const corpus = Corpus.fromSources(sources);
  const texts: string[] = [];
  for (let i = 0; i < corpus.stats.sentences; i++) texts.push(corpus.sentence(i)!.text);
  // Warm-up, as in a server that has been running a while: the JIT, the wink
  // model and the corpus-side caches. The drafts measured below are new to
  // every checker (other seeds), so their paragraphs are all checked afresh.
  for (let i = 0; i < 20; i++) new Checker(corpus).check(draftOf(texts, 2000, 99 - i));
  // The first draft checked against a corpus just loaded: the checker's
  // corpus-side caches (neighbourhoods, near spellings) are still empty.
  const firstRuns: number[] = [];
  for (let i = 0; i < 10; i++) {
    const fresh = Corpus.fromSources(sources);
    firstRuns.push(time(() => new Checker(fresh).check(draftOf(texts, 2000, 500 + i)))[1]);
  }
  const drafts: Record<string, unknown> = { firstAfterLoad: stat(firstRuns) };
  log(`  first 2000-word draft after loading the corpus: ${stat(firstRuns).median.toFixed(1)} ms`);
  for (const words of [500, 2000, 10000]) {
    const runs = words === 10000 ? 20 : 40;
    const cold: number[] = [];
    const warm: number[] = [];
    let claims = 0;
    for (let i = 0; i < runs; i++) {
      const draft = draftOf(texts, words, 1000 + i);
      const checker = new Checker(corpus);
      const [res, ms] = time(() => checker.check(draft));
      cold.push(ms);
      claims += res.claims.length;
      warm.push(time(() => checker.check(draft))[1]);
    }
    drafts[words] = { cold: stat(cold), warm: stat(warm), claimsPerDraft: Math.round(claims / runs) };
    log(`  draft ${words} words: cold ${stat(cold).median.toFixed(1)} ms, warm ${stat(warm).median.toFixed(2)} ms`);
  }
  // One sentence of the 2,000-word draft edited: only its paragraph is checked again.
  const base = draftOf(texts, 2000, 1000);
  const checker = new Checker(corpus);
  checker.check(base);
  const edits = editsOf(base, 30);
  const inc: number[] = [];
  for (const e of edits) inc.push(time(() => checker.check(e.text))[1]);
  drafts.incremental = stat(inc);
  log(`  one-sentence edit (engine): ${stat(inc).median.toFixed(2)} ms`);
  // The same for a draft written as one paragraph of 300,000 characters (a pasted
  // transcript): it is checked in pieces, so an edit re-reads one piece.
  const line = draftOf(texts, 50_000, 2000)
    .replace(/^# Draft\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, 300_000);
  const lineChecker = new Checker(corpus);
  const plain = { languageId: 'plaintext' };
  lineChecker.check(line, plain);
  const lineEdits: number[] = [];
  for (const e of editsOf(line, 10)) lineEdits.push(time(() => lineChecker.check(e.text, plain))[1]);
  drafts.longLineEdit = { ...stat(lineEdits), chars: line.length };
  log(`  one-sentence edit, one-paragraph ${line.length}-character draft (engine): ${stat(lineEdits).median.toFixed(0)} ms`);
  return { corpus: corpus.stats, drafts };
}

/** Edits of one sentence each: a number changed (or a word added), at different places. */
function editsOf(base: string, n: number): { text: string; offset: number; removed: string; inserted: string }[] {
  const r = prng(5);
  const nums = [...base.matchAll(/\b\d{1,4}\b/g)];
  const out: { text: string; offset: number; removed: string; inserted: string }[] = [];
  for (let i = 0; i < n; i++) {
    const m = nums[Math.floor(r() * nums.length)];
    const inserted = String(+m[0] + 1 + i);
    out.push({ text: base.slice(0, m.index) + inserted + base.slice(m.index + m[0].length), offset: m.index, removed: m[0], inserted });
  }
  return out;
}

// ---------------------------------------------------------------- the real server over LSP

async function lsp(draft: string, edits: number, cacheDir: string): Promise<{ firstDiagnosticsMs: number; editToDiagnostics: Stat }> {
  const rpc = await import('vscode-jsonrpc/node');
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], {
    env: { ...process.env, FACT_CHECK_CACHE_DIR: cacheDir },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const waiters = new Map<number, (t: number) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
    const w = p.version !== undefined ? waiters.get(p.version) : undefined;
    if (w) {
      waiters.delete(p.version!);
      w(performance.now());
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => undefined);
  conn.listen();
  const diagnostics = (version: number) => new Promise<number>((res) => waiters.set(version, res));
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-ws-'));
  const uri = pathToFileURL(join(dir, 'draft.md')).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  const first = diagnostics(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });
  const firstDiagnosticsMs = (await first) - t0;
  const times: number[] = [];
  let text = draft;
  const r = prng(9);
  for (let v = 2; v < 2 + edits; v++) {
    const nums = [...text.matchAll(/\b\d{1,4}\b/g)];
    const m = nums[Math.floor(r() * nums.length)];
    const inserted = String(+m[0] + 1);
    const before = text.slice(0, m.index);
    const line = before.split('\n').length - 1;
    const character = m.index - (before.lastIndexOf('\n') + 1);
    text = before + inserted + text.slice(m.index + m[0].length);
    const done = diagnostics(v);
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + m[0].length } }, text: inserted }],
    });
    times.push((await done) - t);
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  proc.kill();
  rmSync(dir, { recursive: true, force: true });
  return { firstDiagnosticsMs: round(firstDiagnosticsMs), editToDiagnostics: stat(times) };
}

function cli(runs: number, cacheDir: string | undefined): Stat {
  const env = { ...process.env, ...(cacheDir ? { FACT_CHECK_CACHE_DIR: cacheDir, FACT_CHECK_CACHE: 'on' } : { FACT_CHECK_CACHE: 'off' }) };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/fact-check.js'), join(ROOT, 'examples/draft.md')], { env, cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`fact-check exited ${r.status}: ${r.stderr}`);
  }
  return stat(times);
}

// ---------------------------------------------------------------- main

function runWorker(n: number, queries: number, fuseQueries: number): Promise<ScaleResult> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename, '--worker', String(n), String(queries), String(fuseQueries)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code, signal) => {
      if (code !== 0) return rej(new Error(`worker ${n} failed (${code ?? signal})`));
      res(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (arg('--sizes') ?? '1000,10000,100000,1000000').split(',').map(Number);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    loadavgAtStart: loadavg().map((x) => round(x)),
  };
  const table: string[] = [];
  const row = (what: string, figure: string, target = '') => table.push(`${what.padEnd(58)} ${figure.padEnd(36)} ${target}`);

  log('bundled corpus: drafts');
  const b = bundled();
  results.bundled = b;
  const d = b.drafts as Record<string, { cold: Stat; warm: Stat }> & { incremental: Stat; firstAfterLoad: Stat; longLineEdit: Stat & { chars: number } };
  for (const w of ['500', '2000', '10000']) {
    row(
      `full check, new ${w}-word draft, fresh checker`,
      `median ${d[w].cold.median.toFixed(1)} ms, p95 ${d[w].cold.p95.toFixed(1)} ms`,
      w === '2000' ? '≤ 20 ms' : '',
    );
    row(`  same draft again (paragraph cache warm)`, `median ${d[w].warm.median.toFixed(2)} ms, p95 ${d[w].warm.p95.toFixed(2)} ms`);
  }
  row('  first 2,000-word draft after loading the corpus', `median ${d.firstAfterLoad.median.toFixed(1)} ms (${d.firstAfterLoad.n} loads)`);
  row('one-sentence edit, 2,000 words, engine', `median ${d.incremental.median.toFixed(2)} ms, p95 ${d.incremental.p95.toFixed(2)} ms`, '≤ 5 ms');
  row(
    `one-sentence edit, one ${d.longLineEdit.chars.toLocaleString('en')}-character paragraph`,
    `median ${d.longLineEdit.median.toFixed(0)} ms, p95 ${d.longLineEdit.p95.toFixed(0)} ms`,
  );

  const cacheDir = mkdtempSync(join(tmpdir(), 'fc-bench-cli-cache-'));
  try {
    if (!argv.includes('--skip-lsp')) {
      log('language server');
      const { sources } = readSourceFolders([bundledCorpusDir()]);
      const texts = Corpus.fromSources(sources);
      const all: string[] = [];
      for (const s of texts.sentenceList()) all.push(s.text);
      const draft = draftOf(all, 2000, 1000);
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await lsp(draft, i === 0 ? 15 : 5, cacheDir));
      const first = stat(runs.map((r) => r.firstDiagnosticsMs));
      const edit = runs[0].editToDiagnostics;
      // The server waits a short typing delay before checking; it is part of what a writer sees.
      const delay = Number(
        /const TYPING_DELAY_MS = (\d+)/.exec(readFileSync(join(__dirname, '..', 'server', 'src', 'lsp', 'state', 'documentChecks.ts'), 'utf8'))?.[1] ?? NaN,
      );
      results.lsp = { firstDiagnostics: first, editToDiagnostics: edit, typingDelayMs: delay };
      row('server: spawn to first diagnostics (2,000 words)', `median ${first.median.toFixed(0)} ms (${first.n} runs)`);
      row('server: didChange to publishDiagnostics (one sentence)', `median ${edit.median.toFixed(0)} ms, p95 ${edit.p95.toFixed(0)} ms`, '≤ 30 ms');
      row("  of which the server's typing delay (checks.ts)", `${delay} ms`);
    }
    if (!argv.includes('--skip-cli')) {
      log('CLI start-up');
      const cold = cli(7, undefined);
      cli(1, cacheDir);
      const warm = cli(7, cacheDir);
      results.cli = { noCache: cold, cached: warm };
      row('CLI examples/draft.md, start to exit, no index cache', `median ${cold.median.toFixed(0)} ms, p95 ${cold.p95.toFixed(0)} ms`, '≤ 500 ms');
      row('CLI examples/draft.md, start to exit, index cached', `median ${warm.median.toFixed(0)} ms, p95 ${warm.p95.toFixed(0)} ms`, '≤ 500 ms');
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const scale: ScaleResult[] = [];
  for (const n of sizes) {
    log(`corpus of ${n} sentences`);
    const queries = n >= 1_000_000 ? 100 : 200;
    const fuseQueries = n <= 1000 ? 50 : n <= 10_000 ? 10 : 0;
    try {
      const s = await runWorker(n, queries, fuseQueries);
      scale.push(s);
      const k = n >= 1e6 ? `${n / 1e6}M` : `${n / 1000}k`;
      row(
        `${k} sentences (${s.mode} index): build`,
        `${(s.buildMs / 1000).toFixed(2)} s${s.cacheLoadMs !== undefined ? `, from cache ${(s.cacheLoadMs / 1000).toFixed(2)} s` : ''}`,
        n === 100_000 ? '≤ 5 s' : '',
      );
      row(
        `  peak RSS (process; ${s.baselineRssMb.toFixed(0)} MB at start), index arrays`,
        `${s.peakRssMb.toFixed(0)} MB, ${s.indexMb.toFixed(1)} MB`,
        n === 100_000 ? '≤ 400 MB' : '',
      );
      row(
        `  per claim, full check (${s.queries} perturbed queries)`,
        `median ${s.claim.median.toFixed(2)} ms, p95 ${s.claim.p95.toFixed(2)} ms`,
        n === 100_000 ? '≤ 5 ms' : '',
      );
      row(`  recall@1 of the original sentence`, s.recall.toFixed(3));
      if (s.fuse) {
        row(
          `  fuse.js over all sentences: per claim (${s.fuse.queries} queries)`,
          `median ${s.fuse.claim.median.toFixed(1)} ms → ${s.fuse.speedup}× slower`,
          n === 10_000 ? '≥ 100×' : '',
        );
        row(`  recall@1 fuse.js vs ours (same queries)`, `${s.fuse.recall.toFixed(3)} vs ${s.fuse.oursRecallSameQueries.toFixed(3)}`);
      }
    } catch (e) {
      row(`${n} sentences`, `failed: ${(e as Error).message}`);
      scale.push({ sentences: n, error: (e as Error).message } as unknown as ScaleResult);
    }
  }
  results.scale = scale;
  results.loadavgAtEnd = loadavg().map((x) => round(x));

  const outDir = join(ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ ...results, table }, null, 2) + '\n');
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ ...results, table }, null, 2) + '\n');
  console.log(`\nFact Check bench — node ${process.version}, ${String(results.cpus)} CPUs, load average ${(results.loadavgAtStart as number[]).join(' ')}\n`);
  console.log(table.join('\n'));
  console.log(`\nJSON: ${file}`);
}

if (process.argv[2] === '--worker') {
  const r = worker(+process.argv[3], +process.argv[4], +process.argv[5]);
  process.stdout.write(JSON.stringify(r) + '\n');
} else {
  main(process.argv.slice(2)).catch((e) => {
    log(`bench failed: ${(e as Error).stack}`);
    process.exitCode = 1;
  });
}
