import type { Token } from './nlp';
import {
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  FRACTIONS,
  MAX_PLACE_WORDS,
  MONTHS,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  PLACES,
  RELATIVE_STEP,
  SCALES,
  WEEKDAYS,
  spanKey,
  startsValueWord,
} from './lexicon';
import { isCapitalised, parseDigits, stemWord } from './words';
import { sensesOf } from './wordnet';

/**
 * Typed values of a sentence (years, year ranges, decades, dates, months,
 * weekdays, numbers, money, percentages, ordinals), one reader per kind, and
 * the quick test of whether a text could state a given value.
 */

export type ValueType = 'year' | 'yearRange' | 'decade' | 'date' | 'month' | 'weekday' | 'number' | 'money' | 'percent' | 'ordinal';

/** How an amount is meant: at least, at most, or roughly. */
export type Bound = 'min' | 'max' | 'about';

/**
 * Words before an amount that bound or hedge it, longest first: "more than
 * $500 million", "up to 30%", "nearly 600 people". A closed class of English
 * grammar.
 */
const BOUNDS: readonly [string[], Bound][] = [
  [['in', 'excess', 'of'], 'min'],
  [['more', 'than'], 'min'],
  [['at', 'least'], 'min'],
  [['upwards', 'of'], 'min'],
  [['over'], 'min'],
  [['less', 'than'], 'max'],
  [['fewer', 'than'], 'max'],
  [['at', 'most'], 'max'],
  [['up', 'to'], 'max'],
  [['under'], 'max'],
  [['close', 'to'], 'about'],
  [['about'], 'about'],
  [['around'], 'about'],
  [['roughly'], 'about'],
  [['approximately'], 'about'],
  [['nearly'], 'about'],
  [['almost'], 'about'],
  [['some'], 'about'],
];

/** The bound written just before token `a` ("more than", "nearly"), if any. */
function boundBefore(tokens: Token[], a: number): Bound | undefined {
  for (const [words, bound] of BOUNDS) {
    const from = a - words.length;
    if (from >= 0 && words.every((w, k) => tokens[from + k].lower === w)) return bound;
  }
  return undefined;
}

/** A typed value with its canonical form and offsets. */
export interface Value {
  type: ValueType;
  start: number;
  end: number;
  text: string;
  /** Numeric value: the number, amount, percentage, ordinal, year or first year of a decade. */
  num?: number;
  /** Currency for money; the counted noun's stem for numbers and ordinals ("entiti", "word"). */
  unit?: string;
  /** The counted noun's lemma ("entity"), for comparing counted nouns by meaning. */
  unitWord?: string;
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  /** For year ranges: the two ends as values of their own, with their own offsets. */
  from?: Value;
  to?: Value;
  /** For a rank by a quality ("second most powerful", "third largest"): that quality, which makes the slot whatever is counted. */
  rankedBy?: string;
  /** Preposition before the value ("in", "since", "until" ...), which gives its role. */
  prep?: string;
  /** Index of the value's first token in the sentence. */
  index: number;
  /** Set when the year of a date or month is the document's year, not written in the sentence. */
  yearInferred?: boolean;
  /**
   * A bound or a hedge written before an amount: "more than 500" (at least),
   * "fewer than 500" (at most), "about 500" (roughly).
   */
  bound?: Bound;
  /** Set for values resolved from relative expressions ("last month", "on Monday") against the document date. */
  relative?: boolean;
}

/** The fraction written before the article of a spelled-out scale at `i` ("half a", "a quarter of a"): its share and first token. */
function fractionBefore(tokens: Token[], i: number): { part: number; at: number } | undefined {
  const before = tokens[i - 1]?.lower === 'of' ? i - 2 : i - 1;
  const part = FRACTIONS[tokens[before]?.lower ?? ''];
  if (part === undefined) return undefined;
  // "A quarter of a million": the fraction's own article is part of it.
  return { part, at: tokens[before - 1]?.lower === 'a' ? before - 1 : before };
}

/** A scale spelled out ("hundred", "million"), not an abbreviation ("m", "bn"). */
export function isScaleWord(w: string | undefined): w is string {
  return w !== undefined && w.length > 3 && SCALES[w] !== undefined;
}

function numberAt(tokens: Token[], i: number): { num: number; end: number; start?: number } | undefined {
  // Digits or number words, optionally with a scale ("600 million", "three million", "twenty-five").
  const t = tokens[i];
  if (!t) return undefined;
  let num: number | undefined;
  let end = i;
  // "A million shells": an article right before a spelled-out scale stands for one.
  if ((t.lower === 'a' || t.lower === 'an') && isScaleWord(tokens[i + 1]?.lower)) {
    // "Half a billion dollars", "a quarter of a million people": the value starts at the fraction.
    const f = fractionBefore(tokens, i);
    return f ? { num: f.part * SCALES[tokens[i + 1].lower], end: i + 1, start: f.at } : { num: SCALES[tokens[i + 1].lower], end: i + 1 };
  }
  if (t.pos === 'NUM' || t.type === 'number') num = parseDigits(t.text);
  if (num === undefined && NUMBER_WORDS[t.lower] !== undefined && (t.pos === 'NUM' || t.lower !== 'one')) {
    num = NUMBER_WORDS[t.lower];
    // "twenty - five"
    if (num >= 20 && num % 10 === 0 && tokens[i + 1]?.text === '-' && NUMBER_WORDS[tokens[i + 2]?.lower ?? ''] < 10) {
      num += NUMBER_WORDS[tokens[i + 2].lower];
      end = i + 2;
    }
  }
  if (num === undefined) {
    // "5bn", "600m" as one token.
    const m = /^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn|trn)$/i.exec(t.text);
    if (m) return { num: parseFloat(m[1]) * SCALES[m[2].toLowerCase()], end: i };
    return undefined;
  }
  const next = tokens[end + 1];
  // "m." at the end of a sentence is the scale "m" plus the full stop.
  const scale = next?.lower.replace(/^([a-z]+)\.$/, '$1');
  if (next && scale && SCALES[scale] !== undefined && (scale.length > 1 || /^[mbk]\.?$/i.test(next.text))) {
    if (scale.length > 2 || tokens[i - 1]?.type === 'currency' || !/^[a-z]$/.test(scale) || scale === 'm') {
      num *= SCALES[scale];
      end += 1;
    }
  }
  return { num, end };
}

/** The noun a number counts, its stem and lemma. */
function headToken(tokens: Token[], from: number): { stem: string; lemma: string } | undefined {
  // The first noun within three tokens, skipping adjectives.
  for (let j = from; j < Math.min(tokens.length, from + 4); j++) {
    const t = tokens[j];
    if (t.pos === 'NOUN' || (t.pos === 'PROPN' && !isCapitalised(t))) return { stem: stemWord(t.lemma), lemma: t.lemma };
    // Right after a count, a plural the tagger reads as a verb ("two shows",
    // "three runs") is the counted noun: a count is not a verb's subject there.
    if (j === from && t.pos === 'VERB' && /[^s]s$/i.test(t.text) && sensesOf(t.lemma, 'n').length) return { stem: stemWord(t.lemma), lemma: t.lemma };
    if (!['ADJ', 'ADV', 'PUNCT', 'NUM'].includes(t.pos) && t.text !== '-') return undefined;
  }
  return undefined;
}

function prepBefore(tokens: Token[], i: number): string | undefined {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const t = tokens[j];
    if (t.pos === 'ADP' || t.lower === 'to' || t.lower === 'until' || t.lower === 'since') return t.lower;
    if (t.pos === 'VERB' || t.pos === 'NOUN') return undefined;
  }
  return undefined;
}

const YEAR_MIN = 1000;
const YEAR_MAX = 2100;

function isYear(n: number | undefined, text: string): boolean {
  return n !== undefined && /^\d{4}$/.test(text) && n >= YEAR_MIN && n <= YEAR_MAX;
}

function monthAt(tokens: Token[], i: number): number | undefined {
  const t = tokens[i];
  if (!t || !isCapitalised(t)) return undefined;
  const m = MONTHS[t.lower.replace(/\.$/, '')];
  if (m === undefined) return undefined;
  if (t.lower === 'may' || t.lower === 'march') {
    // "May" and "March" are months only where a date reading is clear.
    const prev = tokens[i - 1]?.lower;
    const next = tokens[i + 1];
    const dateish =
      (next && (parseDigits(next.text) ?? 0) > 0) ||
      ['in', 'since', 'until', 'by', 'of', 'early', 'late', 'mid', 'last', 'next', 'this', 'from', 'through', 'till'].includes(prev ?? '');
    if (!dateish) return undefined;
    if (t.lower === 'may' && i === 0) return undefined;
  }
  return m;
}

/** Whether the ordinal at `i` qualifies a verb ("first met", "first publicly reported"): which occasion, not a rank. */
export function ordinalOfEvent(tokens: Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 3); j++) {
    if (tokens[j].pos === 'VERB') return true;
    if (tokens[j].pos !== 'ADV') return false;
  }
  return false;
}

/** Whether a token can begin a value (see {@link extractValues}); false for most words. */
function mayStartValue(t: Token): boolean {
  if (t.type === 'currency' || /\d/.test(t.text)) return true;
  const w = t.lower;
  // The lexicon's tables have no prototype, so a plain lookup is exact.
  return CURRENCY_SYMBOLS[w] !== undefined || WEEKDAYS[w] !== undefined || MONTHS[w.replace(/\.$/, '')] !== undefined || startsValueWord(w);
}

// Bounded by letters, not \\b: wink splits "13September" and "5three" into two
// tokens, and a test must never be stricter than the tokens it stands for.
const NUMBER_WORD_RE = new RegExp(
  `(?<!\\p{L})(?:${[
    ...Object.keys(NUMBER_WORDS),
    ...Object.keys(ORDINAL_WORDS),
    ...Object.keys(SCALES)
      .filter(isScaleWord)
      .map((w) => `an?\\s+${w}`),
  ].join('|')})(?!\\p{L})`,
  'iu',
);
/** Capitalised month and weekday names (as {@link extractValues} reads them), or "month" of "last month". */
const CALENDAR_RE = new RegExp(
  `(?<!\\p{L})(?:${[...Object.keys(MONTHS), ...Object.keys(WEEKDAYS)].map((w) => w[0].toUpperCase() + anyCase(w.slice(1))).join('|')}|${anyCase('month')})(?!\\p{L})`,
  'u',
);

/** A regex source matching `w` in any case, letter by letter. */
function anyCase(w: string): string {
  return [...w].map((c) => `[${c}${c.toUpperCase()}]`).join('');
}

/**
 * Whether a sentence with this text could state a value equal to `v` (see
 * {@link sameValue} in compare.ts): false only when it certainly cannot, so
 * that a neighbouring sentence need not be analysed to rule it out. A year
 * must appear in digits (or as the two-digit end of a range); other numbers
 * need a digit or a number word; dates need a month or weekday name, or
 * "month" ("last month"), since weekdays and relative months take their date
 * from the document.
 */
export function mayStateValue(text: string, v: Value): boolean {
  switch (v.type) {
    case 'year':
      return text.includes(String(v.num)) || text.includes(String(v.num! % 100).padStart(2, '0')) || RELATIVE_YEAR_RE.test(text);
    case 'yearRange':
      return text.includes(String(v.from!.num));
    case 'decade':
      return /\d/.test(text);
    case 'month':
    case 'date':
    case 'weekday':
      return CALENDAR_RE.test(text);
    default:
      // Numbers in words may be anything; in digits, they are a run of digits,
      // perhaps times a scale ("615m", "$0.6bn", "2,828").
      if (NUMBER_WORD_RE.test(text)) return true;
      for (const m of text.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?/g)) {
        const n = parseFloat(m[0].replace(/,/g, ''));
        if (near(n, v.num!) || SCALE_VALUES.some((k) => near(n * k, v.num!))) return true;
      }
      return false;
  }
}

/** "last year", "this year", "next year": a year taken from the document's date. */
const RELATIVE_YEAR_RE = /(?<!\p{L})(?:last|this|next)\s+year(?!\p{L})/iu;

const SCALE_VALUES = [...new Set(Object.values(SCALES))];

/** Looser than the comparison's tolerance, so that the test never rules out a value the comparison would accept. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 0.01;
}

/** A value as a reader finds it: {@link ValueReading.push} adds the offsets, text, index and preposition. */
type Found = Omit<Value, 'start' | 'end' | 'text' | 'index' | 'prep'>;

/** What the value readers share while reading one sentence. */
interface ValueReading {
  tokens: Token[];
  /** Tokens already part of a value. */
  used: Uint8Array;
  docDate: Date | undefined;
  /** Adds a value spanning tokens a..b. */
  push(v: Found, a: number, b: number): Value;
  /** A year of a range, as a value of its own. */
  sub(type: ValueType, t: Token, num: number, i: number): Value;
}

/**
 * Reads one kind of value starting at token `i`. Returns the index of the last
 * token it consumed (`i` when it only rules the token out, as "first" in
 * "first met"), or undefined when the token does not start its kind of value,
 * so that the next reader may try.
 */
type ValueReader = (r: ValueReading, i: number) => number | undefined;

/** Year ranges written as one token: 1950-1953, 1950–53. */
const yearRangeToken: ValueReader = (r, i) => {
  const t = r.tokens[i];
  const m = /^(\d{4})[-–—](\d{2}|\d{4})$/.exec(t.text);
  if (!m) return undefined;
  const a = +m[1];
  const b = m[2].length === 2 ? Math.floor(a / 100) * 100 + +m[2] : +m[2];
  if (!(isYear(a, m[1]) && b > a && b - a < 200)) return undefined;
  const fromV: Value = { type: 'year', start: t.start, end: t.start + 4, text: m[1], num: a, year: a, index: i };
  const toV: Value = { type: 'year', start: t.end - m[2].length, end: t.end, text: m[2], num: b, year: b, index: i };
  r.push({ type: 'yearRange', from: fromV, to: toV }, i, i);
  return i;
};

/** Decades: 1990s, 1990's, '80s. */
const decade: ValueReader = (r, i) => {
  const { tokens } = r;
  const t = tokens[i];
  const m = /^'?(\d{2}|\d{4})'?s$/.exec(t.text);
  if (!(m || (/^\d{4}$/.test(t.text) && tokens[i + 1]?.text === "'s" && tokens[i + 1]?.start === t.end))) return undefined;
  const digits = m ? m[1] : t.text;
  const y = digits.length === 2 ? 1900 + +digits : +digits;
  if (y % 10 !== 0) return undefined;
  const end = m ? i : i + 1;
  r.push({ type: 'decade', num: y, year: y }, i, end);
  return end;
};

/** Money after a currency: $600 million, $5bn. */
const moneyAfterCurrency: ValueReader = (r, i) => {
  const t = r.tokens[i];
  const cur = CURRENCY_SYMBOLS[t.lower];
  if (!cur && t.type !== 'currency') return undefined;
  const n = numberAt(r.tokens, i + 1);
  if (!n) return undefined;
  r.push({ type: 'money', num: n.num, unit: cur ?? t.text }, i, n.end);
  return n.end;
};

/** Dates and months: "September 13, 2019", "13 September", "in May 2023". */
const dateOrMonth: ValueReader = (r, i) => {
  const { tokens, used, docDate } = r;
  const month = monthAt(tokens, i);
  if (month === undefined) return undefined;
  let end = i;
  let day: number | undefined;
  let year: number | undefined;
  const d = parseDigits(tokens[i + 1]?.text ?? '');
  if (d !== undefined && d >= 1 && d <= 31 && /^\d{1,2}$/.test(tokens[i + 1].text)) {
    day = d;
    end = i + 1;
    const yTok = tokens[end + 1]?.text === ',' ? end + 2 : end + 1;
    const y = parseDigits(tokens[yTok]?.text ?? '');
    if (isYear(y, tokens[yTok]?.text ?? '')) {
      year = y;
      end = yTok;
    }
  } else {
    const y = parseDigits(tokens[i + 1]?.text ?? '');
    if (isYear(y, tokens[i + 1]?.text ?? '')) {
      year = y;
      end = i + 1;
    }
  }
  // "13 September", "23 February 2023".
  const before = tokens[i - 1];
  let start = i;
  if (day === undefined && before && !used[i - 1] && /^\d{1,2}$/.test(before.text) && +before.text >= 1 && +before.text <= 31) {
    day = +before.text;
    start = i - 1;
  }
  // A month without a year in a dated document is in that document's year.
  const yearInferred = year === undefined && !!docDate;
  if (yearInferred) year = docDate.getUTCFullYear();
  r.push({ type: day !== undefined ? 'date' : 'month', month, day, year, ...(yearInferred ? { yearInferred } : {}) }, start, end);
  return end;
};

/** Weekdays, resolved to a date when the document has one ("on Monday"). */
const weekday: ValueReader = (r, i) => {
  const { tokens, docDate } = r;
  const t = tokens[i];
  const wd = WEEKDAYS[t.lower];
  if (wd === undefined || !isCapitalised(t)) return undefined;
  const v: Found = { type: 'weekday', weekday: wd };
  if (docDate) {
    const back = (docDate.getUTCDay() - wd + 7) % 7 || 7;
    const dt = new Date(docDate.getTime() - back * 86400000);
    // Forward-looking mentions ("from Sunday", "next Monday") point ahead.
    const prev = tokens[i - 1]?.lower;
    const ahead = prev === 'next' || prev === 'from' || prev === 'until' || prev === 'this';
    const date = ahead ? new Date(docDate.getTime() + ((wd - docDate.getUTCDay() + 7) % 7 || 7) * 86400000) : dt;
    Object.assign(v, { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), relative: true });
  }
  r.push(v, i, i);
  return i;
};

/** Relative months and years in dated documents: "last month", "this month", "next year". */
const relativePeriod: ValueReader = (r, i) => {
  const { tokens, docDate } = r;
  const step = RELATIVE_STEP[tokens[i].lower];
  const unit = tokens[i + 1]?.lower;
  if (!docDate || step === undefined || (unit !== 'month' && unit !== 'year')) return undefined;
  if (unit === 'year') {
    const year = docDate.getUTCFullYear() + step;
    r.push({ type: 'year', num: year, year }, i, i + 1).relative = true;
    return i + 1;
  }
  const dt = new Date(Date.UTC(docDate.getUTCFullYear(), docDate.getUTCMonth() + step, 1));
  r.push({ type: 'month', month: dt.getUTCMonth() + 1, year: dt.getUTCFullYear() }, i, i + 1).relative = true;
  return i + 1;
};

/**
 * A capitalised ordinal that opens a sentence before a place ("Second North
 * Korean spy satellite launch fails"): the tagger reads the headline's
 * capitals as one name, but a place is a name of its own, so the ordinal
 * counts the thing after it. "Second World War", whose next word is no
 * place, stays a name.
 */
function headlineOrdinal(tokens: Token[], i: number): boolean {
  if (i !== 0 || tokens[i].pos !== 'PROPN') return false;
  for (let n = Math.min(MAX_PLACE_WORDS, tokens.length - 1); n >= 1; n--) if (PLACES.has(spanKey(tokens, 1, n))) return true;
  return false;
}

/** Ordinals: third, 70th. "first time" and "first met" are event qualifiers (read in analyse()), not values. */
const ordinal: ValueReader = (r, i) => {
  const { tokens } = r;
  const t = tokens[i];
  const ord = ORDINAL_WORDS[t.lower] ?? (/^(\d+)(st|nd|rd|th)$/.exec(t.lower) ? parseInt(t.lower, 10) : undefined);
  if (ord === undefined || !(t.pos === 'ADJ' || t.pos === 'NUM' || t.type === 'ordinal' || t.pos === 'ADV' || t.pos === 'NOUN' || headlineOrdinal(tokens, i)))
    return undefined;
  if (tokens[i + 1]?.lower === 'time' || ordinalOfEvent(tokens, i)) return i;
  // "At first" means "in the beginning": it ranks nothing.
  if (t.lower === 'first' && tokens[i - 1]?.lower === 'at') return i;
  const head = headToken(tokens, i + 1);
  const v = r.push({ type: 'ordinal', num: ord, unit: head?.stem, unitWord: head?.lemma }, i, i);
  // "The second most powerful man", "the third largest city": a rank by a quality.
  const next = tokens[i + 1];
  const quality = next?.lower === 'most' || next?.lower === 'least' ? tokens[i + 2] : next;
  if (quality?.pos === 'ADJ' && (quality !== next || /est$/i.test(quality.text))) v.rankedBy = `${quality === next ? '' : next.lower + ' '}${quality.lemma}`;
  return i;
};

/** A year range in words after the year at `i`: "from 1950 to 1953", "between 1950 and 1953", "1950 - 1953". */
function yearRangeInWords(r: ValueReading, i: number, first: number): number | undefined {
  const { tokens } = r;
  const sep = tokens[i + 1];
  const second = tokens[i + 2];
  const y2 = second ? parseDigits(second.text) : undefined;
  if (
    !sep ||
    !second ||
    !['to', 'until', 'through', 'and', '-', '–', '—'].includes(sep.lower) ||
    y2 === undefined ||
    !(isYear(y2, second.text) || (/^\d{2}$/.test(second.text) && sep.lower !== 'and')) ||
    (sep.lower === 'and' && tokens[i - 1]?.lower !== 'between')
  )
    return undefined;
  const b = second.text.length === 2 ? Math.floor(first / 100) * 100 + y2 : y2;
  if (b <= first) return undefined;
  r.push({ type: 'yearRange', from: r.sub('year', tokens[i], first, i), to: r.sub('year', second, b, i + 2) }, i, i + 2);
  return i + 2;
}

/** Numbers, percentages, money in words ("1 million Australian dollars") and years; the last reader, so it always consumes. */
const numberPercentOrYear: ValueReader = (r, i) => {
  const { tokens } = r;
  const t = tokens[i];
  if (/[a-z]/i.test(t.text) && /\d/.test(t.text) && !/^\d+(k|m|mn|bn|b|tn|trn)$/i.test(t.text)) return i; // Hwasong-18, mRNA-1345
  if (tokens[i - 1] && tokens[i - 1].end === t.start && /^[-‐]$/.test(tokens[i - 1].text) && tokens[i - 2] && /[a-z]/i.test(tokens[i - 2].text)) return i; // SARS-CoV - 2
  // A day before a month ("13 September") is read with the month.
  if (/^\d{1,2}$/.test(t.text) && +t.text >= 1 && +t.text <= 31 && monthAt(tokens, i + 1) !== undefined) return i;
  const n = numberAt(tokens, i);
  if (!n) return i;
  const from = n.start ?? i;
  const next = tokens[n.end + 1];
  if (next && (next.text === '%' || next.lower === 'percent' || (next.lower === 'per' && tokens[n.end + 2]?.lower === 'cent'))) {
    const end = next.lower === 'per' ? n.end + 2 : n.end + 1;
    r.push({ type: 'percent', num: n.num }, from, end);
    return end;
  }
  if (next && CURRENCY_WORDS[next.lower]) {
    r.push({ type: 'money', num: n.num, unit: CURRENCY_WORDS[next.lower] }, from, n.end + 1);
    return n.end + 1;
  }
  if (n.end === i && isYear(n.num, t.text)) {
    const range = yearRangeInWords(r, i, n.num);
    if (range !== undefined) return range;
    r.push({ type: 'year', num: n.num, year: n.num }, i, i);
    return i;
  }
  // "The two leaders", "its three neighbours" refer to things already named; they count nothing new.
  const det = tokens[i - 1]?.lower;
  if (
    (det === 'the' || det === 'its' || det === 'their' || det === 'these' || det === 'those') &&
    n.end === i &&
    tokens[i + 1]?.pos === 'NOUN' &&
    /s$/.test(tokens[i + 1].lower)
  )
    return i;
  // Pronoun "one" ("one of the largest") and "one" in idioms are not counts.
  if (t.lower === 'one' && (tokens[i + 1]?.lower === 'of' || tokens[i + 1]?.lower === 'another')) return i;
  const head = headToken(tokens, n.end + 1);
  // "Which one", "the one", "this one" with no noun to count stand for a thing named elsewhere.
  if (t.lower === 'one' && !head && (tokens[i - 1]?.pos === 'DET' || tokens[i - 1]?.pos === 'PRON')) return i;
  r.push({ type: 'number', num: n.num, unit: head?.stem, unitWord: head?.lemma }, from, n.end);
  return n.end;
};

/** The readers in the order they are tried: the first that reads a token wins. */
const READERS: readonly ValueReader[] = [yearRangeToken, decade, moneyAfterCurrency, dateOrMonth, weekday, relativePeriod, ordinal, numberPercentOrYear];

/** Finds the typed values of a sentence. `docDate` resolves relative expressions. */
export function extractValues(tokens: Token[], text: string, base: number, docDate?: Date): Value[] {
  const values: Value[] = [];
  const used = new Uint8Array(tokens.length);
  const slice = (a: number, b: number): string => text.slice(tokens[a].start - base, tokens[b].end - base);
  const reading: ValueReading = {
    tokens,
    used,
    docDate,
    push(v, a, b) {
      // Completed in place rather than spread into a copy: each call site passes a
      // fresh object, and copying values of many shapes is slow in V8.
      const value = v as Value;
      value.start = tokens[a].start;
      value.end = tokens[b].end;
      value.text = slice(a, b);
      value.index = a;
      value.prep = prepBefore(tokens, a);
      if (v.type === 'number' || v.type === 'money' || v.type === 'percent') {
        const bound = boundBefore(tokens, a);
        if (bound) value.bound = bound;
      }
      // A sentence's full stop swallowed by a scale token ("$600m.") is not part of the value.
      if ((v.type === 'money' || v.type === 'number') && value.text.endsWith('.')) {
        value.end -= 1;
        value.text = value.text.slice(0, -1);
      }
      values.push(value);
      for (let k = a; k <= b; k++) used[k] = 1;
      return value;
    },
    sub: (type, t, num, i) => ({ type, start: t.start, end: t.end, text: t.text, num, year: num, index: i }),
  };
  for (let i = 0; i < tokens.length; i++) {
    // Most tokens are plain words that start no value; every reader needs a
    // digit, a currency, or a word from one of the lexicon's tables.
    if (used[i] || !mayStartValue(tokens[i])) continue;
    for (const read of READERS) {
      const last = read(reading, i);
      if (last !== undefined) {
        i = last;
        break;
      }
    }
  }
  return withDatedWeekdays(values, tokens, slice);
}

/**
 * A weekday written just before a date ("Friday March 13", "Friday, March
 * 13") names that date's day: the two are one value, a date that also gives
 * its weekday, so a source that gives the date alone confirms it.
 */
function withDatedWeekdays(values: Value[], tokens: Token[], slice: (a: number, b: number) => string): Value[] {
  // Most sentences have no weekday: they keep their array.
  if (!values.some((v) => v.type === 'weekday')) return values;
  const out: Value[] = [];
  for (let k = 0; k < values.length; k++) {
    const w = values[k];
    const d = values[k + 1];
    const gap = d ? d.index - w.index : 0;
    if (w.type === 'weekday' && d?.type === 'date' && (gap === 1 || (gap === 2 && tokens[w.index + 1].text === ','))) {
      let last = d.index;
      while (last + 1 < tokens.length && tokens[last + 1].end <= d.end) last++;
      d.weekday = w.weekday;
      d.start = w.start;
      d.text = slice(w.index, last);
      d.index = w.index;
      d.prep = w.prep;
      continue;
    }
    out.push(w);
  }
  return out;
}
