import type { Analysis } from '../analysis/facts';
import { compare, confirmsInSlot, type Comparison, type Conflict, type Novel } from './compare';

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


/** Compares claim `c` with evidence `sentences` (primary first), each with its document neighbours in `contexts`. */
export function compareSet(c: Analysis, sentences: Analysis[], contexts: Analysis[][]): SetComparison {
  const each = sentences.map((s, i) => compare(c, s, contexts[i]));
  const primary = each[0];
  const confirmed = each.flatMap((cmp) => cmp.confirmed);
  // Another sentence of the set lifts a conflict of the primary when it states
  // the claim's fact in the same role (a conflict may point into a fact, "15"
  // of "Sept. 15": the fact around it counts).
  const conflicts = primary.conflicts.filter((x) => !sentences.slice(1).some((s) => confirmsInSlot(c, x, s)));
  const novel = primary.novel.filter((n) => each.every((cmp) => cmp.novel.some((m) => sameNovel(m, n))));
  return { primary, each, conflicts, novel, confirmed: new Set(confirmed.map((f) => `${f.start}:${f.end}`)).size, otherEvent: primary.otherEvent, hypothetical: primary.hypothetical };
}
