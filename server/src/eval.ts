import { readFileSync } from 'node:fs';
import { Checker } from './core/verdict/checker';
import { Corpus } from './core/corpus/corpus';
import { bundledCorpusDir, readSourceFolders } from './core/corpus/load';
import type { CheckResult } from './core/types';
import { PgBackend } from './pg/backend';
import { resolveDatabaseUrl } from './pg/connection';

/**
 * `npm run eval -- FILE.jsonl [--corpus DIR]... [--database URL|env[:NAME]] [--quiet]`: scores the engine on
 * labelled claims. Two formats are recognised per line:
 * - seed claims `{id, draft, verdict, found?, expected?}` checked against the corpus;
 * - document/draft pairs `{id, source, draft, label}`, each draft checked against its own source.
 * With `--database`, seed claims are scored against the in-memory corpus and
 * against the database (which should hold the same folders), and every claim
 * whose verdict, evidence or expected value differs between the two is listed.
 */

interface Seed { id: string; draft: string; verdict: 'supported' | 'contradicted' | 'unverified'; found?: string; expected?: string; kind?: string }
interface Pair { id: string; source: string; draft: string; label: 'consistent' | 'inconsistent' }

type Check = (draft: string) => CheckResult | Promise<CheckResult>;

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  const dirs: string[] = [];
  let quiet = false;
  let database: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') dirs.push(argv[++i]);
    else if (argv[i] === '--database') database = argv[++i];
    else if (argv[i] === '--quiet') quiet = true;
    else files.push(argv[i]);
  }
  if (files.length === 0) {
    process.stderr.write('usage: npm run eval -- FILE.jsonl [--corpus DIR]... [--quiet]\n');
    return 2;
  }
  for (const file of files) {
    let rows: (Seed | Pair)[];
    try {
      rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    } catch (e) {
      process.stderr.write(`fact-check eval: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    const seeds = rows.filter((r): r is Seed => 'verdict' in r);
    const pairs = rows.filter((r): r is Pair => 'source' in r && 'label' in r);
    console.log(`# ${file}`);
    if (seeds.length) {
      const { sources, problems } = readSourceFolders(dirs.length ? dirs : [bundledCorpusDir()]);
      for (const p of problems) process.stderr.write(`${p.path}: ${p.message}\n`);
      const checker = new Checker(Corpus.fromSources(sources));
      const memory = await evalSeeds(seeds, (d) => checker.check(d, { languageId: 'plaintext' }), quiet, database ? 'in-memory' : undefined);
      if (database) {
        const backend = new PgBackend(resolveDatabaseUrl(database), { retryMs: 0 });
        try {
          await backend.connect();
          const db = await evalSeeds(seeds, async (d) => {
            const r = await backend.check(d, { languageId: 'plaintext' });
            if (r.problem) throw new Error(r.problem);
            return r;
          }, quiet, `database ${backend.target}`);
          const diffs = seeds.filter((_, i) => JSON.stringify(essence(memory[i])) !== JSON.stringify(essence(db[i])));
          console.log(`database vs in-memory: ${seeds.length - diffs.length}/${seeds.length} claims with the same verdict, evidence and expected values`);
          for (const d of diffs) console.log(`    differs: ${d.id} — ${d.draft}`);
        } finally {
          await backend.close();
        }
      }
    }
    if (pairs.length) evalPairs(pairs, quiet);
  }
  return 0;
}

/** What two backends must agree on: verdicts, evidence (place and score) and mismatches. */
function essence(r: CheckResult): unknown {
  const ev = (e: CheckResult['claims'][number]['evidence'][number]) => [e.path, e.range, e.score, e.stance];
  return r.claims.map((c) => [c.verdict, c.evidence.map(ev), c.mismatches.map((m) => [m.kind, m.found, m.expected, ev(m.evidence)]), c.reason ?? '']);
}

async function evalSeeds(seeds: Seed[], check: Check, quiet: boolean, label?: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let contra = 0, caught = 0, rightExpected = 0, withExpected = 0, nonContra = 0, falseAlarms = 0, supported = 0, supportedOk = 0, unverified = 0, unverifiedOk = 0;
  const misses: string[] = [];
  for (const s of seeds) {
    const r = await check(s.draft);
    results.push(r);
    const verdict = overall(r);
    const mismatches = r.claims.flatMap((c) => c.mismatches);
    if (s.verdict === 'contradicted') {
      contra++;
      const hit = mismatches.find((m) => !s.found || m.found.includes(s.found));
      if (verdict === 'contradicted' && hit) {
        caught++;
        if (s.expected) {
          withExpected++;
          if (s.expected.split('|').some((e) => hit.expected?.includes(e))) rightExpected++;
          else misses.push(`${s.id} wrong expected: ${hit.expected} (want ${s.expected}) — ${s.draft}`);
        }
      } else {
        if (s.expected) withExpected++;
        misses.push(`${s.id} missed contradiction (${s.kind}, got ${verdict}${mismatches.length ? ` on ${mismatches.map((m) => m.found).join(', ')}` : ''}) — ${s.draft}`);
      }
    } else {
      nonContra++;
      if (verdict === 'contradicted') {
        falseAlarms++;
        misses.push(`${s.id} false alarm (${s.verdict}): ${mismatches.map((m) => `${m.found}→${m.expected}`).join(', ')} — ${s.draft}`);
      }
      if (s.verdict === 'supported') {
        supported++;
        if (verdict === 'supported') supportedOk++;
        else if (verdict !== 'contradicted') misses.push(`${s.id} supported claim not recognised (${verdict}: ${r.claims[0]?.reason ?? 'no claim'}) — ${s.draft}`);
      } else {
        unverified++;
        if (verdict === 'unverified') unverifiedOk++;
        else if (verdict !== 'contradicted') misses.push(`${s.id} unverified claim called ${verdict} — ${s.draft}`);
      }
    }
  }
  const f = (a: number, b: number): string => (b ? (a / b).toFixed(3) : 'n/a') + ` (${a}/${b})`;
  console.log(`seed claims: ${seeds.length}${label ? ` (${label})` : ''}`);
  console.log(`  contradiction recall        ${f(caught, contra)}`);
  console.log(`  right expected value        ${f(rightExpected, withExpected)}`);
  console.log(`  false alarms (non-contra.)  ${f(falseAlarms, nonContra)}`);
  console.log(`  supported recognised        ${f(supportedOk, supported)}`);
  console.log(`  unverified recognised       ${f(unverifiedOk, unverified)}`);
  if (!quiet && misses.length) console.log('  misses:\n' + misses.map((m) => '    ' + m).join('\n'));
  return results;
}

function evalPairs(pairs: Pair[], quiet: boolean): void {
  const checkers = new Map<string, Checker>();
  let tp = 0, fn = 0, tn = 0, fp = 0;
  const misses: string[] = [];
  for (const p of pairs) {
    let checker = checkers.get(p.source);
    if (!checker) checkers.set(p.source, (checker = new Checker(Corpus.fromSources([{ path: `${p.id}.source`, text: p.source }]))));
    const r = checker.check(p.draft, { languageId: 'plaintext' });
    const flagged = r.claims.some((c) => c.verdict !== 'supported') || r.claims.length === 0;
    const why = r.claims.filter((c) => c.verdict !== 'supported').map((c) => c.verdict === 'contradicted' ? `contradicted ${c.mismatches.map((m) => `${m.found}→${m.expected ?? '?'}`).join(', ')}` : `unverified: ${c.reason}`).join('; ');
    if (p.label === 'inconsistent') {
      if (flagged) tp++;
      else { fn++; misses.push(`${p.id} inconsistent draft passed — ${p.draft}`); }
    } else if (flagged) {
      fp++;
      misses.push(`${p.id} consistent draft flagged (${why}) — ${p.draft}`);
    } else tn++;
  }
  const tpr = tp / Math.max(1, tp + fn);
  const tnr = tn / Math.max(1, tn + fp);
  console.log(`draft/source pairs: ${pairs.length} (${tp + fn} inconsistent, ${tn + fp} consistent)`);
  console.log(`  inconsistent flagged        ${tpr.toFixed(3)} (${tp}/${tp + fn})`);
  console.log(`  consistent passed           ${tnr.toFixed(3)} (${tn}/${tn + fp})`);
  console.log(`  balanced accuracy           ${((tpr + tnr) / 2).toFixed(3)}`);
  if (!quiet && misses.length) console.log('  misses:\n' + misses.map((m) => '    ' + m).join('\n'));
}

/** A draft's overall verdict: contradicted if any claim is, else unverified if any claim is. */
export function overall(r: CheckResult): 'supported' | 'contradicted' | 'unverified' {
  if (r.claims.some((c) => c.verdict === 'contradicted')) return 'contradicted';
  if (r.claims.length === 0 || r.claims.some((c) => c.verdict === 'unverified')) return 'unverified';
  return 'supported';
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`fact-check eval: ${(e as Error).message}\n`); process.exitCode = 2; },
);
