import type { Value } from './values';
import { CURRENCY_SYMBOLS, CURRENCY_WORDS, FRACTIONS, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, RELATIVE_STEP, SCALES, WEEKDAYS, startsValueWord } from './lexicon';

/**
 * Keys of values, for asking the whole corpus whether any source states a
 * value ("No source mentions May 2." must be true of every source, not only
 * of the sentences retrieved for one claim). A source value is filed under
 * every key a claim value it equals could ask for (see sameValue in
 * compare.ts): a date in 2019 under its date, its month and the year 2019.
 */

/** A number in a canonical form (six significant digits), so that 6e8 from "$600m" and "$600 million" agree. */
function canon(n: number): string {
  return String(Number(n.toPrecision(6)));
}

function weekdayOf(v: Value): number | undefined {
  if (v.weekday !== undefined) return v.weekday;
  if (v.year !== undefined && v.month !== undefined && v.day !== undefined) return new Date(Date.UTC(v.year, v.month - 1, v.day)).getUTCDay();
  return undefined;
}

/** The keys a source value is filed under. */
export function valueKeys(v: Value): string[] {
  switch (v.type) {
    case 'year':
      return [`v:y:${v.num}`, `v:dec:${Math.floor(v.num! / 10) * 10}`];
    case 'yearRange':
      return [`v:r:${v.from!.num}-${v.to!.num}`, `v:y:${v.from!.num}`, `v:y:${v.to!.num}`];
    case 'decade':
      return [`v:dec:${v.num}`];
    case 'month':
    case 'date':
    case 'weekday': {
      const out: string[] = [];
      if (v.month !== undefined) out.push(`v:m:${v.month}`);
      if (v.month !== undefined && v.day !== undefined) out.push(`v:d:${v.month}-${v.day}`);
      if (v.year !== undefined && !v.relative && !v.yearInferred) out.push(`v:y:${v.year}`);
      const wd = weekdayOf(v);
      if (wd !== undefined) out.push(`v:w:${wd}`);
      return out;
    }
    case 'number':
      return [`v:n:${canon(v.num!)}`];
    case 'money':
      return [`v:$:${canon(v.num!)}`];
    case 'percent':
      return [`v:%:${canon(v.num!)}`];
    case 'ordinal':
      return [`v:o:${v.num}`];
  }
}

/** The key under which a source value equal to claim value `v` is filed. */
export function queryKey(v: Value): string {
  switch (v.type) {
    case 'year':
      return `v:y:${v.num}`;
    case 'yearRange':
      return `v:r:${v.from!.num}-${v.to!.num}`;
    case 'decade':
      return `v:dec:${v.num}`;
    case 'month':
      return `v:m:${v.month}`;
    case 'date':
      return `v:d:${v.month}-${v.day}`;
    case 'weekday':
      return `v:w:${v.weekday}`;
    case 'number':
      return `v:n:${canon(v.num!)}`;
    case 'money':
      return `v:$:${canon(v.num!)}`;
    case 'percent':
      return `v:%:${canon(v.num!)}`;
    case 'ordinal':
      return `v:o:${v.num}`;
  }
}

/** Whether an index term is a value key rather than a frame term. */
export function isValueKey(term: string): boolean {
  return term.startsWith('v:');
}

/** The value keys of a sentence's values, each once: the terms that file them in the index. */
export function valueTerms(values: readonly Value[]): string[] {
  const out = new Set<string>();
  for (const v of values) for (const k of valueKeys(v)) out.add(k);
  return [...out];
}

/** A token as the fast extractor sees it. */
export interface KeyToken {
  text: string;
  lower: string;
  /** w: word, n: number-like, p: punctuation or symbol. */
  kind: 'w' | 'n' | 'p';
  cap: boolean;
}

const DAY = 86400000;

/**
 * Value keys of a sentence read without wink-nlp, for corpora indexed the fast
 * way. It files a value wherever the full analysis might see one (every
 * capitalised month name, every number), so it may file more than the full
 * analysis would, never less: a "No source mentions ..." answered from it is
 * true.
 */
export function fastValueKeys(toks: readonly KeyToken[], docDate?: Date): string[] {
  const out = new Set<string>();
  const num = (i: number): { n: number; end: number } | undefined => {
    const t = toks[i];
    if (!t) return undefined;
    let n: number | undefined;
    let end = i;
    const m = /^(\d[\d,]*(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)?$/i.exec(t.text);
    const scaleWord = toks[i + 1]?.lower;
    if ((t.lower === 'a' || t.lower === 'an') && scaleWord !== undefined && scaleWord.length > 3 && SCALES[scaleWord] !== undefined) {
      // "Half a billion", "a quarter of a million": as the full analysis reads them.
      const part = FRACTIONS[toks[toks[i - 1]?.lower === 'of' ? i - 2 : i - 1]?.lower ?? ''];
      return { n: (part ?? 1) * SCALES[scaleWord], end: i + 1 };
    }
    if (t.kind === 'n' && m) {
      n = parseFloat(m[1].replace(/,/g, ''));
      if (m[2]) n *= SCALES[m[2].toLowerCase()] ?? 1;
    } else if (t.kind === 'w' && NUMBER_WORDS[t.lower] !== undefined) {
      n = NUMBER_WORDS[t.lower];
      if (n >= 20 && toks[i + 1]?.text === '-' && (NUMBER_WORDS[toks[i + 2]?.lower ?? ''] ?? 10) < 10) {
        n += NUMBER_WORDS[toks[i + 2].lower];
        end = i + 2;
      }
    }
    if (n === undefined || !Number.isFinite(n)) return undefined;
    const scale = toks[end + 1]?.lower.replace(/\.$/, '');
    if (scale && SCALES[scale] !== undefined && scale.length > 1) {
      n *= SCALES[scale];
      end++;
    }
    return { n, end };
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // Most tokens are plain words or punctuation that start no value.
    if (t.kind === 'p') continue;
    if (t.kind === 'w' && !t.cap && !startsValueWord(t.lower)) continue;
    const range = /^(\d{4})[-–—](\d{2}|\d{4})$/.exec(t.text);
    if (range) {
      const a = +range[1];
      const b = range[2].length === 2 ? Math.floor(a / 100) * 100 + +range[2] : +range[2];
      out.add(`v:r:${a}-${b}`).add(`v:y:${a}`).add(`v:y:${b}`);
      continue;
    }
    const decade = /^'?(\d{2}|\d{4})'?s$/.exec(t.text);
    if (decade) {
      out.add(`v:dec:${decade[1].length === 2 ? 1900 + +decade[1] : +decade[1]}`);
      continue;
    }
    const ord = ORDINAL_WORDS[t.lower] ?? (/^(\d+)(st|nd|rd|th)$/.exec(t.lower) ? parseInt(t.lower, 10) : undefined);
    if (ord !== undefined) out.add(`v:o:${ord}`);
    const month = t.cap ? MONTHS[t.lower.replace(/\.$/, '')] : undefined;
    if (month !== undefined) {
      out.add(`v:m:${month}`);
      // The day after the month ("Sept. 5", the abbreviation's full stop a token of its own) or before it ("5 September").
      const after = toks[i + 1]?.text === '.' ? toks[i + 2] : toks[i + 1];
      for (const d of [after, toks[i - 1]]) if (d && /^\d{1,2}$/.test(d.text) && +d.text >= 1 && +d.text <= 31) out.add(`v:d:${month}-${+d.text}`);
      continue;
    }
    const wd = t.cap ? WEEKDAYS[t.lower] : undefined;
    if (wd !== undefined) {
      out.add(`v:w:${wd}`);
      if (docDate) {
        // Both the last and the next such day: the full analysis picks one by the word before.
        const back = (docDate.getUTCDay() - wd + 7) % 7 || 7;
        const ahead = (wd - docDate.getUTCDay() + 7) % 7 || 7;
        for (const dt of [new Date(docDate.getTime() - back * DAY), new Date(docDate.getTime() + ahead * DAY)])
          out.add(`v:m:${dt.getUTCMonth() + 1}`).add(`v:d:${dt.getUTCMonth() + 1}-${dt.getUTCDate()}`);
      }
      continue;
    }
    const step = RELATIVE_STEP[t.lower];
    if (docDate && step !== undefined && toks[i + 1]?.lower === 'month') {
      const dt = new Date(Date.UTC(docDate.getUTCFullYear(), docDate.getUTCMonth() + step, 1));
      out.add(`v:m:${dt.getUTCMonth() + 1}`);
      continue;
    }
    if (docDate && step !== undefined && toks[i + 1]?.lower === 'year') {
      const y = docDate.getUTCFullYear() + step;
      out.add(`v:y:${y}`).add(`v:dec:${Math.floor(y / 10) * 10}`);
      continue;
    }
    const x = num(i);
    if (!x) continue;
    const key = String(Number(x.n.toPrecision(6)));
    out.add(`v:n:${key}`);
    if (/^\d{4}$/.test(t.text) && x.n >= 1000 && x.n <= 2100) {
      out.add(`v:y:${x.n}`).add(`v:dec:${Math.floor(x.n / 10) * 10}`);
      // A range as separate tokens: "1950-1953", "1950 - 53", "from 1950 to 1953", "between 1950 and 1953".
      const sep = toks[i + 1]?.lower;
      const end = toks[i + 2];
      if (sep && end && ['-', '–', '—', 'to', 'until', 'through', 'and'].includes(sep) && /^(\d{2}|\d{4})$/.test(end.text)) {
        const b = end.text.length === 2 ? Math.floor(x.n / 100) * 100 + +end.text : +end.text;
        if (b > x.n) out.add(`v:r:${x.n}-${b}`);
      }
    }
    const next = toks[x.end + 1];
    const prev = toks[i - 1];
    if (next && (next.text === '%' || next.lower === 'percent' || (next.lower === 'per' && toks[x.end + 2]?.lower === 'cent'))) out.add(`v:%:${key}`);
    if ((prev && (CURRENCY_SYMBOLS[prev.lower] !== undefined || /^[A-Z]{0,3}\$$/.test(prev.text))) || (next && CURRENCY_WORDS[next.lower] !== undefined))
      out.add(`v:$:${key}`);
    i = x.end;
  }
  return [...out];
}
