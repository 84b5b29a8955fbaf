import { createHash } from 'node:crypto';
import { analyse, parseDocDate } from '../core/analysis/facts';
import { commonWords, fastSentences } from '../core/analysis/fastTerms';
import { sentencesOf } from '../core/analysis/nlp';
import { valueTerms } from '../core/analysis/valueKeys';

/**
 * A fingerprint of how this build of the engine turns source text into
 * sentences and frame terms, the part of an index that a database keeps
 * across versions. It hashes what the engine does to a probe text (both
 * indexing modes) together with {@link TERMS_VERSION}, so a release whose
 * term extraction is unchanged does not force a large archive to be
 * re-indexed, and most changes to it are noticed without anyone having to
 * remember anything. A change the probe does not exercise (a rare word, a
 * corner of the sentence splitter) needs TERMS_VERSION raised by hand.
 *
 * The probe covers what the frame terms mostly depend on: names with titles,
 * places, demonyms and capitals, values in digits and words, dates, quotes,
 * negation, possessives, hyphens, British spellings, first person,
 * relative dates against a document date, a stop inside a word, an
 * organisation named after a place and a name whose last word the tagger
 * reads as a common word.
 */

/** Raise when term extraction changes in a way the probe below does not show. */
export const TERMS_VERSION = 7;

const PROBE = [
  'Mr Kim Jong Un met Russian President Vladimir Putin in Vladivostok on Sept. 13, 2019, for the first time.',
  'North Korea\'s leader said "Why not, these are our neighbours" and didn\'t visit Moscow until 2023.',
  'The 1950-53 war cost $600m, or 2.5 per cent of output; twenty-five officials, the defence minister and UN monitors criticised it.',
  'Pyongyang has long opposed sanctions, which the US-led coalition expanded in the 1990s and last month and may widen next year.',
  'I think the organisation will probably re-examine its programme, he told ESPN.com on Monday.',
  'The Washington Post said the drills, Foal Eagle and Key Resolve, would go ahead.',
].join(' ');
const PROBE_DATE = '2023-09-12';

let memo: string | undefined;

/** The engine's term-extraction fingerprint (16 hex digits). */
export function termsFingerprint(): string {
  if (memo) return memo;
  const exact = sentencesOf(PROBE).map((s) => {
    const a = analyse(s.tokens, PROBE, parseDocDate(PROBE_DATE));
    return [s.start, s.end, a.terms, valueTerms(a.values), a.firstPerson];
  });
  const fast = fastSentences(PROBE, 0, PROBE.length, true, commonWords(PROBE), parseDocDate(PROBE_DATE)).map((s) => [s.start, s.end, s.terms, s.firstPerson]);
  memo = createHash('sha256')
    .update(JSON.stringify({ version: TERMS_VERSION, exact, fast }))
    .digest('hex')
    .slice(0, 16);
  return memo;
}
