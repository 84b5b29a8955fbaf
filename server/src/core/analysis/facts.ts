import porter2 from 'wink-porter2-stemmer';
import type { Token } from './nlp';
import {
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  MAX_PLACE_WORDS,
  MODALS,
  MONTHS,
  NEGATIONS,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  PLACES,
  PLAN_WORDS,
  SCALES,
  STOP,
  TITLES,
  WEEKDAYS,
  nameKey,
  startsValueWord,
} from './lexicon';

/**
 * Turns the tokens of one sentence into the facts the engine compares: typed
 * values (years, dates, numbers, money ...), named entities, quotations,
 * negations and event qualifiers, plus the sentence's *frame*: its content
 * terms with the values masked out, which is what retrieval matches on.
 */

export type ValueType = 'year' | 'yearRange' | 'decade' | 'date' | 'month' | 'weekday' | 'number' | 'money' | 'percent' | 'ordinal';

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
  /** Preposition before the value ("in", "since", "until" ...), which gives its role. */
  prep?: string;
  /** Index of the value's first token in the sentence. */
  index: number;
  /** Set when the year of a date or month is the document's year, not written in the sentence. */
  yearInferred?: boolean;
  /** Set for values resolved from relative expressions ("last month", "on Monday") against the document date. */
  relative?: boolean;
}

export type EntityClass = 'person' | 'place' | 'organisation' | 'entity';

/** A named entity (a run of proper nouns, or a place/demonym from the gazetteer). */
export interface Entity {
  start: number;
  end: number;
  text: string;
  cls: EntityClass;
  /** Canonical key: a place key ("gbr") or the lower-cased name without titles. */
  key: string;
  /** Lower-cased name parts without titles ("kim", "jong", "un"). */
  parts: string[];
  /** For capitals: the key of the country they can stand for (metonymy). */
  capitalOf?: string;
  /** Whether the entity acts in the sentence (followed by a verb or a possessive), where a capital can stand for its country. */
  actor?: boolean;
  index: number;
  endIndex: number;
}

/** A quotation: its inner text and words with offsets. */
export interface Quote {
  start: number;
  end: number;
  text: string;
  words: { w: string; start: number; end: number }[];
}

/** Everything the engine knows about one sentence. */
export interface Analysis {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  values: Value[];
  entities: Entity[];
  quotes: Quote[];
  /** Negation tokens outside quotations. */
  negations: Token[];
  /** Event qualifiers: "time:1" (first time), "time:again", "recent", "modal". */
  qualifiers: Set<string>;
  /** Frame terms: normalised content words, values masked out, entities by key. */
  terms: string[];
  /** Content lemmas with their tokens, for antonym and slot comparison. */
  lemmas: { lemma: string; token: Token }[];
  question: boolean;
  firstPerson: boolean;
  /**
   * For an analysis made on demand (a corpus sentence not yet analysed): the
   * sentence's text, readable without analysing it, so that cheap tests such as
   * {@link mayStateValue} can spare the analysis.
   */
  surface?: string;
}

const DIGITS = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/;

function parseDigits(s: string): number | undefined {
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

function isCapitalised(t: Token): boolean {
  return /^[A-Z]/.test(t.text);
}

/** A scale spelled out ("hundred", "million"), not an abbreviation ("m", "bn"). */
export function isScaleWord(w: string | undefined): w is string {
  return w !== undefined && w.length > 3 && SCALES[w] !== undefined;
}

function numberAt(tokens: Token[], i: number): { num: number; end: number } | undefined {
  // Digits or number words, optionally with a scale ("600 million", "three million", "twenty-five").
  const t = tokens[i];
  if (!t) return undefined;
  let num: number | undefined;
  let end = i;
  // "A million shells": an article right before a spelled-out scale stands for one.
  if ((t.lower === 'a' || t.lower === 'an') && isScaleWord(tokens[i + 1]?.lower)) return { num: SCALES[tokens[i + 1].lower], end: i + 1 };
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
function ordinalOfEvent(tokens: Token[], i: number): boolean {
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
      return text.includes(String(v.num)) || text.includes(String(v.num! % 100).padStart(2, '0'));
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

const SCALE_VALUES = [...new Set(Object.values(SCALES))];

/** Looser than the comparison's tolerance, so that the test never rules out a value the comparison would accept. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 0.01;
}

/** Finds the typed values of a sentence. `docDate` resolves relative expressions. */
export function extractValues(tokens: Token[], text: string, base: number, docDate?: Date): Value[] {
  const values: Value[] = [];
  const used = new Uint8Array(tokens.length);
  const slice = (a: number, b: number): string => text.slice(tokens[a].start - base, tokens[b].end - base);
  const push = (v: Omit<Value, 'start' | 'end' | 'text' | 'index' | 'prep'>, a: number, b: number): Value => {
    // Completed in place rather than spread into a copy: each call site passes a
    // fresh object, and copying values of many shapes is slow in V8.
    const value = v as Value;
    value.start = tokens[a].start;
    value.end = tokens[b].end;
    value.text = slice(a, b);
    value.index = a;
    value.prep = prepBefore(tokens, a);
    // A sentence's full stop swallowed by a scale token ("$600m.") is not part of the value.
    if ((v.type === 'money' || v.type === 'number') && value.text.endsWith('.')) {
      value.end -= 1;
      value.text = value.text.slice(0, -1);
    }
    values.push(value);
    for (let k = a; k <= b; k++) used[k] = 1;
    return value;
  };
  const sub = (type: ValueType, t: Token, num: number, i: number): Value => ({ type, start: t.start, end: t.end, text: t.text, num, year: num, index: i });

  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i];
    // Most tokens are plain words that start no value; every reading below
    // needs a digit, a currency, or a word from one of the lexicon's tables.
    if (!mayStartValue(t)) continue;

    // Year ranges written as one token: 1950-1953, 1950–53.
    let m = /^(\d{4})[-–—](\d{2}|\d{4})$/.exec(t.text);
    if (m) {
      const a = +m[1];
      const b = m[2].length === 2 ? Math.floor(a / 100) * 100 + +m[2] : +m[2];
      if (isYear(a, m[1]) && b > a && b - a < 200) {
        const fromV: Value = { type: 'year', start: t.start, end: t.start + 4, text: m[1], num: a, year: a, index: i };
        const toV: Value = { type: 'year', start: t.end - m[2].length, end: t.end, text: m[2], num: b, year: b, index: i };
        push({ type: 'yearRange', from: fromV, to: toV }, i, i);
        continue;
      }
    }
    // Decades: 1990s, 1990's, '80s.
    m = /^'?(\d{2}|\d{4})'?s$/.exec(t.text);
    if (m || (/^\d{4}$/.test(t.text) && tokens[i + 1]?.text === "'s" && tokens[i + 1]?.start === t.end)) {
      const digits = m ? m[1] : t.text;
      const y = digits.length === 2 ? 1900 + +digits : +digits;
      if (y % 10 === 0) {
        push({ type: 'decade', num: y, year: y }, i, m ? i : i + 1);
        continue;
      }
    }
    // Money: $600 million, $5bn, 1 million Australian dollars.
    const cur = CURRENCY_SYMBOLS[t.lower];
    if (cur || t.type === 'currency') {
      const n = numberAt(tokens, i + 1);
      if (n) {
        push({ type: 'money', num: n.num, unit: cur ?? t.text }, i, n.end);
        i = n.end;
        continue;
      }
    }
    // Dates and months.
    const month = monthAt(tokens, i);
    if (month !== undefined) {
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
      push({ type: day !== undefined ? 'date' : 'month', month, day, year, ...(yearInferred ? { yearInferred } : {}) }, start, end);
      i = end;
      continue;
    }
    // Weekdays, resolved to a date when the document has one ("on Monday").
    const wd = WEEKDAYS[t.lower];
    if (wd !== undefined && isCapitalised(t)) {
      const v: Omit<Value, 'start' | 'end' | 'text' | 'index' | 'prep'> = { type: 'weekday', weekday: wd };
      if (docDate) {
        const back = (docDate.getUTCDay() - wd + 7) % 7 || 7;
        const dt = new Date(docDate.getTime() - back * 86400000);
        // Forward-looking mentions ("from Sunday", "next Monday") point ahead.
        const prev = tokens[i - 1]?.lower;
        const ahead = prev === 'next' || prev === 'from' || prev === 'until' || prev === 'this';
        const date = ahead ? new Date(docDate.getTime() + ((wd - docDate.getUTCDay() + 7) % 7 || 7) * 86400000) : dt;
        Object.assign(v, { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), relative: true });
      }
      push(v, i, i);
      continue;
    }
    // Relative months in dated documents: "last month", "this month".
    if (docDate && (t.lower === 'last' || t.lower === 'this') && tokens[i + 1]?.lower === 'month') {
      const dt = new Date(Date.UTC(docDate.getUTCFullYear(), docDate.getUTCMonth() - (t.lower === 'last' ? 1 : 0), 1));
      const v = push({ type: 'month', month: dt.getUTCMonth() + 1, year: dt.getUTCFullYear() }, i, i + 1);
      v.relative = true;
      i += 1;
      continue;
    }
    // Ordinals: third, 70th. "first time" is an event qualifier, not a value.
    const ord = ORDINAL_WORDS[t.lower] ?? (/^(\d+)(st|nd|rd|th)$/.exec(t.lower) ? parseInt(t.lower, 10) : undefined);
    if (ord !== undefined && (t.pos === 'ADJ' || t.pos === 'NUM' || t.type === 'ordinal' || t.pos === 'ADV' || t.pos === 'NOUN')) {
      // "first time" and "first met" say which occasion an event is (an event qualifier, read in analyse()).
      if (tokens[i + 1]?.lower === 'time' || ordinalOfEvent(tokens, i)) continue;
      const head = headToken(tokens, i + 1);
      push({ type: 'ordinal', num: ord, unit: head?.stem, unitWord: head?.lemma }, i, i);
      continue;
    }
    // Numbers, percentages and years.
    if (/[a-z]/i.test(t.text) && /\d/.test(t.text) && !/^\d+(k|m|mn|bn|b|tn|trn)$/i.test(t.text)) continue; // Hwasong-18, mRNA-1345
    if (tokens[i - 1] && tokens[i - 1].end === t.start && /^[-‐]$/.test(tokens[i - 1].text) && tokens[i - 2] && /[a-z]/i.test(tokens[i - 2].text)) continue; // SARS-CoV - 2
    // A day before a month ("13 September") is read with the month.
    if (/^\d{1,2}$/.test(t.text) && +t.text >= 1 && +t.text <= 31 && monthAt(tokens, i + 1) !== undefined) continue;
    const n = numberAt(tokens, i);
    if (n) {
      const next = tokens[n.end + 1];
      if (next && (next.text === '%' || next.lower === 'percent' || (next.lower === 'per' && tokens[n.end + 2]?.lower === 'cent'))) {
        push({ type: 'percent', num: n.num }, i, next.lower === 'per' ? n.end + 2 : n.end + 1);
        i = next.lower === 'per' ? n.end + 2 : n.end + 1;
        continue;
      }
      if (next && CURRENCY_WORDS[next.lower]) {
        push({ type: 'money', num: n.num, unit: CURRENCY_WORDS[next.lower] }, i, n.end + 1);
        i = n.end + 1;
        continue;
      }
      if (n.end === i && isYear(n.num, t.text)) {
        // A year range in words: "from 1950 to 1953", "between 1950 and 1953", "1950 - 1953".
        const sep = tokens[i + 1];
        const second = tokens[i + 2];
        const y2 = second ? parseDigits(second.text) : undefined;
        if (
          sep &&
          second &&
          ['to', 'until', 'through', 'and', '-', '–', '—'].includes(sep.lower) &&
          y2 !== undefined &&
          (isYear(y2, second.text) || (/^\d{2}$/.test(second.text) && sep.lower !== 'and')) &&
          (sep.lower !== 'and' || tokens[i - 1]?.lower === 'between')
        ) {
          const b = second.text.length === 2 ? Math.floor(n.num / 100) * 100 + y2 : y2;
          if (b > n.num) {
            push({ type: 'yearRange', from: sub('year', t, n.num, i), to: sub('year', second, b, i + 2) }, i, i + 2);
            i += 2;
            continue;
          }
        }
        push({ type: 'year', num: n.num, year: n.num }, i, i);
        continue;
      }
      // "The two leaders", "its three neighbours" refer to things already named; they count nothing new.
      const det = tokens[i - 1]?.lower;
      if (
        (det === 'the' || det === 'its' || det === 'their' || det === 'these' || det === 'those') &&
        n.end === i &&
        tokens[i + 1]?.pos === 'NOUN' &&
        /s$/.test(tokens[i + 1].lower)
      )
        continue;
      // Pronoun "one" ("one of the largest") and "one" in idioms are not counts.
      if (t.lower === 'one' && (tokens[i + 1]?.lower === 'of' || tokens[i + 1]?.lower === 'another')) continue;
      const head = headToken(tokens, n.end + 1);
      push({ type: 'number', num: n.num, unit: head?.stem, unitWord: head?.lemma }, i, n.end);
      i = n.end;
    }
  }
  return values;
}

/** Prepositions after which a place name is a place, not an actor. */
const LOCATIVES = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'inside', 'outside', 'via', 'across', 'through', 'around', 'toward', 'towards', 'within']);

const PLACE_JOINERS = new Set(['of', 'the', 'and', "'s", '’s', '.', '-']);

function entityClass(tokens: Token[], a: number): EntityClass {
  const prev = tokens[a - 1]?.lower.replace(/\.$/, '');
  if (prev && TITLES.has(prev)) return 'person';
  return 'entity';
}

/** Finds named entities: gazetteer places and demonyms first, then runs of proper nouns. */
export function extractEntities(tokens: Token[], used: Set<number>): Entity[] {
  const entities: Entity[] = [];
  const taken = new Set<number>(used);
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i)) continue;
    if (!isCapitalised(tokens[i])) continue;
    // Longest gazetteer match first ("North Korea" before "North").
    let hit: { end: number; key: string; capitalOf?: string } | undefined;
    // A place name runs over capitalised words and a few joiners ("Republic of Korea", "People's").
    let span = 1;
    while (span < MAX_PLACE_WORDS && i + span < tokens.length && (isCapitalised(tokens[i + span]) || PLACE_JOINERS.has(tokens[i + span].lower))) span++;
    // Only the words before the first one already taken (or without a letter or digit) can form a name.
    let usable = 0;
    while (usable < span && !taken.has(i + usable) && /[\p{L}\p{N}]/u.test(tokens[i + usable].text)) usable++;
    for (let n = usable; n >= 1; n--) {
      const key = nameKey(
        tokens
          .slice(i, i + n)
          .map((w) => w.text)
          .join(' '),
      );
      const p = PLACES.get(key);
      if (!p) continue;
      // "North" / "South" / "Korea" alone are places only when nothing capitalised follows.
      if (n === 1 && (key === 'north' || key === 'south') && tokens[i + 1] && isCapitalised(tokens[i + 1])) continue;
      hit = { end: i + n - 1, key: p.key, capitalOf: p.capitalOf };
      break;
    }
    if (hit) {
      // "Russian city": the demonym is the place; possessive "'s" is not part of it.
      const text = tokens.slice(i, hit.end + 1).map((t) => t.text);
      const after = tokens[hit.end + 1];
      // A capital stands for its government wherever it is not a place: not
      // after "in", "to", "from" ... ("talks in Seoul") and not as a modifier
      // ("the Moscow embassy"); "urged Washington and Seoul", "Moscow said" are actors.
      const before = tokens[i - 1]?.lower;
      const located = before !== undefined && LOCATIVES.has(before);
      const modifier = !!after && (after.pos === 'NOUN' || (after.pos === 'PROPN' && isCapitalised(after)));
      const acts = !!after && (after.pos === 'VERB' || after.pos === 'AUX' || after.lower === "'s" || after.lower === '’s');
      const actor = acts || (!located && !modifier);
      entities.push({
        start: tokens[i].start,
        end: tokens[hit.end].end,
        text: text.join(' '),
        cls: 'place',
        key: hit.key,
        parts: [hit.key],
        capitalOf: hit.capitalOf,
        actor,
        index: i,
        endIndex: hit.end,
      });
      for (let k = i; k <= hit.end; k++) taken.add(k);
      i = hit.end;
      continue;
    }
    if (tokens[i].pos !== 'PROPN') continue;
    let j = i;
    while (j + 1 < tokens.length && !taken.has(j + 1) && tokens[j + 1].pos === 'PROPN' && isCapitalised(tokens[j + 1])) j++;
    const words = tokens.slice(i, j + 1);
    const parts = words.map((w) => w.lower.replace(/\.$/, '')).filter((w) => !TITLES.has(w) && !MONTHS[w] && !WEEKDAYS[w] && w.length > 0);
    if (parts.length === 0) {
      i = j;
      continue;
    }
    const firstIsTitle = TITLES.has(words[0].lower.replace(/\.$/, ''));
    // A sentence-initial capitalised common word is not a name.
    if (i === 0 && j === 0 && STOP.has(parts[0])) continue;
    entities.push({
      start: words[0].start,
      end: words[words.length - 1].end,
      text: words.map((w) => w.text).join(' '),
      cls: firstIsTitle ? 'person' : entityClass(tokens, i),
      key: parts.join(' '),
      parts,
      index: i,
      endIndex: j,
    });
    for (let k = i; k <= j; k++) taken.add(k);
    i = j;
  }
  return entities;
}

const QUOTE_RE = /["“”]([^"“”]{2,}?)["“”]/g;

/** Finds double-quoted passages and their words. */
export function extractQuotes(text: string, base: number): Quote[] {
  const quotes: Quote[] = [];
  QUOTE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTE_RE.exec(text))) {
    const inner = m[1];
    const start = base + m.index + 1;
    const words: Quote['words'] = [];
    const wr = /[\p{L}\p{N}’']+/gu;
    let w: RegExpExecArray | null;
    while ((w = wr.exec(inner))) words.push({ w: normaliseWord(w[0]), start: start + w.index, end: start + w.index + w[0].length });
    if (words.length) quotes.push({ start, end: start + inner.length, text: inner, words });
  }
  return quotes;
}

/** Parses a document's ` date YYYY-MM-DD` header. */
export function parseDocDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s + 'T00:00:00Z');
  return isNaN(d.getTime()) ? undefined : d;
}

/**
 * Which tokens lie wholly inside one of `spans` ([start, end) offsets, in any
 * order, possibly overlapping): 1 per covered token. Linear in tokens and
 * spans after sorting the spans.
 */
export function coveredBy(tokens: readonly Token[], spans: [number, number][]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  if (spans.length === 0) return out;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let k = 0;
  // The span that reaches furthest among those started so far.
  let reach: [number, number] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (k < sorted.length && sorted[k][0] <= t.start) {
      if (!reach || sorted[k][1] > reach[1]) reach = sorted[k];
      k++;
    }
    if (reach && t.start >= reach[0] && t.end <= reach[1]) out[i] = 1;
  }
  return out;
}

/** Analyses one sentence; `text` is the whole document or draft, tokens carry absolute offsets. */
export function analyse(tokens: Token[], text: string, docDate?: Date): Analysis {
  const start = tokens[0]?.start ?? 0;
  const end = tokens[tokens.length - 1]?.end ?? 0;
  const sentence = text.slice(start, end);
  const values = extractValues(tokens, sentence, start, docDate);
  const valueTokens = new Set<number>();
  // One sweep, not a pass over the tokens per value: a sentence of thousands of values stays linear.
  const inValue = coveredBy(
    tokens,
    values.map((v) => [v.start, v.end]),
  );
  for (let k = 0; k < tokens.length; k++) if (inValue[k]) valueTokens.add(k);
  const entities = extractEntities(tokens, valueTokens);
  const quotes = extractQuotes(sentence, start);
  // Marked once per token, not by a search of every quotation per token: a
  // sentence of thousands of quotation marks stays linear.
  const quoted = coveredBy(
    tokens,
    quotes.map((q) => [q.start, q.end]),
  );
  const inQuote = (i: number): boolean => quoted[i] === 1;

  // "Rather than walking the walk" denies the walking as "not" would.
  const negations = tokens.filter((t, i) => (NEGATIONS.has(t.lower) || (t.lower === 'than' && tokens[i - 1]?.lower === 'rather')) && !inQuote(i));
  const qualifiers = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (inQuote(i)) continue;
    if (tokens[i + 1]?.lower === 'time' || ordinalOfEvent(tokens, i)) {
      const ord = ORDINAL_WORDS[t.lower] ?? (/^(\d+)(st|nd|rd|th)$/.test(t.lower) ? parseInt(t.lower, 10) : undefined);
      if (ord !== undefined) qualifiers.add('time:' + ord);
    }
    if (t.lower === 'again' || t.lower === 'repeatedly' || (t.lower === 'another' && tokens[i + 1]?.pos === 'NOUN')) qualifiers.add('time:again');
    if ((t.lower === 'recent' || t.lower === 'latest') && tokens[i - 1]?.lower === 'most') qualifiers.add('recent');
    if (t.lower === 'latest') qualifiers.add('recent');
  }
  // Modality of the main clause: a modal or plan word before (or as) the first
  // main verb ("Kim may soon meet Putin", "Kim plans to travel"). Modal words in
  // later clauses ("... where a meeting could take place") do not make the
  // sentence's main statement hypothetical.
  // A speaker's own hedge ("I would recommend the Silver plan", "we can
  // offer") performs the act it names; it is no mere possibility.
  // A leading subordinate clause ("As viewers will know, North Korea has ...")
  // is not the main clause: modality is read after its comma.
  const lead = tokens[0]?.pos === 'SCONJ' || SUBORDINATORS.has(tokens[0]?.lower ?? '') ? tokens.findIndex((t) => t.text === ',') + 1 : 0;
  for (let i = lead; i < tokens.length; i++) {
    const t = tokens[i];
    if (inQuote(i)) continue;
    // "Plan" and "set" are plans only before "to" or as verbs ("plans to", "is set to"), not as nouns ("the Silver plan covers").
    const plan = PLAN_WORDS.has(t.lemma) && ((t.pos !== 'NOUN' && t.pos !== 'PROPN') || tokens[i + 1]?.lower === 'to');
    if ((MODALS.has(t.lower) && (t.pos === 'AUX' || t.pos === 'VERB')) || plan) {
      const before = tokens[i - 1]?.lower;
      if (before === 'i' || before === 'we') break;
      qualifiers.add('modal');
      break;
    }
    if (t.pos === 'VERB') break;
  }

  const terms: string[] = [];
  const lemmas: Analysis['lemmas'] = [];
  const entityAt = new Map<number, Entity>();
  for (const e of entities) for (let k = e.index; k <= e.endIndex; k++) entityAt.set(k, e);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (valueTokens.has(i)) continue;
    const e = entityAt.get(i);
    if (e) {
      if (e.index === i) {
        if (e.cls === 'place') terms.push('@' + e.key);
        else terms.push(...nameTerms(tokens.slice(e.index, e.endIndex + 1).map((w) => w.lower)));
      }
      continue;
    }
    if (!/[\p{L}]/u.test(t.text)) continue;
    if (t.pos === 'PUNCT' || t.pos === 'DET' || t.pos === 'PRON' || t.pos === 'CCONJ' || t.pos === 'SCONJ' || t.pos === 'AUX' || t.pos === 'PART') continue;
    const lemma = normaliseWord(t.lemma);
    lemmas.push({ lemma, token: t });
    if (STOP.has(t.lower) || STOP.has(lemma) || NEGATIONS.has(t.lower)) continue;
    terms.push(stemWord(lemma));
  }
  // Quoted words are frame terms of their own, stop words included: a quotation
  // is found by its wording ("Why not, these are our ...").
  for (const q of quotes) for (const w of q.words) terms.push('q:' + w.w);
  return {
    start,
    end,
    text: sentence,
    tokens,
    values,
    entities,
    quotes,
    negations,
    qualifiers,
    terms,
    lemmas,
    question: /\?\s*["”’)]?\s*$/.test(sentence),
    firstPerson: tokens.some((t, i) => (t.lower === 'i' || t.lower === 'me' || t.lower === 'my' || t.lower === "i'm") && !inQuote(i)),
  };
}

/**
 * Frame terms of a name: its parts as written, plus their stems where these
 * differ, so "Defence Minister Shoigu" shares "defens" and "minist" with
 * "the defence minister". Titles count as terms but are not name parts.
 */
export function nameTerms(words: string[]): string[] {
  const out: string[] = [];
  for (const raw of words) {
    const w = raw.replace(/\.$/, '');
    if (!w || MONTHS[w] !== undefined || WEEKDAYS[w] !== undefined) continue;
    const stem = stemWord(w);
    if (!TITLES.has(w)) out.push(w);
    if (stem !== w || TITLES.has(w)) out.push(stem);
  }
  return out;
}

/** Words that open a subordinate clause at the start of a sentence. */
const SUBORDINATORS = new Set(['as', 'if', 'when', 'while', 'although', 'though', 'because', 'since', 'unless', 'once', 'whether']);

/** Words that mark a sentence as opinion or advice rather than a statement of fact. */
const OPINION = new Set(['think', 'believe', 'feel', 'opinion', 'arguably', 'should', 'must', 'ought', 'perhaps', 'maybe', 'wonder', 'hope', 'seem']);

/** Whether a draft sentence carries a checkable fact. */
export function isCheckWorthy(a: Analysis): boolean {
  if (a.question) return false;
  // A line with no verb, no value and no closing stop is a title or a label
  // ("Notes from the press conference"), even when it has a name in it.
  const last = a.tokens[a.tokens.length - 1];
  const verb = a.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  if (!verb && !a.values.length && !a.quotes.length && !(last && /^[.!?…]+$/.test(last.text))) return false;
  if (a.values.length || a.entities.length || a.quotes.length) return true;
  // A sentence with no names, numbers or quotes can still state a fact ("The
  // company reported a decline in sales"), when it has a verb and some content;
  // an opinion or a writer's aside ("I think this matters", "we should ask") does not.
  if (a.firstPerson || a.tokens.some((t) => OPINION.has(t.lemma) || (t.lower === 'we' && t.pos === 'PRON'))) return false;
  return a.terms.length >= 4 && a.tokens.some((t) => t.pos === 'VERB');
}
