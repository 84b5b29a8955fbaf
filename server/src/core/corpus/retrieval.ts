import Fuse from 'fuse.js';

/**
 * Candidate retrieval. An inverted index from frame terms to sentences finds
 * the few dozen sentences that share the claim's rarest terms; fuse.js then
 * reranks only those, so the cost per claim does not grow with the corpus
 * (fuse.js over every sentence costs ~0.14 ms per sentence per query).
 *
 * The index lives in typed arrays (no object per sentence or posting), so a
 * million sentences fit in memory: a forward store of every sentence's terms
 * (in order, as term ids) and, after {@link TermIndex.freeze}, the postings of
 * each term in one flat array.
 */

/** How many candidates the index hands to the reranker. */
export const CANDIDATES = 40;
/** Postings longer than this are too common to be worth walking. */
export const MAX_POSTINGS = 20000;
/** How many of the claim's rarest terms are looked up. */
export const QUERY_TERMS = 10;

/** Inverse document frequency of a term found in `df` of `sentences` sentences (unseen terms get the highest value). */
export function idfOf(df: number, sentences: number): number {
  return Math.log(1 + (sentences + 1) / (df + 0.5));
}

function grow<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}

export class TermIndex {
  private readonly termIds = new Map<string, number>();
  private readonly vocab: string[] = [];
  /** Document frequency of each term id. */
  private df = new Int32Array(1024);
  /** Last sentence that counted each term id (dedupes terms within a sentence). */
  private seen = new Int32Array(1024).fill(-1);
  /** Forward store: the terms of sentence i are fwd[fwdStart[i] .. fwdStart[i + 1]). */
  private fwd = new Int32Array(4096);
  private fwdStart = new Int32Array(1024);
  private fwdLen = 0;
  /** Postings (after freeze): sentences of term t are post[postStart[t] .. postStart[t + 1]). */
  private post = new Int32Array(0);
  private postStart = new Int32Array(1);
  private size = 0;
  private frozen = false;
  /** Scratch space of {@link candidates}. */
  private scores = new Float64Array(0);
  private touched = new Int32Array(0);

  /** The id of `term`, adding it to the vocabulary when new. */
  intern(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.vocab.length;
      this.termIds.set(term, t);
      this.vocab.push(term);
      if (t >= this.df.length) {
        this.df = grow(this.df, t + 1);
        const seen = new Int32Array(this.df.length).fill(-1);
        seen.set(this.seen);
        this.seen = seen;
      }
    }
    return t;
  }

  /** Adds the next sentence; ids are given in order 0, 1, 2 ... */
  add(id: number, terms: readonly string[]): void {
    const ids = new Int32Array(terms.length);
    for (let k = 0; k < terms.length; k++) ids[k] = this.intern(terms[k]);
    this.addIds(id, ids);
  }

  /** Adds the next sentence by term ids (from {@link intern}). */
  addIds(id: number, ids: ArrayLike<number>): void {
    if (this.frozen) throw new Error('TermIndex changed after freeze()');
    if (id !== this.size) throw new Error(`TermIndex: sentence ${id} added out of order (expected ${this.size})`);
    this.fwd = grow(this.fwd, this.fwdLen + ids.length);
    this.fwdStart = grow(this.fwdStart, id + 2);
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k];
      this.fwd[this.fwdLen++] = t;
      if (this.seen[t] !== id) {
        this.seen[t] = id;
        this.df[t]++;
      }
    }
    this.fwdStart[id + 1] = this.fwdLen;
    this.size++;
  }

  /** Marks the index complete and builds the postings; idf values are read from it afterwards. */
  freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    const v = this.vocab.length;
    const start = new Int32Array(v + 1);
    for (let t = 0; t < v; t++) start[t + 1] = start[t] + this.df[t];
    const post = new Int32Array(start[v]);
    const fill = start.slice(0, v);
    this.seen.fill(-1);
    for (let s = 0; s < this.size; s++) {
      for (let k = this.fwdStart[s]; k < this.fwdStart[s + 1]; k++) {
        const t = this.fwd[k];
        if (this.seen[t] === s) continue;
        this.seen[t] = s;
        post[fill[t]++] = s;
      }
    }
    this.post = post;
    this.postStart = start;
    // Trim the growth slack of the forward store.
    this.fwd = this.fwd.slice(0, this.fwdLen);
    this.fwdStart = this.fwdStart.slice(0, this.size + 1);
    this.seen = new Int32Array(0);
  }

  get sentenceCount(): number {
    return this.size;
  }

  get vocabularySize(): number {
    return this.vocab.length;
  }

  /** The frame terms of sentence `id`, in order, as they were added. */
  termsOf(id: number): string[] {
    const out: string[] = [];
    for (let k = this.fwdStart[id]; k < this.fwdStart[id + 1]; k++) out.push(this.vocab[this.fwd[k]]);
    return out;
  }

  /** Term ids of sentence `id` and the vocabulary, for serialising an index. */
  termIdsOf(id: number): Int32Array {
    return this.fwd.subarray(this.fwdStart[id], this.fwdStart[id + 1]);
  }

  termOf(termId: number): string {
    return this.vocab[termId];
  }

  /** Approximate bytes held by the index's arrays (for the bench). */
  get bytes(): number {
    return this.fwd.byteLength + this.fwdStart.byteLength + this.post.byteLength + this.postStart.byteLength + this.df.byteLength;
  }

  /** Every term of the index. */
  vocabulary(): Iterable<string> {
    return this.termIds.keys();
  }

  /** The id of `term`, or undefined when the corpus never uses it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** How many sentences contain `term`. */
  dfOf(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.df[t];
  }

  /** Inverse document frequency of a term (terms never seen get the highest value). */
  idf(term: string): number {
    return idfOf(this.dfOf(term), this.size);
  }

  /** Sentence ids sharing the claim's rarest terms, best first, with their idf-weighted overlap. */
  candidates(terms: string[], limit = CANDIDATES): { id: number; overlap: number }[] {
    if (!this.frozen) throw new Error('TermIndex queried before freeze()');
    const unique = [...new Set(terms)];
    const ranked = unique
      .map((t) => ({ t, id: this.termIds.get(t), idf: this.idf(t) }))
      .filter((x) => x.id !== undefined && this.df[x.id] > 0 && this.df[x.id] <= MAX_POSTINGS)
      .sort((a, b) => b.idf - a.idf)
      .slice(0, QUERY_TERMS);
    if (ranked.length === 0 || limit <= 0) return [];
    if (this.scores.length < this.size) {
      this.scores = new Float64Array(this.size);
      this.touched = new Int32Array(this.size);
    }
    const scores = this.scores;
    const touched = this.touched;
    let n = 0;
    // Scores are summed in the same order as a plain map would, so ties and
    // rounding are exactly those of the straightforward implementation.
    for (const { id, idf } of ranked) {
      for (let k = this.postStart[id!]; k < this.postStart[id! + 1]; k++) {
        const s = this.post[k];
        if (scores[s] === 0) touched[n++] = s;
        scores[s] += idf;
      }
    }
    // Keep the best `limit` (score descending, then id ascending) without sorting everything.
    const topIds: number[] = [];
    const topScores: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = touched[i];
      const sc = scores[s];
      scores[s] = 0;
      const m = topIds.length;
      if (m === limit && (sc < topScores[m - 1] || (sc === topScores[m - 1] && s > topIds[m - 1]))) continue;
      let j = m < limit ? m : m - 1;
      while (j > 0 && (topScores[j - 1] < sc || (topScores[j - 1] === sc && topIds[j - 1] > s))) {
        if (j < limit) {
          topIds[j] = topIds[j - 1];
          topScores[j] = topScores[j - 1];
        }
        j--;
      }
      topIds[j] = s;
      topScores[j] = sc;
    }
    return topIds.map((id, k) => ({ id, overlap: topScores[k] }));
  }
}

/**
 * Near matches for words the corpus never uses, with fuse.js (Bitap): it
 * forgives spelling variants that exact term matching misses ("armoured" /
 * "armored", "Vladivostock" / "Vladivostok"). A word is compared only with
 * corpus words of the same initial and nearly the same length, so one lookup
 * costs a few hundred comparisons at most, and each word is looked up once.
 */
export class NearTerms {
  private buckets?: Map<string, string[]>;
  private readonly memo = new Map<string, Map<string, number>>();

  constructor(private readonly vocabulary: () => Iterable<string>) {}

  /** Corpus words that `term` nearly matches, with how closely (0..1). */
  of(term: string): Map<string, number> {
    let hits = this.memo.get(term);
    if (hits) return hits;
    hits = new Map();
    if (term.length >= 4 && !term.startsWith('@') && !term.startsWith('q:') && !term.startsWith('v:')) {
      const pool: string[] = [];
      for (let len = term.length - 2; len <= term.length + 2; len++) pool.push(...(this.bucketed().get(term[0] + len) ?? []));
      if (pool.length) {
        const fuse = new Fuse(pool, { includeScore: true, ignoreLocation: true, threshold: NEAR_THRESHOLD, minMatchCharLength: 3 });
        for (const r of fuse.search(term.slice(0, 32))) hits.set(r.item, 1 - (r.score ?? 1));
      }
    }
    if (this.memo.size > 100000) this.memo.clear();
    this.memo.set(term, hits);
    return hits;
  }

  private bucketed(): Map<string, string[]> {
    if (!this.buckets) {
      this.buckets = new Map();
      for (const w of this.vocabulary()) {
        if (w.length < 4 || w.startsWith('@') || w.startsWith('q:') || w.startsWith('v:')) continue;
        const key = w[0] + w.length;
        const list = this.buckets.get(key);
        if (list) list.push(w);
        else this.buckets.set(key, [w]);
      }
    }
    return this.buckets;
  }
}

/** Bitap score (0 exact .. 1 no match) under which two terms count as near matches. */
const NEAR_THRESHOLD = 0.25;
