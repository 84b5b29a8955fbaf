import type { Analysis } from '../../analysis/facts';
import { AIMING_VERBS, NEGATIONS, STOP, hasOpposites } from '../../analysis/lexicon';
import { stemWord } from '../../analysis/words';

/**
 * The slot of a word or value: the words next to it and around it, shared by
 * the comparators.
 */

// Conjunctions anchor nothing either: "North Korea and China" is not the slot of
// "South Korea and Britain" (lists are anchored by the name before, see listedBefore).
const WEAK_NEIGHBOURS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'and', 'or']);

const DASHES = /^[-–—:]$/;

/** The word next to an entity, which anchors its slot; determiners and punctuation anchor nothing. */
export function neighbour(a: Analysis, index: number, step: -1 | 1): string | undefined {
  // A dash or colon that sets a name off ("our newest product line - CloudTrek
  // Solutions", "the venue: Vladivostok") joins it to the word before.
  const skip = DASHES.test(a.tokens[index + step]?.text ?? '') ? step : 0;
  const t = a.tokens[index + step + skip];
  if (!t || WEAK_NEIGHBOURS.has(t.lower) || !/\w/.test(t.text)) return undefined;
  return t.lower;
}

/** Stems of the words of an analysis's names (kept while the analysis lives). */
const nameStemsMemo = new WeakMap<Analysis, Set<string>>();

export function nameStems(a: Analysis): Set<string> {
  let set = nameStemsMemo.get(a);
  if (!set) {
    set = new Set<string>();
    for (const e of a.entities) for (let k = e.index; k <= e.endIndex; k++) set.add(stemWord(a.tokens[k].lemma));
    nameStemsMemo.set(a, set);
  }
  return set;
}

/** How many content words around `cv` in `c` are also around `sv` in `s` (not counting `skip`). */
export function sharedAround(
  c: Analysis,
  cv: { start: number; end: number },
  s: Analysis,
  sv: { start: number; end: number },
  skip?: ReadonlySet<string>,
): number {
  const around = surroundings(c, cv);
  let shared = 0;
  for (const w of surroundings(s, sv)) if (around.has(w) && !skip?.has(w)) shared++;
  return shared;
}

/** How many tokens on each side of a value are its surroundings. */
const SURROUNDINGS = 4;

/** Surroundings already read, per value or token (each belongs to one analysis). */
const surroundingsMemo = new WeakMap<object, { a: Analysis; words: Set<string> }>();

/** Content words within a few tokens of a value. */
export function surroundings(a: Analysis, v: { start: number; end: number }): Set<string> {
  // A claim's values meet every candidate, and a candidate's meet every claim: each is read once.
  const memo = surroundingsMemo.get(v);
  if (memo && memo.a === a) return memo.words;
  // Names count too ("Russian Defence Minister" around "in July"), so all tokens are read, not only lemmas.
  const out = new Set<string>();
  const first = a.tokens.findIndex((t) => t.start >= v.start);
  let last = first;
  while (last + 1 < a.tokens.length && a.tokens[last + 1].end <= v.end) last++;
  // Content words are counted, not tokens: a paraphrase moves a value a few
  // words away from its predicate ("the test, carried out in 2016").
  const take = (from: number, step: 1 | -1): void => {
    let n = 0;
    for (let k = from; k >= 0 && k < a.tokens.length && n < SURROUNDINGS; k += step) {
      const t = a.tokens[k];
      // Stop words are tested before stemming: the spelling rules make "or" into "er".
      if (STOP.has(t.lower) || STOP.has(t.lemma)) continue;
      const w = stemWord(t.lemma);
      if (STOP.has(w) || !/\p{L}/u.test(w)) continue;
      out.add(w);
      n++;
    }
  };
  take(first - 1, -1);
  take(last + 1, 1);
  surroundingsMemo.set(v, { a, words: out });
  return out;
}

/** The lemmas of an analysis that have opposites at all (kept while the analysis lives): only they can be an antonym's. */
const oppositesMemo = new WeakMap<Analysis, Analysis['lemmas']>();

export function withOpposites(a: Analysis): Analysis['lemmas'] {
  let list = oppositesMemo.get(a);
  if (!list) oppositesMemo.set(a, (list = a.lemmas.filter((l) => hasOpposites(l.lemma))));
  return list;
}

/** The lemmas of an analysis as a set (kept while the analysis lives). */
const lemmaSets = new WeakMap<Analysis, Set<string>>();

export function lemmaSet(a: Analysis): Set<string> {
  let set = lemmaSets.get(a);
  if (!set) lemmaSets.set(a, (set = new Set(a.lemmas.map((l) => l.lemma))));
  return set;
}

/** Lemmas of the few words before token `index`, the left context of a value. */
export function leftWords(a: Analysis, index: number): string[] {
  return a.tokens.slice(Math.max(0, index - 3), index).map((t) => t.lemma);
}

export function overlap(a: string[], b: string[]): number {
  return a.filter((w) => b.includes(w)).length;
}

/**
 * Whether token `k` of `a` is the verb of a complement that states an aim
 * ("vowed to keep", "plans to cut"): it follows "to" after a verb of
 * intention, promise or attempt. An aim and a fact neither confirm nor deny
 * each other. Only the verb: the words of its object ("a bid to boost the
 * homegrown quota") still name what is aimed at.
 */
export function inAim(a: Analysis, k: number): boolean {
  if (a.tokens[k]?.pos !== 'VERB' || a.tokens[k - 1]?.lower !== 'to') return false;
  for (let i = k - 2; i >= Math.max(0, k - 5); i--) {
    const v = a.tokens[i];
    if (v.pos === 'ADV' || v.pos === 'AUX' || v.pos === 'PART' || NEGATIONS.has(v.lower)) continue;
    return v.pos === 'VERB' && AIMING_VERBS.has(v.lemma);
  }
  return false;
}
