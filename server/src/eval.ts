import { readFileSync } from 'node:fs';
import { Checker } from './core/checker';
import { Corpus } from './core/corpus';
import { bundledCorpusDir, readSourceFolders } from './core/load';
import type { CheckResult } from './core/types';

/**
 * `npm run eval -- FILE.jsonl [--corpus DIR]... [--quiet]`: scores the engine on
 * labelled claims. Two formats are recognised per line:
 * - seed claims `{id, draft, verdict, found?, expected?}` checked against the corpus;
 * - document/draft pairs `{id, source, draft, label}`, each draft checked against its own source.
 */

interface Seed { id: string; draft: string; verdict: 'supported' | 'contradicted' | 'unverified'; found?: string; expected?: string; kind?: string }
interface Pair { id: string; source: string; draft: string; label: 'consistent' | 'inconsistent' }

function main(argv: string[]): number {
  const files: string[] = [];
  const dirs: string[] = [];
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') dirs.push(argv[++i]);
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
    if (seeds.length) evalSeeds(seeds, dirs.length ? dirs : [bundledCorpusDir()], quiet);
    if (pairs.length) evalPairs(pairs, quiet);
  }
  return 0;
}

function evalSeeds(seeds: Seed[], dirs: string[], quiet: boolean): void {
  const { sources, problems } = readSourceFolders(dirs);
  for (const p of problems) process.stderr.write(`${p.path}: ${p.message}\n`);
  const checker = new Checker(Corpus.fromSources(sources));
  let contra = 0, caught = 0, rightExpected = 0, withExpected = 0, nonContra = 0, falseAlarms = 0, supported = 0, supportedOk = 0, unverified = 0, unverifiedOk = 0;
  const misses: string[] = [];
  for (const s of seeds) {
    const r = checker.check(s.draft, { languageId: 'plaintext' });
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
  console.log(`seed claims: ${seeds.length}`);
  console.log(`  contradiction recall        ${f(caught, contra)}`);
  console.log(`  right expected value        ${f(rightExpected, withExpected)}`);
  console.log(`  false alarms (non-contra.)  ${f(falseAlarms, nonContra)}`);
  console.log(`  supported recognised        ${f(supportedOk, supported)}`);
  console.log(`  unverified recognised       ${f(unverifiedOk, unverified)}`);
  if (!quiet && misses.length) console.log('  misses:\n' + misses.map((m) => '    ' + m).join('\n'));
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

process.exitCode = main(process.argv.slice(2));
