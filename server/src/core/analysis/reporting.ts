/**
 * Classes of words read from WordNet (see {@link wordClass}).
 *
 * - Reporting verbs ("say", "tell", "report", "announce", "warn") are kinds of
 *   stating, informing or communicating. A sentence whose main verb reports
 *   ("The White House says Kim may visit") makes the reported clause its
 *   statement, so that clause's modality is the sentence's.
 * - Verbs of giving ("sell", "provide", "supply", "give") transfer something
 *   to a recipient: the capital after their "to" ("sell weapons to Moscow")
 *   is its government, not a place.
 * - Nouns of people ("spokeswoman", "official", "envoy") name someone a
 *   body employs or stands for: "a spokeswoman for the State Department" is
 *   the department's, as "National Security Council spokeswoman" is the council's.
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

/** Whether noun lemma `lemma` names a kind of person ("spokeswoman", "official"). */
export const isPersonNoun = wordClass('n', [['person', 1]], 8);
