import type { Analysis } from '../../analysis/facts';
import type { Tally } from './comparison';

/**
 * Ranks: a superlative with its ordinal ("the second most powerful man",
 * "the world's third-biggest oil producer") against the same superlative of
 * the same noun with another rank. A definite superlative without an ordinal
 * ("the most powerful man") is the first: "the largest economy" and "the
 * second-largest economy" are two ranks, though the first has no ordinal
 * for the value comparator to see.
 */

/** Words that make a superlative definite: "the largest", "its largest", "the world's largest". */
const DEFINITE = new Set(['the', "'s", '’s', 'its', 'their', 'his', 'her', 'our', 'my', 'your']);

interface Rank {
  /** The superlative and the noun it ranks: "most powerful|man", "large|economy". */
  key: string;
  rank: number;
  /** Tokens of the rank phrase: its ordinal (if any) to the superlative's last word. */
  from: number;
  to: number;
}

/** The superlative at token `k` of `a` ("largest", "most powerful"), with the index of its last word. */
function superlativeAt(a: Analysis, k: number): { key: string; last: number } | undefined {
  const t = a.tokens[k];
  const next = a.tokens[k + 1];
  if ((t.lower === 'most' || t.lower === 'least') && next?.pos === 'ADJ') return { key: `${t.lower} ${next.lemma}`, last: k + 1 };
  if (t.pos === 'ADJ' && (t.lower === 'best' || t.lower === 'worst')) return { key: t.lower, last: k };
  // An -est form of an adjective, which the lemmatiser takes back to the adjective ("largest" is "large").
  if (t.pos === 'ADJ' && t.lower.endsWith('est') && t.lemma !== t.lower) return { key: t.lemma, last: k };
  return undefined;
}

/** The ranks a sentence states: each superlative of a noun, with its ordinal or, when definite and without one, the first. */
function ranksOf(a: Analysis): Rank[] {
  const out: Rank[] = [];
  for (let k = 1; k < a.tokens.length; k++) {
    const sup = superlativeAt(a, k);
    if (!sup) continue;
    // The noun it ranks: the last noun of the run after it ("oil producer").
    let head = -1;
    for (let j = sup.last + 1; j < Math.min(a.tokens.length, sup.last + 4) && a.tokens[j].pos === 'NOUN'; j++) head = j;
    if (head < 0) continue;
    let before = k - 1;
    if (/^[-‐]$/.test(a.tokens[before].text) && before > 0) before--;
    const ord = a.values.find((v) => v.type === 'ordinal' && v.start === a.tokens[before].start);
    const key = `${sup.key}|${a.tokens[head].lemma}`;
    if (ord?.num !== undefined) out.push({ key, rank: ord.num, from: before, to: sup.last });
    // "One of the largest" ranks nothing.
    else if (DEFINITE.has(a.tokens[k - 1].lower) && !(a.tokens[k - 1].lower === 'the' && a.tokens[k - 2]?.lower === 'of'))
      out.push({ key, rank: 1, from: k, to: sup.last });
  }
  return out;
}

/** A claim's rank against the source's rank of the same superlative and noun. */
export function compareRanks(t: Tally, c: Analysis, s: Analysis): void {
  const cr = ranksOf(c);
  if (!cr.length) return;
  const sr = ranksOf(s);
  for (const x of cr) {
    const y = sr.find((r) => r.key === x.key);
    if (!y || y.rank === x.rank) continue;
    const start = c.tokens[x.from].start;
    const end = c.tokens[x.to].end;
    // The value comparator may have found it already (two ordinals).
    if (t.conflicts.some((k) => k.start < end && start < k.end)) continue;
    const text = (a: Analysis, r: Rank): string => a.text.slice(a.tokens[r.from].start - a.start, a.tokens[r.to].end - a.start);
    t.conflicts.push({ kind: 'ordinal', start, end, found: text(c, x), expected: text(s, y) });
    // The rank's ordinal is no fact the sentence is silent on: it states another rank.
    for (let i = t.novel.length - 1; i >= 0; i--) {
      const v = t.novel[i].value;
      if (v && v.start >= start && v.end <= end) t.novel.splice(i, 1);
    }
    return;
  }
}
