import type { Analysis } from '../../analysis/facts';
import type { Conflict, Tally } from './comparison';
import { relation, wordClass } from '../../analysis/wordnet';

/**
 * Substitutions of common nouns in a slot: a thing listed after the same
 * thing in both sentences ("artillery shells and tanks" / "artillery shells
 * and anti-tank missiles"), or the object of the same verb between the same
 * words ("sell fighter jets to Russia" / "sell artillery ammunition to
 * Russia"), stands in one slot, so another thing there is a substitution.
 * Names have their own slot rules (entities.ts).
 */

/** Words that join the items of a list. */
const JOINERS = new Set(['and', 'or', ',']);

/**
 * The item listed at token `from` of `a`: the index of its head noun (the
 * last noun of its run of modifiers and nouns), or -1.
 */
function itemHead(a: Analysis, from: number): number {
  let k = from;
  let head = -1;
  while (k < a.tokens.length && k < from + 4 && (a.tokens[k].pos === 'ADJ' || a.tokens[k].pos === 'NOUN')) {
    if (a.tokens[k].pos === 'NOUN') head = k;
    k++;
  }
  return head;
}

/**
 * Whether noun `lemma` names a physical thing (WordNet: a kind of object or
 * substance), not an event or an abstraction. WordNet's noun hierarchy is
 * some fifteen levels deep at most below these roots.
 */
const isPhysical = wordClass(
  'n',
  [
    ['object', 1],
    ['substance', 1],
  ],
  18,
);

/**
 * The object of the verb at token `v` of `a` ("fighter jets" of "sell
 * fighter jets to Russia"): the index of its head noun and of the word after
 * it, when both are there.
 */
function objectOf(a: Analysis, v: number): { head: number; after: number } | undefined {
  let k = v + 1;
  while (k < a.tokens.length && a.tokens[k].pos === 'DET') k++;
  const head = itemHead(a, k);
  if (head < 0 || head + 1 >= a.tokens.length) return undefined;
  return { head, after: head + 1 };
}

/**
 * A claim noun that is the object of a verb the source says with another
 * object, between the same words: "to sell fighter jets to Russia" / "to sell
 * artillery ammunition to Russia".
 */
function objectConflict(c: Analysis, s: Analysis, sNouns: Set<string>): Conflict | undefined {
  for (let v = 0; v < c.tokens.length; v++) {
    if (c.tokens[v].pos !== 'VERB') continue;
    const co = objectOf(c, v);
    if (!co || sNouns.has(c.tokens[co.head].lemma)) continue;
    const after = c.tokens[co.after];
    // The words after the object, a preposition and its object, anchor the slot.
    if (after.pos !== 'ADP' || co.after + 1 >= c.tokens.length) continue;
    for (let w = 0; w < s.tokens.length; w++) {
      if (s.tokens[w].pos !== 'VERB' || s.tokens[w].lemma !== c.tokens[v].lemma) continue;
      const so = objectOf(s, w);
      if (!so || s.tokens[so.after].lower !== after.lower || s.tokens[so.after + 1]?.lemma !== c.tokens[co.after + 1].lemma) continue;
      // Only things are swapped this way: events and abstractions ("a rare trip" / "a rare visit") are paraphrased so.
      if (!isPhysical(c.tokens[co.head].lemma) || !isPhysical(s.tokens[so.head].lemma)) continue;
      const conflict = substitution(c, v + 1, co.head, s, w + 1, so.head);
      if (conflict) return conflict;
    }
  }
  return undefined;
}

/** The text of tokens `from` to `to` of `a`, determiners at the start left out. */
function phrase(a: Analysis, from: number, to: number): { start: number; end: number; text: string } {
  let k = from;
  while (k < to && a.tokens[k].pos === 'DET') k++;
  const start = a.tokens[k].start;
  const end = a.tokens[to].end;
  return { start, end, text: a.text.slice(start - a.start, end - a.start) };
}

/**
 * The conflict of the claim item from token `cFrom` to its head `cHead`
 * against the source item from `sFrom` to `sHead`, unless the source item is
 * the claim's own word or a word for the same thing.
 */
function substitution(c: Analysis, cFrom: number, cHead: number, s: Analysis, sFrom: number, sHead: number): Conflict | undefined {
  const item = c.tokens[cHead];
  const rival = s.tokens[sHead];
  if (rival.lemma === item.lemma || c.tokens.some((x) => x.lemma === rival.lemma)) return undefined;
  // A word for the same thing ("growth and achievement" / "growth and success") is a paraphrase, not another item.
  const r = relation(item.lemma, 'NOUN', rival.lemma, 'NOUN');
  if (r !== undefined && r !== 'cohyponym' && r !== 'antonym') return undefined;
  const found = phrase(c, cFrom, cHead);
  return { kind: 'entity', start: found.start, end: found.end, found: found.text, expected: phrase(s, sFrom, sHead).text };
}

/** A claim noun listed after a noun the source lists with another item in its place. */
export function compareListItems(t: Tally, c: Analysis, s: Analysis): void {
  const sLemmas = new Set(s.tokens.filter((x) => x.pos === 'NOUN').map((x) => x.lemma));
  for (let i = 2; i < c.tokens.length; i++) {
    const item = c.tokens[i];
    const before = c.tokens[i - 2];
    if (item.pos !== 'NOUN' || !JOINERS.has(c.tokens[i - 1].lower) || before.pos !== 'NOUN' || sLemmas.has(item.lemma)) continue;
    // The claim's item must be the whole item, its head, and not quoted (quotations are compared word by word).
    if (itemHead(c, i) !== i || c.quotes.some((q) => q.start <= item.start && item.end <= q.end)) continue;
    for (let j = 0; j + 2 < s.tokens.length; j++) {
      if (s.tokens[j].lemma !== before.lemma || s.tokens[j].pos !== 'NOUN' || !JOINERS.has(s.tokens[j + 1].lower)) continue;
      if (s.quotes.some((q) => q.start <= s.tokens[j].start && s.tokens[j].end <= q.end)) continue;
      const h = itemHead(s, j + 2);
      if (h < 0) continue;
      const conflict = substitution(c, i, i, s, j + 2, h);
      if (conflict) {
        t.conflicts.push(conflict);
        return;
      }
    }
  }
  const object = objectConflict(c, s, sLemmas);
  if (object) t.conflicts.push(object);
}
