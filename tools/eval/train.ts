import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { FEATURES, SIGNS } from '../../server/src/core/model/features';
import { fitSigned, predict, type LogisticModel } from '../../server/src/core/model/logistic';
import { SupportModel, type WeightsFile } from '../../server/src/core/model/support';
import { Checker, decisionOf } from '../../server/src/core/verdict/checker';
import { contradicts, supports, type DecisionInput } from '../../server/src/core/verdict/decide';
import { SPLIT_SEED, defaultDataDir, readJsonl, readPairs, readSeedClaims, type ClaimRow, type PairRow } from './datasets';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import type { Analysis } from '../../server/src/core/analysis/facts';

/**
 * `npm run train [-- --data DIR] [--out FILE] [--check]` learns the support
 * model (`--check`: only says whether the committed weights are what it makes).
 *
 * 1. Every draft of the train and dev splits is checked against its own source, and
 *    each of its claims gives one example: the features of its best evidence
 *    set, labelled 1 when the claim is faithful. A claim of a consistent
 *    draft is faithful; a claim of an inconsistent draft is faithful when a
 *    consistent draft of the same document has the same sentence (SummEdits
 *    edits one sentence of a summary, BUMP one fact of a reference), and
 *    unfaithful otherwise.
 * 2. Logistic regression (L2, Newton's method, signs constrained) is fitted
 *    with weights that give each dataset the same total and, within it, each
 *    class the same; the project's own claims about the bundled corpus are one
 *    more dataset.
 * 3. The two thresholds are chosen on out-of-fold predictions (five folds by
 *    document): the support threshold maximises the mean draft-level balanced
 *    accuracy over the datasets, the contradiction threshold the F0.5 of
 *    contradictions, replaying the verdict rules (decide.ts) on the stored
 *    features. The shared seed claims join that choice, scored by the final
 *    model; the test split is never read.
 *
 * Deterministic: the same data gives the same weights, bit for bit.
 */

/** One claim of one draft, with what training and the threshold search need. */
export interface ClaimExample {
  dataset: string;
  draft: string;
  draftLabel: PairRow['label'];
  /** 1 faithful, 0 not, undefined when it cannot be told (not used for fitting). */
  label?: 0 | 1;
  features: Float64Array;
  eventFeatures?: Float64Array;
  decision: Omit<DecisionInput, 'support' | 'eventSupport'>;
}

/** A draft's id, dataset and label, so that drafts without claims still count. */
export interface DraftRow {
  id: string;
  dataset: string;
  label: PairRow['label'];
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The model training checks with: every claim gets the same support, so which
 * evidence an example is made from never depends on the weights being
 * trained, and `npm run train` gives the same weights whatever weights.json
 * held before.
 */
export const NEUTRAL = SupportModel.of({ weights: FEATURES.map(() => 0), bias: 0 }, 0.5, 0.5);

/** Claim examples of `rows` (each draft checked against its own source). */
export function claimExamples(rows: PairRow[]): ClaimExample[] {
  const checkers = new Map<string, Checker>();
  const faithful = new Map<string, Set<string>>();
  const claims = rows.map((r) => {
    let checker = checkers.get(r.source);
    if (!checker) checkers.set(r.source, (checker = new Checker(Corpus.fromSources([{ path: `${r.doc}.source`, text: r.source }]), { model: NEUTRAL })));
    const analyses = checker.claimsOf(r.draft, 'plaintext');
    if (r.label === 'consistent') {
      const set = faithful.get(r.doc) ?? new Set<string>();
      for (const a of analyses) set.add(collapse(a.text));
      faithful.set(r.doc, set);
    }
    return { r, checker, analyses };
  });
  const out: ClaimExample[] = [];
  for (const { r, checker, analyses } of claims) {
    const known = faithful.get(r.doc);
    const labels = analyses.map((a): 0 | 1 => (r.label === 'consistent' ? 1 : known?.has(collapse(a.text)) ? 1 : 0));
    // An inconsistent draft whose every sentence also occurs in a consistent one
    // was edited where the claim splitter does not see it: its claims say nothing.
    const tellable = r.label === 'consistent' || labels.includes(0) || !known;
    analyses.forEach((a, i) => {
      const base = { dataset: r.dataset, draft: r.id, draftLabel: r.label, ...(tellable && (r.label === 'consistent' || known) ? { label: labels[i] } : {}) };
      out.push({ ...base, ...exampleOf(checker, a) });
    });
  }
  return out;
}

/**
 * Claim examples from labelled claims about a corpus (the bundled one): each
 * claim checked against the whole corpus, labelled 1 when it is supported.
 * They teach what the pairs cannot: that a claim against a writer's sources
 * is not supported by sharing its names with them.
 */
export function corpusClaimExamples(rows: ClaimRow[], checker: Checker, dataset = 'corpus-claims'): ClaimExample[] {
  const out: ClaimExample[] = [];
  for (const r of rows) {
    const label: 0 | 1 = r.verdict === 'supported' ? 1 : 0;
    const draftLabel = label ? 'consistent' : 'inconsistent';
    for (const a of checker.claimsOf(r.draft, 'plaintext')) out.push({ dataset, draft: r.id, draftLabel, label, ...exampleOf(checker, a) });
  }
  return out;
}

/** The features and verdict inputs of a claim's best assessment. */
function exampleOf(checker: Checker, a: Analysis): Pick<ClaimExample, 'features' | 'eventFeatures' | 'decision'> {
  const { assessments } = checker.assessClaim(a);
  const best = assessments.reduce<(typeof assessments)[number] | undefined>((m, x) => (!m || x.support > m.support ? x : m), undefined);
  if (!best) {
    const none = checker.unsupported(a);
    return {
      features: none.features,
      decision: {
        conflicts: 0,
        novel: a.values.length + a.entities.length + a.quotes.length,
        novelValues: a.values.length,
        novelNames: a.entities.length,
        novelOther: a.quotes.length,
        otherEvent: false,
        hypothetical: false,
        noEvidence: true,
      },
    };
  }
  const { support: _s, eventSupport: _e, ...decision } = decisionOf(best);
  void _s;
  void _e;
  return { features: best.features, ...(best.eventFeatures ? { eventFeatures: best.eventFeatures } : {}), decision };
}

/** Labelled claims as drafts for the threshold search: supported is consistent; a contradiction is a hit for the contradiction threshold. */
export function claimDrafts(rows: ClaimRow[], dataset: string): (DraftRow & { contradiction: boolean })[] {
  return rows.map((c) => ({
    id: c.id,
    dataset,
    label: c.verdict === 'supported' ? ('consistent' as const) : ('inconsistent' as const),
    contradiction: c.verdict === 'contradicted',
  }));
}

/** Fits the model to labelled examples, each dataset weighing the same and each class within it. */
export function trainModel(examples: ClaimExample[], l2 = L2, share: (dataset: string) => number = () => 1): LogisticModel {
  const used = examples.filter((e) => e.label !== undefined);
  const counts = new Map<string, number>();
  for (const e of used) counts.set(`${e.dataset}\u0000${e.label}`, (counts.get(`${e.dataset}\u0000${e.label}`) ?? 0) + 1);
  const raw = used.map((e) => share(e.dataset) / (2 * counts.get(`${e.dataset}\u0000${e.label}`)!));
  const scale = used.length / raw.reduce((a, b) => a + b, 0);
  return fitSigned(
    used.map((e) => e.features),
    used.map((e) => e.label!),
    raw.map((w) => w * scale),
    { l2, signs: FEATURES.map((f) => SIGNS[f] ?? 0) },
  );
}

/** Draft-level flags under a model and threshold: some claim neither supported. Contradicted drafts are flagged too. */
/** How an example is scored: by a model, or by out-of-fold predictions made earlier. */
export type Scorer = LogisticModel | ((e: ClaimExample) => { support: number; eventSupport?: number });

function scoreOf(scorer: Scorer, e: ClaimExample): { support: number; eventSupport?: number } {
  if (typeof scorer === 'function') return scorer(e);
  return { support: predict(scorer, e.features), ...(e.eventFeatures ? { eventSupport: predict(scorer, e.eventFeatures) } : {}) };
}

export function draftFlags(
  examples: ClaimExample[],
  model: Scorer,
  threshold: number,
  contradictionThreshold = threshold,
): Map<string, { flagged: boolean; contradicted: boolean }> {
  const out = new Map<string, { flagged: boolean; contradicted: boolean }>();
  for (const e of examples) {
    const d = { ...e.decision, ...scoreOf(model, e) };
    const c = contradicts(d, contradictionThreshold);
    const flag = c || !supports(d, threshold);
    const prev = out.get(e.draft) ?? { flagged: false, contradicted: false };
    out.set(e.draft, { flagged: prev.flagged || flag, contradicted: prev.contradicted || c });
  }
  return out;
}

/** Mean over datasets of the draft-level balanced accuracy. */
export function meanBalancedAccuracy(drafts: DraftRow[], flags: Map<string, { flagged: boolean }>): number {
  const by = new Map<string, { tp: number; p: number; tn: number; n: number }>();
  for (const d of drafts) {
    const s = by.get(d.dataset) ?? { tp: 0, p: 0, tn: 0, n: 0 };
    const f = flags.get(d.id)?.flagged ?? false;
    if (d.label === 'inconsistent') {
      s.p++;
      if (f) s.tp++;
    } else {
      s.n++;
      if (!f) s.tn++;
    }
    by.set(d.dataset, s);
  }
  const accs = [...by.values()].filter((s) => s.p && s.n).map((s) => (s.tp / s.p + s.tn / s.n) / 2);
  return accs.length ? accs.reduce((a, b) => a + b, 0) / accs.length : 0;
}

/** The support threshold (on a 0.01 grid) with the best mean balanced accuracy on `examples`, contradictions decided at `contradictionThreshold`. */
export function chooseThreshold(
  drafts: DraftRow[],
  examples: ClaimExample[],
  model: Scorer,
  contradictionThreshold?: number,
): { threshold: number; score: number } {
  let best = { threshold: 0.5, score: -1 };
  for (let k = 5; k <= 95; k++) {
    const t = k / 100;
    const score = meanBalancedAccuracy(drafts, draftFlags(examples, model, t, contradictionThreshold ?? t));
    if (score > best.score + 1e-12) best = { threshold: t, score };
  }
  return best;
}

/**
 * The contradiction threshold (on a 0.01 grid): the one with the best F0.5 of
 * "contradicted" against the labels, so precision counts four times as much as
 * recall. A contradiction is a claim to the writer; an unverified note is a
 * question. Contradicted drafts of inconsistent pairs and contradicted claims
 * labelled contradicted are hits; any other contradiction is a false alarm.
 */
export function chooseContradictionThreshold(
  drafts: (DraftRow & { contradiction?: boolean })[],
  examples: ClaimExample[],
  model: Scorer,
): { threshold: number; f: number } {
  let best = { threshold: 0.5, f: -1 };
  const positive = (d: DraftRow & { contradiction?: boolean }): boolean => d.contradiction ?? d.label === 'inconsistent';
  const positives = drafts.filter(positive).length;
  for (let k = 20; k <= 95; k++) {
    const t = k / 100;
    const flags = draftFlags(examples, model, t, t);
    let tp = 0;
    let fp = 0;
    for (const d of drafts) {
      if (!flags.get(d.id)?.contradicted) continue;
      if (positive(d)) tp++;
      else fp++;
    }
    const p = tp + fp ? tp / (tp + fp) : 0;
    const r = positives ? tp / positives : 0;
    const f = p + r ? (1.25 * p * r) / (0.25 * p + r) : 0;
    if (f > best.f + 1e-12) best = { threshold: t, f };
  }
  return best;
}

/** How many folds the out-of-fold predictions that choose the thresholds are made in. */
export const FOLDS = 5;

/** The fold of a document (or claim id), from the split's seed: folds never cut a document. */
function foldOf(key: string): number {
  return parseInt(createHash('sha256').update(`${SPLIT_SEED}\u0000fold\u0000${key}`).digest('hex').slice(0, 8), 16) % FOLDS;
}

export interface Fitted {
  model: LogisticModel;
  threshold: number;
  contradictionThreshold: number;
  /** Mean draft-level balanced accuracy at the chosen thresholds, out of fold. */
  score: number;
  /** F0.5 of contradictions at the chosen contradiction threshold, out of fold. */
  f: number;
}

/**
 * Fits the model on `pool` and chooses both thresholds on out-of-fold
 * predictions: each example is scored by a model fitted without its fold
 * (documents are never split across folds), so the thresholds are chosen on
 * predictions for data the model did not see, without holding data back from
 * the final fit. `extra` are examples no fit reads (the seed claims), scored
 * by the final model.
 */
export function fitWithThresholds(
  pool: ClaimExample[],
  drafts: (DraftRow & { contradiction?: boolean })[],
  docOf: (e: ClaimExample) => string,
  extra: ClaimExample[] = [],
): Fitted {
  const oof = new Map<ClaimExample, { support: number; eventSupport?: number }>();
  for (let f = 0; f < FOLDS; f++) {
    const m = trainModel(pool.filter((e) => foldOf(docOf(e)) !== f));
    for (const e of pool) if (foldOf(docOf(e)) === f) oof.set(e, scoreOf(m, e));
  }
  const model = trainModel(pool);
  for (const e of extra) oof.set(e, scoreOf(model, e));
  const all = [...pool, ...extra];
  const scorer = (e: ClaimExample): { support: number; eventSupport?: number } => oof.get(e)!;
  const c = chooseContradictionThreshold(drafts, all, scorer);
  const t = chooseThreshold(drafts, all, scorer, c.threshold);
  return { model, threshold: t.threshold, contradictionThreshold: c.threshold, score: t.score, f: c.f };
}

/** The project's own labelled claims about the bundled corpus that training reads (test/fixtures/). */
export const TRAIN_CLAIM_FILES = ['claims.jsonl', 'paraphrase-claims.dev.jsonl'];

function fixturesDir(): string {
  return join(__dirname, '..', '..', 'test', 'fixtures');
}

/** The L2 penalty of the committed model. */
export const L2 = 1;

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function main(argv: string[]): number {
  let data = defaultDataDir();
  let out = join(__dirname, '..', '..', 'server', 'src', 'core', 'model', 'weights.json');
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = argv[++i];
    else if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--check') check = true;
  }
  const rows = readPairs(data);
  if (rows.length === 0) {
    process.stderr.write(`fact-check train: no pair data in ${data} (set --data DIR or FACT_CHECK_EVAL_DIR)\n`);
    return 2;
  }
  const t0 = performance.now();
  // Pairs of the train and dev splits, and the project's own claims about the
  // bundled corpus, are fitted; the shared seed claims only help choose the
  // thresholds; the test split is never read.
  const seen = rows.filter((r) => r.split !== 'test');
  const bundled = new Checker(Corpus.fromSources(readSourceFolders([bundledCorpusDir()]).sources), { model: NEUTRAL });
  const trainClaims = TRAIN_CLAIM_FILES.flatMap((f) => readJsonl<ClaimRow>(join(fixturesDir(), f)));
  const seedClaims = readSeedClaims(data);
  const pool = [...claimExamples(seen), ...corpusClaimExamples(trainClaims, bundled)];
  const seeds = corpusClaimExamples(seedClaims, bundled, 'seed-claims');
  const docOfDraft = new Map(seen.map((r) => [r.id, r.doc]));
  const drafts = [
    ...seen.map((r) => ({ id: r.id, dataset: r.dataset, label: r.label })),
    ...claimDrafts(trainClaims, 'corpus-claims'),
    ...claimDrafts(seedClaims, 'seed-claims'),
  ];
  const { model, threshold, contradictionThreshold, score, f } = fitWithThresholds(pool, drafts, (e) => docOfDraft.get(e.draft) ?? e.draft, seeds);
  const contradiction = { threshold: contradictionThreshold, f };
  const files = ['summedits-news.eval.jsonl', 'summedits-other.jsonl', 'bump-task2.jsonl'];
  const file: WeightsFile = {
    features: [...FEATURES],
    weights: model.weights.map((w) => Number(w.toPrecision(8))),
    bias: Number(model.bias.toPrecision(8)),
    threshold,
    contradictionThreshold: contradiction.threshold,
    provenance: {
      command: 'npm run train',
      data: Object.fromEntries(
        files.map((f) => {
          try {
            return [f, sha256(join(data, f))];
          } catch {
            return [f, 'missing'];
          }
        }),
      ),
      split: {
        seed: SPLIT_SEED,
        fitOn: 'train and dev documents',
        thresholdsOn: `out-of-fold predictions, ${FOLDS} folds by document, and the seed claims`,
        neverRead: 'test',
      },
      claims: pool.filter((e) => e.label !== undefined).length,
      claimFiles: TRAIN_CLAIM_FILES.map((f) => `test/fixtures/${f}`),
      drafts: seen.length,
      l2: L2,
      outOfFoldMeanBalancedAccuracy: Number(score.toFixed(4)),
      outOfFoldContradictionF05: Number(contradiction.f.toFixed(4)),
    },
  };
  const json = JSON.stringify(file, null, 1) + '\n';
  if (check) {
    // `--check`: train, and say whether the result is the committed file, byte for byte.
    let committed = '';
    try {
      committed = readFileSync(out, 'utf8');
    } catch {
      /* compared as empty */
    }
    const same = committed === json;
    console.log(same ? `${relative(process.cwd(), out)} is what npm run train makes` : `${relative(process.cwd(), out)} differs from what npm run train makes`);
    return same ? 0 : 1;
  }
  writeFileSync(out, json);
  console.log(
    `trained on ${String(file.provenance.claims)} claims of ${String(file.provenance.drafts)} drafts in ${((performance.now() - t0) / 1000).toFixed(1)} s; threshold ${threshold} (out-of-fold mean balanced accuracy ${score.toFixed(3)}), contradiction threshold ${contradiction.threshold} (out-of-fold F0.5 ${contradiction.f.toFixed(3)}); wrote ${relative(process.cwd(), out)}`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
