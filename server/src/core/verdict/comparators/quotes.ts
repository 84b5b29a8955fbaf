import type { Analysis, Quote } from '../../analysis/facts';
import type { Conflict, Tally } from './comparison';
import { normaliseWord } from '../../analysis/words';

/**
 * Quotations, word by word: a changed word is a misquote, quoting part of a
 * longer quotation is faithful.
 */

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

/** The sentence's words, normalised as quotation words are, joined by spaces and padded. */
const wordsMemo = new WeakMap<Analysis, string>();
function sentenceWords(s: Analysis): string {
  let w = wordsMemo.get(s);
  if (w === undefined) wordsMemo.set(s, (w = ` ${(s.text.match(/[\p{L}\p{N}’']+/gu) ?? []).map(normaliseWord).join(' ')} `));
  return w;
}

/** Claim quotations against the sentence's: the closest one decides. */
export function compareQuotes(t: Tally, c: Analysis, s: Analysis): void {
  for (const cq of c.quotes) {
    let best: { same: boolean; conflicts: Conflict[] } | undefined;
    for (const sq of s.quotes) {
      const r = compareQuote(cq, sq, s.text, s.start);
      if (r && (!best || (r.same && !best.same) || r.conflicts.length < best.conflicts.length)) best = r;
    }
    // Words the source says without quotation marks are still its words: a
    // claim that quotes them ("colour distribution technician" for a line of
    // dialogue, a phrase of a report) quotes the source faithfully.
    if (!best && sentenceWords(s).includes(` ${cq.words.map((w) => w.w).join(' ')} `)) best = { same: true, conflicts: [] };
    if (!best) t.novel.push({ text: `“${cq.text}”` });
    else if (best.conflicts.length === 0) {
      t.supported++;
      t.confirmed.push(cq);
    } else t.conflicts.push(...best.conflicts);
  }
}
