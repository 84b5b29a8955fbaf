import { extractQuotes, nameTerms } from './facts';
import { stemWord } from './words';
import { fastValueKeys } from './valueKeys';
import {
  CURRENCY_WORDS,
  MAX_PLACE_WORDS,
  MONTHS,
  NEGATIONS,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  PLACES,
  SCALES,
  STOP,
  TITLES,
  WEEKDAYS,
  nameKey,
  table,
} from './lexicon';

/**
 * Sentence boundaries and frame terms without wink-nlp, for indexing large
 * corpora (wink's tagging costs ~0.1 ms per sentence, 100 s at a million).
 * The terms follow what `analyse()` in facts.ts produces — Porter2 stems of
 * normalised words, values masked, `@key` for gazetteer places, lower-case
 * name parts for proper nouns, `q:word` for quoted words — with rules in
 * place of part-of-speech tags. Full analysis of a sentence still happens,
 * lazily, when the checker compares it with a claim.
 */

export interface FastSentence {
  start: number;
  end: number;
  /** Frame terms, then the sentence's value keys (`v:...`, see valueKeys.ts). */
  terms: string[];
  firstPerson: boolean;
}

interface Tok {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** w: word, n: number-like, p: punctuation or symbol. */
  kind: 'w' | 'n' | 'p';
  cap: boolean;
}

const TOKEN =
  /(?:\p{Lu}\.){2,}|[\p{L}\p{M}](?:[\p{L}\p{M}\p{N}]|['’](?=\p{L}))*|\p{N}(?:[\p{N}]|[.,:](?=\p{N}))*(?:st|nd|rd|th|s|bn|mn|m|k|tn|trn)?\b|\.{2,}|\S/gu;

/** Words that wink tags as determiners, pronouns, auxiliaries or conjunctions but STOP lacks. */
const CLOSED = new Set(
  (
    'every another either whether unless whereas whose myself yourself himself herself itself ourselves themselves ' +
    'nor both neither whoever whatever whichever something anything nothing everything someone anyone everyone ' +
    "somebody anybody everybody 'm 're 've 'd 'll n't ought need dare doing"
  ).split(/\s+/),
);

/** Irregular forms whose lemma Porter2 cannot reach. */
const IRREGULAR: Record<string, string> = table({
  met: 'meet',
  went: 'go',
  gone: 'go',
  took: 'take',
  taken: 'take',
  held: 'hold',
  made: 'make',
  gave: 'give',
  given: 'give',
  came: 'come',
  began: 'begin',
  begun: 'begin',
  led: 'lead',
  sent: 'send',
  spent: 'spend',
  saw: 'see',
  seen: 'see',
  knew: 'know',
  known: 'know',
  found: 'find',
  built: 'build',
  paid: 'pay',
  sold: 'sell',
  bought: 'buy',
  brought: 'bring',
  thought: 'think',
  fought: 'fight',
  caught: 'catch',
  taught: 'teach',
  fell: 'fall',
  fallen: 'fall',
  rose: 'rise',
  risen: 'rise',
  grew: 'grow',
  grown: 'grow',
  drew: 'draw',
  drawn: 'draw',
  threw: 'throw',
  thrown: 'throw',
  flew: 'fly',
  wrote: 'write',
  written: 'write',
  spoke: 'speak',
  spoken: 'speak',
  chose: 'choose',
  chosen: 'choose',
  broke: 'break',
  broken: 'break',
  struck: 'strike',
  stood: 'stand',
  ran: 'run',
  became: 'become',
  kept: 'keep',
  lost: 'lose',
  felt: 'feel',
  meant: 'mean',
  heard: 'hear',
  got: 'get',
  gotten: 'get',
  shot: 'shoot',
  sat: 'sit',
  won: 'win',
  wore: 'wear',
  worn: 'wear',
  hung: 'hang',
  fled: 'flee',
  sought: 'seek',
  swore: 'swear',
  sworn: 'swear',
  stole: 'steal',
  stolen: 'steal',
  hid: 'hide',
  hidden: 'hide',
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  geese: 'goose',
  better: 'good',
  best: 'good',
  worse: 'bad',
  worst: 'bad',
  drove: 'drive',
  driven: 'drive',
  media: 'medium',
  bigger: 'big',
  biggest: 'big',
  larger: 'large',
  largest: 'large',
  older: 'old',
  oldest: 'old',
  deeper: 'deep',
  deepest: 'deep',
  higher: 'high',
  highest: 'high',
  lower: 'low',
  lowest: 'low',
  greater: 'great',
  greatest: 'great',
  smaller: 'small',
  smallest: 'small',
  longer: 'long',
  longest: 'long',
  younger: 'young',
  youngest: 'young',
  stronger: 'strong',
  strongest: 'strong',
  wider: 'wide',
  widest: 'wide',
  richer: 'rich',
  richest: 'rich',
  poorer: 'poor',
  poorest: 'poor',
  newer: 'new',
  newest: 'new',
  closer: 'close',
  closest: 'close',
  earlier: 'early',
  earliest: 'early',
});

/** The lemma of an inflected form, where the spelling rules of normaliseWord() need it ("toured" -> "tour", "promises" -> "promise"). */
function lemmaGuess(w: string): string {
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  let m = /^(.{2,}ll)(ed|ing)$/.exec(w);
  if (m) return m[1];
  m = /^(.+our)(s|ed|ing)$/.exec(w);
  if (m) return m[1];
  m = /^(.+(?:is|ens|enc|tr|ogu))(es|ed|ing)$/.exec(w);
  if (m) return m[1] + 'e';
  return w;
}

const ABBREVIATIONS = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'inc',
  'corp',
  'ltd',
  'co',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'jr',
  'sr',
  'st',
  'mt',
  'ft',
  'approx',
  'dept',
  'est',
  'fig',
  'gov',
  'lt',
  'col',
  'gen',
  'sgt',
  'rep',
  'sen',
  'prof',
  'dr',
  'mr',
  'mrs',
  'ms',
]);

const termMemo = new Map<string, string>();

/** The frame term of a common word (memoised: corpora repeat their words). */
function wordTerm(lower: string): string {
  let t = termMemo.get(lower);
  if (t === undefined) {
    t = stemWord(lemmaGuess(lower));
    if (termMemo.size < 500000) termMemo.set(lower, t);
  }
  return t;
}

function tokenize(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(slice))) {
    const s = m[0];
    const c = s.charCodeAt(0);
    const kind: Tok['kind'] = c >= 48 && c <= 57 ? 'n' : /^[\p{L}\p{M}]/u.test(s) ? 'w' : 'p';
    const start = from + m.index;
    if (kind === 'w') {
      // Clitics are tokens of their own, as wink makes them: "don't" -> do n't, "Kim's" -> Kim 's.
      const cl = /(n['’]t|['’](?:s|re|ve|ll|d|m))$/i.exec(s);
      if (cl && cl.index > 0) {
        const base = s.slice(0, cl.index);
        out.push({ text: base, lower: base.toLowerCase(), start, end: start + base.length, kind, cap: isCap(base) });
        const rest = cl[0].replace('’', "'");
        out.push({ text: cl[0], lower: rest.toLowerCase(), start: start + cl.index, end: start + s.length, kind: 'w', cap: false });
        continue;
      }
    }
    out.push({ text: s, lower: s.toLowerCase(), start, end: start + s.length, kind, cap: kind === 'w' && isCap(s) });
  }
  return out;
}

function isCap(s: string): boolean {
  return /^\p{Lu}/u.test(s);
}

/** Splits tokens into sentences at ., ! and ? followed by a capital, digit or quote. */
function split(tokens: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    cur.push(t);
    if (t.kind !== 'p' || !/^[.!?]|^\.{2,}$/.test(t.text)) continue;
    // Closing quotes and brackets stay with the sentence they close.
    while (i + 1 < tokens.length && /^["”’')\]]$/.test(tokens[i + 1].text) && tokens[i + 1].start === tokens[i].end) cur.push(tokens[++i]);
    const next = tokens[i + 1];
    if (!next) break;
    if (t.text === '.') {
      const prev = cur[cur.length - 2];
      if (prev && prev.end === t.start && prev.kind === 'w' && (ABBREVIATIONS.has(prev.lower) || TITLES.has(prev.lower) || /^\p{L}$/u.test(prev.text)))
        continue;
    }
    if (next.start === tokens[i].end) continue;
    if (!(next.cap || next.kind === 'n' || /^["“‘([]$/.test(next.text))) continue;
    out.push(cur);
    cur = [];
  }
  if (cur.length) out.push(cur);
  return out;
}

function isNumberish(t: Tok | undefined): boolean {
  return !!t && (t.kind === 'n' || (NUMBER_WORDS[t.lower] !== undefined && t.lower !== 'one'));
}

/** Which tokens are values (years, numbers, dates ...), which analyse() masks out of the frame. */
function valueMask(toks: Tok[], dated: boolean): Uint8Array {
  const used = new Uint8Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'n' || isNumberish(t)) {
      if (t.lower === 'one' && (toks[i + 1]?.lower === 'of' || toks[i + 1]?.lower === 'another')) continue;
      used[i] = 1;
      let j = i + 1;
      if (toks[j]?.text === '-' && NUMBER_WORDS[toks[j + 1]?.lower ?? ''] !== undefined) {
        used[j] = used[j + 1] = 1;
        j += 2;
      }
      if (toks[j] && SCALES[toks[j].lower] !== undefined && toks[j].lower.length > 1) used[j++] = 1;
      if (toks[j] && (toks[j].text === '%' || toks[j].lower === 'percent' || CURRENCY_WORDS[toks[j].lower])) used[j++] = 1;
      else if (toks[j]?.lower === 'per' && toks[j + 1]?.lower === 'cent') {
        used[j] = used[j + 1] = 1;
        j += 2;
      }
      i = j - 1;
      continue;
    }
    if (t.kind !== 'w') continue;
    const ord = ORDINAL_WORDS[t.lower];
    if (ord !== undefined) {
      if (toks[i + 1]?.lower !== 'time') used[i] = 1;
      continue;
    }
    if (t.cap) {
      const month = MONTHS[t.lower.replace(/\.$/, '')];
      if (month !== undefined) {
        if (t.lower === 'may' || t.lower === 'march') {
          const prev = toks[i - 1]?.lower ?? '';
          const dateish =
            toks[i + 1]?.kind === 'n' ||
            ['in', 'since', 'until', 'by', 'of', 'early', 'late', 'mid', 'last', 'next', 'this', 'from', 'through', 'till'].includes(prev);
          if (!dateish || (t.lower === 'may' && i === 0)) continue;
        }
        used[i] = 1;
        continue;
      }
      if (WEEKDAYS[t.lower] !== undefined) used[i] = 1;
      continue;
    }
    if (dated && (t.lower === 'last' || t.lower === 'this') && toks[i + 1]?.lower === 'month') used[i] = used[i + 1] = 1;
  }
  return used;
}

function sentenceTerms(toks: Tok[], text: string, dated: boolean, common: Set<string>): string[] {
  const used = valueMask(toks, dated);
  const terms: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i];
    if (t.kind !== 'w') continue;
    if (t.cap && !(i === 0 && common.has(t.lower)) && !(STOP.has(t.lower) && !PLACES.has(nameKey(t.text)))) {
      // Longest gazetteer match first ("North Korea" before "North").
      let hit = -1;
      let key = '';
      for (let n = Math.min(MAX_PLACE_WORDS, toks.length - i); n >= 1; n--) {
        let ok = true;
        for (let k = 0; k < n; k++) if (used[i + k]) ok = false;
        if (!ok) continue;
        const p = PLACES.get(
          nameKey(
            toks
              .slice(i, i + n)
              .map((w) => w.text)
              .join(' '),
          ),
        );
        if (!p) continue;
        if (n === 1 && (p.key === 'prk' || p.key === 'kor') && /^(north|south)$/.test(t.lower) && toks[i + 1]?.cap) continue;
        hit = i + n - 1;
        key = p.key;
        break;
      }
      if (hit >= 0) {
        terms.push('@' + key);
        i = hit;
        continue;
      }
      // A run of capitalised words is a name; its parts are terms without titles.
      let j = i;
      while (j + 1 < toks.length && !used[j + 1] && toks[j + 1].cap && toks[j + 1].kind === 'w' && !STOP.has(toks[j + 1].lower)) j++;
      terms.push(...nameTerms(toks.slice(i, j + 1).map((w) => w.lower)));
      i = j;
      continue;
    }
    const lower = t.lower;
    if (STOP.has(lower) || CLOSED.has(lower) || NEGATIONS.has(lower)) continue;
    const term = wordTerm(lower);
    if (STOP.has(term)) continue;
    terms.push(term);
  }
  const start = toks[0].start;
  for (const q of extractQuotes(text.slice(start, toks[toks.length - 1].end), start)) for (const w of q.words) terms.push('q:' + w.w);
  return terms;
}

/** Lower-case words of a text, for telling a sentence-initial common word ("Officials") from a name. */
export function commonWords(text: string): Set<string> {
  const out = new Set<string>();
  const re = /(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.add(m[0]);
  return out;
}

/** Sentences of `text.slice(from, to)` (one paragraph) with their frame terms. */
/** Where the sentences of `text.slice(from, to)` are, by the rules of the fast splitter (linear, no wink-nlp). */
export function fastSentenceSpans(text: string, from: number, to: number): { start: number; end: number }[] {
  return split(tokenize(text, from, to))
    .filter((toks) => toks.length > 0)
    .map((toks) => ({ start: toks[0].start, end: toks[toks.length - 1].end }));
}

export function fastSentences(text: string, from: number, to: number, dated: boolean, common: Set<string>, docDate?: Date): FastSentence[] {
  const out: FastSentence[] = [];
  for (const toks of split(tokenize(text, from, to))) {
    if (toks.length === 0) continue;
    const start = toks[0].start;
    const end = toks[toks.length - 1].end;
    const quotes = extractQuotes(text.slice(start, end), start);
    const firstPerson = toks.some(
      (t) => (t.lower === 'i' || t.lower === 'me' || t.lower === 'my') && !quotes.some((q) => t.start >= q.start && t.end <= q.end),
    );
    out.push({ start, end, terms: [...sentenceTerms(toks, text, dated, common), ...fastValueKeys(toks, docDate)], firstPerson });
  }
  return out;
}
