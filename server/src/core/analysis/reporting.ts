/**
 * Classes of verbs read from WordNet: a verb belongs to a class when its first
 * sense is, within a few hypernym steps, a kind of one of the class's root
 * senses.
 *
 * - Reporting verbs ("say", "tell", "report", "announce", "warn") are kinds of
 *   stating, informing or communicating. A sentence whose main verb reports
 *   ("The White House says Kim may visit") makes the reported clause its
 *   statement, so that clause's modality is the sentence's.
 * - Verbs of giving ("sell", "provide", "supply", "give") transfer something
 *   to a recipient: the capital after their "to" ("sell weapons to Moscow")
 *   is its government, not a place.
 */
import { hypernymLevels, sensesOf } from './wordnet';

/** A class of verbs: its roots (a word and how many of its first senses), and how many hypernym steps are searched. */
function verbClass(roots: [string, number][], depth: number): (lemma: string) => boolean {
  let within: Set<number> | undefined;
  const memo = new Map<string, boolean>();
  return (lemma) => {
    const hit = memo.get(lemma);
    if (hit !== undefined) return hit;
    within ??= new Set(roots.flatMap(([w, n]) => sensesOf(w, 'v').slice(0, n)));
    let found = false;
    for (const level of hypernymLevels(sensesOf(lemma, 'v').slice(0, 1), depth)) {
      found = level.some((s) => within!.has(s));
      if (found) break;
    }
    if (memo.size > 20000) memo.clear();
    memo.set(lemma, found);
    return found;
  };
}

/** Whether verb lemma `lemma` reports what someone said. */
export const isReportingVerb = verbClass(
  [
    ['state', 1],
    ['inform', 1],
    ['communicate', 1],
  ],
  3,
);

/** Whether verb lemma `lemma` gives something to someone ("sell", "provide", "supply"). */
export const isGivingVerb = verbClass(
  [
    ['give', 3],
    ['sell', 1],
  ],
  3,
);
