import type { Analysis } from '../analysis/facts';
import type { Comparison, Novel, Tally } from './comparators/comparison';
import { NEGATION_RE, compareNegation } from './comparators/negation';
import { compareAntonyms, compareClosedClasses, compareDegree, compareDirection, compareOrder, hasOrderPhrase } from './comparators/opposites';
import { compareEntities, compareRoles, sameEntity } from './comparators/entities';
import { compareListItems } from './comparators/lists';
import { compareQualifiers } from './comparators/qualifiers';
import { compareRanks } from './comparators/ranks';
import { compareQuote, compareQuotes } from './comparators/quotes';
import { compareRelativePeriods, compareValues, group, sameValue, statesInRole } from './comparators/values';
import { hasOpposites } from '../analysis/lexicon';
import { neighbour, sharedAround } from './comparators/slots';

/**
 * Compares a claim with one source sentence, slot by slot: values of the same
 * type and role, entities in the same position, quotations, negation and
 * antonyms, one comparator each (comparators/). The result says what the
 * sentence supports, what it contradicts and what of the claim it does not
 * speak to; the verdict is decided later across all candidate sentences.
 */

/**
 * Compares claim `c` with source sentence `s`, whose document neighbours are
 * `context` (they resolve "he" and "the country" to the names in nearby
 * sentences): each comparator adds what it confirms, contradicts or misses to
 * one tally, in this order (the direction comparator leaves a word an antonym
 * already took).
 */
export function compare(c: Analysis, s: Analysis, context: Analysis[]): Comparison {
  const t: Tally = { supported: 0, confirmed: [], conflicts: [], novel: [] };
  const valuesInSentence = compareValues(t, c, s, context);
  compareRelativePeriods(t, c, s);
  compareEntities(t, c, s, context);
  compareRoles(t, c, s);
  compareQuotes(t, c, s);
  compareClosedClasses(t, c, s, context);
  compareListItems(t, c, s);
  compareRanks(t, c, s);
  compareNegation(t, c, s);
  compareAntonyms(t, c, s);
  compareDegree(t, c, s);
  compareDirection(t, c, s);
  compareOrder(t, c, s);
  const { otherEvent, hypothetical } = compareQualifiers(t, c, s);
  // One wrong word is one conflict: "a very new flame" quoted for "a very old
  // flame" is a misquotation, not a misquotation and an opposite as well
  // (two kinds would read as two facts wrong, another event). The first
  // comparator's finding stands.
  t.conflicts = t.conflicts.filter((x, i) => !t.conflicts.slice(0, i).some((y) => y.start < x.end && x.start < y.end));
  return { ...t, otherEvent, hypothetical, valuesInSentence };
}

/**
 * Whether sentence `s` states the claim's fact at `span` (a value or a name of
 * claim `c`) in the same role: the same value among the same words, or the same
 * name next to the same word. Another sentence of an evidence set lifts a
 * conflict of the primary only this way; merely naming South Korea somewhere
 * does not make it "the official name of South Korea".
 */
export function confirmsInSlot(c: Analysis, span: { start: number; end: number }, s: Analysis): boolean {
  const cv = c.values.find((v) => v.start <= span.start && span.end <= v.end);
  // Lifting a conflict weighs as much as making one: the role must match as strictly, and more than by its verb.
  if (cv) return s.values.some((sv) => sameValue(cv, sv) && statesInRole(c, cv, s, sv));
  const ce = c.entities.find((e) => e.start <= span.start && span.end <= e.end);
  if (ce) {
    const left = neighbour(c, ce.index, -1);
    const right = neighbour(c, ce.endIndex, 1);
    // Next to the same word, and among the claim's words: "Adrienne Watson said
    // on Monday that Shoigu had travelled" does not lift "John Kirby said the
    // letters were ..." from "Adrienne Watson said the letters were ...".
    return s.entities.some(
      (se) =>
        sameEntity(ce, se) &&
        ((left !== undefined && neighbour(s, se.index, -1) === left) || (right !== undefined && neighbour(s, se.endIndex, 1) === right)) &&
        sharedAround(c, ce, s, se) >= 2,
    );
  }
  const cq = c.quotes.find((q) => q.start <= span.start && span.end <= q.end);
  if (cq) return s.quotes.some((sq) => compareQuote(cq, sq, s.text, s.start)?.same === true);
  return false;
}

/**
 * Whether comparing claim `c` with sentence `s` could find a conflict at all:
 * a value of a kind the claim has, a name where the claim has one, a
 * quotation, a negation, or a word with opposites. Most sentences of another
 * document have none of these beyond names, which this tests first.
 */
export function mayConflict(c: Analysis, s: Analysis): boolean {
  // A sentence not analysed yet is read from its text first, so that ruling it
  // out does not cost its analysis.
  const text = s.surface;
  if (c.negations.length) return true;
  if (text !== undefined ? NEGATION_RE.test(text) : s.negations.length > 0) return true;
  if (c.quotes.length && (text !== undefined ? /["“”]/.test(text) : s.quotes.length > 0)) return true;
  if (c.values.length && (text !== undefined ? /\d|\p{Lu}/u.test(text) : s.values.some((sv) => c.values.some((cv) => group(cv) === group(sv))))) return true;
  if (c.entities.length && (text !== undefined ? /\p{Lu}/u.test(text.slice(1)) : s.entities.length > 0)) return true;
  if (hasOrderPhrase(c)) return true;
  return c.lemmas.some((l) => hasOpposites(l.lemma));
}

/**
 * Whether another sentence states a value that a comparison found missing.
 * Names are not joined this way: a document that mentions Moscow somewhere
 * does not confirm that a meeting took place there.
 */
export function mentions(a: Analysis, n: Novel): boolean {
  return !!n.value && a.values.some((v) => sameValue(n.value!, v));
}
