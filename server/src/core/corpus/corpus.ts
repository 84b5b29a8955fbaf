import { analyse, parseDocDate, type Analysis } from '../analysis/facts';
import type { Value } from '../analysis/values';
import { isValueKey, queryKey, valueTerms } from '../analysis/valueKeys';
import { commonWords, fastSentences } from '../analysis/fastTerms';
import { sentencesOf, type Token } from '../analysis/nlp';
import { LineIndex } from '../positions';
import { TermIndex } from './retrieval';
import type { CancellationSignal, SourceDocument, SourceInput, SourceSentence } from '../types';

/**
 * The source corpus: documents split into sentences with exact locations and
 * an inverted index over their frame terms. Building it is the expensive step;
 * checking a draft only reads it.
 *
 * Only what retrieval needs is built up front: sentence boundaries, trust and
 * frame terms, kept in typed arrays. A sentence's full analysis (values,
 * entities, lemmas ...) is computed on first use — the checker compares a
 * claim with a few dozen sentences — and memoised. Small corpora are indexed
 * with the full analysis (exact terms); large ones with a fast, rule-based
 * term extractor (see fastTerms.ts). The per-file results can be kept in a
 * {@link FileIndexStore} (on disk, in the Node adapter `node/indexCache.ts`),
 * keyed by the file's text, so an unchanged corpus loads without re-indexing.
 */

const DATE_HEADER = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})\b/;

/** Lines that open a section of reader comments: text after them is trusted less. */
const COMMENTS_MARKER = /\bI'm a bot\b|^\s*(reader\s+)?comments?\s*(\(\d+\))?\s*:?\s*$/im;

/** Trust of sentences in the body of a document and in its reader comments. */
export const TRUST_ARTICLE = 1;
export const TRUST_COMMENT = 0.4;

/** Corpora up to this many characters (~2,500 sentences) are indexed with the full analysis. */
export const EXACT_MAX_CHARS = 300_000;
/** Full analyses kept in memory at most, for corpora indexed the fast way. */
const FULL_CACHE = 20_000;
/** Sentence objects kept in memory at most. */
const SENTENCE_CACHE = 20_000;

/** The index of one source file: what a {@link FileIndexStore} keeps. */
export interface FileIndex {
  /** Sentence offsets into the file text. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where the sentence is trusted less (reader comments, first person). */
  lowTrust: Uint8Array;
  /** Terms of sentence i: vocab[termIds[termStart[i] .. termStart[i + 1])]. */
  termStart: Int32Array;
  termIds: Int32Array;
  vocab: string[];
}

/**
 * Keeps file indexes between builds, keyed by the file's text and the indexing
 * mode. The engine only asks and tells; where they are kept (a folder on disk,
 * see `node/indexCache.ts`) is the caller's choice.
 */
export interface FileIndexStore {
  /** The key of a source text indexed in `mode`. */
  key(text: string, mode: 'exact' | 'fast'): string;
  read(key: string): FileIndex | undefined;
  /** Keeps an entry; a failure only costs the cache. */
  write(key: string, index: FileIndex): void;
  /** Entries read so far. */
  readonly hits: number;
}

export interface CorpusOptions {
  /** Where file indexes are kept between builds; none by default. */
  cache?: FileIndexStore;
  /**
   * `exact`: index with the full analysis of every sentence (as the checker
   * analyses claims); `fast`: rule-based terms, ~50× quicker; `auto` (default):
   * exact up to {@link EXACT_MAX_CHARS} characters.
   */
  indexing?: 'auto' | 'exact' | 'fast';
  /** Told after each document is indexed: how many are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** How long {@link Corpus.fromSourcesAsync} indexes before it gives the event loop a turn. */
const YIELD_MS = 20;

/** How a corpus was built, for logs and the bench. */
export interface BuildInfo {
  mode: 'exact' | 'fast';
  files: number;
  cacheHits: number;
  cacheWrites: number;
  ms: number;
}

export class Corpus {
  readonly documents: SourceDocument[] = [];
  readonly index = new TermIndex();
  build: BuildInfo = { mode: 'exact', files: 0, cacheHits: 0, cacheWrites: 0, ms: 0 };

  private count = 0;
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private docOf = new Int32Array(1024);
  private lowTrust = new Uint8Array(1024);
  /** Per document: the parsed date and where the body starts (after the date header). */
  private readonly docDates: (Date | undefined)[] = [];
  private readonly bodyStarts: number[] = [];
  private readonly lineIndexes = new Map<number, LineIndex>();
  /** Full analyses: all of them when indexed exactly in this run, else a bounded memo. */
  private readonly full = new Map<number, Analysis>();
  private keepAll = false;
  private readonly lazy = new Map<number, Analysis>();
  private readonly sentenceMemo = new Map<number, SourceSentence>();

  /** Each document's sentence ids (the same arrays as its `sentenceIds`), to add to. */
  private readonly docSentenceIds: number[][] = [];

  /**
   * Every sentence, made now: for tests, tools and small corpora. Large
   * corpora keep sentences in typed arrays and make objects on access
   * ({@link sentence}); a million of them would cost ~250 MB.
   */
  sentenceList(): SourceSentence[] {
    return Array.from({ length: this.stats.sentences }, (_, id) => this.sentence(id)!);
  }

  /** Builds a corpus from documents already read into memory. */
  static fromSources(inputs: SourceInput[], token?: CancellationSignal, options: CorpusOptions = {}): Corpus {
    const build = Corpus.builder(inputs, options);
    for (let i = 0; i < inputs.length && !token?.isCancellationRequested; i++) build.add(i);
    return build.finish();
  }

  /**
   * Builds a corpus as {@link fromSources} does, but gives the event loop a
   * turn every {@link YIELD_MS} milliseconds, so a server that indexes a large
   * folder keeps answering requests and can report progress meanwhile.
   */
  static async fromSourcesAsync(inputs: SourceInput[], token?: CancellationSignal, options: CorpusOptions = {}): Promise<Corpus> {
    const build = Corpus.builder(inputs, options);
    let turn = performance.now();
    for (let i = 0; i < inputs.length && !token?.isCancellationRequested; i++) {
      build.add(i);
      if (performance.now() - turn >= YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
    }
    return build.finish();
  }

  /** The shared steps of a build: the indexing mode and cache, adding the i-th input, and freezing the index. */
  private static builder(inputs: SourceInput[], options: CorpusOptions): { add(i: number): void; finish(): Corpus } {
    const t0 = performance.now();
    const corpus = new Corpus();
    const want = options.indexing ?? 'auto';
    let chars = 0;
    for (const i of inputs) chars += i.text.length;
    const mode: 'exact' | 'fast' = want === 'auto' ? (chars <= EXACT_MAX_CHARS ? 'exact' : 'fast') : want;
    corpus.keepAll = mode === 'exact';
    const cache = options.cache;
    let writes = 0;
    let done = 0;
    return {
      add(i: number): void {
        const input = inputs[i];
        const key = cache?.key(input.text, mode);
        const cached = cache && key ? cache.read(key) : undefined;
        const made = corpus.add(input, mode, cached);
        if (cache && key && !cached && made) {
          cache.write(key, made);
          writes++;
        }
        options.onProgress?.(++done, inputs.length);
      },
      finish(): Corpus {
        corpus.index.freeze();
        corpus.build = { mode, files: inputs.length, cacheHits: cache?.hits ?? 0, cacheWrites: writes, ms: performance.now() - t0 };
        return corpus;
      },
    };
  }

  /**
   * The analysis of sentence `id`. Its frame terms are the indexed ones; the
   * rest is computed on first use (for its whole paragraph) and memoised.
   */
  analysis(id: number): Analysis {
    if (this.keepAll) {
      const a = this.full.get(id);
      if (a) return a;
    }
    let a = this.lazy.get(id);
    if (!a) {
      a = new LazyAnalysis(() => this.fullAnalysis(id), frameTerms(this.index.termsOf(id)), this.documents[this.docOf[id]].text.slice(this.starts[id], this.ends[id]));
      if (this.lazy.size >= FULL_CACHE) this.lazy.delete(this.lazy.keys().next().value as number);
      this.lazy.set(id, a);
    }
    return a;
  }

  /**
   * Whether any source sentence states a value equal to `v`, from the value
   * keys every sentence is indexed under (see valueKeys.ts): the answer is
   * about the whole corpus, never only the candidates of one claim.
   */
  statesValue(v: Value): boolean {
    return this.index.dfOf(queryKey(v)) > 0;
  }

  get stats(): { documents: number; sentences: number } {
    return { documents: this.documents.length, sentences: this.count };
  }

  /** The sentence with id `id` as an object (made on demand, memoised). */
  sentence(id: number): SourceSentence | undefined {
    if (!(id >= 0 && id < this.count && Number.isInteger(id))) return undefined;
    let s = this.sentenceMemo.get(id);
    if (!s) {
      const docIndex = this.docOf[id];
      const doc = this.documents[docIndex];
      let lines = this.lineIndexes.get(docIndex);
      if (!lines) this.lineIndexes.set(docIndex, (lines = new LineIndex(doc.text)));
      const start = this.starts[id];
      const end = this.ends[id];
      s = { id, docIndex, start, end, range: lines.rangeOf(start, end), text: doc.text.slice(start, end), trust: this.lowTrust[id] ? TRUST_COMMENT : TRUST_ARTICLE };
      if (this.sentenceMemo.size >= SENTENCE_CACHE) this.sentenceMemo.delete(this.sentenceMemo.keys().next().value as number);
      this.sentenceMemo.set(id, s);
    }
    return s;
  }

  /** The full analysis of sentence `id` (wink-nlp on its paragraph), memoised with its neighbours. */
  fullAnalysis(id: number): Analysis {
    const hit = this.full.get(id);
    if (hit) return hit;
    const docIndex = this.docOf[id];
    const text = this.documents[docIndex].text;
    const start = this.starts[id];
    // The paragraph is the line holding the sentence, as at indexing.
    let a = start;
    while (a > this.bodyStarts[docIndex] && text.charCodeAt(a - 1) !== 10 && text.charCodeAt(a - 1) !== 13) a--;
    let b = start;
    while (b < text.length && text.charCodeAt(b) !== 10 && text.charCodeAt(b) !== 13) b++;
    const tokens = sentencesOf(text, a, b).flatMap((s) => s.tokens);
    let lo = id;
    while (lo > 0 && this.docOf[lo - 1] === docIndex && this.starts[lo - 1] >= a) lo--;
    let hi = id;
    while (hi + 1 < this.count && this.docOf[hi + 1] === docIndex && this.starts[hi + 1] < b) hi++;
    let k = 0;
    for (let s = lo; s <= hi; s++) {
      const from = this.starts[s];
      const to = this.ends[s];
      while (k < tokens.length && tokens[k].start < from) k++;
      const own: Token[] = [];
      for (let j = k; j < tokens.length && tokens[j].start < to; j++) if (tokens[j].end <= to) own.push(tokens[j]);
      const an = own.length ? analyse(own, text, this.docDates[docIndex]) : { ...analyse([], text), start: from, end: to, text: text.slice(from, to) };
      if (!this.keepAll && this.full.size >= FULL_CACHE) this.full.delete(this.full.keys().next().value as number);
      this.full.set(s, an);
    }
    return this.full.get(id)!;
  }

  private push(docIndex: number, start: number, end: number, low: boolean): number {
    const id = this.count;
    if (id >= this.starts.length) {
      const n = this.starts.length * 2;
      const g = <T extends Int32Array | Uint8Array>(x: T, make: (n: number) => T): T => {
        const y = make(n);
        y.set(x);
        return y;
      };
      this.starts = g(this.starts, (m) => new Int32Array(m));
      this.ends = g(this.ends, (m) => new Int32Array(m));
      this.docOf = g(this.docOf, (m) => new Int32Array(m));
      this.lowTrust = g(this.lowTrust, (m) => new Uint8Array(m));
    }
    this.starts[id] = start;
    this.ends[id] = end;
    this.docOf[id] = docIndex;
    this.lowTrust[id] = low ? 1 : 0;
    this.count++;
    this.docSentenceIds[docIndex].push(id);
    return id;
  }

  /** Adds one document; returns its file index when it was computed here (to cache). */
  private add(input: SourceInput, mode: 'exact' | 'fast', cached: FileIndex | undefined): FileIndex | undefined {
    const text = input.text;
    const header = DATE_HEADER.exec(text);
    const date = header?.[1];
    const docDate = parseDocDate(date);
    const ids: number[] = [];
    const doc: SourceDocument = {
      index: this.documents.length,
      path: input.path,
      uri: input.uri ?? input.path,
      text,
      date,
      sentenceIds: ids,
    };
    this.documents.push(doc);
    this.docSentenceIds.push(ids);
    this.docDates.push(docDate);
    const body = header ? header[0].length : 0;
    this.bodyStarts.push(body);

    if (cached) {
      const local = cached.vocab.map((t) => this.index.intern(t));
      const ids: number[] = [];
      for (let i = 0; i < cached.starts.length; i++) {
        const id = this.push(doc.index, cached.starts[i], cached.ends[i], cached.lowTrust[i] === 1);
        ids.length = 0;
        for (let k = cached.termStart[i]; k < cached.termStart[i + 1]; k++) ids.push(local[cached.termIds[k]]);
        this.index.addIds(id, ids);
      }
      return undefined;
    }

    const commentsAt = (() => {
      const m = COMMENTS_MARKER.exec(text);
      if (!m) return Infinity;
      // Comments begin on the line after the marker.
      const nl = text.indexOf('\n', m.index);
      return nl < 0 ? Infinity : nl + 1;
    })();
    // Lines are the document's paragraphs; a sentence never spans two of them.
    const re = /\r?\n|\r/g;
    let from = body;
    const blocks: [number, number][] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m.index > from) blocks.push([from, m.index]);
      from = m.index + m[0].length;
    }
    if (from < text.length) blocks.push([from, text.length]);

    const first = this.count;
    const vocab = new Map<string, number>();
    const termIds: number[] = [];
    const termStart: number[] = [0];
    const record = (id: number, terms: string[]): void => {
      this.index.add(id, terms);
      for (const t of terms) {
        let v = vocab.get(t);
        if (v === undefined) vocab.set(t, (v = vocab.size));
        termIds.push(v);
      }
      termStart.push(termIds.length);
    };
    if (mode === 'exact') {
      for (const [a, b] of blocks) {
        for (const s of sentencesOf(text, a, b)) {
          const analysis = analyse(s.tokens, text, docDate);
          const id = this.push(doc.index, s.start, s.end, s.start >= commentsAt || analysis.firstPerson);
          this.full.set(id, analysis);
          record(id, [...analysis.terms, ...valueTerms(analysis.values)]);
        }
      }
    } else {
      const common = commonWords(text);
      for (const [a, b] of blocks) {
        for (const s of fastSentences(text, a, b, !!docDate, common, docDate)) {
          const id = this.push(doc.index, s.start, s.end, s.start >= commentsAt || s.firstPerson);
          record(id, s.terms);
        }
      }
    }
    const n = this.count - first;
    return {
      starts: this.starts.slice(first, first + n),
      ends: this.ends.slice(first, first + n),
      lowTrust: this.lowTrust.slice(first, first + n),
      termStart: Int32Array.from(termStart),
      termIds: Int32Array.from(termIds),
      vocab: [...vocab.keys()],
    };
  }
}

/** The frame terms among a sentence's index terms: all but its value keys. */
export function frameTerms(terms: string[]): string[] {
  return terms.filter((t) => !isValueKey(t));
}

/**
 * An analysis whose frame terms are those of the index (so retrieval scores do
 * not depend on which sentences happen to have been analysed) and whose other
 * fields come from the full analysis, computed on first access.
 */
export class LazyAnalysis implements Analysis {
  private f?: Analysis;
  constructor(private readonly make: () => Analysis, readonly terms: string[], readonly surface?: string) {}
  private get a(): Analysis {
    return (this.f ??= this.make());
  }
  get start() { return this.a.start; }
  get end() { return this.a.end; }
  get text() { return this.a.text; }
  get tokens() { return this.a.tokens; }
  get values() { return this.a.values; }
  get entities() { return this.a.entities; }
  get quotes() { return this.a.quotes; }
  get negations() { return this.a.negations; }
  get qualifiers() { return this.a.qualifiers; }
  get lemmas() { return this.a.lemmas; }
  get question() { return this.a.question; }
  get firstPerson() { return this.a.firstPerson; }
}

