import type { Analysis } from '../../analysis/facts';
import type { Conflict, Tally } from './comparison';
import { MONTH_NAMES, RELATIVE_STEP, WEEKDAY_NAMES } from '../../analysis/lexicon';
import type { MismatchKind } from '../../types';
import type { Token } from '../../analysis/nlp';
import { type Value, mayStateValue } from '../../analysis/values';
import { leftWords, overlap, sharedAround, surroundings } from './slots';
import { relation } from '../../analysis/wordnet';
import { stemWord } from '../../analysis/words';

/**
 * Values: when two state the same fact, which source value stands in a claim
 * value's slot (same kind, preposition and words around it), and the conflict
 * it makes.
 */

type Group = 'year' | 'decade' | 'date' | 'number' | 'money' | 'percent' | 'ordinal';

export function group(v: Value): Group {
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

/** How far "about 600" may be from the amount it hedges. */
const ABOUT = 0.1;

/**
 * Whether claim amount `c` is true of source amount `s`: the same amount, or
 * one its bound admits ("more than $500 million" of $600 million, "nearly 600"
 * of 590). A bound of the source's is no confirmation of an exact claim: "more
 * than 500" does not say 600.
 */
function admits(c: Value, s: Value, tolerance?: number): boolean {
  if (close(c.num, s.num, tolerance)) return true;
  if (c.num === undefined || s.num === undefined || s.bound) return false;
  if (c.bound === 'min') return s.num >= c.num;
  if (c.bound === 'max') return s.num <= c.num;
  if (c.bound === 'about') return Math.abs(s.num - c.num) <= ABOUT * Math.max(Math.abs(s.num), Math.abs(c.num));
  return false;
}

/**
 * Whether source amount `s`'s own bound admits exact claim amount `c` ("more
 * than 500" of a claim of 600): no conflict, though no confirmation. Two
 * bounds are two thresholds ("orders over $50" / "orders over $100"): they
 * agree only when equal.
 */
function boundAdmits(c: Value, s: Value): boolean {
  if (!s.bound || c.bound || c.type !== s.type) return false;
  return admits(s, c);
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
      return (s.type === 'number' && admits(c, s) && (!c.unit || !s.unit || c.unit === s.unit || relatedUnits(c, s))) || anniversary(c, s);
    case 'money':
      return s.type === 'money' && admits(c, s) && (c.unit === s.unit || !c.unit || !s.unit);
    case 'percent':
      return s.type === 'percent' && admits(c, s, 0.001);
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
  if (s.type === 'year') return String(s.num);
  if (s.type === 'month') return MONTH_NAMES[s.month!];
  if (s.type === 'weekday') return WEEKDAY_NAMES[s.weekday!];
  if (s.type === 'date') return `${MONTH_NAMES[s.month!]} ${s.day}`;
  return s.text;
}

/** Whether a source value can stand in the same slot as a claim value. */
function sameSlot(c: Value, s: Value, onlyOfType: boolean, unitsAgree = false, cPrep = c.prep, sPrep = s.prep): boolean {
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
  // Two ranks by one quality ("the third most powerful figure", "the second
  // most powerful man") are one slot, whatever noun each counts; ranks by two
  // qualities ("busiest", "oldest") are not.
  if (c.type === 'ordinal' && c.rankedBy !== undefined && s.rankedBy !== undefined && c.rankedBy !== s.rankedBy) return false;
  const sameRank = c.type === 'ordinal' && c.rankedBy !== undefined && c.rankedBy === s.rankedBy;
  if ((c.type === 'number' || c.type === 'ordinal') && !sameRank && !unitsAgree && c.unit && s.unit && c.unit !== s.unit && !relatedUnits(c, s)) return false;
  if (c.type === 'money' && c.unit && s.unit && c.unit !== s.unit) return false;
  if (!onlyOfType && cPrep && sPrep && prepClass(cPrep) !== prepClass(sPrep)) return false;
  return true;
}

/**
 * The verb said of a value's counted noun, as its subject ("arrested" in
 * "600 people were arrested") or its object ("arrested 600 protesters"),
 * past auxiliaries, adverbs and determiners.
 */
function verbOfCounted(a: Analysis, v: Value): string | undefined {
  let k = a.tokens.findIndex((t) => t.start >= v.end);
  if (k >= 0) {
    // The counted noun and its modifiers, then the verb.
    while (k < a.tokens.length && (a.tokens[k].pos === 'NOUN' || a.tokens[k].pos === 'ADJ')) k++;
    while (k < a.tokens.length && (a.tokens[k].pos === 'AUX' || a.tokens[k].pos === 'ADV')) k++;
    if (a.tokens[k]?.pos === 'VERB') return a.tokens[k].lemma;
  }
  let j = v.index - 1;
  while (j >= 0 && (a.tokens[j].pos === 'ADV' || a.tokens[j].pos === 'DET' || a.tokens[j].pos === 'ADP')) j--;
  return a.tokens[j]?.pos === 'VERB' ? a.tokens[j].lemma : undefined;
}

/**
 * Whether one value counts events by their noun and the other counts what the
 * event was done to: "600 arrests" and "600 people were arrested", "700
 * deaths" and "700 people died" count the same thing.
 */
function countsOneEvent(c: Analysis, cv: Value, s: Analysis, sv: Value): boolean {
  const nominal = (u: string | undefined, verb: string | undefined): boolean =>
    !!u && !!verb && (stemWord(u) === stemWord(verb) || relation(u, 'NOUN', verb, 'VERB') === 'derivation');
  return nominal(cv.unitWord, verbOfCounted(s, sv)) || nominal(sv.unitWord, verbOfCounted(c, cv));
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

/** Verbs that end or begin what they are said of: a time they are dated by ends or begins it ("closes on Sept. 15" is "to Sept. 15"). */
const ENDING = new Set(['end', 'close', 'finish', 'conclude', 'wrap']);
const BEGINNING = new Set(['begin', 'start', 'open', 'commence', 'kick']);

/**
 * The preposition a value's role reads as: its own, except that a time
 * dating an ending or a beginning ("ends on Sept. 15", "opens on Sunday")
 * is the end ("to") or start ("from") of an interval.
 */
function prepOf(a: Analysis, v: Value): string | undefined {
  if (v.prep !== undefined && v.prep !== 'on' && v.prep !== 'in' && v.prep !== 'at') return v.prep;
  if (!TIME_TYPES.has(v.type)) return v.prep;
  let k = v.index - 1;
  while (k >= 0 && (a.tokens[k].pos === 'ADP' || a.tokens[k].pos === 'ADV' || a.tokens[k].pos === 'AUX')) k--;
  const verb = a.tokens[k]?.pos === 'VERB' ? a.tokens[k].lemma : undefined;
  return verb && ENDING.has(verb) ? 'to' : verb && BEGINNING.has(verb) ? 'from' : v.prep;
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

/** The most values of one sentence that are compared (see {@link compare}). */
export const MAX_COMPARED_VALUES = 100;

/** Verbs that carry no event of their own. */
const AUXILIARY = new Set(['be', 'have', 'do', 'get', 'become', 'seem']);

/** Relations between two verbs that name one event ("declared" / "announced"); a mere kind of ("told" / "announced") is not enough. */
const SAME_EVENT = new Set(['synonym', 'derivation']);

/** Relations between two verbs that make them kindred, not one event: a kind of the other, or two kinds of one. */
const KINDRED_EVENT = new Set(['hypernym', 'hyponym', 'cohyponym']);

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

/** Verbs that say only that their subject, an event, happened ("the visit took place", "the talks occurred"). */
const OCCUR = new Set(['happen', 'occur']);

/** Whether token `k` of `a` is such a verb, or "took place". */
function occurs(a: Analysis, k: number): boolean {
  const t = a.tokens[k];
  return OCCUR.has(t.lemma) || (t.lemma === 'take' && a.tokens[k + 1]?.lower === 'place');
}

/**
 * The event noun an occurrence verb at token `k` is said of: the head of the
 * noun phrase the sentence opens with ("Shoigu's visit to Pyongyang, during
 * which ..., took place in May"), if nothing but that phrase and what it
 * governs comes before the verb's clause.
 */
function eventSubject(a: Analysis, k: number): string | undefined {
  const owner = (i: number): boolean => a.tokens[i + 1]?.lower === "'s" || a.tokens[i + 1]?.lower === '’s';
  let i = 0;
  // Determiners, modifiers and owners ("the minister's") come before the head.
  while (i < k && (['DET', 'PROPN', 'ADJ', 'PART'].includes(a.tokens[i].pos) || (a.tokens[i].pos === 'NOUN' && owner(i)))) i++;
  if (i >= k || a.tokens[i].pos !== 'NOUN') return undefined;
  while (i + 1 < k && a.tokens[i + 1].pos === 'NOUN') i++;
  return a.tokens[i].lemma;
}

/** Values that place an event in time. */
const TIME_TYPES: ReadonlySet<string> = new Set(['year', 'yearRange', 'decade', 'date', 'month', 'weekday']);

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
    if (t.pos === 'VERB' && !AUXILIARY.has(t.lemma)) {
      // "Took place" is one verb: it shares nothing with "took steps".
      role.verbs.add(t.lemma === 'take' && a.tokens[k + 1]?.lower === 'place' ? 'take place' : t.lemma);
      // "The visit ... took place in May" dates the visit: the event noun is the predicate.
      if (occurs(a, k)) {
        const event = eventSubject(a, k);
        if (event) role.verbs.add(event);
      }
    }
    if (isName(t)) {
      const w = stemWord(t.lemma);
      if (role.plain.delete(w)) role.names.add(w);
    }
  }
  // A time followed by a clause of "when" ("came in July, when Shoigu visited
  // Pyongyang and toured a weapons exhibit") dates what that clause says, however long it runs.
  const k0 = a.tokens[last + 1]?.text === ',' ? last + 2 : last + 1;
  if (a.tokens[k0]?.lower === 'when' && 'type' in v && TIME_TYPES.has((v as Value).type))
    for (let k = k0 + 1; k < a.tokens.length && !/^[.;:!?]$/.test(a.tokens[k].text); k++) {
      const t = a.tokens[k];
      if (t.pos === 'VERB' && !AUXILIARY.has(t.lemma)) role.verbs.add(t.lemma);
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
  // Two verbs of one kind ("criticised" / "admonished") count as one of the
  // two words a contradiction needs; alone they confirm nothing.
  let shared = 0;
  let kin = false;
  for (const v of a.verbs)
    for (const u of b.verbs) {
      if (v === u || stemWord(v) === stemWord(u)) return true;
      const r = relation(v, 'VERB', u, 'VERB') ?? 'none';
      if (SAME_EVENT.has(r)) return true;
      if (!kin && KINDRED_EVENT.has(r)) kin = true;
    }
  if (kin && strict) shared++;
  for (const w of a.plain) if (b.plain.has(w) && ++shared >= (strict ? 2 : 1)) return true;
  if (a.verbs.size === 0 || b.verbs.size === 0) for (const w of a.names) if (b.names.has(w)) return true;
  return false;
}

/** Whether ordinal `v` stands before the first verb of its sentence: in the subject. */
function inSubject(a: Analysis, v: Value): boolean {
  for (let k = 0; k < v.index; k++) if (a.tokens[k].pos === 'VERB' || a.tokens[k].pos === 'AUX') return false;
  return true;
}

/**
 * Whether two ordinals of the same thing name which occasion the sentence is
 * about rather than state a rank: "North Korea's first spy satellite launch
 * failed" is about another launch than "Second spy satellite launch fails",
 * not a wrong count of that one. Only when the ordinal is the claim's one
 * value: a date beside it ("Kim's third visit, in 2019") fixes the occasion,
 * and the ordinal is then a fact about it.
 */
function namesOccasion(c: Analysis, cv: Value, s: Analysis, sv: Value): boolean {
  return (
    cv.type === 'ordinal' &&
    c.values.length === 1 &&
    (cv.unit === undefined || sv.unit === undefined || cv.unit === sv.unit) &&
    inSubject(c, cv) &&
    inSubject(s, sv)
  );
}

/**
 * Whether another sentence states the value in the claim value's role firmly
 * enough to lift a conflict of the primary: the same role (see
 * {@link sharesSurroundings}, strict) and a word besides the verb in common.
 * "The US provided $600 million in aid ... starting in 1995" shares only
 * "start" with "Sanctions against North Korea started in 1995": it dates the
 * aid, and leaves "Sanctions ... did not start until 2006" contradicting.
 */
export function statesInRole(c: Analysis, cv: Value, s: Analysis, sv: Value): boolean {
  if (!sharesSurroundings(c, cv, s, sv, true)) return false;
  const a = roleOf(c, cv);
  const b = roleOf(s, sv);
  const verbs = new Set([...a.verbs, ...b.verbs].map(stemWord));
  for (const w of a.plain) if (b.plain.has(w) && !verbs.has(w)) return true;
  for (const w of a.names) if (b.names.has(w)) return true;
  return false;
}

/** Words before a count that make it a rate ("every 10 minutes"), which is no amount ("a 30-minute session"). */
const RATE = new Set(['every', 'each', 'per']);

function isRate(a: Analysis, v: Value): boolean {
  return RATE.has(a.tokens[v.index - 1]?.lower ?? '');
}

/** Words that join the names of a list ("A, B and C"). */
const LIST_JOINERS = new Set([',', 'and', 'or', '&']);

/**
 * Whether a count restates the list the claim gives right after it ("the 4
 * products - A, B, C and D", "two solutions, A and B"): it then says nothing
 * the names themselves do not, and the names are compared on their own.
 */
function countsItsList(c: Analysis, cv: Value): boolean {
  if (cv.type !== 'number' || cv.num === undefined || cv.num < 2 || cv.num > 12) return false;
  const after = c.entities.filter((e) => e.index > cv.index).sort((a, b) => a.index - b.index);
  // The list starts within a few words of the count (its noun, a dash or colon between).
  if (after.length < cv.num || after[0].index - cv.index > 5) return false;
  let n = 1;
  for (let k = 1; k < after.length; k++) {
    const between = c.tokens.slice(after[k - 1].endIndex + 1, after[k].index);
    if (between.length === 0 || between.length > 2 || !between.every((t) => LIST_JOINERS.has(t.lower))) break;
    n++;
  }
  return n === cv.num;
}

/**
 * Claim values against the sentence's: the same value confirms; a different
 * one in the same slot conflicts; none in the slot is novel (unless a
 * neighbouring sentence states it among the claim's words). Returns whether
 * the claim has values and the sentence itself states every one of them.
 */
export function compareValues(t: Tally, c: Analysis, s: Analysis, context: Analysis[]): boolean {
  // Values are compared pairwise; a sentence with more than MAX_COMPARED_VALUES
  // of them (a table run into one line) has only its first ones compared, so
  // that its check stays bounded.
  const claimValues = c.values.length > MAX_COMPARED_VALUES ? c.values.slice(0, MAX_COMPARED_VALUES) : c.values;
  const sourceValues = s.values.length > MAX_COMPARED_VALUES ? s.values.slice(0, MAX_COMPARED_VALUES) : s.values;
  const pairedSource = new Set<Value>();
  let allInSentence = true;
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
    // "600 arrests" is said by "600 people were arrested".
    const says = (sv: Value): boolean =>
      sameValue(cv, sv) || (cv.type === 'number' && sv.type === 'number' && cv.num === sv.num && countsOneEvent(c, cv, s, sv));
    const inSentence = sourceValues.some(says);
    if (!inSentence) allInSentence = false;
    if (inSentence || asOccasion || countsItsList(c, cv) || (!ownSlot && nearby())) {
      t.supported++;
      t.confirmed.push(cv);
      for (const sv of sourceValues) if (says(sv)) pairedSource.add(sv);
      continue;
    }
    const sameType = sourceValues.filter((sv) => group(sv) === group(cv) && !claimValues.some((o) => o !== cv && sameValue(o, sv)) && !pairedSource.has(sv));
    const only = sameType.length === 1 && claimValues.filter((o) => group(o) === group(cv)).length === 1;
    // The source value in the same slot: same preposition and the same words
    // just before it ("the summary contains 166" for "the summary contains 176").
    const cPrep = prepOf(c, cv);
    const fit = (sv: Value): number => Number(prepOf(s, sv) === cPrep) + overlap(leftWords(c, cv.index), leftWords(s, sv.index));
    // An interval whose other end the source states the same way is the same
    // interval: "from Sunday until Sept. 15" and "from Sunday to Sept. 13".
    const otherEnd = (sv: Value): boolean => {
      const end = cPrep && prepClass(cPrep);
      const sPrep = prepOf(s, sv);
      if ((end !== 'to' && end !== 'from') || !sPrep || prepClass(sPrep) !== end) return false;
      const start = end === 'to' ? 'from' : 'to';
      const startsAs = (a: Analysis, x: Value): boolean => {
        const p = prepOf(a, x);
        return p !== undefined && prepClass(p) === start;
      };
      return claimValues.some((o) => o !== cv && startsAs(c, o) && sourceValues.some((x) => startsAs(s, x) && sameValue(o, x)));
    };
    const slot = sameType
      .filter(
        (sv) =>
          sameSlot(cv, sv, only, countsOneEvent(c, cv, s, sv), cPrep, prepOf(s, sv)) &&
          isRate(c, cv) === isRate(s, sv) &&
          (sharesSurroundings(c, cv, s, sv, true) || otherEnd(sv)),
      )
      .sort((a, b) => fit(b) - fit(a) || Math.abs(a.index - cv.index) - Math.abs(b.index - cv.index))[0];
    if (slot && !boundAdmits(cv, slot) && !namesOccasion(c, cv, s, slot)) {
      pairedSource.add(slot);
      t.conflicts.push(valueConflict(cv, slot));
    } else {
      t.novel.push({ text: cv.text, value: cv });
    }
  }
  return claimValues.length > 0 && allInSentence;
}

/** The periods a relative word ("last", "this", "next": RELATIVE_STEP) places. */
const PERIODS = new Set(['year', 'month', 'week']);

/** The relative periods of a sentence ("last year", "earlier this month"): the token of each deictic word, with its period. */
function relativePeriods(a: Analysis): RelativePeriod[] {
  // Memoised: a source sentence is compared with many claims.
  let out = periodMemo.get(a);
  if (!out) {
    out = [];
    for (let i = 0; i + 1 < a.tokens.length; i++) {
      const t = a.tokens[i];
      const next = a.tokens[i + 1];
      if (RELATIVE_STEP[t.lower] !== undefined && PERIODS.has(next.lemma)) out.push({ token: t, word: t.lower, period: next.lemma, end: next.end });
    }
    periodMemo.set(a, out);
  }
  return out;
}

interface RelativePeriod {
  token: Token;
  word: string;
  period: string;
  end: number;
}

const periodMemo = new WeakMap<Analysis, RelativePeriod[]>();

/** Whether two sentences have a content word (a noun or a verb, by lemma) in common. */
function sharesContent(c: Analysis, s: Analysis): boolean {
  const words = new Set(s.tokens.filter((t) => (t.pos === 'NOUN' || t.pos === 'VERB') && !PERIODS.has(t.lemma)).map((t) => t.lemma));
  return c.tokens.some((t) => (t.pos === 'NOUN' || t.pos === 'VERB') && !PERIODS.has(t.lemma) && words.has(t.lemma));
}

/**
 * Relative periods of claim and source when neither is dated: "exchanged
 * letters last year" against "exchanging letters earlier this year" states
 * another year, whatever year each was written in, and "last month" another
 * period than "last week". The same period confirms; another one among the
 * same words conflicts.
 */
export function compareRelativePeriods(t: Tally, c: Analysis, s: Analysis): void {
  const theirs = relativePeriods(s);
  if (!theirs.length) return;
  const mine = relativePeriods(c);
  for (const p of mine) {
    // A period the values already read (a dated "last month") was compared as a date.
    if (c.values.some((v) => v.start <= p.token.start && p.token.end <= v.end)) continue;
    const same = theirs.filter((q) => q.period === p.period);
    // "Last week" and "last month" are two periods too, though of two kinds;
    // "this year" holds "last month" as often as not, so "this" is left out.
    const sameWord = p.word !== 'this' ? theirs.filter((q) => q.word === p.word && q.period !== p.period) : [];
    if (!same.length && !sameWord.length) continue;
    if (same.some((q) => q.word === p.word)) {
      t.supported++;
      continue;
    }
    const q = same[0] ?? sameWord[0];
    // One period on each side dates one event, if the sentences tell of one
    // (a word in common); among several, the period must share words around it with the claim's.
    const one = mine.length === 1 && theirs.length === 1 && sharesContent(c, s);
    if (!one && sharedAround(c, { start: p.token.start, end: p.end }, s, { start: q.token.start, end: q.end }) < 1) continue;
    t.conflicts.push({ kind: 'date', start: p.token.start, end: p.end, found: `${p.word} ${p.period}`, expected: `${q.word} ${q.period}` });
  }
}
