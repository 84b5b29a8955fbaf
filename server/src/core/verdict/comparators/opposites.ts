import type { Analysis } from '../../analysis/facts';
import { CLOSED_CLASSES, KINSHIP, STOP, antonymsOf, areAntonyms, hasOpposites } from '../../analysis/lexicon';
import type { Conflict, Tally } from './comparison';
import type { Token } from '../../analysis/nlp';
import { directionOf } from '../../analysis/direction';
import { inAim, lemmaSet, neighbour, sharedAround, withOpposites } from './slots';
import { relation, sensesOf, wnPos } from '../../analysis/wordnet';
import { stemWord } from '../../analysis/words';

/**
 * Opposites in one slot: closed classes of attributes, WordNet antonyms,
 * change verbs of opposite direction, and before/after.
 */

/**
 * Prepositions that place one thing against another on an axis, with the
 * word that completes them ("ahead of", "prior to"): before or after in time,
 * inside or outside, above or below. WordNet has no opposites for
 * prepositions, yet "just before 4pm" and "just after 4pm", "inside the
 * landfill" and "just outside the landfill" say opposite things. A closed
 * class of English grammar. Some count only before an amount, since
 * elsewhere they mostly say other things: "up" and "down" ("up 40.6%" /
 * "down 40.6%", but "set up", "shut down"), and the bounds "more than",
 * "over", "at least" against "fewer than", "less than", "under" ("over 100
 * people", but "over the years", "under the deal").
 */
export const ORDER: Readonly<Record<string, { axis: 'time' | 'inside' | 'height' | 'change' | 'bound'; dir: -1 | 1; then?: string; amount?: true }>> = {
  before: { axis: 'time', dir: -1 },
  ahead: { axis: 'time', dir: -1, then: 'of' },
  prior: { axis: 'time', dir: -1, then: 'to' },
  after: { axis: 'time', dir: 1 },
  inside: { axis: 'inside', dir: -1 },
  within: { axis: 'inside', dir: -1 },
  outside: { axis: 'inside', dir: 1 },
  above: { axis: 'height', dir: 1 },
  below: { axis: 'height', dir: -1 },
  beneath: { axis: 'height', dir: -1 },
  up: { axis: 'change', dir: 1, amount: true },
  down: { axis: 'change', dir: -1, amount: true },
  // Bounds of an amount: "more than 100" is no "fewer than 100".
  more: { axis: 'bound', dir: 1, then: 'than', amount: true },
  over: { axis: 'bound', dir: 1, amount: true },
  least: { axis: 'bound', dir: 1, amount: true },
  fewer: { axis: 'bound', dir: -1, then: 'than', amount: true },
  less: { axis: 'bound', dir: -1, then: 'than', amount: true },
  under: { axis: 'bound', dir: -1, amount: true },
};

/** Signs written before an amount ("$25 billion", "£2m"): the amount is what an order phrase is against. */
const CURRENCY = /^[$£€¥]$/;

/** The order phrase starting at token `i` of `a`: its axis, direction and the index of the word that follows it. */
function orderAt(a: Analysis, i: number): { axis: string; dir: -1 | 1; next: number } | undefined {
  const o = ORDER[a.tokens[i].lower];
  if (!o) return undefined;
  let k = i + 1;
  if (o.then) {
    if (a.tokens[k]?.lower !== o.then) return undefined;
    k++;
  }
  // The event it is ordered against: its first word other than an article (or, for an amount, a currency sign).
  while (k < a.tokens.length && (a.tokens[k].pos === 'DET' || a.tokens[k].lower === 'the' || CURRENCY.test(a.tokens[k].text))) k++;
  if (o.amount && !/^\d/.test(a.tokens[k]?.text ?? '')) return undefined;
  return k < a.tokens.length && /\w/.test(a.tokens[k].text) ? { axis: o.axis, dir: o.dir, next: k } : undefined;
}

/** Whether `a` has an order phrase at all (the cheap test before comparing). */
export function hasOrderPhrase(a: Analysis): boolean {
  return a.tokens.some((t, i) => ORDER[t.lower] !== undefined && orderAt(a, i) !== undefined);
}

/** A claim that orders an event before what the source orders it after (or the reverse), against the same event. */
function orderConflict(c: Analysis, s: Analysis): Conflict | undefined {
  for (let i = 0; i < c.tokens.length; i++) {
    const co = orderAt(c, i);
    if (!co) continue;
    const against = c.tokens[co.next].lemma;
    for (let j = 0; j < s.tokens.length; j++) {
      const so = orderAt(s, j);
      if (!so || so.axis !== co.axis || so.dir === co.dir || s.tokens[so.next].lemma !== against) continue;
      // The source must not also say it the claim's way ("after ... and before ...").
      if (
        s.tokens.some((_, k) => {
          const o = orderAt(s, k);
          return o !== undefined && o.axis === co.axis && o.dir === co.dir && s.tokens[o.next].lemma === against;
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

const POSSESSIVES = new Set(['his', 'her', 'their', 'its', 'my', 'our', 'your']);

/** Whose relative the word at `token` is: the name or pronoun that owns it ("Kim Jong Un's", "his"), as a lower-case key. */
function possessorOf(a: Analysis, token: Token): string | undefined {
  // A bracketed insertion ("[Kim Jong Un’s] grandfather") is read without its brackets.
  let j = a.tokens.indexOf(token) - 1;
  if (a.tokens[j]?.text === ']') j--;
  const before = a.tokens[j];
  if (!before) return undefined;
  if (POSSESSIVES.has(before.lower)) return before.lower;
  if (before.text !== "'s" && before.text !== '’s') return undefined;
  const k = j - 1;
  const owner = a.entities.find((e) => e.endIndex === k);
  return owner ? owner.key : a.tokens[k]?.lower;
}

/** Closed-class attributes (colours, kinship, crimes, roles): another member of the class in the sentence conflicts. */
export function compareClosedClasses(t: Tally, c: Analysis, s: Analysis, context: Analysis[]): void {
  const sLemmas = lemmaSet(s);
  for (const cl of c.lemmas) {
    const cls = CLOSED_CLASSES[cl.lemma];
    if (!cls) continue;
    if (sLemmas.has(cl.lemma)) {
      t.supported++;
      continue;
    }
    const rival = s.lemmas.find((sl) => CLOSED_CLASSES[sl.lemma] === cls && !c.lemmas.some((o) => o.lemma === sl.lemma));
    const nearby = context.some((a) => lemmaSet(a).has(cl.lemma));
    // Words for people conflict only as relatives of one person ("Kim's
    // father" / "Kim's grandfather", "his brother" / "his uncle").
    const owner = cls === 'person' && KINSHIP.has(cl.lemma) ? possessorOf(c, cl.token) : undefined;
    const kinRival =
      owner === undefined
        ? undefined
        : s.lemmas.find(
            (sl) => KINSHIP.has(sl.lemma) && sl.lemma !== cl.lemma && !c.lemmas.some((o) => o.lemma === sl.lemma) && possessorOf(s, sl.token) === owner,
          );
    // Another member among the same words of this sentence outweighs a
    // mention of the claim's word nearby: "pleaded guilty to manslaughter" is
    // not made "to murder" by a neighbour about the first charge.
    if (kinRival) t.conflicts.push({ kind: 'entity', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: kinRival.token.text });
    else if (rival && cls !== 'role' && cls !== 'person' && (!nearby || sharedAround(c, cl.token, s, rival.token) >= 1))
      t.conflicts.push({ kind: 'entity', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: rival.token.text });
    else if (nearby) t.supported++;
    else t.novel.push({ text: cl.token.text, span: { start: cl.token.start, end: cl.token.end } });
  }
}

/** Only content words can be opposites: "in" and "ago" are not, whatever WordNet's adverb senses say. */
function content(l: Analysis['lemmas'][number]): boolean {
  return l.token.pos !== 'ADP' && l.token.pos !== 'NUM' && l.token.pos !== 'PROPN' && !STOP.has(l.lemma);
}

/** A part of a hyphenated compound is not the word alone: the "old" of "the 29-year-old" says nothing against "recent". */
function inCompound(a: Analysis, token: Token): boolean {
  const i = a.tokens.indexOf(token);
  const before = a.tokens[i - 1];
  const after = a.tokens[i + 1];
  return (
    (before !== undefined && /^[-‐]$/.test(before.text) && before.end === token.start) ||
    (after !== undefined && /^[-‐]$/.test(after.text) && after.start === token.end)
  );
}

/**
 * The word an inflected form stands for when it is a word in its own right:
 * "latest" (up to date) is no form of "late" (after its time), so it is no
 * opposite of "newest". Other forms stand for their lemma.
 */
function lexicalForm(t: Token): string {
  const pos = wnPos(t.pos);
  return t.lower !== t.lemma && pos && sensesOf(t.lower, pos).length ? t.lower : t.lemma;
}

/**
 * The part of speech a word has where it stands. The tagger reads some
 * attributive adjectives as verbs ("a relatively cool relationship"); a bare
 * verb form between a determiner (and its adverbs) and a noun is an adjective
 * when WordNet has it as one, so that it can be the opposite of "warm".
 */
function posAsUsed(a: Analysis, token: Token): string {
  if (token.pos !== 'VERB' || !sensesOf(token.lower, 'a').length) return token.pos;
  const i = a.tokens.indexOf(token);
  let k = i - 1;
  while (k >= 0 && a.tokens[k].pos === 'ADV') k--;
  const next = a.tokens[i + 1]?.pos === 'ADJ' ? a.tokens[i + 2] : a.tokens[i + 1];
  // A participle between a determiner or an adjective and its noun describes
  // the noun ("other abandoned sick animals"): it is no act of abandoning.
  const before = token.lower === token.lemma ? k >= 0 && a.tokens[k].pos === 'DET' : k >= 0 && (a.tokens[k].pos === 'DET' || a.tokens[k].pos === 'ADJ');
  return before && next?.pos === 'NOUN' ? 'ADJ' : token.pos;
}

/** A content word of the claim replaced by its WordNet antonym in the same slot. */
export function compareAntonyms(t: Tally, c: Analysis, s: Analysis): void {
  const sLemmas = lemmaSet(s);
  const cLemmas = lemmaSet(c);
  for (const cl of c.lemmas) {
    if (sLemmas.has(cl.lemma) || !content(cl) || !hasOpposites(cl.lemma) || inCompound(c, cl.token)) continue;
    // The opposite must stand in the same slot: the same word just before or
    // after it ("long opposed" / "long wanted"), or two of the same words near
    // it; "as early as this month" is not "last month".
    const nextTo = (sl: Analysis['lemmas'][number]): boolean => {
      const ci = c.tokens.indexOf(cl.token);
      const si = s.tokens.indexOf(sl.token);
      const before = neighbour(c, ci, -1);
      const after = neighbour(c, ci, 1);
      return (before !== undefined && neighbour(s, si, -1) === before) || (after !== undefined && neighbour(s, si, 1) === after);
    };
    const sameSlotWord = (sl: Analysis['lemmas'][number]): boolean => {
      if (nextTo(sl)) return true;
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
        relation(cl.lemma, posAsUsed(c, cl.token), sl.lemma, posAsUsed(s, sl.token)) === 'antonym' &&
        // Lemmas that are antonyms must also be as the words stand (when both are their lemmas, this is the test above).
        areAntonyms(lexicalForm(cl.token), lexicalForm(sl.token)) &&
        // An aim and a fact are not opposites: "vowed to keep the lingo alive" does not deny that it "is being lost".
        inAim(c, c.tokens.indexOf(cl.token)) === inAim(s, s.tokens.indexOf(sl.token)) &&
        sameSlotWord(sl),
    );
    // WordNet pairs opposites word by word ("continue" / "discontinue"); a
    // verb whose first sense is an opposite's ("cease") is as opposed, where
    // it stands right among the same words: being a step from an opposite,
    // it needs the closer slot ("denies Alex any more fish" is no opposite of
    // "let me know" about the fish).
    const firsts = !opposite && cl.token.pos === 'VERB' ? firstSensesOfOpposites(cl.lemma) : NO_SENSES;
    const found =
      opposite ??
      (firsts.size
        ? s.lemmas.find(
            (sl) =>
              sl.token.pos === 'VERB' &&
              !cLemmas.has(sl.lemma) &&
              firsts.has(sensesOf(sl.lemma, 'v')[0]) &&
              relation(cl.lemma, 'VERB', sl.lemma, 'VERB') !== 'synonym' &&
              inAim(c, c.tokens.indexOf(cl.token)) === inAim(s, s.tokens.indexOf(sl.token)) &&
              nextTo(sl),
          )
        : undefined);
    if (found) t.conflicts.push({ kind: 'antonym', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: found.token.text });
  }
}

const NO_SENSES: ReadonlySet<number> = new Set();
const firstSenseMemo = new Map<string, ReadonlySet<number>>();

/** The first verb senses of a verb's opposites (kept per lemma, bounded). */
function firstSensesOfOpposites(lemma: string): ReadonlySet<number> {
  let out = firstSenseMemo.get(lemma);
  if (!out) {
    out = new Set([...antonymsOf(lemma)].flatMap((x) => sensesOf(x, 'v').slice(0, 1)));
    if (firstSenseMemo.size > 20000) firstSenseMemo.clear();
    firstSenseMemo.set(lemma, out);
  }
  return out;
}

/** Degree words and their opposites: "the least militarised" is not "the most militarised", "less tolerant" not "more tolerant". */
const DEGREE: ReadonlyMap<string, string> = new Map([
  ['most', 'least'],
  ['least', 'most'],
  ['more', 'less'],
  ['less', 'more'],
]);

/**
 * A degree word before the same word as the source's opposite degree word
 * ("one of the least militarised countries" / "one of the most militarised
 * countries"). WordNet has no opposites for these, and the stop list hides them
 * from the words the antonym comparator reads.
 */
export function compareDegree(t: Tally, c: Analysis, s: Analysis): void {
  const mine = degreesOf(c);
  if (!mine.length) return;
  const theirs = degreesOf(s);
  for (const i of mine) {
    const degree = c.tokens[i].lower;
    const lemma = c.tokens[i + 1].lemma;
    const at = theirs.find((j) => s.tokens[j].lower === DEGREE.get(degree) && s.tokens[j + 1].lemma === lemma);
    if (at === undefined || theirs.some((j) => s.tokens[j].lower === degree && s.tokens[j + 1].lemma === lemma)) continue;
    t.conflicts.push({ kind: 'antonym', start: c.tokens[i].start, end: c.tokens[i].end, found: c.tokens[i].text, expected: s.tokens[at].text });
  }
}

const degreeMemo = new WeakMap<Analysis, number[]>();

/** Where a sentence has a degree word before a content word (memoised: a source sentence meets many claims). */
function degreesOf(a: Analysis): number[] {
  let out = degreeMemo.get(a);
  if (!out) {
    out = [];
    for (let i = 0; i + 1 < a.tokens.length; i++) {
      const next = a.tokens[i + 1];
      if (DEGREE.has(a.tokens[i].lower) && /\p{L}/u.test(next.text) && !STOP.has(next.lower)) out.push(i);
    }
    degreeMemo.set(a, out);
  }
  return out;
}

/** Change verbs of opposite direction (from WordNet) in one slot, unless the source also says the claim's direction. */
export function compareDirection(t: Tally, c: Analysis, s: Analysis): void {
  const sLemmas = lemmaSet(s);
  const cLemmas = lemmaSet(c);
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
    if (cl.token.pos !== 'VERB' || sLemmas.has(cl.lemma) || inCompound(c, cl.token) || t.conflicts.some((x) => x.start === cl.token.start)) continue;
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
    if (opposite) t.conflicts.push({ kind: 'antonym', start: cl.token.start, end: cl.token.end, found: cl.token.text, expected: opposite.token.text });
  }
}

/** An event placed before what the source places it after, or the reverse. */
export function compareOrder(t: Tally, c: Analysis, s: Analysis): void {
  const order = orderConflict(c, s);
  if (order) t.conflicts.push(order);
}
