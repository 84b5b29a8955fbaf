import porter2 from 'wink-porter2-stemmer';
import type { Token } from './nlp';

/**
 * Word forms: spelling variants, stems, capitals and digits, shared by the
 * value readers (values.ts), the fact analysis (facts.ts) and alignment.
 */

const DIGITS = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/;

/** A number written in digits ("2,828", "0.6"), or undefined. */
export function parseDigits(s: string): number | undefined {
  if (!DIGITS.test(s)) return undefined;
  return parseFloat(s.replace(/,/g, ''));
}

/** Spelling variants (British/American) that should not count as different words. */
export function normaliseWord(w: string): string {
  let s = w.toLowerCase().replace(/[’']/g, '');
  if (!/(?:our|ours|ence|ise|ised|ising|isation|lled|lling|tre|ogue|or|ors)$/.test(s)) return s;
  // Applied in order, so "colour" and "color" both end as "coler": only sameness matters.
  s = s
    .replace(/our$/, 'or')
    .replace(/ours$/, 'ors')
    .replace(/ence$/, 'ense')
    .replace(/ise$/, 'ize')
    .replace(/ised$/, 'ized')
    .replace(/ising$/, 'izing')
    .replace(/isation$/, 'ization')
    .replace(/lled$/, 'led')
    .replace(/lling$/, 'ling')
    .replace(/tre$/, 'ter')
    .replace(/ogue$/, 'og')
    .replace(/ors$/, 'ers')
    .replace(/or$/, 'er');
  return s;
}

const stems = new Map<string, string>();

/** The frame term of a word: Porter2 stem of its normalised spelling ("filings" and "filing" -> "file"). */
export function stemWord(w: string): string {
  // Words repeat endlessly across drafts and sources; stemming each once saves most of the work.
  let stem = stems.get(w);
  if (stem !== undefined) return stem;
  const s = normaliseWord(w);
  // The stemmer is quadratic in word length; anything that long is not a word anyway.
  stem = s.length <= 40 && /^[a-z]+$/.test(s) ? porter2(s) : s;
  if (stems.size > 200000) stems.clear();
  stems.set(w, stem);
  return stem;
}

/** Whether a token starts with a capital letter. */
export function isCapitalised(t: Token): boolean {
  return /^[A-Z]/.test(t.text);
}
