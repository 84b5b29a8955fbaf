import type { Token } from './nlp';
import { extractValues, ordinalOfEvent, type Value } from './values';
import { isCapitalised, normaliseWord, stemWord } from './words';
import {
  DEMONYMS,
  MAX_PLACE_WORDS,
  MODALS,
  MONTHS,
  NEGATIONS,
  ORDINAL_WORDS,
  PLACES,
  PLAN_WORDS,
  STOP,
  TITLES,
  WEEKDAYS,
  closesContrast,
  deniesVerb,
  nameKey,
  spanKey,
} from './lexicon';
import { sensesOf } from './wordnet';
import { isGivingVerb, isReportingVerb } from './reporting';

/**
 * Turns the tokens of one sentence into the facts the engine compares: typed
 * values (years, dates, numbers, money ...), named entities, quotations,
 * negations and event qualifiers, plus the sentence's *frame*: its content
 * terms with the values masked out, which is what retrieval matches on.
 */

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
  /** For an organisation named after a place ("Washington Post"): how many of its first words name the place. */
  placeWords?: number;
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

/** Prepositions after which a place name is a place, not an actor. */
const LOCATIVES = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'inside', 'outside', 'via', 'across', 'through', 'around', 'toward', 'towards', 'within']);

const PLACE_JOINERS = new Set(['of', 'the', 'and', "'s", '’s', '.', '-']);

function entityClass(tokens: Token[], a: number): EntityClass {
  const prev = tokens[a - 1]?.lower.replace(/\.$/, '');
  if (prev && TITLES.has(prev)) return 'person';
  return 'entity';
}

/** Whether the "to" at token `at` follows a verb of giving and what it gives ("provide or sell weapons to"). */
function givenTo(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 5); k--) {
    const t = tokens[k];
    if (t.pos === 'VERB') return isGivingVerb(t.lemma);
    if (t.pos !== 'NOUN' && t.pos !== 'ADJ' && t.pos !== 'DET' && t.pos !== 'NUM') return false;
  }
  return false;
}

/**
 * Where the place name at tokens `from..to` begins an organisation's name, the
 * index of that name's last word: the capitalised proper nouns right after the
 * place, none of them a title, a month, a weekday or the start of another place.
 */
function namedAfterPlace(tokens: Token[], from: number, to: number, taken: Set<number>): number | undefined {
  if (DEMONYMS.has(spanKey(tokens, from, to))) return undefined;
  let j = to;
  while (j + 1 < tokens.length && !taken.has(j + 1)) {
    const t = tokens[j + 1];
    const w = t.lower.replace(/\.$/, '');
    if (t.pos !== 'PROPN' || !isCapitalised(t) || TITLES.has(w) || MONTHS[w] || WEEKDAYS[w] || PLACES.has(nameKey(t.text))) break;
    j++;
  }
  return j > to ? j : undefined;
}

/**
 * Whether the capitalised word after a run of proper nouns ending at `j` is
 * the name's last word, which the tagger read as a common word ("Ulchi
 * Freedom", "Key Resolve"): it closes the phrase (a stop, a comma, "and" or
 * the end follow), and the sentence is not a title, whose common words are
 * capitalised too.
 */
function endsName(tokens: Token[], j: number, taken: Set<number>): boolean {
  const t = tokens[j + 1];
  if (!t || taken.has(j + 1) || !isCapitalised(t) || !['NOUN', 'VERB', 'ADJ'].includes(t.pos)) return false;
  const after = tokens[j + 2];
  if (after && after.pos !== 'PUNCT' && after.pos !== 'CCONJ') return false;
  // In a title other common words are capitalised too ("Putin Says Kim Will Visit").
  return !tokens.some((w, k) => k > 0 && k !== j + 1 && w.pos !== 'PROPN' && /^\p{L}/u.test(w.text) && isCapitalised(w));
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
      const key = spanKey(tokens, i, i + n - 1);
      const p = PLACES.get(key);
      if (!p) continue;
      // "North" / "South" / "Korea" alone are places only when nothing capitalised follows.
      if (n === 1 && (key === 'north' || key === 'south') && tokens[i + 1] && isCapitalised(tokens[i + 1])) continue;
      hit = { end: i + n - 1, key: p.key, capitalOf: p.capitalOf };
      break;
    }
    // A place's name followed by a name of another kind is one name, an
    // organisation named after the place ("Washington Post", "New York
    // Times", "Moscow State University"); a demonym stays the place it
    // qualifies ("Russian Foreign Minister Sergei Lavrov").
    const named = hit ? namedAfterPlace(tokens, i, hit.end, taken) : undefined;
    if (named !== undefined) {
      const words = tokens.slice(i, named + 1);
      const parts = words.map((w) => w.lower.replace(/\.$/, ''));
      const rest = parts.slice(hit!.end + 1 - i);
      entities.push({
        start: words[0].start,
        end: words[words.length - 1].end,
        text: words.map((w) => w.text).join(' '),
        cls: 'organisation',
        // The place part by its key, so that "UN Security Council" is "United Nations Security Council".
        key: [hit!.key, ...rest].join(' '),
        parts,
        placeWords: hit!.end + 1 - i,
        index: i,
        endIndex: named,
      });
      for (let k = i; k <= named; k++) taken.add(k);
      i = named;
      continue;
    }
    if (hit) {
      // "Russian city": the demonym is the place; possessive "'s" is not part of it.
      const text = tokens.slice(i, hit.end + 1).map((t) => t.text);
      const after = tokens[hit.end + 1];
      // A capital stands for its government wherever it is not a place: not
      // after "in", "to", "from" ... ("talks in Seoul") and not as a modifier
      // ("the Moscow embassy"); "urged Washington and Seoul", "Moscow said" are actors.
      const before = tokens[i - 1]?.lower;
      // After a verb of giving, "to" names the recipient ("sell weapons to Moscow"), an actor.
      const located = before !== undefined && LOCATIVES.has(before) && !(before === 'to' && givenTo(tokens, i - 1));
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
    if (endsName(tokens, j, taken)) j++;
    const words = tokens.slice(i, j + 1);
    const parts = words.map((w) => w.lower.replace(/\.$/, '')).filter((w) => !TITLES.has(w) && !MONTHS[w] && !WEEKDAYS[w] && w.length > 0);
    if (parts.length === 0) {
      i = j;
      continue;
    }
    const firstIsTitle = TITLES.has(words[0].lower.replace(/\.$/, ''));
    // A sentence-initial capitalised common word is not a name.
    if (i === 0 && j === 0 && STOP.has(parts[0])) continue;
    // So is one that modifies the noun after it ("Total expenditure", "Graphic
    // images"): capitalised only because it starts the sentence.
    if (i === 0 && j === 0 && tokens[1]?.pos === 'NOUN' && (sensesOf(parts[0], 'a').length > 0 || sensesOf(parts[0], 'n').length > 0)) continue;
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

  const negations = tokens.filter((t, i) => (NEGATIONS.has(t.lower) || closesContrast(tokens, i) || deniesVerb(t, tokens[i + 1])) && !inQuote(i));
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
  // A main verb that reports ("The White House says Kim may visit") makes the
  // reported clause the statement: its modality is read instead. Only the
  // first reporting verb is passed over.
  // A framing clause ("It comes after Shoigu said ...", "This follows ...")
  // places the event it introduces in time and states nothing itself: the
  // clause after its conjunction is the statement.
  const framed = FRAMING_SUBJECTS.has(tokens[0]?.lower ?? '') && FRAMING_VERBS.has(tokens[1]?.lemma ?? '') && FRAMING_LINKS.has(tokens[2]?.lower ?? '');
  const lead = framed ? 3 : tokens[0]?.pos === 'SCONJ' || SUBORDINATORS.has(tokens[0]?.lower ?? '') ? tokens.findIndex((t) => t.text === ',') + 1 : 0;
  let reported = false;
  // A gerund that opens the sentence with no comma after its phrase is its
  // subject ("Attending the ceremony would be his second visit"): the main
  // verb comes after it.
  const firstAux = tokens.findIndex((t) => t.pos === 'AUX');
  const gerundSubject =
    lead === 0 && tokens[0]?.pos === 'VERB' && tokens[0].lower.endsWith('ing') && firstAux > 0 && !tokens.slice(0, firstAux).some((t) => t.text === ',');
  for (let i = gerundSubject ? firstAux : lead; i < tokens.length; i++) {
    const t = tokens[i];
    if (inQuote(i)) continue;
    // "Plan" and "set" are plans only before "to" or as verbs ("plans to", "is set to"), not as nouns ("the Silver plan covers").
    const plan = PLAN_WORDS.has(t.lemma) && ((t.pos !== 'NOUN' && t.pos !== 'PROPN') || tokens[i + 1]?.lower === 'to');
    if ((MODALS.has(t.lower) && (t.pos === 'AUX' || t.pos === 'VERB')) || plan) {
      const before = tokens[i - 1]?.lower;
      if (before === 'i' || before === 'we') break;
      qualifiers.add('modal');
      // "Will" and "shall" foretell; "may", "could" and a plan only allow.
      if (!plan && FORETELLING.has(t.lower)) qualifiers.add('modal:certain');
      break;
    }
    if (t.pos === 'VERB') {
      if (reported || !isReportingVerb(t.lemma)) break;
      reported = true;
    }
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

// A framing clause's subject, verb and first word after them: "It comes
// after", "This follows", "It came as", "It comes just days after".
const FRAMING_SUBJECTS = new Set(['it', 'this', 'that']);
const FRAMING_VERBS = new Set(['come', 'follow']);
const FRAMING_LINKS = new Set(['after', 'as', 'amid', 'just', 'days', 'weeks', 'months', 'shortly', 'a']);

/** Modals that state what will happen, not what may. */
const FORETELLING = new Set(['will', 'shall', "'ll", 'wo']);

/** Words that open a subordinate clause at the start of a sentence. */
const SUBORDINATORS = new Set(['as', 'if', 'when', 'while', 'although', 'though', 'because', 'since', 'unless', 'once', 'whether']);

/** Words that mark a sentence as opinion or advice rather than a statement of fact. */
const OPINION = new Set(['think', 'believe', 'feel', 'opinion', 'arguably', 'should', 'must', 'ought', 'perhaps', 'maybe', 'wonder', 'hope', 'seem']);

/**
 * Words that point at the page itself after an opening verb ("Click here",
 * "Scroll down", "See below"): with them the verb is an instruction to the
 * reader.
 */
const PAGE_DEICTICS = new Set(['here', 'below', 'above', 'down']);

/**
 * Whether a sentence is an instruction to the reader, not a statement: it
 * opens with a verb in its base form that points at the page ("CLICK HERE
 * for the latest news", "Scroll down for video"). It asks the reader to do
 * something and states nothing a source could support. The tagger often
 * reads the capitalised verb as a name, so the verb is known by its form and
 * WordNet, not by its tag. A label before a colon ("READ: ...", "Note: ...")
 * is no instruction: what follows it may well be a statement.
 */
export function isInstruction(a: Analysis): boolean {
  const [first, second] = a.tokens;
  return !!first && !!second && first.lower === first.lemma && PAGE_DEICTICS.has(second.lower) && sensesOf(first.lower, 'v').length > 0;
}

/** Whether a draft sentence carries a checkable fact. */
export function isCheckWorthy(a: Analysis): boolean {
  if (a.question || isInstruction(a)) return false;
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
