import { CONTEXT } from '../verdict/checker';
import { Corpus, LazyAnalysis, frameTerms } from './corpus';
import { proseOf } from '../analysis/draft';
import { analyse, isCheckWorthy, parseDocDate, type Analysis } from '../analysis/facts';
import { sentencesOf, type Token } from '../analysis/nlp';
import { queryKey } from '../analysis/valueKeys';
import { CANDIDATES, MAX_POSTINGS, QUERY_TERMS, TermIndex, idfOf } from './retrieval';
import type { Range, SentenceIds, SourceSentence } from '../types';

/**
 * A *slice* of a corpus that lives elsewhere (a database): the few hundred
 * sentences a draft's claims can reach, with their documents' paths, dates and
 * exact ranges, and idf figures of the whole corpus. The {@link Checker} runs
 * on it unchanged, so a remote backend gives the same verdicts as the
 * in-memory one; only candidate retrieval is done by the backend.
 *
 * The retrieval constants are those of `retrieval.ts` and `checker.ts`, so
 * that the backend asks for exactly what the Checker will use.
 */

/** How many candidates retrieval hands on per claim. */
export const SLICE_CANDIDATES = CANDIDATES;
/** Terms with more postings than this are not looked up. */
export const SLICE_MAX_POSTINGS = MAX_POSTINGS;
/** How many of a claim's rarest terms are looked up. */
export const SLICE_QUERY_TERMS = QUERY_TERMS;
/** Neighbours on each side the checker reads for context. */
export const SLICE_CONTEXT = CONTEXT;

/**
 * The frame terms (unique, in order) of every check-worthy claim of a draft,
 * as the Checker will see them, in the order of its results.
 */
export function draftClaimTerms(text: string, languageId = 'markdown'): string[][] {
  const prose = proseOf(text, languageId);
  const out: string[][] = [];
  for (const block of prose.blocks) {
    const body = prose.masked.slice(block.start, block.end);
    for (const s of sentencesOf(body)) {
      const a = analyse(s.tokens, body);
      if (!isCheckWorthy(a)) continue;
      out.push([...new Set(a.terms)]);
    }
  }
  return out;
}

/**
 * The value keys (see valueKeys.ts) of every check-worthy claim's values: the
 * checker asks the whole corpus whether any source states them, so a remote
 * backend must know their document frequencies too.
 */
export function draftValueKeys(text: string, languageId = 'markdown'): string[] {
  const prose = proseOf(text, languageId);
  const out = new Set<string>();
  for (const block of prose.blocks) {
    const body = prose.masked.slice(block.start, block.end);
    for (const s of sentencesOf(body)) {
      const a = analyse(s.tokens, body);
      if (isCheckWorthy(a)) for (const v of a.values) out.add(queryKey(v));
    }
  }
  return [...out];
}

/** The key under which a claim's candidates are given to a slice. */
export function claimKey(terms: readonly string[]): string {
  return terms.join('\u0000');
}

/**
 * The terms retrieval looks up for a claim, rarest first, with their idf — the
 * same choice {@link TermIndex.candidates} makes. `df` gives corpus-wide
 * document frequencies (0 or undefined for unknown terms).
 */
export function queryTerms(terms: readonly string[], df: (t: string) => number, sentences: number): { term: string; idf: number }[] {
  return [...new Set(terms)]
    .map((t) => ({ term: t, df: df(t), idf: idfOf(df(t), sentences) }))
    .filter((x) => x.df > 0 && x.df <= SLICE_MAX_POSTINGS)
    .sort((a, b) => b.idf - a.idf)
    .slice(0, SLICE_QUERY_TERMS)
    .map(({ term, idf }) => ({ term, idf }));
}

/**
 * Ranks candidates as {@link TermIndex.candidates} does: idf of the matched
 * query terms summed in rank order, best first, ties by corpus order.
 * `matched` lists, per sentence, the indexes (into `query`) of its terms;
 * `order` compares two sentences' positions in the corpus.
 */
export function rankCandidates<T>(query: { idf: number }[], matched: { ref: T; ks: number[] }[], order: (a: T, b: T) => number, limit = SLICE_CANDIDATES): { ref: T; overlap: number }[] {
  const scored = matched.map((m) => {
    const ks = [...new Set(m.ks)].sort((a, b) => a - b);
    let overlap = 0;
    for (const k of ks) overlap += query[k].idf;
    return { ref: m.ref, overlap };
  });
  scored.sort((a, b) => b.overlap - a.overlap || order(a.ref, b.ref));
  return scored.slice(0, limit);
}

/** A document of a slice. */
export interface SliceDocumentInput {
  path: string;
  uri: string;
  date?: string;
  /** How many sentences the whole document has. */
  sentenceCount: number;
  /** How much the whole document reads as written text (see `writtenShare`), when the backend knows it. */
  written?: number;
}

/** A sentence of a slice, with the paragraph it was analysed in. */
export interface SliceSentenceInput {
  /** Index into the slice's documents. */
  doc: number;
  /** Position of the sentence in its document (0-based). */
  ordinal: number;
  start: number;
  end: number;
  range: Range;
  text: string;
  trust: number;
  terms: string[];
  /** The paragraph (line) holding the sentence: its offset in the document and its text. */
  paragraph?: { start: number; text: string };
}

/** Full analyses of remote sentences, shared across slices (the backend keeps one per database). */
export class AnalysisMemo {
  private readonly map = new Map<string, Analysis>();
  constructor(private readonly limit = 50_000) {}
  get(key: string): Analysis | undefined {
    return this.map.get(key);
  }
  set(key: string, a: Analysis): void {
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, a);
  }
  clear(): void {
    this.map.clear();
  }
}

/** Corpus-wide figures a slice scores with. */
export interface SliceStats {
  /** Sentences in the whole corpus. */
  sentences: number;
  /** Document frequency of the claims' terms in the whole corpus. */
  df: ReadonlyMap<string, number>;
}

/** An index that answers from corpus-wide figures and candidates chosen by the backend. */
class SliceIndex extends TermIndex {
  constructor(
    private readonly stats: SliceStats,
    private readonly sentenceTerms: string[][],
    private readonly chosen: ReadonlyMap<string, { id: number; overlap: number }[]>,
  ) {
    super();
    // The slice's own sentences are indexed too, so that the checker can read
    // their term ids; document frequencies still come from the whole corpus.
    sentenceTerms.forEach((terms, id) => this.add(id, terms));
    this.freeze();
  }
  override get sentenceCount(): number {
    return this.stats.sentences;
  }
  override dfOf(term: string): number {
    return this.stats.df.get(term) ?? 0;
  }
  override idf(term: string): number {
    return idfOf(this.dfOf(term), this.stats.sentences);
  }
  /**
   * The terms of the slice's sentences. Near-spelling credit only counts for
   * terms a candidate has, and fuse.js scores each word on its own, so this
   * gives the same credit as the whole corpus vocabulary would.
   */
  override vocabulary(): Iterable<string> {
    const all = new Set<string>();
    for (const terms of this.sentenceTerms) for (const t of terms) all.add(t);
    return all;
  }
  override termsOf(id: number): string[] {
    return this.sentenceTerms[id] ? [...this.sentenceTerms[id]] : [];
  }
  override candidates(terms: string[], limit = SLICE_CANDIDATES): { id: number; overlap: number }[] {
    return (this.chosen.get(claimKey([...new Set(terms)])) ?? []).slice(0, limit);
  }
}

/**
 * A corpus made of given sentences (ids 0..n-1 in the order given, which must
 * be corpus order) instead of source texts.
 */
export class SliceCorpus extends Corpus {
  declare readonly index: TermIndex;
  private readonly rows: SliceSentenceInput[];
  private readonly objects: SourceSentence[] = [];
  private readonly totals: { documents: number; sentences: number };

  /**
   * @param candidates per {@link claimKey} of a claim, its candidates as indexes into `sentences`
   * @param keyOf a stable key of a sentence for `memo` (database ids)
   */
  constructor(
    docs: SliceDocumentInput[],
    sentences: SliceSentenceInput[],
    stats: SliceStats & { documents: number },
    candidates: ReadonlyMap<string, { id: number; overlap: number }[]>,
    private readonly memo: AnalysisMemo = new AnalysisMemo(),
    private readonly keyOf: (s: SliceSentenceInput) => string = (s) => `${docs[s.doc].path}\u0000${s.ordinal}`,
  ) {
    super();
    this.rows = sentences;
    this.totals = { documents: stats.documents, sentences: stats.sentences };
    (this as { index: TermIndex }).index = new SliceIndex(stats, sentences.map((s) => s.terms), candidates);
    const byDoc = docs.map(() => new Map<number, number>());
    sentences.forEach((s, id) => byDoc[s.doc].set(s.ordinal, id));
    docs.forEach((d, i) => {
      this.documents.push({
        index: i,
        path: d.path,
        uri: d.uri,
        text: '',
        ...(d.date ? { date: d.date } : {}),
        ...(d.written !== undefined ? { written: d.written } : {}),
        sentenceIds: new SparseIds(byDoc[i], d.sentenceCount),
      });
    });
    sentences.forEach((s, id) => {
      this.objects.push({ id, docIndex: s.doc, start: s.start, end: s.end, range: s.range, text: s.text, trust: s.trust });
    });
  }

  /** Figures of the whole remote corpus. */
  override get stats(): { documents: number; sentences: number } {
    return this.totals;
  }

  /** Sentences held by this slice. */
  get size(): number {
    return this.rows.length;
  }

  override sentence(id: number): SourceSentence | undefined {
    return this.objects[id];
  }

  /** The sentence's stored frame terms, with the rest of its analysis made on first use (retrieval reads only terms). */
  override analysis(id: number): Analysis {
    const s = this.rows[id];
    if (!s) return emptyAnalysis('', 0, 0);
    let a = this.lazyAnalyses.get(id);
    if (!a) this.lazyAnalyses.set(id, (a = new LazyAnalysis(() => this.fullAnalysis(id), frameTerms(s.terms), s.text)));
    return a;
  }

  override fullAnalysis(id: number): Analysis {
    const s = this.rows[id];
    if (!s) return emptyAnalysis('', 0, 0);
    const key = this.keyOf(s);
    let full = this.memo.get(key);
    if (!full) {
      full = fullAnalysis(s, this.documents[s.doc]?.date);
      this.memo.set(key, full);
    }
    return full;
  }

  private readonly lazyAnalyses = new Map<number, Analysis>();
}

/**
 * The analysis of a sentence in its paragraph, as Corpus.fullAnalysis makes it
 * (offsets relative to the paragraph; the checker only compares them with each other).
 */
function fullAnalysis(s: SliceSentenceInput, date: string | undefined): Analysis {
  const p = s.paragraph;
  if (!p) {
    // No paragraph text: the sentence on its own is the best that can be done.
    const toks = sentencesOf(s.text).flatMap((x) => x.tokens);
    return toks.length ? analyse(toks, s.text, parseDocDate(date)) : emptyAnalysis(s.text, 0, s.text.length);
  }
  const from = s.start - p.start;
  const to = s.end - p.start;
  let tokens = paragraphTokens.get(p.text);
  if (!tokens) {
    tokens = sentencesOf(p.text).flatMap((x) => x.tokens);
    if (paragraphTokens.size >= 2000) paragraphTokens.delete(paragraphTokens.keys().next().value as string);
    paragraphTokens.set(p.text, tokens);
  }
  const own: Token[] = tokens.filter((t) => t.start >= from && t.start < to && t.end <= to);
  return own.length ? analyse(own, p.text, parseDocDate(date)) : emptyAnalysis(p.text, from, to);
}

/** Tokens of recently analysed paragraphs: a paragraph's sentences are usually analysed together. */
const paragraphTokens = new Map<string, Token[]>();

function emptyAnalysis(text: string, from: number, to: number): Analysis {
  return { ...analyse([], text), start: from, end: to, text: text.slice(from, to) };
}

/**
 * The sentence ids of a slice's document: the ordinals of the sentences the
 * slice fetched map to their ids, the others read -1.
 */
class SparseIds implements SentenceIds {
  private readonly ordinalOf = new Map<number, number>();

  constructor(
    private readonly byOrdinal: Map<number, number>,
    readonly length: number,
  ) {
    for (const [ord, id] of byOrdinal) this.ordinalOf.set(id, ord);
  }

  at(k: number): number | undefined {
    if (k < 0 || k >= this.length) return undefined;
    return this.byOrdinal.get(k) ?? -1;
  }

  indexOf(id: number): number {
    return this.ordinalOf.get(id) ?? -1;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let k = 0; k < this.length; k++) yield this.byOrdinal.get(k) ?? -1;
  }
}
