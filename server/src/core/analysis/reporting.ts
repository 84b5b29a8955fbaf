/**
 * Reporting verbs, read from WordNet: a verb whose first sense is, within
 * three hypernym steps, a kind of stating, informing or communicating ("say",
 * "tell", "report", "announce", "warn"). A sentence whose main verb reports
 * ("The White House says Kim may visit") makes the reported clause its
 * statement, so that clause's modality is the sentence's.
 */
import { hypernymsOf, sensesOf } from './wordnet';

/** How many hypernym steps above a verb's first sense are searched. */
const DEPTH = 3;

let roots: Set<number> | undefined;
const memo = new Map<string, boolean>();

/** Whether verb lemma `lemma` reports what someone said. */
export function isReportingVerb(lemma: string): boolean {
  const hit = memo.get(lemma);
  if (hit !== undefined) return hit;
  roots ??= new Set(['state', 'inform', 'communicate'].flatMap((w) => sensesOf(w, 'v').slice(0, 1)));
  let frontier = sensesOf(lemma, 'v').slice(0, 1);
  const seen = new Set(frontier);
  let found = false;
  for (let depth = 0; depth <= DEPTH && !found && frontier.length; depth++) {
    found = frontier.some((s) => roots!.has(s));
    frontier = frontier.flatMap((s) => hypernymsOf(s)).filter((s) => !seen.has(s) && (seen.add(s), true));
  }
  if (memo.size > 20000) memo.clear();
  memo.set(lemma, found);
  return found;
}
