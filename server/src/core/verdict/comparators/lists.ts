import type { Analysis } from '../../analysis/facts';
import type { Tally } from './comparison';
import type { Token } from '../../analysis/nlp';
import { relation } from '../../analysis/wordnet';

/**
 * Items of a list: a thing listed after the same thing in both sentences
 * ("artillery shells and tanks" / "artillery shells and anti-tank missiles")
 * stands in one slot, so another thing there is a substitution. Names have
 * their own list rule (entities.ts); this one reads common nouns.
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
      const rival: Token = s.tokens[h];
      if (rival.lemma === item.lemma || c.tokens.some((x) => x.lemma === rival.lemma)) continue;
      // A word for the same thing ("growth and achievement" / "growth and success") is a paraphrase, not another item.
      const r = relation(item.lemma, 'NOUN', rival.lemma, 'NOUN');
      if (r !== undefined && r !== 'cohyponym' && r !== 'antonym') continue;
      t.conflicts.push({
        kind: 'entity',
        start: item.start,
        end: item.end,
        found: item.text,
        expected: s.text.slice(s.tokens[j + 2].start - s.start, rival.end - s.start),
      });
      return;
    }
  }
}
