import type { Analysis } from '../analysis/facts';
import type { LinkKind, WordLink } from '../verdict/align';
import type { SetComparison } from '../verdict/evidence';

/**
 * The features the support model reads: what the alignment of a claim with
 * its evidence found, as numbers in [0, 1]. They describe links, never words,
 * so the model learns how much a synonym, an unaligned noun or a wrong year
 * weighs, not which words came up in its training data.
 */

/** Everything features are computed from. */
export interface FeatureInput {
  claim: Analysis;
  words: WordLink[];
  /** Inverse document frequency of each claim word's stem, in the corpus. */
  idf: (stem: string) => number;
  facts: SetComparison;
  /** Novel values and names of the claim that the evidence's document states elsewhere. */
  valuesElsewhere: number;
  entitiesElsewhere: number;
  /** Retrieval similarity of the primary sentence (0..1). */
  sim: number;
  /** How many sentences the evidence set holds. */
  evidenceSize: number;
  /** Share of the claim's content bigrams found, in order, in the evidence. */
  bigrams: number;
  /**
   * How much the evidence's document reads as written text rather than speech
   * (0..1: the share of its sentences without a speaker label or a first- or
   * second-person pronoun). A summary of a conversation paraphrases far more
   * than a report of an article, so an unaligned word weighs by it.
   */
  written: number;
}

const KINDS: LinkKind[] = ['same', 'synonym', 'derivation', 'hypernym', 'near', 'hyponym', 'cohyponym', 'antonym', 'elsewhere', 'none'];

/**
 * Feature names, in the order of the vector; the weights file must list the
 * same. Only relations between claim and evidence are features, never the
 * claim alone: how many values or negations a claim has says something about
 * how a benchmark's errors were planted, nothing about whether a source
 * supports it.
 */
export const FEATURES: readonly string[] = [
  'words',
  ...KINDS.map((k) => `share:${k}`),
  'none:noun',
  'none:verb',
  'none:modifier',
  'none:other',
  'elsewhere:count',
  'unaligned:run',
  'unaligned:runs',
  'hyponym:slot',
  'cohyponym:slot',
  'antonym:slot',
  'none:slot',
  'values:confirmed',
  'values:conflict',
  'values:elsewhere',
  'values:absent',
  'names:confirmed',
  'names:conflict',
  'names:elsewhere',
  'names:absent',
  'quotes:confirmed',
  'quotes:conflict',
  'quotes:novel',
  'negation:conflict',
  'antonym:conflict',
  'other:conflict',
  'other-event',
  'hypothetical',
  'sim',
  'evidence-size',
  'bigrams',
  'verbatim:none',
  'verbatim:weak',
  'verbatim:novel',
  'written',
  'written:none',
  'written:run',
];

/**
 * The direction each feature may push support, known before any data: more
 * words said the same way can only help (+1), an unaligned word, a conflict
 * or an opposite can only hurt (-1); 0 leaves the sign to the data. Training
 * keeps every weight on its side (a feature whose fitted weight comes out on
 * the wrong side is held at 0), so the model cannot learn that a confirmed
 * quotation makes a claim less likely, however its training data happen to
 * fall.
 */
export const SIGNS: Readonly<Record<string, -1 | 0 | 1>> = {
  'share:same': 1,
  'share:synonym': 1,
  'share:derivation': 1,
  'share:hypernym': 1,
  'share:near': 1,
  'share:hyponym': -1,
  'share:cohyponym': -1,
  'share:antonym': -1,
  'share:none': -1,
  'none:noun': -1,
  'none:verb': -1,
  'none:modifier': -1,
  'none:other': -1,
  'unaligned:run': -1,
  'unaligned:runs': -1,
  'hyponym:slot': -1,
  'cohyponym:slot': -1,
  'antonym:slot': -1,
  'none:slot': -1,
  'values:confirmed': 1,
  'values:conflict': -1,
  'values:absent': -1,
  'names:confirmed': 1,
  'names:conflict': -1,
  'names:absent': -1,
  'quotes:confirmed': 1,
  'quotes:conflict': -1,
  'quotes:novel': -1,
  'negation:conflict': -1,
  'antonym:conflict': -1,
  'other:conflict': -1,
  'other-event': -1,
  hypothetical: -1,
  sim: 1,
  // A sentence joins an evidence set only to state more of the claim: needing
  // it is no reason for less support than a set that states less.
  'evidence-size': 1,
  bigrams: 1,
  'verbatim:none': -1,
  'verbatim:weak': -1,
  'verbatim:novel': -1,
  'written:none': -1,
  'written:run': -1,
};

const cap = (n: number, at: number): number => Math.min(n, at) / at;

/** Conflict kinds with a feature of their own, left out of "other:conflict". */
const OWN_FEATURE: ReadonlySet<string> = new Set(['negation', 'antonym', 'quote']);

/** The feature vector of one claim against one evidence set. */
export function featuresOf(x: FeatureInput): Float64Array {
  const f = new Float64Array(FEATURES.length);
  let k = 0;
  const words = x.words;
  f[k++] = cap(words.length, 12);
  let total = 0;
  const byKind = new Map<LinkKind, number>();
  for (const w of words) {
    const idf = x.idf(w.stem);
    total += idf;
    byKind.set(w.kind, (byKind.get(w.kind) ?? 0) + idf);
  }
  // A word the document does not have at all is no better evidence than one it
  // has in another sentence: "elsewhere" counts both, so that the weight of
  // "none" is what it costs beyond that, and its sign keeps the order.
  for (const kind of KINDS) f[k++] = total > 0 ? ((byKind.get(kind) ?? 0) + (kind === 'elsewhere' ? (byKind.get('none') ?? 0) : 0)) / total : 0;
  const none = words.filter((w) => w.kind === 'none');
  f[k++] = cap(none.filter((w) => w.pos === 'NOUN' || w.pos === 'PROPN').length, 3);
  f[k++] = cap(none.filter((w) => w.pos === 'VERB').length, 3);
  f[k++] = cap(none.filter((w) => w.pos === 'ADJ' || w.pos === 'ADV').length, 3);
  f[k++] = cap(none.filter((w) => !['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV'].includes(w.pos)).length, 3);
  f[k++] = cap(words.filter((w) => w.kind === 'elsewhere' || w.kind === 'none').length, 3);
  // Unaligned words in a row are an added phrase ("signed a mutual defence
  // treaty"), which a paraphrase seldom is: it swaps words one at a time.
  let run = 0;
  let longest = 0;
  let runs = 0;
  for (const w of words) {
    if (w.kind === 'none' || w.kind === 'elsewhere') {
      run++;
      if (run === 2) runs++;
      longest = Math.max(longest, run);
    } else run = 0;
  }
  f[k++] = cap(longest, 4);
  f[k++] = cap(runs, 2);
  for (const kind of ['hyponym', 'cohyponym', 'antonym', 'none'] as LinkKind[]) f[k++] = cap(words.filter((w) => w.kind === kind && w.slot).length, 2);

  const c = x.claim;
  const facts = x.facts;
  const confirmedSpans = new Set(facts.each.flatMap((e) => e.confirmed.map((s) => `${s.start}:${s.end}`)));
  const isConfirmed = (s: { start: number; end: number }): boolean => confirmedSpans.has(`${s.start}:${s.end}`);
  const within =
    (s: { start: number; end: number }) =>
    (y: { start: number; end: number }): boolean =>
      y.start >= s.start && y.end <= s.end;
  const conflicts = facts.conflicts;
  const valueConflicts = c.values.filter((v) => conflicts.some(within(v))).length;
  const novelValues = facts.novel.filter((n) => n.value).length;
  f[k++] = c.values.length ? c.values.filter(isConfirmed).length / c.values.length : 0;
  f[k++] = cap(valueConflicts, 2);
  f[k++] = cap(x.valuesElsewhere, 2);
  f[k++] = cap(novelValues - x.valuesElsewhere, 2);
  const nameConflicts = c.entities.filter((e) => conflicts.some(within(e))).length;
  const novelNames = facts.novel.filter((n) => n.entity).length;
  f[k++] = c.entities.length ? c.entities.filter(isConfirmed).length / c.entities.length : 0;
  f[k++] = cap(nameConflicts, 2);
  f[k++] = cap(x.entitiesElsewhere, 2);
  f[k++] = cap(novelNames - x.entitiesElsewhere, 2);
  f[k++] = cap(c.quotes.filter(isConfirmed).length, 2);
  f[k++] = cap(conflicts.filter((y) => y.kind === 'quote').length, 2);
  f[k++] = cap(facts.novel.filter((n) => !n.value && !n.entity && n.text.startsWith('“')).length, 2);
  f[k++] = conflicts.some((y) => y.kind === 'negation') ? 1 : 0;
  f[k++] = conflicts.some((y) => y.kind === 'antonym') ? 1 : 0;
  // Any other typed conflict: a list item or closed-class word in another's place, a rank.
  f[k++] = cap(conflicts.filter((y) => !OWN_FEATURE.has(y.kind) && !c.values.some((v) => within(v)(y)) && !c.entities.some((e) => within(e)(y))).length, 2);
  f[k++] = facts.otherEvent ? 1 : 0;
  f[k++] = facts.hypothetical ? 1 : 0;
  f[k++] = Math.max(0, Math.min(1, x.sim));
  f[k++] = cap(x.evidenceSize, 3);
  f[k++] = x.bigrams;
  // A sentence copied from its source but for one word is the mark of a
  // changed fact; a paraphrase differs everywhere. What is unaligned weighs
  // by how closely the rest follows the source's wording.
  const weak = words.filter((w) => w.kind === 'cohyponym' || w.kind === 'antonym' || w.kind === 'hyponym').length;
  f[k++] = cap(none.length + words.filter((w) => w.kind === 'elsewhere').length, 2) * x.bigrams;
  f[k++] = cap(weak, 2) * x.bigrams;
  f[k++] = cap(facts.novel.length, 2) * x.bigrams;
  f[k++] = x.written;
  f[k++] = (total > 0 ? ((byKind.get('none') ?? 0) + (byKind.get('elsewhere') ?? 0)) / total : 0) * x.written;
  f[k] = cap(longest, 4) * x.written;
  return f;
}
