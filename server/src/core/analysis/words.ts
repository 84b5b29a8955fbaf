import porter2 from 'wink-porter2-stemmer';
import type { Token } from './nlp';
import { WN_POS, isDictionaryWord, sensesOf } from './wordnet';

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

/**
 * Whether `variant` is another spelling of `word` rather than another word:
 * WordNet has it, and where it has `word` too, the two share a sense. So
 * "colour" becomes "color" and "advisor" "adviser", but "hour" is not "hor",
 * "tour" is not "tor" (a hill) and "minor" is not "miner".
 */
function isSpellingOf(variant: string, word: string): boolean {
  let known = false;
  let shared = false;
  for (const pos of WN_POS) {
    const v = sensesOf(variant, pos);
    if (v.length === 0) continue;
    known = true;
    const w = sensesOf(word, pos);
    if (w.length === 0 || w.some((x) => v.includes(x))) shared = true;
  }
  return known && (shared || !isDictionaryWord(word));
}

/**
 * `word` with ending `from` replaced by `to` where that is another spelling of
 * it (see {@link isSpellingOf}); a plural is looked up by its singular, as
 * the dictionary lists it.
 */
function respell(word: string, from: RegExp, to: string): string {
  const plural = /s$/.test(word);
  const base = plural ? word.slice(0, -1) : word;
  const variant = base.replace(from, to);
  return variant !== base && base.length > 3 && isSpellingOf(variant, base) ? variant + (plural ? 's' : '') : word;
}

const variants = new Map<string, string>();

/** Spelling variants (British/American) that should not count as different words. */
export function normaliseWord(w: string): string {
  const s = w.toLowerCase().replace(/[’']/g, '');
  if (!/(?:our|ours|ence|ise|ised|ising|isation|lled|lling|tre|ogue|or|ors)$/.test(s)) return s;
  let out = variants.get(s);
  if (out !== undefined) return out;
  // Applied in order, so "colour" and "color" both end as "color": only sameness matters.
  out = s
    .replace(/ence$/, 'ense')
    .replace(/ise$/, 'ize')
    .replace(/ised$/, 'ized')
    .replace(/ising$/, 'izing')
    .replace(/isation$/, 'ization')
    .replace(/lled$/, 'led')
    .replace(/lling$/, 'ling')
    .replace(/tre$/, 'ter')
    .replace(/ogue$/, 'og');
  // "-our" and "-or", "-or" and "-er" name one word only in some words: the
  // dictionary says which ("colour" and "color"; not "hour" and "hor").
  out = respell(out, /our$/, 'or');
  out = respell(out, /or$/, 'er');
  if (variants.size > 50000) variants.clear();
  variants.set(s, out);
  return out;
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
