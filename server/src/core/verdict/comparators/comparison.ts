import type { Entity } from '../../analysis/facts';
import type { MismatchKind } from '../../types';
import type { Value } from '../../analysis/values';

/**
 * What comparing a claim with one source sentence finds, and the tally the
 * comparators add to.
 */

/** A contradiction found in one sentence, before it is turned into a Mismatch. */
export interface Conflict {
  kind: MismatchKind;
  start: number;
  end: number;
  found: string;
  expected?: string;
  /** In an evidence set: which of its sentences (primary first) states the other fact, when not the primary. */
  at?: number;
}

/** A fact of the claim that a sentence does not mention. */
export interface Novel {
  text: string;
  value?: Value;
  entity?: Entity;
  /** Where a word of a closed class is in the claim (values and names carry their own place). */
  span?: { start: number; end: number };
}

export interface Comparison {
  /** Values, entities and quotes of the claim this sentence (or its neighbours) confirms. */
  supported: number;
  /** Where those confirmed facts are in the claim (offsets of the value, name or quotation). */
  confirmed: { start: number; end: number }[];
  conflicts: Conflict[];
  /** Claim facts the sentence and its neighbours do not mention at all. */
  novel: Novel[];
  /** Event qualifiers disagree (first vs second time): a different event. */
  otherEvent: boolean;
  /** The source only says the event may happen; the claim says it did. */
  hypothetical: boolean;
  /** The claim has values and this sentence itself states every one of them. */
  valuesInSentence: boolean;
}

/** What the comparators of one claim and one sentence add to as they go. */
export interface Tally {
  supported: number;
  confirmed: { start: number; end: number }[];
  conflicts: Conflict[];
  novel: Novel[];
}
