import type { Analysis, Entity, Quote } from '../analysis/facts';
import { mayStateValue, type Value } from '../analysis/values';
import { stemWord } from '../analysis/words';
import { directionOf } from '../analysis/direction';
import { CLOSED_CLASSES, MONTH_NAMES, NEGATIONS, STOP, WEEKDAY_NAMES, areAntonyms, hasOpposites } from '../analysis/lexicon';
import type { Token } from '../analysis/nlp';
import { relation, wnPos } from '../analysis/wordnet';
import type { MismatchKind } from '../types';

/**
 * Compares a claim with one source sentence, slot by slot: values of the same
 * type and role, entities in the same position, quotations, negation and
 * antonyms. The result says what the sentence supports, what it contradicts
 * and what of the claim it does not speak to; the verdict is decided later
 * across all candidate sentences.
 */

/** A contradiction found in one sentence, before it is turned into a Mismatch. */
export interface Conflict {
  kind: MismatchKind;
  start: number;
  end: number;
  found: string;
  expected?: string;
}

/** A fact of the claim that a sentence does not mention. */
export interface Novel {
  text: string;
  value?: Value;
  entity?: Entity;
}

export interface Comparison {
  /** Values, entities and quotes of the claim this sentence (or its neighbours) confirms. */
  supported: number;
  /** Where those confirmed facts are in the claim (offsets of the value, name or quotation). */
  confirmed: { start: number; end: number }[];
  conflicts: Conflict[];
  /** Claim facts the sentence and its neighbours do not mention at all. */
  novel: Novel[];
  /** Event qualifiers disagree (first vs second time): a different event. */
  otherEvent: boolean;
  /** The source only says the event may happen; the claim says it did. */
  hypothetical: boolean;
  /** The claim has values and this sentence itself states every one of them. */
  valuesInSentence: boolean;
}

type Group = 'year' | 'decade' | 'date' | 'number' | 'money' | 'percent' | 'ordinal';

function group(v: Value): Group {
  switch (v.type) {
    case 'year':
    case 'yearRange':
      return 'year';
    case 'month':
    case 'date':
    case 'weekday':
      return 'date';
    default:
      return v.type;
  }
}

function close(a: number | undefined, b: number | undefined, rel = 0.005): boolean {
  if (a === undefined || b === undefined) return false;
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * rel;
}

function weekdayOf(v: Value): number | undefined {
  if (v.weekday !== undefined) return v.weekday;
  if (v.year !== undefined && v.month !== undefined && v.day !== undefined) return new Date(Date.UTC(v.year, v.month - 1, v.day)).getUTCDay();
  return undefined;
}

/** Whether two values state the same fact (format differences do not count). */
export function sameValue(c: Value, s: Value): boolean {
  const yearOk = c.year === undefined || s.year === undefined || c.year === s.year;
  switch (c.type) {
    case 'year':
      if (s.type === 'year') return c.num === s.num;
      if (s.type === 'yearRange') return c.num === s.from!.num || c.num === s.to!.num;
      // A date or month stated in that year confirms a year; one whose year is only the document's ("in July") does not.
      if (s.type === 'date' || s.type === 'month' || (s.type === 'weekday' && s.year !== undefined)) return s.year === c.num && !s.relative && !s.yearInferred;
      return false;
    case 'yearRange':
      return s.type === 'yearRange' && s.from!.num === c.from!.num && s.to!.num === c.to!.num;
    case 'decade':
      return (s.type === 'decade' && s.num === c.num) || (s.type === 'year' && s.num! >= c.num! && s.num! < c.num! + 10);
    case 'month':
      return (s.type === 'month' || s.type === 'date' || (s.type === 'weekday' && s.month !== undefined)) && s.month === c.month && yearOk;
    case 'date':
      if (s.type === 'date' || (s.type === 'weekday' && s.day !== undefined)) return s.month === c.month && s.day === c.day && yearOk;
      return false;
    case 'weekday':
      if (s.type === 'weekday') return s.weekday === c.weekday;
      if (s.type === 'date') return weekdayOf(s) === c.weekday;
      return false;
    case 'number':
      // The same count of another noun confirms it when the nouns are related ("600 arrests", "600 people were arrested" is left to the words).
      return (s.type === 'number' && close(c.num, s.num) && (!c.unit || !s.unit || c.unit === s.unit || relatedUnits(c, s))) || anniversary(c, s);
    case 'money':
      return s.type === 'money' && close(c.num, s.num) && (c.unit === s.unit || !c.unit || !s.unit);
    case 'percent':
      return s.type === 'percent' && close(c.num, s.num, 0.001);
    case 'ordinal':
      return (s.type === 'ordinal' && c.num === s.num && (!c.unit || !s.unit || c.unit === s.unit || relatedUnits(c, s))) || anniversary(s, c);
  }
}

/** "70 years since the war ended" counts what "the 70th anniversary of its end" numbers. */
function anniversary(years: Value, nth: Value): boolean {
  return years.type === 'number' && nth.type === 'ordinal' && years.unitWord === 'year' && nth.unitWord === 'anniversary' && years.num === nth.num;
}

function kindOf(v: Value): MismatchKind {
  switch (v.type) {
    case 'yearRange':
    case 'decade':
      return 'year';
    default:
      return v.type;
  }
}

/** Text that states a source value; relative values ("last month") are spelled out. */
function expectedText(s: Value): string {
  if (!s.relative) return s.text;
  if (s.type === 'month') return MONTH_NAMES[s.month!];
  if (s.type === 'weekday') return WEEKDAY_NAMES[s.weekday!];
  if (s.type === 'date') return `${MONTH_NAMES[s.month!]} ${s.day}`;
  return s.text;
}

/** Whether a source value can stand in the same slot as a claim value. */
function sameSlot(c: Value, s: Value, onlyOfType: boolean): boolean {
  if (group(c) !== group(s)) return false;
  // A range and a single year are different kinds of statement.
  if ((c.type === 'yearRange') !== (s.type === 'yearRange')) return false;
  if (group(c) === 'date') {
    // A month does not contradict a weekday; a date and a month compare by month.
    const dc = c.type === 'weekday' ? 'w' : 'md';
    const ds = s.type === 'weekday' ? 'w' : 'md';
    if (dc !== ds) return false;
  }
  // A counted noun is a soft match: "the third most powerful figure" and "the
  // second most powerful man" count the same thing; "five entities" and "three
  // tanks" do not.
  if ((c.type === 'number' || c.type === 'ordinal') && c.unit && s.unit && c.unit !== s.unit && !relatedUnits(c, s)) return false;
  if (c.type === 'money' && c.unit && s.unit && c.unit !== s.unit) return false;
  if (!onlyOfType && c.prep && s.prep && prepClass(c.prep) !== prepClass(s.prep)) return false;
  return true;
}

/** Whether two counted nouns name kinds of one thing (WordNet: synonyms, one a kind of the other, or sister terms). */
function relatedUnits(c: Value, s: Value): boolean {
  if (!c.unitWord || !s.unitWord) return false;
  const r = relation(c.unitWord, 'NOUN', s.unitWord, 'NOUN');
  return r === 'synonym' || r === 'hypernym' || r === 'hyponym' || r === 'derivation';
}

/** Prepositions that give a value the same role: "until" and "to" end a range, "since" and "from" start one. */
const PREP_CLASS: Record<string, string> = { until: 'to', till: 'to', through: 'to', thru: 'to', since: 'from' };
function prepClass(p: string): string {
  return Object.prototype.hasOwnProperty.call(PREP_CLASS, p) ? PREP_CLASS[p] : p;
}

/** Builds the conflict for a claim value and the differing source value in its slot. */
function valueConflict(c: Value, s: Value): Conflict {
  const kind = kindOf(c);
  if (c.type === 'yearRange' && s.type === 'yearRange') {
    // Only the end that differs is wrong: 1950-1952 vs 1950-1953 points at 1952.
    if (c.from!.num === s.from!.num) return { kind, start: c.to!.start, end: c.to!.end, found: c.to!.text, expected: fitYear(c.to!.text, s.to!.num!) };
    if (c.to!.num === s.to!.num) return { kind, start: c.from!.start, end: c.from!.end, found: c.from!.text, expected: fitYear(c.from!.text, s.from!.num!) };
  }
  // A wrong day is reported as the whole date ("Sept. 15", expected "Sept. 13"):
  // the writer reads which date, and the fix replaces it in the source's spelling.
  if (c.type === 'date' && (s.type === 'date' || s.type === 'month') && c.month !== s.month) {
    return { kind: 'month', start: c.start, end: c.end, found: c.text, expected: s.type === 'date' ? expectedText(s) : MONTH_NAMES[s.month!] };
  }
  if (c.type === 'year' && s.type === 'yearRange') {
    return { kind, start: c.start, end: c.end, found: c.text, expected: `${s.from!.num}–${s.to!.num}` };
  }
  const expected = c.type === 'year' && s.year !== undefined ? String(s.year) : expectedText(s);
  return { kind, start: c.start, end: c.end, found: c.text, expected };
}

function fitYear(claimText: string, year: number): string {
  return claimText.length === 2 ? String(year % 100).padStart(2, '0') : String(year);
}

/** Whether "until" or "before" follows negation `n` within a few words ("not ... until"). */
function untilAfter(a: Analysis, n: Analysis['negations'][number]): boolean {
  const at = a.tokens.indexOf(n);
  for (let k = at + 1; k < Math.min(a.tokens.length, at + 6); k++) {
    const w = a.tokens[k].lower;
    if (w === 'until' || w === 'till' || w === 'before') return true;
    if (a.tokens[k].pos === 'PUNCT') return false;
  }
  return false;
}

/** How many tokens after a negation it can bear on. */
const NEGATION_SCOPE = 4;

/** Whether token `t` is a boundary a negation does not reach across (punctuation, "but"). */
function clauseBreak(t: Token): boolean {
  return (t.pos === 'PUNCT' && /^[,;:()[\]—–-]$/.test(t.text)) || t.lower === 'but';
}

/** Whether negation `n` denies anything: "not until 2006" states 2006, "no. 1" and "no 1" are numbers. */
function denies(a: Analysis, n: Token): boolean {
  const next = a.tokens[a.tokens.indexOf(n) + 1];
  if (n.lower === 'no' && next && (next.pos === 'NUM' || next.text === '.')) return false;
  return !untilAfter(a, n);
}

/** The index of the content word negation `n` bears on, or -1. */
function scopeOf(a: Analysis, n: Token): number {
  if (!denies(a, n)) return -1;
  const at = a.tokens.indexOf(n);
  for (let k = at + 1; k < Math.min(a.tokens.length, at + 1 + NEGATION_SCOPE); k++) {
    const t = a.tokens[k];
    if (clauseBreak(t)) return -1;
    if (NEGATIONS.has(t.lower)) continue;
    // "no longer has" and "not any more" deny the verb, not the time word.
    if ((t.lower === 'longer' || t.lower === 'more' || t.lower === 'any') && k <= at + 2) continue;
    if (/\p{L}/u.test(t.text) && !STOP.has(t.lower) && !STOP.has(t.lemma) && t.pos !== 'ADP' && t.pos !== 'DET' && t.pos !== 'PRON' && t.pos !== 'AUX') {
      // "No" and "without" deny a thing: the head of the noun phrase they
      // open ("without model permission" denies the permission, not the model).
      if (n.lower === 'no' || n.lower === 'without') {
        let head = k;
        while (head + 1 < a.tokens.length && head < k + 3 && (a.tokens[head + 1].pos === 'NOUN' || a.tokens[head + 1].pos === 'PROPN')) head++;
        return head;
      }
      return k;
    }
  }
  return -1;
}

/**
 * The claim word a negation conflict is about: the word a claim negation bears
 * on, or (for a source negation) the claim word at the conflict itself.
 */
export function negatedWord(c: Analysis, x: { start: number; end: number }): Token | undefined {
  const t = c.tokens.find((u) => u.start === x.start && u.end === x.end);
  if (!t) return undefined;
  if (!c.negations.includes(t)) return t;
  const k = scopeOf(c, t);
  return k < 0 ? undefined : c.tokens[k];
}

/** Whether token `k` of `a` is in the scope of a negation. */
function negatedAt(a: Analysis, k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - NEGATION_SCOPE); j--) {
    const t = a.tokens[j];
    if (clauseBreak(t)) return false;
    if (a.negations.includes(t) && denies(a, t)) return true;
  }
  return false;
}

/** Nouns that refer back to a place already named ("the country", "the nation"). */
const PLACE_DESCRIPTIONS = new Set(['country', 'nation', 'state', 'kingdom', 'republic', 'city', 'capital', 'region', 'territory', 'peninsula']);

/**
 * Whether source `s` refers to claim place `ce` by a definite description in
 * the same slot: the same word before it ("in North Korea" / "in the nation"),
 * "the" or a possessive before the description.
 */
function describedAs(c: Analysis, ce: Entity, s: Analysis): boolean {
  const before = c.tokens[ce.index - 1]?.lower;
  if (!before) return false;
  for (let k = 2; k < s.tokens.length; k++) {
    if (!PLACE_DESCRIPTIONS.has(s.tokens[k].lemma)) continue;
    const det = s.tokens[k - 1].lower;
    if ((det === 'the' || det === 'its' || det === 'their' || det === 'his' || det === 'her') && s.tokens[k - 2].lower === before) return true;
  }
  return false;
}

const LOCATIVE = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'inside', 'outside']);

/** Whether an entity names where something happens ("in Moscow", "to Vladivostok"). */
/** Prepositions that give where something happened (not where it went or came from). */
const VENUE = new Set(['in', 'at', 'near', 'inside', 'outside']);

/** Whether an entity names where something happened ("met in Moscow"), not a destination ("weapons to Moscow"). */
export function isVenue(a: Analysis, e: Entity): boolean {
  const before = a.tokens[e.index - 1]?.lower;
  return before !== undefined && VENUE.has(before);
}

export function isLocation(a: Analysis, e: Entity): boolean {
  const before = a.tokens[e.index - 1]?.lower;
  return before !== undefined && LOCATIVE.has(before);
}

function sameListPlace(a: Entity | undefined, b: Entity | undefined): boolean {
  return !!a && !!b && sameEntity(a, b);
}

/** Whether a claim entity is the same as a source entity (aliases, metonyms, partial names). */
export function sameEntity(c: Entity, s: Entity): boolean {
  if (c.cls === 'place' || s.cls === 'place') {
    if (c.key === s.key) return true;
    // Capitals stand for their countries ("Pyongyang" for North Korea) only as
    // actors ("Moscow said", "Pyongyang's leaders"), not as places ("the Moscow embassy").
    if (c.capitalOf && c.capitalOf === s.key && c.actor) return true;
    if (s.capitalOf && s.capitalOf === c.key && s.actor) return true;
    if (c.cls === 'place' && s.cls === 'place') return false;
  }
  // One name must contain the other: "Mr Kim" is "Kim Jong Un", but "UFO Media"
  // is not "Ozy Media" and "Kim Yo Jong" is not "Kim Jong Un".
  const within = (a: string[], b: string[]): boolean => a.length > 0 && a.every((p) => b.includes(p));
  return within(c.parts, s.parts) || within(s.parts, c.parts) || acronymOf(c, s) || acronymOf(s, c);
}

/** Whether `a` is written as the initials of `b` ("LA" for "Los Angeles", "NSC" for "National Security Council"). */
function acronymOf(a: Entity, b: Entity): boolean {
  if (a.text.length > 12 || b.parts.length < 2 || !/^[A-Z][A-Z.\s]*$/.test(a.text)) return false;
  const letters = a.text.replace(/[.\s]/g, '');
  if (letters.length < 2 || letters.length > 6 || letters !== letters.toUpperCase() || b.parts.length < 2) return false;
  const words = b.text.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length === letters.length && words.every((w, i) => w[0] === letters[i]);
}

function entityKind(c: Entity, s: Entity): MismatchKind {
  if (c.cls === 'place' && s.cls === 'place') return 'place';
  if (c.cls === 'person' || s.cls === 'person') return 'person';
  if (c.cls === 'organisation' || s.cls === 'organisation') return 'organisation';
  return 'entity';
}

// Conjunctions anchor nothing either: "North Korea and China" is not the slot of
// "South Korea and Britain" (lists are anchored by the name before, see listedBefore).
const WEAK_NEIGHBOURS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'and', 'or']);

/** The word next to an entity, which anchors its slot; determiners and punctuation anchor nothing. */
function neighbour(a: Analysis, index: number, step: -1 | 1): string | undefined {
  const t = a.tokens[index + step];
  if (!t || WEAK_NEIGHBOURS.has(t.lower) || !/\w/.test(t.text)) return undefined;
  return t.lower;
}

/** Stems of the words of an analysis's names (kept while the analysis lives). */
const nameStemsMemo = new WeakMap<Analysis, Set<string>>();
function nameStems(a: Analysis): Set<string> {
  let set = nameStemsMemo.get(a);
  if (!set) {
    set = new Set<string>();
    for (const e of a.entities) for (let k = e.index; k <= e.endIndex; k++) set.add(stemWord(a.tokens[k].lemma));
    nameStemsMemo.set(a, set);
  }
  return set;
}

/** The most values of one sentence that are compared (see {@link compare}). */
export const MAX_COMPARED_VALUES = 100;

/** How many content words around `cv` in `c` are also around `sv` in `s` (not counting `skip`). */
function sharedAround(c: Analysis, cv: { start: number; end: number }, s: Analysis, sv: { start: number; end: number }, skip?: ReadonlySet<string>): number {
  const around = surroundings(c, cv);
  let shared = 0;
  for (const w of surroundings(s, sv)) if (around.has(w) && !skip?.has(w)) shared++;
  return shared;
}

/** How many tokens on each side of a value are its surroundings. */
const SURROUNDINGS = 4;

/** Surroundings already read, per value or token (each belongs to one analysis). */
const surroundingsMemo = new WeakMap<object, { a: Analysis; words: Set<string> }>();

/** Content words within a few tokens of a value. */
function surroundings(a: Analysis, v: { start: number; end: number }): Set<string> {
  // A claim's values meet every candidate, and a candidate's meet every claim: each is read once.
  const memo = surroundingsMemo.get(v);
  if (memo && memo.a === a) return memo.words;
  // Names count too ("Russian Defence Minister" around "in July"), so all tokens are read, not only lemmas.
  const out = new Set<string>();
  const first = a.tokens.findIndex((t) => t.start >= v.start);
  let last = first;
  while (last + 1 < a.tokens.length && a.tokens[last + 1].end <= v.end) last++;
  // Content words are counted, not tokens: a paraphrase moves a value a few
  // words away from its predicate ("the test, carried out in 2016").
  const take = (from: number, step: 1 | -1): void => {
    let n = 0;
    for (let k = from; k >= 0 && k < a.tokens.length && n < SURROUNDINGS; k += step) {
      const t = a.tokens[k];
      // Stop words are tested before stemming: the spelling rules make "or" into "er".
      if (STOP.has(t.lower) || STOP.has(t.lemma)) continue;
      const w = stemWord(t.lemma);
      if (STOP.has(w) || !/\p{L}/u.test(w)) continue;
      out.add(w);
      n++;
    }
  };
  take(first - 1, -1);
  take(last + 1, 1);
  surroundingsMemo.set(v, { a, words: out });
  return out;
}

/** How many content words either side of a negated word make its slot. */
const SLOT_WORDS = 4;

/** The lemmas of an analysis that have opposites at all (kept while the analysis lives): only they can be an antonym's. */
const oppositesMemo = new WeakMap<Analysis, Analysis['lemmas']>();
function withOpposites(a: Analysis): Analysis['lemmas'] {
  let list = oppositesMemo.get(a);
  if (!list) oppositesMemo.set(a, (list = a.lemmas.filter((l) => hasOpposites(l.lemma))));
  return list;
}

/** The lemmas of an analysis as a set (kept while the analysis lives). */
const lemmaSets = new WeakMap<Analysis, Set<string>>();
function lemmaSet(a: Analysis): Set<string> {
  let set = lemmaSets.get(a);
  if (!set) lemmaSets.set(a, (set = new Set(a.lemmas.map((l) => l.lemma))));
  return set;
}

/** Verbs that carry no event of their own. */
const AUXILIARY = new Set(['be', 'have', 'do', 'get', 'become', 'seem']);
/** Relations between two verbs that name one event ("declared" / "announced"); a mere kind of ("told" / "announced") is not enough. */
const SAME_EVENT = new Set(['synonym', 'derivation']);

/** How many tokens either side of a value its verbs may be. */
const VERB_REACH = 8;

interface Role {
  /** Content words around the value that are not names. */
  plain: Set<string>;
  /** Names around it. */
  names: Set<string>;
  /** Lemmas of the verbs within VERB_REACH tokens. */
  verbs: Set<string>;
}

const roleMemo = new WeakMap<object, { a: Analysis; role: Role }>();

/** What a value's role is read from: the words and verbs around it. */
function roleOf(a: Analysis, v: { start: number; end: number }): Role {
  const memo = roleMemo.get(v);
  if (memo && memo.a === a) return memo.role;
  const role: Role = { plain: new Set(), names: new Set(), verbs: new Set() };
  const first = a.tokens.findIndex((t) => t.start >= v.start);
  let last = first;
  while (last + 1 < a.tokens.length && a.tokens[last + 1].end <= v.end) last++;
  const isName = (t: Token): boolean => t.pos === 'PROPN' || a.entities.some((e) => t.start >= e.start && t.end <= e.end);
  for (const w of surroundings(a, v)) role.plain.add(w);
  for (let k = Math.max(0, first - VERB_REACH); k <= Math.min(a.tokens.length - 1, last + VERB_REACH); k++) {
    const t = a.tokens[k];
    if (k >= first && k <= last) continue;
    // Reporting verbs ("said on Monday") are predicates too; auxiliaries are not.
    if (t.pos === 'VERB' && !AUXILIARY.has(t.lemma)) role.verbs.add(t.lemma);
    if (isName(t)) {
      const w = stemWord(t.lemma);
      if (role.plain.delete(w)) role.names.add(w);
    }
  }
  roleMemo.set(v, { a, role });
  return role;
}

/**
 * Whether two values play the same role: they stand among the same words
 * other than names (two of them, `strict`, for a contradiction), or near the same verb ("visited Pyongyang in October" and
 * "visited Pyongyang ... in July"). Names alone make a role only where neither
 * value has a verb near it: "Lavrov visited Pyongyang in October" is no other
 * date for "Lavrov told reporters on Jan. 21".
 */
export function sharesSurroundings(c: Analysis, cv: Value, s: Analysis, sv: Value, strict = false): boolean {
  const a = roleOf(c, cv);
  const b = roleOf(s, sv);
  // A value that would contradict needs two words in common: one ("city",
  // "traffic") is often only the topic. One is enough to confirm.
  for (const v of a.verbs)
    for (const u of b.verbs) if (v === u || stemWord(v) === stemWord(u) || SAME_EVENT.has(relation(v, 'VERB', u, 'VERB') ?? 'none')) return true;
  let shared = 0;
  for (const w of a.plain) if (b.plain.has(w) && ++shared >= (strict ? 2 : 1)) return true;
  if (a.verbs.size === 0 || b.verbs.size === 0) for (const w of a.names) if (b.names.has(w)) return true;
  return false;
}

/** Lemmas of the few words before token `index`, the left context of a value. */
function leftWords(a: Analysis, index: number): string[] {
  return a.tokens.slice(Math.max(0, index - 3), index).map((t) => t.lemma);
}

function overlap(a: string[], b: string[]): number {
  return a.filter((w) => b.includes(w)).length;
}

/** The entity listed just before token `index` ("France" in "France, Germany"), if the token before is a list separator. */
function listedBefore(a: Analysis, index: number): Entity | undefined {
  const sep = a.tokens[index - 1]?.lower;
  if (sep !== ',' && sep !== 'and') return undefined;
  return a.entities.find((e) => e.endIndex === index - 2);
}

/** Word-level longest common subsequence, as pairs of indices. */
function lcs(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Compares a claim quotation with a source quotation; undefined when they are unrelated. */
export function compareQuote(c: Quote, s: Quote, sourceText: string, sourceBase: number): { same: boolean; conflicts: Conflict[] } | undefined {
  const cw = c.words.map((w) => w.w);
  const sw = s.words.map((w) => w.w);
  // Quoting part of a longer quotation is faithful.
  const joined = ' ' + sw.join(' ') + ' ';
  if (joined.includes(' ' + cw.join(' ') + ' ')) return { same: true, conflicts: [] };
  const pairs = lcs(cw, sw);
  const ratio = pairs.length / Math.max(cw.length, 1);
  if (ratio < 0.5 || pairs.length === 0) return undefined;
  // Align over the claim's span only: the claim may quote a part of the source quotation.
  const conflicts: Conflict[] = [];
  // Virtual anchors before and after the claim's words, offset so that a claim
  // word before the first common word lines up with the source word before it.
  const first = pairs[0];
  const last = pairs[pairs.length - 1];
  const anchors: [number, number][] = [[-1, first[1] - first[0] - 1], ...pairs, [cw.length, last[1] + cw.length - last[0]]];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [ci, si] = anchors[k];
    const [cj, sj] = anchors[k + 1];
    if (cj - ci <= 1) continue; // no claim words differ here
    const cs = c.words[ci + 1];
    const ce = c.words[cj - 1];
    let expected: string | undefined;
    const from = Math.max(0, si + 1);
    const to = Math.min(s.words.length - 1, sj - 1);
    if (to >= from) {
      const a = s.words[from];
      const b = s.words[to];
      expected = sourceText.slice(a.start - sourceBase, b.end - sourceBase);
    }
    if (!expected) continue;
    conflicts.push({ kind: 'quote', start: cs.start, end: ce.end, found: textOf(c, ci + 1, cj - 1), expected });
  }
  return { same: conflicts.length === 0 && ratio === 1, conflicts };
}

function textOf(q: Quote, a: number, b: number): string {
  return q.text.slice(q.words[a].start - q.start, q.words[b].end - q.start);
}

/**
 * Compares claim `c` with source sentence `s`, whose document neighbours are
 * `context` (they resolve "he" and "the country" to the names in nearby sentences).
 */
export function compare(c: Analysis, s: Analysis, context: Analysis[]): Comparison {
  const conflicts: Conflict[] = [];
  const novel: Novel[] = [];
  let supported = 0;
  const confirmed: { start: number; end: number }[] = [];

  // --- values ---
  // Values are compared pairwise; a sentence with more than MAX_COMPARED_VALUES
  // of them (a table run into one line) has only its first ones compared, so
  // that its check stays bounded.
  const claimValues = c.values.length > MAX_COMPARED_VALUES ? c.values.slice(0, MAX_COMPARED_VALUES) : c.values;
  const sourceValues = s.values.length > MAX_COMPARED_VALUES ? s.values.slice(0, MAX_COMPARED_VALUES) : s.values;
  const pairedSource = new Set<Value>();
  for (const cv of claimValues) {
    // Neighbouring sentences confirm a value only when this sentence has no value of its own in that slot.
    // and only when the neighbour uses the value among the claim's words ("the
    // execution of his uncle in 2013" is not confirmed by "In 2013, it admonished ...").
    const ownSlot = sourceValues.some((sv) => group(sv) === group(cv) && sameSlot(cv, sv, true));
    const nearby = (): boolean =>
      context.some(
        (a) => (a.surface === undefined || mayStateValue(a.surface, cv)) && a.values.some((sv) => sameValue(cv, sv) && sharesSurroundings(c, cv, a, sv)),
      );
    // "Their first meeting" is the source's "met for the first time".
    const asOccasion = cv.type === 'ordinal' && s.qualifiers.has(`time:${cv.num}`);
    if (sourceValues.some((sv) => sameValue(cv, sv)) || asOccasion || (!ownSlot && nearby())) {
      supported++;
      confirmed.push(cv);
      for (const sv of sourceValues) if (sameValue(cv, sv)) pairedSource.add(sv);
      continue;
    }
    const sameType = sourceValues.filter((sv) => group(sv) === group(cv) && !claimValues.some((o) => o !== cv && sameValue(o, sv)) && !pairedSource.has(sv));
    const only = sameType.length === 1 && claimValues.filter((o) => group(o) === group(cv)).length === 1;
    // The source value in the same slot: same preposition and the same words
    // just before it ("the summary contains 166" for "the summary contains 176").
    const fit = (sv: Value): number => Number(sv.prep === cv.prep) + overlap(leftWords(c, cv.index), leftWords(s, sv.index));
    // An interval whose other end the source states the same way is the same
    // interval: "from Sunday until Sept. 15" and "from Sunday to Sept. 13".
    const otherEnd = (sv: Value): boolean => {
      const end = cv.prep && prepClass(cv.prep);
      if ((end !== 'to' && end !== 'from') || !sv.prep || prepClass(sv.prep) !== end) return false;
      const start = end === 'to' ? 'from' : 'to';
      return claimValues.some(
        (o) => o !== cv && o.prep && prepClass(o.prep) === start && sourceValues.some((x) => x.prep && prepClass(x.prep) === start && sameValue(o, x)),
      );
    };
    const slot = sameType
      .filter((sv) => sameSlot(cv, sv, only) && (sharesSurroundings(c, cv, s, sv, true) || otherEnd(sv)))
      .sort((a, b) => fit(b) - fit(a) || Math.abs(a.index - cv.index) - Math.abs(b.index - cv.index))[0];
    if (slot) {
      pairedSource.add(slot);
      conflicts.push(valueConflict(cv, slot));
    } else {
      novel.push({ text: cv.text, value: cv });
    }
  }

  // --- entities ---
  // First every claim name found in the sentence, then, for the rest, a
  // different name in the same slot (same neighbouring word, or the same name
  // listed before it) is a contradiction.
  const pairedEntities = new Set<Entity>();
  const unmatched: Entity[] = [];
  for (const ce of c.entities) {
    const inSentence = s.entities.find((se) => !pairedEntities.has(se) && sameEntity(ce, se)) ?? s.entities.find((se) => sameEntity(ce, se));
    if (inSentence) {
      pairedEntities.add(inSentence);
      supported++;
      confirmed.push(ce);
      continue;
    }
    if (s.text.toLowerCase().includes(ce.text.toLowerCase())) {
      supported++;
      confirmed.push(ce);
      continue;
    }
    unmatched.push(ce);
  }
  for (const ce of unmatched) {
    const left = neighbour(c, ce.index, -1);
    const right = neighbour(c, ce.endIndex, 1);
    // A preposition alone ("to Seoul", "to Pyongyang") is a slot only with a
    // word of the event around it, not merely a name: someone else's visit to
    // another city, cited by the claim's speaker, is no contradiction of the
    // speaker's own trip.
    const leftSlot = (se: Entity): boolean =>
      left !== undefined && neighbour(s, se.index, -1) === left && (c.tokens[ce.index - 1]?.pos !== 'ADP' || sharedAround(c, ce, s, se, nameStems(c)) >= 1);
    const rival = s.entities.find(
      (se) =>
        !pairedEntities.has(se) &&
        (se.cls === ce.cls || (se.cls !== 'place' && ce.cls !== 'place')) &&
        (leftSlot(se) ||
          (right !== undefined && neighbour(s, se.endIndex, 1) === right) ||
          sameListPlace(listedBefore(c, ce.index), listedBefore(s, se.index))),
    );
    // A different name in the same slot of this sentence outweighs a mention
    // of the claim's name nearby: "the official name of South Korea" is not
    // confirmed by a neighbouring sentence that happens to name South Korea.
    if (rival) {
      pairedEntities.add(rival);
      conflicts.push({ kind: entityKind(ce, rival), start: ce.start, end: ce.end, found: ce.text, expected: rival.text });
    } else if (!isLocation(c, ce) && context.some((a) => a.entities.some((se) => sameEntity(ce, se)))) {
      // Neighbours resolve who acts ("He met Putin" after "Mr Kim ..."), not
      // where: "in Moscow" must be said by the sentence itself.
      supported++;
      confirmed.push(ce);
    } else if (
      ce.cls === 'place' &&
      describedAs(c, ce, s) &&
      (s.entities.some((se) => sameEntity(ce, se)) || context.some((a) => a.entities.some((se) => sameEntity(ce, se))))
    ) {
      // A definite description stands for a place named nearby: "in the
      // nation" after "Kim Jong Un ... North Korea" is "in North Korea".
      supported++;
      confirmed.push(ce);
    } else {
      novel.push({ text: ce.text, entity: ce });
    }
  }

  // --- quotations ---
  for (const cq of c.quotes) {
    let best: { same: boolean; conflicts: Conflict[] } | undefined;
    for (const sq of s.quotes) {
      const r = compareQuote(cq, sq, s.text, s.start);
      if (r && (!best || (r.same && !best.same) || r.conflicts.length < best.conflicts.length)) best = r;
    }
    if (!best) novel.push({ text: `“${cq.text}”` });
    else if (best.conflicts.length === 0) {
      supported++;
      confirmed.push(cq);
    } else conflicts.push(...best.conflicts);
  }

  // --- closed-class attributes (colours, kinship, crimes, roles) ---
  const sLemmas = lemmaSet(s);
  const cLemmas = lemmaSet(c);
  for (const cl of c.lemmas) {
    const cls = CLOSED_CLASSES[cl.lemma];
    if (!cls) continue;
    if (sLemmas.has(cl.lemma) || context.some((a) => lemmaSet(a).has(cl.lemma))) {
      supported++;
      continue;
    }
    const rival = s.lemmas.find((sl) => CLOSED_CLASSES[sl.lemma] === cls && !c.lemmas.some((o) => o.lemma === sl.lemma));
    if (rival && cls !== 'role' && cls !== 'person')
      conflicts.push({ kind: 'entity', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: rival.token.text });
    else novel.push({ text: cl.token.text });
  }

  // --- negation ---
  // A negation bears on the first content word after it in its clause ("was
  // not reliant", "never met"). The claim and the source disagree when one
  // negates a word the other states plainly; a negation elsewhere in either
  // sentence says nothing about that word, and two negations of one word
  // ("not, it's not expensive") are one.
  // The word must also play the same part in both: the same part of speech
  // ("features like speech" is no denial of "I don't like it") and a word in
  // common around it ("not using the voice feature" says nothing of
  // "materials being used").
  const sameWord = (x: Analysis, i: number, y: Analysis, j: number): boolean => {
    const a = x.tokens[i];
    const b = y.tokens[j];
    if (a.lemma !== b.lemma || a.pos === 'ADP' || b.pos === 'ADP' || wnPos(a.pos) !== wnPos(b.pos)) return false;
    // The slot is the word's clause: a word in common among the few content
    // words after it ("reliant on Soviet aid", "confirmed ... KCNA") or before
    // it ("Pyongyang has confirmed"), not across a clause break ("Carly teases
    // Steve about getting kicked out" and "Carly: I never get that" share a
    // speaker, not a predicate).
    const side = (z: Analysis, t: Token, step: 1 | -1): Set<string> => {
      const out = new Set<string>();
      for (let k = z.tokens.indexOf(t) + step, n = 0; k >= 0 && k < z.tokens.length && n < SLOT_WORDS; k += step) {
        const u = z.tokens[k];
        // A one-word aside (", though,", ", however,") does not end the clause.
        if (u.text === ',' && z.tokens[k + 2 * step]?.text === ',') {
          k += 2 * step;
          continue;
        }
        if (clauseBreak(u) || (step === -1 && u.text === '.')) break;
        if (STOP.has(u.lower) || STOP.has(u.lemma)) continue;
        const w = stemWord(u.lemma);
        if (STOP.has(w) || NEGATIONS.has(u.lower) || !/\p{L}/u.test(w)) continue;
        out.add(w);
        n++;
      }
      return out;
    };
    for (const step of [1, -1] as const) {
      const there = side(y, b, step);
      for (const w of side(x, a, step)) if (there.has(w)) return true;
    }
    return false;
  };
  // Whether sentence `y` negates word `w` anywhere, in whatever slot ("very
  // little help, or no help at all" denies help as well as granting a little).
  const negatesAnywhere = (y: Analysis, w: Token): boolean => y.tokens.some((t, j) => t.lemma === w.lemma && wnPos(t.pos) === wnPos(w.pos) && negatedAt(y, j));
  const negConflict = (() => {
    // The other sentence may say the word twice ("very little help, or no
    // help at all"): it disagrees only if it never negates it as well.
    const matches = (x: Analysis, k: number, y: Analysis): number[] => y.tokens.flatMap((_, j) => (sameWord(x, k, y, j) ? [j] : []));
    for (const n of c.negations) {
      const k = scopeOf(c, n);
      if (k < 0) continue;
      const js = matches(c, k, s);
      if (js.length && !negatesAnywhere(s, c.tokens[k])) return { kind: 'negation' as const, start: n.start, end: n.end, found: n.text };
    }
    for (const n of s.negations) {
      const k = scopeOf(s, n);
      if (k < 0) continue;
      const is = matches(s, k, c);
      if (is.length && !negatesAnywhere(c, s.tokens[k]))
        return { kind: 'negation' as const, start: c.tokens[is[0]].start, end: c.tokens[is[0]].end, found: c.tokens[is[0]].text };
    }
    return undefined;
  })();
  if (negConflict) conflicts.push(negConflict);

  // --- antonyms: a word of the claim replaced by its opposite in the source's slot ---
  // Only content words can be opposites: "in" and "ago" are not, whatever WordNet's adverb senses say.
  const content = (l: Analysis['lemmas'][number]): boolean => l.token.pos !== 'ADP' && l.token.pos !== 'NUM' && l.token.pos !== 'PROPN' && !STOP.has(l.lemma);
  // A part of a hyphenated compound is not the word alone: the "old" of "the
  // 29-year-old" says nothing against "recent".
  const inCompound = (a: Analysis, t: Token): boolean => {
    const i = a.tokens.indexOf(t);
    const before = a.tokens[i - 1];
    const after = a.tokens[i + 1];
    return (
      (before !== undefined && /^[-‐]$/.test(before.text) && before.end === t.start) ||
      (after !== undefined && /^[-‐]$/.test(after.text) && after.start === t.end)
    );
  };
  for (const cl of c.lemmas) {
    if (sLemmas.has(cl.lemma) || !content(cl) || !hasOpposites(cl.lemma) || inCompound(c, cl.token)) continue;
    // The opposite must stand in the same slot: the same word just before or
    // after it ("long opposed" / "long wanted"), or two of the same words near
    // it; "as early as this month" is not "last month".
    const sameSlotWord = (sl: Analysis['lemmas'][number]): boolean => {
      const ci = c.tokens.indexOf(cl.token);
      const si = s.tokens.indexOf(sl.token);
      const before = neighbour(c, ci, -1);
      const after = neighbour(c, ci, 1);
      if ((before !== undefined && neighbour(s, si, -1) === before) || (after !== undefined && neighbour(s, si, 1) === after)) return true;
      // Or among the same words nearby ("acquitted of fraud charges" / "arrested on fraud charges").
      return sharedAround(c, cl.token, s, sl.token) >= 2;
    };
    // Cheapest and most selective tests first: most pairs of words are no antonyms at all.
    const opposite = withOpposites(s).find(
      (sl) =>
        areAntonyms(cl.lemma, sl.lemma) &&
        !cLemmas.has(sl.lemma) &&
        content(sl) &&
        !inCompound(s, sl.token) &&
        sl.token.lower !== cl.token.lower &&
        stemWord(sl.lemma) !== stemWord(cl.lemma) &&
        relation(cl.lemma, cl.token.pos, sl.lemma, sl.token.pos) === 'antonym' &&
        sameSlotWord(sl),
    );
    if (opposite) conflicts.push({ kind: 'antonym', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: opposite.token.text });
  }
  // --- change verbs of opposite direction in one slot ("strengthens" / "wanes") ---
  // The slot is the verb's own: the same word just before or after it (what
  // changes, or what it changes), not words merely nearby.
  const sameNeighbour = (ct: Token, st: Token): boolean => {
    const ci = c.tokens.indexOf(ct);
    const si = s.tokens.indexOf(st);
    const before = neighbour(c, ci, -1);
    const after = neighbour(c, ci, 1);
    return (before !== undefined && neighbour(s, si, -1) === before) || (after !== undefined && neighbour(s, si, 1) === after);
  };
  for (const cl of c.lemmas) {
    if (cl.token.pos !== 'VERB' || sLemmas.has(cl.lemma) || inCompound(c, cl.token) || conflicts.some((x) => x.start === cl.token.start)) continue;
    const d = directionOf(cl.lemma);
    // A source that also says the claim's direction ("minimising energy use and
    // enhancing operations" for "reduce energy use") has its opposite verb about something else.
    if (d === 0 || s.lemmas.some((sl) => sl.token.pos === 'VERB' && directionOf(sl.lemma) === d)) continue;
    const opposite = s.lemmas.find(
      (sl) =>
        sl.token.pos === 'VERB' &&
        !cLemmas.has(sl.lemma) &&
        directionOf(sl.lemma) === -d &&
        relation(cl.lemma, 'VERB', sl.lemma, 'VERB') !== 'synonym' &&
        (sameNeighbour(cl.token, sl.token) || sharedAround(c, cl.token, s, sl.token) >= 2),
    );
    if (opposite) conflicts.push({ kind: 'antonym', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: opposite.token.text });
  }

  // --- temporal order: "before the vote" in one, "after the vote" in the other ---
  const order = orderConflict(c, s);
  if (order) conflicts.push(order);

  // --- event qualifiers ---
  const times = (a: Analysis): string[] => [...a.qualifiers].filter((q) => q.startsWith('time:'));
  const ct = times(c);
  const st = times(s);
  const otherEvent = ct.length > 0 && st.length > 0 && !ct.some((q) => st.includes(q));
  // "For the second time" is itself a fact: a source silent on it cannot confirm it.
  for (const q of ct)
    if (!st.includes(q) && !otherEvent && q !== 'time:1')
      novel.push({ text: q === 'time:again' ? 'again' : `the ${q.slice(5)}${ordinalSuffix(+q.slice(5))} time` });
  // A source that only asks ("is it one stage?") states nothing either.
  const hypothetical = (s.qualifiers.has('modal') && !c.qualifiers.has('modal')) || s.question;

  const valuesInSentence = claimValues.length > 0 && claimValues.every((cv) => sourceValues.some((sv) => sameValue(cv, sv)));
  return { supported, confirmed, conflicts, novel, otherEvent, hypothetical, valuesInSentence };
}

/**
 * Words that place one event before or after another, with the word that
 * completes them ("ahead of", "prior to"). They are prepositions, so WordNet
 * has no opposites for them, yet "just before 4pm" and "just after 4pm" say
 * opposite things.
 */
const ORDER: Readonly<Record<string, { dir: -1 | 1; then?: string }>> = {
  before: { dir: -1 },
  ahead: { dir: -1, then: 'of' },
  prior: { dir: -1, then: 'to' },
  after: { dir: 1 },
};

/** The order phrase starting at token `i` of `a`: its direction and the index of the word that follows it. */
function orderAt(a: Analysis, i: number): { dir: -1 | 1; next: number } | undefined {
  const o = ORDER[a.tokens[i].lower];
  if (!o) return undefined;
  let k = i + 1;
  if (o.then) {
    if (a.tokens[k]?.lower !== o.then) return undefined;
    k++;
  }
  // The event it is ordered against: its first word other than an article.
  while (k < a.tokens.length && (a.tokens[k].pos === 'DET' || a.tokens[k].lower === 'the')) k++;
  return k < a.tokens.length && /\w/.test(a.tokens[k].text) ? { dir: o.dir, next: k } : undefined;
}

/** A claim that orders an event before what the source orders it after (or the reverse), against the same event. */
function orderConflict(c: Analysis, s: Analysis): Conflict | undefined {
  for (let i = 0; i < c.tokens.length; i++) {
    const co = orderAt(c, i);
    if (!co) continue;
    const against = c.tokens[co.next].lemma;
    for (let j = 0; j < s.tokens.length; j++) {
      const so = orderAt(s, j);
      if (!so || so.dir === co.dir || s.tokens[so.next].lemma !== against) continue;
      // The source must not also say it the claim's way ("after ... and before ...").
      if (
        s.tokens.some((_, k) => {
          const o = orderAt(s, k);
          return o !== undefined && o.dir === co.dir && s.tokens[o.next].lemma === against;
        })
      )
        return undefined;
      return {
        kind: 'antonym',
        start: c.tokens[i].start,
        end: c.tokens[i].end,
        found: c.tokens[i].text,
        expected: s.tokens[j].lower === 'ahead' || s.tokens[j].lower === 'prior' ? `${s.tokens[j].text} ${s.tokens[j + 1].text}` : s.tokens[j].text,
      };
    }
  }
  return undefined;
}

/**
 * Whether sentence `s` states the claim's fact at `span` (a value or a name of
 * claim `c`) in the same role: the same value among the same words, or the same
 * name next to the same word. Another sentence of an evidence set lifts a
 * conflict of the primary only this way; merely naming South Korea somewhere
 * does not make it "the official name of South Korea".
 */
export function confirmsInSlot(c: Analysis, span: { start: number; end: number }, s: Analysis): boolean {
  const cv = c.values.find((v) => v.start <= span.start && span.end <= v.end);
  // Lifting a conflict weighs as much as making one: the role must match as strictly.
  if (cv) return s.values.some((sv) => sameValue(cv, sv) && sharesSurroundings(c, cv, s, sv, true));
  const ce = c.entities.find((e) => e.start <= span.start && span.end <= e.end);
  if (ce) {
    const left = neighbour(c, ce.index, -1);
    const right = neighbour(c, ce.endIndex, 1);
    // Next to the same word, and among the claim's words: "Adrienne Watson said
    // on Monday that Shoigu had travelled" does not lift "John Kirby said the
    // letters were ..." from "Adrienne Watson said the letters were ...".
    return s.entities.some(
      (se) =>
        sameEntity(ce, se) &&
        ((left !== undefined && neighbour(s, se.index, -1) === left) || (right !== undefined && neighbour(s, se.endIndex, 1) === right)) &&
        sharedAround(c, ce, s, se) >= 2,
    );
  }
  const cq = c.quotes.find((q) => q.start <= span.start && span.end <= q.end);
  if (cq) return s.quotes.some((sq) => compareQuote(cq, sq, s.text, s.start)?.same === true);
  return false;
}

/**
 * Whether comparing claim `c` with sentence `s` could find a conflict at all:
 * a value of a kind the claim has, a name where the claim has one, a
 * quotation, a negation, or a word with opposites. Most sentences of another
 * document have none of these beyond names, which this tests first.
 */
export function mayConflict(c: Analysis, s: Analysis): boolean {
  // A sentence not analysed yet is read from its text first, so that ruling it
  // out does not cost its analysis.
  const text = s.surface;
  if (c.negations.length) return true;
  if (text !== undefined ? NEGATION_RE.test(text) : s.negations.length > 0) return true;
  if (c.quotes.length && (text !== undefined ? /["“”]/.test(text) : s.quotes.length > 0)) return true;
  if (c.values.length && (text !== undefined ? /\d|\p{Lu}/u.test(text) : s.values.some((sv) => c.values.some((cv) => group(cv) === group(sv))))) return true;
  if (c.entities.length && (text !== undefined ? /\p{Lu}/u.test(text.slice(1)) : s.entities.length > 0)) return true;
  if (c.tokens.some((t) => ORDER[t.lower] !== undefined)) return true;
  return c.lemmas.some((l) => hasOpposites(l.lemma));
}

const NEGATION_RE = new RegExp(
  `(?<!\\p{L})(?:${[...NEGATIONS].map((w) => w.replace(/'/g, "['’]")).join('|')}|rather\\s+than)(?!\\p{L})|n['’]t(?!\\p{L})`,
  'iu',
);

/**
 * Whether another sentence states a value that a comparison found missing.
 * Names are not joined this way: a document that mentions Moscow somewhere
 * does not confirm that a meeting took place there.
 */
export function mentions(a: Analysis, n: Novel): boolean {
  return !!n.value && a.values.some((v) => sameValue(n.value!, v));
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}
