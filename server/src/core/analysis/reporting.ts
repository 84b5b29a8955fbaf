/**
 * Classes of verbs read from WordNet (see {@link wordClass}).
 *
 * - Reporting verbs ("say", "tell", "report", "announce", "warn") are kinds of
 *   stating, informing or communicating. A sentence whose main verb reports
 *   ("The White House says Kim may visit") makes the reported clause its
 *   statement, so that clause's modality is the sentence's.
 * - Verbs of giving ("sell", "provide", "supply", "give") transfer something
 *   to a recipient: the capital after their "to" ("sell weapons to Moscow")
 *   is its government, not a place.
 */
import { wordClass } from './wordnet';

/** Whether verb lemma `lemma` reports what someone said. */
export const isReportingVerb = wordClass(
  'v',
  [
    ['state', 1],
    ['inform', 1],
    ['communicate', 1],
  ],
  3,
);

/** Whether verb lemma `lemma` gives something to someone ("sell", "provide", "supply"). */
export const isGivingVerb = wordClass(
  'v',
  [
    ['give', 3],
    ['sell', 1],
  ],
  3,
);
