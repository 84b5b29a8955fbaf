import type { Analysis } from '../analysis/facts';
import { claimWords, tokenStem } from './align';
import { compare, confirmsInSlot } from './compare';
import type { Comparison, Conflict, Novel } from './comparators/comparison';
import { isVenue } from './comparators/entities';
import { negatedWord } from './comparators/negation';

/**
 * A claim compared with a small evidence set: one to three sentences of one
 * document, the first (the *primary*) the closest match. A fact of the claim
 * counts as confirmed when any sentence of the set confirms it, so a claim
 * that joins two sentences of a source ("Kim met Putin in Vladivostok" +
 * "that was in 2019") is supported by the pair. A contradiction, though, must
 * stand on the primary sentence and its neighbours: another sentence of the
 * set may remove it (by confirming the fact), never add one.
 */
export interface SetComparison {
  /** The primary sentence's comparison. */
  primary: Comparison;
  /** Where the primary was in the sentences given (they are listed primary first from here on). */
  primaryAt: number;
  /** Every sentence's comparison, the primary's first. */
  each: Comparison[];
  /** The primary's conflicts on facts no other sentence of the set confirms. */
  conflicts: Conflict[];
  /** Facts of the claim that no sentence of the set mentions. */
  novel: Novel[];
  /** How many of the claim's facts some sentence of the set confirms. */
  confirmed: number;
  otherEvent: boolean;
  hypothetical: boolean;
}

function sameNovel(a: Novel, b: Novel): boolean {
  if (a.value || b.value) return a.value === b.value;
  if (a.entity || b.entity) return a.entity === b.entity;
  return a.text === b.text;
}

/** Whether a comparison found a conflict on novel fact `n` (a value or a name of the claim). */
function disputes(cmp: Comparison, n: Novel): boolean {
  const f = n.value ?? n.entity;
  return !!f && cmp.conflicts.some((x) => f.start <= x.start && x.end <= f.end);
}

/** Compares claim `c` with evidence `sentences` (primary first), each with its document neighbours in `contexts`. */
export function compareSet(c: Analysis, sentences: Analysis[], contexts: Analysis[][]): SetComparison {
  let each = sentences.map((s, i) => compare(c, s, contexts[i]));
  // The primary is the sentence that speaks to most of the claim, facts and
  // words (the closest match first on a tie): "the Korean War of 1950 to 1953", not a
  // sentence that shares "war" and "last" with "The Korean War lasted ...".
  const words = claimWords(c).map(tokenStem);
  const says = (i: number): number => {
    const stems = new Set(sentences[i].tokens.map(tokenStem));
    // A fact it contradicts is a fact it speaks to, as much as one it confirms.
    return each[i].confirmed.length + each[i].conflicts.length + words.filter((w) => stems.has(w)).length;
  };
  let at = 0;
  let most = each.length > 1 ? says(0) : 0;
  for (let i = 1; i < each.length; i++) {
    const n = says(i);
    if (n > most) {
      most = n;
      at = i;
    }
  }
  if (at > 0) {
    sentences = [sentences[at], ...sentences.filter((_, i) => i !== at)];
    each = [each[at], ...each.filter((_, i) => i !== at)];
  }
  const primaryAt = at;
  const primary = each[0];
  const confirmed = each.flatMap((cmp) => cmp.confirmed);
  // Another sentence of the set lifts a conflict of the primary when it states
  // the claim's fact in the same role (a conflict may point into a fact, "15"
  // of "Sept. 15": the fact around it counts).
  const conflicts = primary.conflicts.filter((x) => !sentences.slice(1).some((s) => confirmsInSlot(c, x, s)));
  // A claim of two clauses ("has not apologised and denied ...") may take each
  // from another sentence: a denial in any sentence of the set counts, since a
  // negation conflict already needs the same word in the same slot, unless
  // another sentence of the set says that word without it.
  if (!conflicts.some((x) => x.kind === 'negation')) {
    for (let i = 1; i < each.length; i++) {
      const x = each[i].conflicts.find((y) => y.kind === 'negation');
      const word = x && negatedWord(c, x);
      if (!x || !word) continue;
      const lifted = each.some(
        (cmp, j) => j !== i && !cmp.conflicts.some((y) => y.kind === 'negation') && sentences[j].tokens.some((t) => t.lemma === word.lemma),
      );
      if (!lifted) {
        conflicts.push({ ...x, at: i });
        break;
      }
    }
  }
  // So may a value: one the primary says nothing of, and another sentence of
  // the set gives otherwise in its role ("Kim's 2017 nuclear test was followed
  // by efforts to repair ties, and he met Putin for the first time in 2018"
  // against "After ... in 2017, Mr Kim took steps to repair ties. He met Putin
  // in 2019 for the first time"), unless a sentence of the set states it.
  const moved = new Set<Novel>();
  // Only where the primary confirms another value of the claim: it speaks to another part of it.
  const partly = c.values.some((v) => primary.confirmed.includes(v));
  for (const n of partly ? primary.novel : []) {
    const v = n.value;
    if (!v || each.some((cmp) => cmp.confirmed.includes(v))) continue;
    const at = each.findIndex((cmp, i) => i > 0 && disputes(cmp, n));
    const x = at > 0 ? each[at].conflicts.find((y) => v.start <= y.start && y.end <= v.end) : undefined;
    if (!x) continue;
    conflicts.push({ ...x, at });
    moved.add(n);
  }
  // Where something happened must be said with it: "in Moscow" is not
  // confirmed by another sentence of the document that names Moscow.
  // A fact stays novel unless some sentence of the set states it: one that
  // states another value or name in its place ("the invasion of Ukraine" for
  // "of Poland") confirms nothing, though only the primary may make that a contradiction.
  const novel = primary.novel.filter(
    (n) => !moved.has(n) && ((n.entity && isVenue(c, n.entity)) || each.every((cmp) => cmp.novel.some((m) => sameNovel(m, n)) || disputes(cmp, n))),
  );
  return {
    primary,
    primaryAt,
    each,
    conflicts,
    novel,
    confirmed: new Set(confirmed.map((f) => `${f.start}:${f.end}`)).size,
    otherEvent: primary.otherEvent,
    hypothetical: primary.hypothetical,
  };
}
