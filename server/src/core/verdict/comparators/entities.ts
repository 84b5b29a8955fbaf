import type { Analysis, Entity } from '../../analysis/facts';
import type { Token } from '../../analysis/nlp';
import type { MismatchKind } from '../../types';
import type { Tally } from './comparison';
import { SPEAKER_LABEL } from '../../analysis/lexicon';
import { isPersonNoun, isReportingVerb } from '../../analysis/reporting';
import { nameStems, neighbour, sharedAround } from './slots';
import { normaliseWord } from '../../analysis/words';
import { sameValue } from './values';

/**
 * Names: aliases, capitals for their countries, acronyms, "the nation" for a
 * place named nearby, and a different name in the same slot.
 */

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

type Span = { start: number; end: number };

/** Nouns that describe a place by its kind, set before its name ("the port city of Vladivostok"). */
const PLACE_KINDS = new Set([...PLACE_DESCRIPTIONS, 'town', 'port', 'village', 'province']);

/**
 * The description a name is given as a place ("the Pacific port city of
 * Vladivostok"): the index of its "the", where the name's slot begins, so
 * that "to the port city of Vladivostok" is in the slot of "to Moscow". The
 * description makes the name a place whatever the gazetteer knows of it.
 */
function placeDescription(a: Analysis, e: Entity): number | undefined {
  if (a.tokens[e.index - 1]?.lower !== 'of' || !PLACE_KINDS.has(a.tokens[e.index - 2]?.lemma ?? '')) return undefined;
  let k = e.index - 3;
  while (k >= 0 && k > e.index - 8 && (a.tokens[k].pos === 'ADJ' || a.tokens[k].pos === 'NOUN' || a.tokens[k].pos === 'PROPN')) k--;
  return k >= 0 && a.tokens[k].lower === 'the' ? k : undefined;
}

const LOCATIVE = new Set(['in', 'at', 'to', 'from', 'near', 'into', 'inside', 'outside']);

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
  if (c.key === s.key) return true;
  if (c.cls === 'place' || s.cls === 'place') {
    // Capitals stand for their countries ("Pyongyang" for North Korea) only as
    // actors ("Moscow said", "Pyongyang's leaders"), not as places ("the Moscow embassy").
    if (c.capitalOf && c.capitalOf === s.key && c.actor) return true;
    if (s.capitalOf && s.capitalOf === c.key && s.actor) return true;
    if (c.cls === 'place' && s.cls === 'place') return false;
  }
  // One name must contain the other: "Mr Kim" is "Kim Jong Un", but "UFO Media"
  // is not "Ozy Media" and "Kim Yo Jong" is not "Kim Jong Un".
  // Spelt either way: "Defence Minister Sergei Shoigu" is "Defense Minister Sergei Shoigu".
  const within = (a: string[], b: string[]): boolean => a.length > 0 && a.every((p) => b.includes(p));
  if (within(c.parts, s.parts) || within(s.parts, c.parts) || acronymOf(c, s) || acronymOf(s, c)) return true;
  const cs = spelt(c);
  const ss = spelt(s);
  return (cs !== c.parts || ss !== s.parts) && (within(cs, ss) || within(ss, cs));
}

const speltMemo = new WeakMap<Entity, string[]>();

/** A name's parts in one spelling (see normaliseWord), the parts themselves when none changes. */
function spelt(e: Entity): string[] {
  let out = speltMemo.get(e);
  if (!out) {
    const parts = e.parts.map(normaliseWord);
    out = parts.some((p, i) => p !== e.parts[i]) ? parts : e.parts;
    speltMemo.set(e, out);
  }
  return out;
}

/** Whether `a` is written as the initials of `b` ("LA" for "Los Angeles", "NSC" for "National Security Council"). */
function acronymOf(a: Entity, b: Entity): boolean {
  if (a.text.length > 12 || b.parts.length < 2 || !/^[A-Z][A-Z.\s]*$/.test(a.text)) return false;
  const letters = a.text.replace(/[.\s]/g, '');
  if (letters.length < 2 || letters.length > 6 || letters !== letters.toUpperCase() || b.parts.length < 2) return false;
  const words = b.text.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length === letters.length && words.every((w, i) => w[0] === letters[i]);
}

function entityKind(c: Entity['cls'], s: Entity['cls']): MismatchKind {
  if (c === 'place' && s === 'place') return 'place';
  if (c === 'person' || s === 'person') return 'person';
  if (c === 'organisation' || s === 'organisation') return 'organisation';
  return 'entity';
}

/** The kind of a name: a place when it is described as one ("the port city of Vladivostok"), else the gazetteer's. */
function classOf(a: Analysis, e: Entity): Entity['cls'] {
  return placeDescription(a, e) !== undefined ? 'place' : e.cls;
}

/** The entity listed just before token `index` ("France" in "France, Germany"), if the token before is a list separator. */
function listedBefore(a: Analysis, index: number): Entity | undefined {
  const sep = a.tokens[index - 1]?.lower;
  if (sep !== ',' && sep !== 'and') return undefined;
  return a.entities.find((e) => e.endIndex === index - 2);
}

/**
 * The head noun of the description set after a name, its role: "historian"
 * in "Andrew Salmon, military historian and author" and in "Edward Wong, the
 * military historian who wrote". Two names described by the same role stand
 * in one slot.
 */
function roleNoun(a: Analysis, e: Entity): string | undefined {
  if (a.tokens[e.endIndex + 1]?.text !== ',') return undefined;
  let head: string | undefined;
  for (let k = e.endIndex + 2; k < Math.min(a.tokens.length, e.endIndex + 7); k++) {
    const t = a.tokens[k];
    // An owner is no head: "the BBC's American partner" and "the city's chief planner" are a partner and a planner.
    if (t.pos === 'PART' && (t.lower === "'s" || t.lower === '’s')) head = undefined;
    else if (t.pos === 'NOUN') head = t.lemma;
    else if (head) break;
    else if (t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'PROPN') return undefined;
  }
  return head;
}

/**
 * The common noun set just before a name as its title ("the BBC's US partner
 * CBS", "military historian Edward Wong"): the role that {@link roleNoun}
 * reads from an apposition after the name, so "NBC, the BBC's American
 * partner" and "partner CBS" are one slot.
 */
function titleNoun(a: Analysis, e: Entity): string | undefined {
  const t = a.tokens[e.index - 1];
  return t?.pos === 'NOUN' && t.text === t.lower ? t.lemma : undefined;
}

/** Prepositions that tie a name to the person before it as who they serve ("a spokeswoman for the State Department"). */
const OWNING = new Set(['for', 'of', 'at']);

/**
 * The person a name employs, written either way: "National Security Council
 * spokeswoman" and "a spokeswoman for the State Department" are both the
 * spokeswoman of a body, so the two bodies stand in one slot. Only nouns of
 * people: "the end of the Second World War" and "the end of World War II"
 * are one end, and "Championship club Ipswich" names no owner of a club.
 */
function ownedNoun(a: Analysis, e: Entity): string | undefined {
  const after = a.tokens[e.endIndex + 1];
  if (after?.pos === 'NOUN' && after.text === after.lower) return isPersonNoun(after.lemma) ? after.lemma : undefined;
  let k = e.index - 1;
  if (a.tokens[k]?.pos === 'DET') k--;
  if (!OWNING.has(a.tokens[k]?.lower ?? '')) return undefined;
  const noun = a.tokens[k - 1];
  return noun?.pos === 'NOUN' && isPersonNoun(noun.lemma) ? noun.lemma : undefined;
}

/**
 * The word after a name that anchors its slot. A possessive anchors nothing
 * alone ("Japan's prime minister" and "North Korea's Kim" own different
 * things): the word it attaches the name to comes with it.
 */
function rightOf(a: Analysis, endIndex: number): string | undefined {
  const next = neighbour(a, endIndex, 1);
  if (next !== "'s" && next !== '’s') return next;
  const owned = neighbour(a, endIndex + 1, 1);
  return owned === undefined ? undefined : `'s ${owned}`;
}

/** A name's right anchor without its possessive: "'s defence" is "defence". */
function unowned(right: string | undefined): string | undefined {
  return right?.replace(/^['’]s /, '');
}

/**
 * The verb a name is the subject of, read past auxiliaries: "signed" in
 * "Khrushchev had signed off" and in "Stalin signed off". Tense and aspect
 * are no part of the slot.
 */
function verbAfter(a: Analysis, e: Entity): string | undefined {
  // A name set off by commas as an apposition ("The newspaper's correspondent,
  // Edward Wong, told ...") is the subject of the verb after its closing comma.
  const apposition = a.tokens[e.index - 1]?.text === ',' && a.tokens[e.endIndex + 1]?.text === ',';
  return verbFrom(a, e.endIndex + (apposition ? 2 : 1));
}

/** The verb at token `from` of `a`, read past auxiliaries (two at most). */
function verbFrom(a: Analysis, from: number): string | undefined {
  for (let k = from; k < Math.min(a.tokens.length, from + 3); k++) {
    const t = a.tokens[k];
    if (t.pos === 'AUX') continue;
    return t.pos === 'VERB' ? t.lemma : undefined;
  }
  return undefined;
}

/**
 * The speaker of a line of a transcript ("Tom: I'll bring the cake") and
 * each "I" of the line with the verb it is the subject of: the label names
 * who "I" is, so "Emily will bring the cake" puts another name in the
 * speaker's slot.
 */
function speakerOf(s: Analysis): { speaker: Entity; says: { i: Token; verb: string }[] } | undefined {
  const speaker = s.entities.find((e) => e.index === 0);
  if (!speaker || s.tokens[speaker.endIndex + 1]?.text !== ':') return undefined;
  const says: { i: Token; verb: string }[] = [];
  for (let k = speaker.endIndex + 2; k < s.tokens.length; k++) {
    if (s.tokens[k].lower !== 'i') continue;
    const verb = verbFrom(s, k + 1);
    if (verb !== undefined) says.push({ i: s.tokens[k], verb });
  }
  return says.length ? { speaker, says } : undefined;
}

/**
 * Whether two subjects' verbs put them in one slot: the same verb, or two
 * verbs of reporting ("John Kirby said" / "Edward Wong told"), which name
 * the speaker of one statement whichever verb reports it. Not in a line of a
 * transcript: its speaker is the label's holder, and a name it reports
 * ("Professor B: what Bhaskara says ...") is someone it cites.
 */
function sameVerb(a: string | undefined, b: string | undefined, spoken: boolean): boolean {
  return a !== undefined && b !== undefined && (a === b || (!spoken && isReportingVerb(a) && isReportingVerb(b)));
}

/**
 * The event a name is the agent of: the verb after it, or the event noun its
 * "by" follows ("a July visit to Pyongyang by Russian Defense Minister Sergei
 * Shoigu" is Shoigu's visit, as "Shoigu visited Pyongyang" is).
 */
function eventOf(a: Analysis, e: Entity): string | undefined {
  // Memoised per name: a source sentence's names meet many claims.
  const known = eventMemo.get(e);
  if (known !== undefined) return known === NONE ? undefined : known;
  const event = eventAt(a, e);
  eventMemo.set(e, event ?? NONE);
  return event;
}

const NONE = '';
const eventMemo = new WeakMap<Entity, string>();

function eventAt(a: Analysis, e: Entity): string | undefined {
  const verb = verbAfter(a, e) ?? actAfter(a, e.endIndex + 1);
  if (verb !== undefined) return verb;
  let k = e.index - 1;
  // A demonym or title place before the name ("by Russian Defense Minister ...").
  const before = a.entities.find((x) => x.endIndex === k && x.cls === 'place');
  if (before) k = before.index - 1;
  if (a.tokens[k]?.lower !== 'by') return undefined;
  for (let j = k - 1; j >= Math.max(0, k - 5); j--) {
    const t = a.tokens[j];
    if (t.pos === 'NOUN') return t.lemma;
    if (t.pos === 'VERB' || t.pos === 'AUX' || /^[,;:]$/.test(t.text)) return undefined;
  }
  return undefined;
}

/** Words that rank a doer among others ("was the first to report"). */
const RANKING = new Set(['first', 'last', 'only']);

/**
 * The act a name is said to do further on: through a relative clause and its
 * adverbs ("the New York Times, which first reported"), or as the first to
 * do it ("The Washington Post was the first to report").
 */
function actAfter(a: Analysis, from: number): string | undefined {
  let k = from;
  if (a.tokens[k]?.text === ',' && (a.tokens[k + 1]?.lower === 'which' || a.tokens[k + 1]?.lower === 'who')) k += 2;
  else if (a.tokens[k]?.lemma === 'be' && a.tokens[k + 1]?.lower === 'the' && RANKING.has(a.tokens[k + 2]?.lower ?? '') && a.tokens[k + 3]?.lower === 'to')
    k += 4;
  else return undefined;
  while (k < a.tokens.length && (a.tokens[k].pos === 'ADV' || a.tokens[k].pos === 'AUX' || RANKING.has(a.tokens[k].lower))) k++;
  return a.tokens[k]?.pos === 'VERB' ? a.tokens[k].lemma : undefined;
}

/**
 * Whether the sentence gives the claim name's event to someone else: "Putin
 * visited Pyongyang" against "Mr Kim and Mr Putin previously met ..., while
 * Mr Shoigu visited ... Pyongyang" names Putin, but not as the visitor.
 */
function eventOfAnother(c: Analysis, ce: Entity, s: Analysis, se: Entity): boolean {
  // Only the claim name that is the subject: "the sales agent from BestInsuranceXYZ called" is the agent's call.
  if (c.tokens[ce.index - 1]?.pos === 'ADP') return false;
  const verb = verbAfter(c, ce);
  if (verb === undefined || isReportingVerb(verb) || sameVerb(verb, eventOf(s, se), true)) return false;
  // The other name stands in a clause of its own, not in the name's own phrase ("Baugh of Billings was chosen").
  const apart = (o: Entity): boolean =>
    s.tokens.slice(Math.min(se.endIndex, o.endIndex) + 1, Math.max(se.index, o.index)).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  // The claim's other facts (its places, dates, numbers) must be said in the
  // other name's clause and none in the name's own: "Mr Kim and Mr Putin
  // previously met ... during a visit to Vladivostok in 2019, while Mr Shoigu
  // visited ... Pyongyang in July" is Kim's visit to Vladivostok in 2019.
  const others = s.entities.filter(
    (o) => o !== se && o.cls !== 'place' && sameVerb(verb, eventOf(s, o), true) && apart(o) && !c.entities.some((x) => sameEntity(x, o)),
  );
  if (!others.length) return false;
  const facts = [
    ...c.entities.filter((x) => x !== ce).flatMap((x) => s.entities.filter((y) => y !== se && sameEntity(x, y)).map((y) => y.index)),
    ...c.values.flatMap((v) => s.values.filter((w) => sameValue(v, w)).map((w) => w.index)),
  ];
  // A fact belongs to the clause of the name before it (subjects come first).
  const ownSide = (o: Entity, k: number): boolean => k > se.endIndex && (o.index < se.index || k < o.index);
  return facts.length > 0 && others.some((o) => !facts.some((k) => ownSide(o, k)));
}

/** Words that join the names of a list. */
const NAME_JOINERS = new Set([',', 'and', 'or']);

/** The names listed together with name `e` ("France, Japan, South Korea and Britain"), `e` among them, in order. */
function listOf(a: Analysis, e: Entity): Entity[] {
  const joined = (x: Entity, y: Entity): boolean => {
    const between = a.tokens.slice(x.endIndex + 1, y.index);
    return between.length > 0 && between.length <= 2 && between.every((t) => NAME_JOINERS.has(t.lower));
  };
  const sorted = [...a.entities].sort((x, y) => x.index - y.index);
  let at = sorted.indexOf(e);
  let from = at;
  while (from > 0 && joined(sorted[from - 1], sorted[from])) from--;
  while (at + 1 < sorted.length && joined(sorted[at], sorted[at + 1])) at++;
  return sorted.slice(from, at + 1);
}

/**
 * The one name of a source list that a claim list of as many names has
 * another name for, in whatever order each lists them: "Canada, France, Japan
 * and South Korea co-signed" against "co-signed by France, Japan, South Korea
 * and Britain" puts Canada where Britain is. Lists of three names or more,
 * every other name in both.
 */
function listRival(c: Analysis, ce: Entity, s: Analysis, paired: Set<Entity>): Entity | undefined {
  const mine = listOf(c, ce);
  if (mine.length < 3) return undefined;
  const others = mine.filter((x) => x !== ce);
  for (const se of s.entities) {
    const theirs = listOf(s, se);
    if (theirs.length !== mine.length || theirs[0] !== se) continue;
    const unmatched = theirs.filter((y) => !others.some((x) => sameEntity(x, y)));
    if (unmatched.length === 1 && others.every((x) => theirs.some((y) => sameEntity(x, y))) && !paired.has(unmatched[0])) return unmatched[0];
  }
  return undefined;
}

/** Claim names against the sentence's: found (or resolved through a neighbour or a description) confirms; a different name in the same slot conflicts. */
export function compareEntities(t: Tally, c: Analysis, s: Analysis, context: Analysis[]): void {
  // First every claim name found in the sentence, then, for the rest, a
  // different name in the same slot (same neighbouring word, or the same name
  // listed before it) is a contradiction.
  const pairedEntities = new Set<Entity>();
  const unmatched: Entity[] = [];
  for (const ce of c.entities) {
    const inSentence = s.entities.find((se) => !pairedEntities.has(se) && sameEntity(ce, se)) ?? s.entities.find((se) => sameEntity(ce, se));
    if (inSentence && !eventOfAnother(c, ce, s, inSentence)) {
      pairedEntities.add(inSentence);
      t.supported++;
      t.confirmed.push(ce);
      continue;
    }
    if (!inSentence && s.text.toLowerCase().includes(ce.text.toLowerCase())) {
      t.supported++;
      t.confirmed.push(ce);
      continue;
    }
    unmatched.push(ce);
  }
  const spokenLine = SPEAKER_LABEL.test(s.text);
  const line = spokenLine ? speakerOf(s) : undefined;
  for (const ce of unmatched) {
    const right = rightOf(c, ce.endIndex);
    // A preposition alone ("to Seoul", "to Pyongyang") is a slot only with a
    // word of the event around it, not merely a name: someone else's visit to
    // another city, cited by the claim's speaker, is no contradiction of the
    // speaker's own trip.
    const inSlot = (cAt: number, cSpan: Span, seAt: number, sSpan: Span): boolean => {
      const word = neighbour(c, cAt, -1);
      return word !== undefined && neighbour(s, seAt, -1) === word && (c.tokens[cAt - 1]?.pos !== 'ADP' || sharedAround(c, cSpan, s, sSpan, nameStems(c)) >= 1);
    };
    // The name's own left word ("city of Nakhodka" / "city of Vladivostok"),
    // or, for a place described by its kind, the word before the description
    // ("to Moscow" / "to the Pacific port city of Vladivostok").
    const cFrom = placeDescription(c, ce);
    const cClass = cFrom !== undefined ? 'place' : ce.cls;
    const leftSlot = (se: Entity): boolean => {
      if (inSlot(ce.index, ce, se.index, se)) return true;
      const sFrom = placeDescription(s, se);
      if (cFrom === undefined && sFrom === undefined) return false;
      return inSlot(cFrom ?? ce.index, { start: c.tokens[cFrom ?? ce.index].start, end: ce.end }, sFrom ?? se.index, {
        start: s.tokens[sFrom ?? se.index].start,
        end: se.end,
      });
    };
    const role = ce.cls !== 'place' ? roleNoun(c, ce) : undefined;
    const owned = ce.cls !== 'place' ? ownedNoun(c, ce) : undefined;
    const cTitle = ce.cls !== 'place' ? titleNoun(c, ce) : undefined;
    const verb = eventOf(c, ce);
    // Two names listed after the same name ("Vladivostok and St Petersburg" /
    // "Vladivostok and Moscow") are of one kind, whatever the gazetteer knows
    // of them; other slots need names of one kind.
    const rival =
      listRival(c, ce, s, pairedEntities) ??
      s.entities.find(
        (se) =>
          !pairedEntities.has(se) &&
          (sameListPlace(listedBefore(c, ce.index), listedBefore(s, se.index)) ||
            ((classOf(s, se) === cClass || (classOf(s, se) !== 'place' && cClass !== 'place')) &&
              (leftSlot(se) ||
                (right !== undefined && rightOf(s, se.endIndex) === right) ||
                // A place owns what it qualifies either way: "China's defence minister" and "Russian Defence Minister".
                (cClass === 'place' && classOf(s, se) === 'place' && right !== undefined && unowned(rightOf(s, se.endIndex)) === unowned(right)) ||
                sameVerb(verb, eventOf(s, se), spokenLine) ||
                // The speaker's "I" in the slot: the same verb and a word of what it is done to ("bring the cake", not a bare "I agree").
                (se === line?.speaker && line.says.some((x) => x.verb === verb && sharedAround(c, ce, s, x.i, nameStems(c)) >= 2)) ||
                (role !== undefined && se.cls !== 'place' && (roleNoun(s, se) === role || titleNoun(s, se) === role)) ||
                (cTitle !== undefined && se.cls !== 'place' && roleNoun(s, se) === cTitle) ||
                (owned !== undefined && se.cls !== 'place' && ownedNoun(s, se) === owned)))),
      );
    // A different name in the same slot of this sentence outweighs a mention
    // of the claim's name nearby: "the official name of South Korea" is not
    // confirmed by a neighbouring sentence that happens to name South Korea.
    if (rival) {
      pairedEntities.add(rival);
      t.conflicts.push({ kind: entityKind(cClass, classOf(s, rival)), start: ce.start, end: ce.end, found: ce.text, expected: rival.text });
    } else if (!isLocation(c, ce) && context.some((a) => a.entities.some((se) => sameEntity(ce, se)))) {
      // Neighbours resolve who acts ("He met Putin" after "Mr Kim ..."), not
      // where: "in Moscow" must be said by the sentence itself.
      t.supported++;
      t.confirmed.push(ce);
    } else if (
      ce.cls === 'place' &&
      describedAs(c, ce, s) &&
      (s.entities.some((se) => sameEntity(ce, se)) || context.some((a) => a.entities.some((se) => sameEntity(ce, se))))
    ) {
      // A definite description stands for a place named nearby: "in the
      // nation" after "Kim Jong Un ... North Korea" is "in North Korea".
      t.supported++;
      t.confirmed.push(ce);
    } else {
      t.novel.push({ text: ce.text, entity: ce });
    }
  }
}

/**
 * Verbs whose two participants play the same part ("Kim met Putin" is
 * "Putin met Kim"): the reciprocal predicates, a closed class of English
 * grammar. Their names may stand either way round.
 */
const RECIPROCAL = new Set([
  'meet',
  'marry',
  'date',
  'fight',
  'face',
  'play',
  'battle',
  'clash',
  'talk',
  'speak',
  'negotiate',
  'trade',
  'partner',
  'ally',
  'compete',
  'draw',
  'tie',
  'resemble',
  'match',
  'join',
  'hug',
  'embrace',
  'kiss',
  'greet',
  'confer',
  'correspond',
  'agree',
  'disagree',
  'differ',
  'collide',
  'share',
]);

/** Whether the verb at `v` of `a` is passive ("was invaded", "invaded by"): its subject is what it is done to. */
function passiveAt(a: Analysis, v: number): boolean {
  let k = v - 1;
  while (k >= 0 && (a.tokens[k].pos === 'ADV' || a.tokens[k].pos === 'PART')) k--;
  return (k >= 0 && (a.tokens[k].lemma === 'be' || a.tokens[k].lemma === 'get') && a.tokens[v].lower !== a.tokens[v].lemma) || a.tokens[v + 1]?.lower === 'by';
}

/** How far a phrase set off by commas or dashes between a subject and its verb may run. */
const ASIDE_REACH = 24;

/**
 * The name that is the subject of the verb at `v`: the name just before it,
 * past auxiliaries, adverbs, an infinitive's "to" ("persuade Russia to sell")
 * and a phrase set off by commas or dashes ("North Korea, backed by China,
 * invaded").
 */
function subjectAt(a: Analysis, v: number): Entity | undefined {
  let k = v - 1;
  while (k >= 0 && (a.tokens[k].pos === 'AUX' || a.tokens[k].pos === 'ADV' || a.tokens[k].pos === 'PART' || a.tokens[k].lower === 'to')) k--;
  const mark = a.tokens[k]?.text;
  if (mark === ',' || mark === '-' || mark === '–' || mark === '—') {
    let j = k - 1;
    while (j >= 0 && j > k - ASIDE_REACH && a.tokens[j].text !== mark) j--;
    if (j < 0 || a.tokens[j].text !== mark) return undefined;
    k = j - 1;
  }
  return a.entities.find((e) => e.endIndex === k);
}

/** The name the verb at `v` is done to or towards: the first name after it, past its object's words and a preposition ("sell arms to Russia"). */
function objectAt(a: Analysis, v: number): Entity | undefined {
  for (let k = v + 1; k < Math.min(a.tokens.length, v + 7); k++) {
    const e = a.entities.find((x) => x.index === k);
    if (e) return e;
    const p = a.tokens[k].pos;
    if (p !== 'DET' && p !== 'ADJ' && p !== 'NOUN' && p !== 'ADP' && p !== 'NUM') return undefined;
  }
  return undefined;
}

/**
 * Two names of the claim on either side of a verb that the source says the
 * other way round ("South Korea invaded North Korea" / "North Korea, backed
 * by China, invaded South Korea"): both names are found, yet the roles are
 * swapped. Each name conflicts with the other, so the fix swaps them back.
 * Reciprocal verbs and a change of voice ("was invaded by") are no swap.
 */
export function compareRoles(t: Tally, c: Analysis, s: Analysis): void {
  if (c.entities.length < 2 || t.conflicts.length) return;
  if (s.entities.length < 2) {
    compareDoers(t, c, s);
    return;
  }
  for (let v = 0; v < c.tokens.length; v++) {
    const cv = c.tokens[v];
    if (cv.pos !== 'VERB' || RECIPROCAL.has(cv.lemma)) continue;
    const cs = subjectAt(c, v);
    const co = cs && objectAt(c, v);
    if (!cs || !co || sameEntity(cs, co)) continue;
    for (let w = 0; w < s.tokens.length; w++) {
      if (s.tokens[w].pos !== 'VERB' || s.tokens[w].lemma !== cv.lemma || passiveAt(s, w) !== passiveAt(c, v)) continue;
      const ss = subjectAt(s, w);
      const so = ss && objectAt(s, w);
      if (!ss || !so || !sameEntity(cs, so) || !sameEntity(co, ss) || sameEntity(cs, ss)) continue;
      const kind = entityKind(cs.cls, ss.cls);
      t.conflicts.push({ kind, start: cs.start, end: cs.end, found: cs.text, expected: ss.text });
      t.conflicts.push({ kind, start: co.start, end: co.end, found: co.text, expected: so.text });
      return;
    }
  }
  compareDoers(t, c, s);
}

/** The content lemmas of the few words after the verb at `v` (its object), up to a clause break. */
function objectWords(a: Analysis, v: number): Set<string> {
  const out = new Set<string>();
  for (let k = v + 1; k < a.tokens.length && out.size < 4; k++) {
    const t = a.tokens[k];
    if (/^[,;:.!?]$/.test(t.text)) break;
    if (t.pos === 'NOUN') out.add(t.lemma);
  }
  return out;
}

/**
 * A claim that gives a doer's act to the other party of it: "Kim is seeking
 * artillery shells from Putin" against "Putin is seeking artillery shells":
 * the source's subject of the same verb, done to the same thing, is a name the
 * claim puts elsewhere, and the claim's subject never does that act in the
 * source. The claim's subject conflicts with the source's.
 */
function compareDoers(t: Tally, c: Analysis, s: Analysis): void {
  for (let v = 0; v < c.tokens.length; v++) {
    const cv = c.tokens[v];
    if (cv.pos !== 'VERB' || RECIPROCAL.has(cv.lemma) || isReportingVerb(cv.lemma)) continue;
    const cs = subjectAt(c, v);
    if (!cs || cs.cls === 'place') continue;
    const theirs = s.tokens.flatMap((x, w) => (x.pos === 'VERB' && x.lemma === cv.lemma && passiveAt(s, w) === passiveAt(c, v) ? [w] : []));
    const doers = theirs.map((w) => subjectAt(s, w));
    if (!doers.length || doers.some((d) => d && sameEntity(cs, d))) continue;
    const w = theirs.find((x, i) => {
      const d = doers[i];
      if (!d || d.cls === 'place' || !c.entities.some((o) => o !== cs && o.index > v && sameEntity(o, d))) return false;
      const mine = objectWords(c, v);
      return [...objectWords(s, x)].some((l) => mine.has(l));
    });
    if (w === undefined) continue;
    const ss = subjectAt(s, w)!;
    t.conflicts.push({ kind: entityKind(cs.cls, ss.cls), start: cs.start, end: cs.end, found: cs.text, expected: ss.text });
    return;
  }
}
