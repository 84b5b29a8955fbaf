import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import type { CheckResult } from '../../server/src/core/types';
import { Checker } from '../../server/src/core/verdict/checker';
import { PgBackend } from '../../server/src/pg/pgBackend';
import { resolveDatabaseUrl } from '../../server/src/pg/connection';
import { defaultDataDir, readJsonl, readPairs, readSeedClaims, type ClaimRow, type PairRow, type Split } from './datasets';
import { claimFigures, minimalPairFigures, pairFigures, share, type ClaimFigures } from './measure';
import { NEUTRAL, TRAIN_CLAIM_FILES, claimDrafts, claimExamples, corpusClaimExamples, fitWithThresholds } from './train';
import { SupportModel } from '../../server/src/core/model/support';

/**
 * `npm run eval` scores the engine.
 *
 * - Without files: every set. Claims about the bundled corpus (the shared seed
 *   claims, the project's own claim files in test/fixtures/), then the
 *   document/draft pairs of the data folder (`--data DIR`, default
 *   `../shared/eval`) on one part of the split (`--split test|dev|train|all`,
 *   default the held-out `test`).
 * - With files: those files only, each a claims file (`{id, draft, verdict,
 *   found?, expected?}`, checked against `--corpus DIR`s or the bundled
 *   corpus) or a pairs file (`{id, source, draft, label}`, each draft checked
 *   against its own source).
 *
 * `--misses` lists what went wrong, except on the held-out test part, whose
 * cases are not to be looked at while tuning. With `--database`, claims are
 * also checked against the database and every difference from the in-memory
 * result is listed.
 */

interface Options {
  files: string[];
  dirs: string[];
  data: string;
  split: Split | 'all';
  misses: boolean;
  heldout: boolean;
  cross: boolean;
  database?: string;
}

function parse(argv: string[]): Options {
  const o: Options = { files: [], dirs: [], data: defaultDataDir(), split: 'test', misses: false, heldout: false, cross: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--corpus') o.dirs.push(argv[++i]);
    else if (a === '--data') o.data = argv[++i];
    else if (a === '--split') o.split = argv[++i] as Options['split'];
    else if (a === '--misses') o.misses = true;
    else if (a === '--heldout') o.heldout = true;
    else if (a === '--cross') o.cross = true;
    else if (a === '--database') o.database = argv[++i];
    else if (a === '--quiet') o.misses = false;
    else o.files.push(a);
  }
  if (!['train', 'dev', 'test', 'all'].includes(o.split)) throw new Error(`--split must be train, dev, test or all, not ${o.split}`);
  return o;
}

/** The project's own claim files about the bundled corpus. */
const PROJECT_CLAIMS = ['claims.jsonl', 'paraphrase-claims.dev.jsonl', 'paraphrase-claims.dev2.jsonl', 'paraphrase-claims.heldout.jsonl'];

function fixturesDir(): string {
  return join(__dirname, '..', '..', 'test', 'fixtures');
}

async function main(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (o.files.length) {
    for (const file of o.files) {
      const rows = readJsonl<Record<string, unknown>>(file);
      console.log(`# ${file}`);
      const claims = rows.filter((r) => 'verdict' in r) as unknown as ClaimRow[];
      const pairs = rows
        .filter((r) => 'source' in r && 'label' in r)
        .map((r, i) => ({ ...(r as object), dataset: 'file', domain: 'file', doc: String(i), split: 'test' }) as PairRow);
      if (claims.length) await claimsReport(file, claims, o);
      if (pairs.length) pairsReport(pairs, o.misses);
    }
    return 0;
  }
  console.log('# claims about the bundled corpus');
  const sets: [string, ClaimRow[]][] = [['seed claims (shared dev)', readSeedClaims(o.data)]];
  // Held-out claim files are scored only when asked (`--heldout`), at the end of a piece of work, not while tuning.
  for (const f of PROJECT_CLAIMS)
    if (existsSync(join(fixturesDir(), f)) && (o.heldout || !f.includes('heldout'))) sets.push([f, readJsonl<ClaimRow>(join(fixturesDir(), f))]);
  // Held-out claim files are scored, never shown: their cases are not to be looked at while tuning.
  for (const [name, rows] of sets)
    if (rows.length)
      await claimsReport(TRAIN_CLAIM_FILES.includes(name) ? `${name} (read by training)` : name, rows, { ...o, misses: o.misses && !name.includes('heldout') });

  const all = readPairs(o.data);
  if (all.length === 0) {
    console.log(`\nNo pair data in ${o.data} (set --data DIR or FACT_CHECK_EVAL_DIR).`);
    return 0;
  }
  const rows = o.split === 'all' ? all : all.filter((r) => r.split === o.split);
  console.log(`\n# document/draft pairs, ${o.split === 'all' ? 'every split' : `the ${o.split} split`} (documents split per dataset with a fixed seed)`);
  pairsReport(rows, o.misses && o.split !== 'test');
  if (o.cross) crossDomain(all, o.data);
  return 0;
}

async function claimsReport(name: string, rows: ClaimRow[], o: Options): Promise<void> {
  const { sources, problems } = readSourceFolders(o.dirs.length ? o.dirs : [bundledCorpusDir()]);
  for (const p of problems) process.stderr.write(`${p.path}: ${p.message}\n`);
  const checker = new Checker(Corpus.fromSources(sources));
  const results = rows.map((r) => checker.check(r.draft, { languageId: 'plaintext' }));
  printClaims(name, claimFigures(rows, results), o.misses);
  if (!o.database) return;
  const backend = new PgBackend(resolveDatabaseUrl(o.database), { retryMs: 0 });
  try {
    await backend.connect();
    const db: CheckResult[] = [];
    for (const r of rows) {
      const res = await backend.check(r.draft, { languageId: 'plaintext' });
      if (res.problem) throw new Error(res.problem);
      db.push(res);
    }
    printClaims(`${name} (database ${backend.target})`, claimFigures(rows, db), o.misses);
    const diffs = rows.filter((_, i) => JSON.stringify(essence(results[i])) !== JSON.stringify(essence(db[i])));
    console.log(`database vs in-memory: ${rows.length - diffs.length}/${rows.length} claims with the same verdict, evidence and expected values`);
    for (const d of diffs) console.log(`    differs: ${d.id} — ${d.draft}`);
  } finally {
    await backend.close();
  }
}

function printClaims(name: string, f: ClaimFigures, misses: boolean): void {
  console.log(`${name}: ${f.claims} claims`);
  console.log(`  contradiction recall        ${share(f.caught, f.contradictions)}`);
  console.log(`  right expected value        ${share(f.rightExpected, f.withExpected)}`);
  console.log(`  false alarms (non-contra.)  ${share(f.falseAlarms, f.nonContradictions)}`);
  console.log(`  supported recognised        ${share(f.supportedOk, f.supported)}`);
  console.log(`  unverified recognised       ${share(f.unverifiedOk, f.unverified)}`);
  if (misses && f.misses.length) console.log('  misses:\n' + f.misses.map((m) => '    ' + m).join('\n'));
}

/** What two backends must agree on: verdicts, evidence (place and score) and mismatches. */
function essence(r: CheckResult): unknown {
  const ev = (e: CheckResult['claims'][number]['evidence'][number]) => [e.path, e.range, e.score, e.stance];
  return r.claims.map((c) => [
    c.verdict,
    c.evidence.map(ev),
    c.mismatches.map((m) => [m.kind, m.found, m.expected, ev(m.evidence)]),
    c.reason ?? '',
    c.support ?? '',
  ]);
}

/** Checks each draft against its own source (one checker per source document). */
export function checkPairs(rows: PairRow[], model?: SupportModel): CheckResult[] {
  const checkers = new Map<string, Checker>();
  return rows.map((r) => {
    let checker = checkers.get(r.source);
    if (!checker) checkers.set(r.source, (checker = new Checker(Corpus.fromSources([{ path: `${r.doc}.source`, text: r.source }]), model ? { model } : {})));
    return checker.check(r.draft, { languageId: 'plaintext' });
  });
}

/**
 * The cross-domain table: for each dataset, a model trained without any of its
 * documents (as `npm run train` trains, on the train and dev documents of the
 * other datasets and the project's claim files), then scored on all of that
 * dataset's documents.
 */
function crossDomain(all: PairRow[], data: string): void {
  console.log('\n# cross-domain: each dataset scored by a model trained without its documents');
  const bundled = new Checker(Corpus.fromSources(readSourceFolders([bundledCorpusDir()]).sources), { model: NEUTRAL });
  const claimRows = TRAIN_CLAIM_FILES.flatMap((f) => readJsonl<ClaimRow>(join(fixturesDir(), f)));
  const claims = corpusClaimExamples(claimRows, bundled);
  const seedRows = readSeedClaims(data);
  const seeds = corpusClaimExamples(seedRows, bundled, 'seed-claims');
  const examples = claimExamples(all.filter((r) => r.split !== 'test'));
  const docOf = new Map(all.map((r) => [r.id, r.doc]));
  const datasets = [...new Set(all.map((r) => r.dataset))].sort();
  console.log('held-out dataset        docs  pairs  bal.acc  contradicted on consistent  minimal pairs ranked');
  const others: number[] = [];
  for (const d of datasets) {
    // Trained as `npm run train` trains, on the train and dev documents of every other dataset.
    const seen = all.filter((r) => r.dataset !== d && r.split !== 'test');
    const ids = new Set(seen.map((r) => r.id));
    const pool = [...examples.filter((e) => ids.has(e.draft)), ...claims];
    const drafts = [
      ...seen.map((r) => ({ id: r.id, dataset: r.dataset, label: r.label })),
      ...claimDrafts(claimRows, 'corpus-claims'),
      ...claimDrafts(seedRows, 'seed-claims'),
    ];
    const fitted = fitWithThresholds(pool, drafts, (e) => docOf.get(e.draft) ?? e.draft, seeds);
    const rows = all.filter((r) => r.dataset === d);
    const results = checkPairs(rows, SupportModel.of(fitted.model, fitted.threshold, fitted.contradictionThreshold));
    const f = pairFigures(rows, results);
    const mp = d === 'bump' ? minimalPairFigures(rows, results) : undefined;
    if (d.startsWith('summedits-') && d !== 'summedits-news') others.push(f.balancedAccuracy);
    console.log(
      `${d.padEnd(22)} ${String(f.docs).padStart(5)} ${String(f.pairs).padStart(6)}  ${f.balancedAccuracy.toFixed(3)}    ${share(f.falseContradictions, f.consistent).padEnd(26)}  ${mp ? share(mp.ranked, mp.pairs) : ''}`,
    );
  }
  if (others.length)
    console.log(`mean over the other SummEdits domains: ${(others.reduce((a, b) => a + b, 0) / others.length).toFixed(3)} (${others.length} domains)`);
}

function pairsReport(rows: PairRow[], misses: boolean): void {
  const results = checkPairs(rows);
  const byDataset = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const list = byDataset.get(r.dataset) ?? [];
    list.push(i);
    byDataset.set(r.dataset, list);
  });
  const pick = <T>(xs: T[], idx: number[]): T[] => idx.map((i) => xs[i]);
  console.log('dataset                 docs  pairs  bal.acc  inconsistent flagged  consistent passed  contradicted on consistent');
  const others: number[] = [];
  for (const [dataset, idx] of [...byDataset].sort()) {
    if (dataset === 'bump') continue;
    const f = pairFigures(pick(rows, idx), pick(results, idx));
    if (dataset !== 'summedits-news') others.push(f.balancedAccuracy);
    console.log(
      `${dataset.padEnd(22)} ${String(f.docs).padStart(5)} ${String(f.pairs).padStart(6)}  ${f.balancedAccuracy.toFixed(3)}    ${share(f.tp, f.inconsistent).padEnd(20)}  ${share(f.tn, f.consistent).padEnd(17)}  ${share(f.falseContradictions, f.consistent)}`,
    );
  }
  if (others.length)
    console.log(`mean over the other SummEdits domains: ${(others.reduce((a, b) => a + b, 0) / others.length).toFixed(3)} (${others.length} domains)`);
  const bump = byDataset.get('bump');
  if (bump) {
    const f = minimalPairFigures(pick(rows, bump), pick(results, bump));
    console.log(`bump minimal pairs: ${f.pairs} pairs`);
    console.log(`  edited copy's support below its reference's  ${share(f.ranked, f.pairs)} (ties ${f.ties})`);
    console.log(`  references contradicted / flagged            ${share(f.referencesContradicted, f.pairs)} / ${share(f.referencesFlagged, f.pairs)}`);
    console.log(`  edited copies contradicted / flagged         ${share(f.editedContradicted, f.pairs)} / ${share(f.editedFlagged, f.pairs)}`);
  }
  if (!misses) return;
  console.log('misses:');
  rows.forEach((r, i) => {
    const res = results[i];
    const isFlagged = res.claims.some((c) => c.verdict !== 'supported');
    if ((r.label === 'inconsistent') === isFlagged) return;
    const why = res.claims
      .filter((c) => c.verdict !== 'supported')
      .map((c) =>
        c.verdict === 'contradicted' ? `contradicted ${c.mismatches.map((m) => `${m.found}→${m.expected ?? '?'}`).join(', ')}` : `unverified: ${c.reason}`,
      )
      .join('; ');
    console.log(`  ${r.id} ${r.label} ${isFlagged ? `flagged (${why})` : 'passed'} — ${r.draft}`);
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`fact-check eval: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
