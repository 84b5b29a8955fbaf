/**
 * Reporting verbs, read from WordNet: a verb whose first sense is, within
 * three hypernym steps, a kind of stating, informing or communicating ("say",
 * "tell", "report", "announce", "warn"). A sentence whose main verb reports
 * ("The White House says Kim may visit") makes the reported clause its
 * statement, so that clause's modality is the sentence's.
 */
import { hypernymLevels, sensesOf } from './wordnet';

/** How many hypernym steps above a verb's first sense are searched. */
const DEPTH = 3;

let roots: Set<number> | undefined;
const memo = new Map<string, boolean>();

/** Whether verb lemma `lemma` reports what someone said. */
export function isReportingVerb(lemma: string): boolean {
  const hit = memo.get(lemma);
  if (hit !== undefined) return hit;
  const within = (roots ??= new Set(['state', 'inform', 'communicate'].flatMap((w) => sensesOf(w, 'v').slice(0, 1))));
  let found = false;
  for (const level of hypernymLevels(sensesOf(lemma, 'v').slice(0, 1), DEPTH)) {
    found = level.some((s) => within.has(s));
    if (found) break;
  }
  if (memo.size > 20000) memo.clear();
  memo.set(lemma, found);
  return found;
}
