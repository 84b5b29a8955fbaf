import Fuse from 'fuse.js';

/**
 * Candidate retrieval. An inverted index from frame terms to sentences finds
 * the few dozen sentences that share the claim's rarest terms; fuse.js then
 * reranks only those, so the cost per claim does not grow with the corpus
 * (fuse.js over every sentence costs ~0.14 ms per sentence per query).
 */

/** How many candidates the index hands to the reranker. */
const CANDIDATES = 40;
/** Postings longer than this are too common to be worth walking. */
const MAX_POSTINGS = 20000;
/** How many of the claim's rarest terms are looked up. */
const QUERY_TERMS = 10;

export class TermIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly termCounts: number[] = [];
  private size = 0;
  private frozen = false;

  add(id: number, terms: string[]): void {
    const unique = new Set(terms);
    for (const t of unique) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(id);
    }
    this.termCounts[id] = unique.size;
    this.size++;
  }

  /** Marks the index complete; idf values are read from it afterwards. */
  freeze(): void {
    this.frozen = true;
  }

  get sentenceCount(): number {
    return this.size;
  }

  get vocabularySize(): number {
    return this.postings.size;
  }

  /** Inverse document frequency of a term (terms never seen get the highest value). */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size + 1) / (df + 0.5));
  }

  /** Sentence ids sharing the claim's rarest terms, best first, with their idf-weighted overlap. */
  candidates(terms: string[], limit = CANDIDATES): { id: number; overlap: number }[] {
    if (!this.frozen) throw new Error('TermIndex queried before freeze()');
    const unique = [...new Set(terms)];
    const ranked = unique
      .map((t) => ({ t, list: this.postings.get(t), idf: this.idf(t) }))
      .filter((x) => x.list && x.list.length <= MAX_POSTINGS)
      .sort((a, b) => b.idf - a.idf)
      .slice(0, QUERY_TERMS);
    const scores = new Map<number, number>();
    for (const { list, idf } of ranked) for (const id of list!) scores.set(id, (scores.get(id) ?? 0) + idf);
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id, overlap]) => ({ id, overlap }));
  }
}

/**
 * Fuzzy similarity of a claim's frame to each candidate's frame, 0..1, with
 * fuse.js (Bitap): it forgives spelling variants and small inflections that
 * exact term matching misses.
 */
export function fuzzyScores(claimFrame: string, candidateFrames: string[]): number[] {
  const scores = new Array<number>(candidateFrames.length).fill(0);
  if (!claimFrame || candidateFrames.length === 0) return scores;
  const fuse = new Fuse(candidateFrames, { includeScore: true, ignoreLocation: true, threshold: 0.6, minMatchCharLength: 3 });
  // Bitap patterns are limited to 32 characters, so the frame is matched word by word.
  const words = [...new Set(claimFrame.split(' ').filter((w) => w.length >= 3))];
  if (words.length === 0) return scores;
  for (const w of words) {
    for (const r of fuse.search(w)) scores[r.refIndex] += 1 - (r.score ?? 1);
  }
  return scores.map((s) => s / words.length);
}
