import type { Analysis } from '../../analysis/facts';
import type { Tally } from './comparison';

/**
 * Event qualifiers: which occasion ("for the first time", "again") and whether
 * the source only says it may happen.
 */

/** The suffix of an ordinal written in digits: 1st, 2nd, 11th. */
function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** Words that say an event happened before. */
const PRIOR = new Set(['previously', 'before', 'already', 'earlier']);

/** Which occasion each sentence names, and whether the source only says the event may happen; a claim's own occasion the source is silent on is novel. */
export function compareQualifiers(t: Tally, c: Analysis, s: Analysis): { otherEvent: boolean; hypothetical: boolean } {
  const times = (a: Analysis): string[] => [...a.qualifiers].filter((q) => q.startsWith('time:'));
  const ct = times(c);
  const st = times(s);
  const otherEvent = ct.length > 0 && st.length > 0 && !ct.some((q) => st.includes(q));
  // "For the second time" is itself a fact: a source silent on it cannot confirm it.
  // What may happen "again" only presupposes an earlier occasion, which a
  // source that says it happened before ("previously met") states.
  const presupposed = (q: string): boolean => q === 'time:again' && c.qualifiers.has('modal') && s.tokens.some((x) => PRIOR.has(x.lower));
  for (const q of ct)
    if (!st.includes(q) && !otherEvent && q !== 'time:1' && !presupposed(q))
      t.novel.push({ text: q === 'time:again' ? 'again' : `the ${q.slice(5)}${ordinalSuffix(+q.slice(5))} time` });
  // A source that only asks ("is it one stage?") states nothing either.
  // A claim that says what will happen ("will hold joint war games") says more than a source that says it may.
  const hypothetical =
    (s.qualifiers.has('modal') && (!c.qualifiers.has('modal') || (c.qualifiers.has('modal:certain') && !s.qualifiers.has('modal:certain')))) || s.question;
  return { otherEvent, hypothetical };
}
