import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The research data the engine is trained and judged on, read by path from a
 * folder outside the repository (never copied into it), and its one split by
 * document into train / dev / test.
 *
 * The split is made per dataset (each SummEdits domain, BUMP) by ranking the
 * documents on a hash of a fixed seed and the document's text: the first
 * fifth (rounded up) is the held-out test part, the next fifth dev, the rest
 * train. It depends on nothing but the documents, so it is the same on every
 * machine and at every run; it was fixed before any tuning, and the test part
 * is read only by `npm run eval`, never by `npm run train`.
 */

/** The seed of the split. Changing it would make every earlier figure incomparable. */
export const SPLIT_SEED = 'fact-check-for-drafts/split/2026-12-01';
export const TEST_SHARE = 0.2;
export const DEV_SHARE = 0.2;

export type Split = 'train' | 'dev' | 'test';

/** A draft to check against its own source document, with a consistency label. */
export interface PairRow {
  id: string;
  /** `summedits-news`, `summedits-podcast`, ..., `bump`. */
  dataset: string;
  /** The SummEdits domain (`news`, `podcast`, ...) or `bump`. */
  domain: string;
  source: string;
  draft: string;
  label: 'consistent' | 'inconsistent';
  /** BUMP: the id shared by a faithful reference and its edited copy. */
  pair?: string;
  /** Hash of the source text: the unit of the split. */
  doc: string;
  split: Split;
}

/** A labelled claim about a corpus (the bundled one unless a row says otherwise). */
export interface ClaimRow {
  id: string;
  draft: string;
  verdict: 'supported' | 'contradicted' | 'unverified';
  kind?: string;
  found?: string;
  expected?: string;
}

/** The default data folder: `../shared/eval` beside the repository, or `$FACT_CHECK_EVAL_DIR`. */
export function defaultDataDir(): string {
  return process.env.FACT_CHECK_EVAL_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'eval');
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

interface RawPair {
  id: string;
  source: string;
  draft: string;
  label: 'consistent' | 'inconsistent';
  domain?: string;
  pair?: string;
}

/** The pair datasets found in `dir`, each row with its dataset, document and split. */
export function readPairs(dir = defaultDataDir()): PairRow[] {
  const rows: Omit<PairRow, 'split'>[] = [];
  const add = (file: string, dataset: (r: RawPair) => string, domain: (r: RawPair) => string): void => {
    const path = join(dir, file);
    if (!existsSync(path)) return;
    for (const r of readJsonl<RawPair>(path)) {
      rows.push({
        id: r.id,
        dataset: dataset(r),
        domain: domain(r),
        source: r.source,
        draft: r.draft,
        label: r.label,
        ...(r.pair ? { pair: r.pair } : {}),
        doc: sha(r.source).slice(0, 16),
      });
    }
  };
  add(
    'summedits-news.eval.jsonl',
    () => 'summedits-news',
    () => 'news',
  );
  add(
    'summedits-other.jsonl',
    (r) => `summedits-${r.domain}`,
    (r) => r.domain!,
  );
  add(
    'bump-task2.jsonl',
    () => 'bump',
    () => 'bump',
  );
  const splits = assignSplits(rows);
  return rows.map((r) => ({ ...r, split: splits.get(`${r.dataset}\u0000${r.doc}`)! }));
}

/** Per dataset: its documents ranked by the seeded hash, cut into test, dev and train. */
export function assignSplits(rows: { dataset: string; doc: string }[]): Map<string, Split> {
  const docs = new Map<string, Set<string>>();
  for (const r of rows) {
    let set = docs.get(r.dataset);
    if (!set) docs.set(r.dataset, (set = new Set()));
    set.add(r.doc);
  }
  const out = new Map<string, Split>();
  for (const [dataset, set] of docs) {
    const ranked = [...set].sort((a, b) => {
      const ha = sha(`${SPLIT_SEED}\u0000${dataset}\u0000${a}`);
      const hb = sha(`${SPLIT_SEED}\u0000${dataset}\u0000${b}`);
      return ha < hb ? -1 : ha > hb ? 1 : 0;
    });
    const test = Math.ceil(ranked.length * TEST_SHARE);
    const dev = Math.min(Math.ceil(ranked.length * DEV_SHARE), Math.max(0, ranked.length - test - 1));
    ranked.forEach((d, i) => out.set(`${dataset}\u0000${d}`, i < test ? 'test' : i < test + dev ? 'dev' : 'train'));
  }
  return out;
}

/** The claim files about the bundled corpus: the shared seed claims, when present. */
export function readSeedClaims(dir = defaultDataDir()): ClaimRow[] {
  const path = join(dir, 'seed-claims.dev.jsonl');
  return existsSync(path) ? readJsonl<ClaimRow>(path) : [];
}
