/**
 * The two verdict rules, in one place for the checker and for training (which
 * replays them on stored features to choose the support threshold).
 */

/** What the rules read of one assessment (a claim against one evidence set). */
export interface DecisionInput {
  /** Typed conflicts of the primary sentence that no other evidence sentence resolves. */
  conflicts: number;
  /** Values, names and quotations of the claim that no evidence sentence mentions. */
  novel: number;
  /** Of those: values, names, and the rest (quotations, event qualifiers such as "for the second time"). */
  novelValues: number;
  novelNames: number;
  novelOther: number;
  /** Novel names of where something happened ("in Moscow", not "to Moscow"). */
  novelPlaces?: number;
  otherEvent: boolean;
  hypothetical: boolean;
  support: number;
  /** The support were the conflicting facts right. */
  eventSupport?: number;
  /** No source sentence shares a word with the claim: nothing can support it. */
  noEvidence?: boolean;
  /** The conflicts are of different kinds (a date and a person). */
  mixedConflicts?: boolean;
  /**
   * Most of the claim's content (idf-weighted) is in no word of the evidence's
   * document, or none of it is said by the evidence, and that document is
   * written text, where a faithful report keeps most of its source's words.
   */
  mostlyUnsaid?: boolean;
}

/**
 * The evidence supports the claim: no conflict; every value, quotation, event
 * qualifier and place of the claim mentioned (other names may be said in other
 * words, which the model weighs); not a different occasion or a mere
 * possibility; and the model agrees.
 */
export function supports(x: DecisionInput, threshold: number): boolean {
  return (
    !x.noEvidence &&
    !x.mostlyUnsaid &&
    x.conflicts === 0 &&
    x.novelValues === 0 &&
    x.novelOther === 0 &&
    !x.novelPlaces &&
    !x.otherEvent &&
    !x.hypothetical &&
    x.support >= threshold
  );
}

/**
 * The evidence contradicts the claim: one or two typed conflicts, and with
 * them taken as right the model finds the evidence supports the claim, i.e.
 * it is about the same event.
 */
export function contradicts(x: DecisionInput, threshold: number): boolean {
  // The contradiction stands on the evidence set alone: it mentions every other
  // fact of the claim, and one fact differs (or two of one kind, such as two
  // names of a list): a source that differs in a date and a person is about
  // someone else's visit, not a wrong date of this one.
  return x.conflicts > 0 && x.conflicts <= 2 && !x.mixedConflicts && x.novel === 0 && !x.otherEvent && !x.hypothetical && (x.eventSupport ?? 0) >= threshold;
}
