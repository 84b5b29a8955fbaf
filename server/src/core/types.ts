/**
 * Plain data types shared by the checking engine and everything built on it
 * (CLI, language server, eval, bench). Nothing here depends on LSP or VS Code.
 */

/** A zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range between two positions. */
export interface Range {
  start: Position;
  end: Position;
}

/** What the sources say about a claim. */
export type Verdict = 'supported' | 'contradicted' | 'unverified';

/** The kind of fact on which a claim and its source disagree. */
export type MismatchKind =
  | 'year'
  | 'date'
  | 'month'
  | 'weekday'
  | 'number'
  | 'money'
  | 'percent'
  | 'ordinal'
  | 'person'
  | 'place'
  | 'organisation'
  | 'entity'
  | 'quote'
  | 'negation'
  | 'antonym';

/** What a finding is about: a mismatch of one kind, an unverified claim, or sources that disagree. */
export type FindingKind = MismatchKind | 'unverified' | 'conflict';

/** A source document as given to the engine: its text and where it came from. */
export interface SourceInput {
  /** Path shown to the user (relative to the working directory or workspace when possible). */
  path: string;
  /** Absolute path or URI used to open the file; defaults to `path`. */
  uri?: string;
  text: string;
}

/** A sentence of a source document with its exact location. */
export interface SourceSentence {
  id: number;
  docIndex: number;
  /** Offsets into the document text (UTF-16 code units). */
  start: number;
  end: number;
  range: Range;
  text: string;
  /** How far this sentence can be trusted, 0..1 (article text 1, reader comments less). */
  trust: number;
}

/** A loaded source document. */
export interface SourceDocument {
  index: number;
  path: string;
  uri: string;
  text: string;
  /** The document's date from its ` date YYYY-MM-DD` header line, when it has one. */
  date?: string;
  /** Its sentences' ids, in order. */
  sentenceIds: SentenceIds;
  /**
   * How much the document reads as written text (see `writtenShare`), when it
   * is known up front: a database slice gives it, since it holds only some of
   * the document's sentences.
   */
  written?: number;
}

/**
 * A document's sentence ids in order. In a corpus they are a plain array of
 * consecutive ids; in a slice of a database corpus only the fetched sentences
 * have one, and {@link at} gives -1 for the others.
 */
export interface SentenceIds extends Iterable<number> {
  readonly length: number;
  /** The id of the document's `k`-th sentence (-1 in a slice when it was not fetched); undefined past the end. */
  at(k: number): number | undefined;
  /** Which sentence of the document `id` is, or -1. */
  indexOf(id: number): number;
}

/** One source sentence that speaks to a claim. */
export interface Evidence {
  path: string;
  uri: string;
  range: Range;
  text: string;
  /** Similarity of the claim's frame to this sentence, 0..1. */
  score: number;
  /** Document date, when the document has one. */
  date?: string;
  sentenceId: number;
  /** Which sentence of its document this is, counted from 1 (a place a writer can find in a source written as one long line). */
  sentence?: number;
  /** Whether this sentence supports the claim, contradicts it, or is only related. */
  stance: 'supports' | 'contradicts' | 'related';
  /** The same sentence in other places of the corpus (a story copied into many files), the first few. */
  copies?: { path: string; uri: string; range: Range }[];
  /** How many copies there are in all. */
  copyCount?: number;
}

/** A value in the draft that a source contradicts. */
export interface Mismatch {
  kind: MismatchKind;
  /** Offsets into the draft text. */
  start: number;
  end: number;
  range: Range;
  /** The draft's text at the mismatch. */
  found: string;
  /** The replacement the sources support, when there is one (negation has none). */
  expected?: string;
  /** The sentence that contradicts the draft. */
  evidence: Evidence;
  /** Other values that other sources give for the same words: the fix is then a choice, not a correction. */
  alternatives?: string[];
}

/** The engine's result for one claim (a check-worthy sentence of the draft). */
export interface ClaimResult {
  /** Offsets into the draft text. */
  start: number;
  end: number;
  range: Range;
  text: string;
  verdict: Verdict;
  /** Best evidence first. */
  evidence: Evidence[];
  mismatches: Mismatch[];
  /**
   * Set when sources disagree with each other about this claim: one supports
   * a value that another contradicts. The verdict then follows the more
   * trusted source, and this says so instead of picking silently.
   */
  conflict?: { supporting: Evidence; contradicting: Evidence; note: string };
  /** Why the claim is unverified, in words a writer understands. */
  reason?: string;
  /** The probability (0..1) that the sources support the claim, from the engine's support model. */
  support?: number;
  /** For a contradicted claim: the probability that the contradicting source supports it with its values put in (the fix). */
  fixSupport?: number;
  /** For an unverified claim: the parts no source supports (a value, a name, a phrase), each with why. */
  gaps?: Gap[];
}

/** A part of an unverified claim that no source supports. */
export interface Gap {
  /** Offsets into the draft text. */
  start: number;
  end: number;
  range: Range;
  text: string;
  /** Why, in one sentence that is true of the corpus ("No source mentions May 2."). */
  reason: string;
}

/** The result of checking one draft. */
export interface CheckResult {
  claims: ClaimResult[];
  /** Set when the check stopped early because it was cancelled. */
  cancelled?: boolean;
}

/** Anything with an `isCancellationRequested` flag (an LSP token fits). */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

/** Options of one check. */
export interface CheckOptions {
  /** `markdown` or `plaintext`; anything else is treated as plain text. */
  languageId?: string;
  /** Minimum frame similarity (0..1) for a source sentence to count as evidence. Default 0.5. */
  minScore?: number;
}

/** A problem met while loading sources: the file and the reason, in one line. */
export interface CorpusProblem {
  path: string;
  message: string;
}
