import { analyse, parseDocDate, type Analysis } from './facts';
import { sentencesOf } from './nlp';
import { LineIndex } from './positions';
import { TermIndex } from './retrieval';
import type { CancellationSignal, SourceDocument, SourceInput, SourceSentence } from './types';

/**
 * The source corpus: documents split into sentences with exact locations,
 * each sentence analysed once, and an inverted index over their frame terms.
 * Building it is the expensive step; checking a draft only reads it.
 */

const DATE_HEADER = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})\b/;

/** Lines that open a section of reader comments: text after them is trusted less. */
const COMMENTS_MARKER = /\bI'm a bot\b|^\s*(reader\s+)?comments?\s*(\(\d+\))?\s*:?\s*$/im;

/** Trust of sentences in the body of a document and in its reader comments. */
export const TRUST_ARTICLE = 1;
export const TRUST_COMMENT = 0.4;

export class Corpus {
  readonly documents: SourceDocument[] = [];
  readonly sentences: SourceSentence[] = [];
  /** Analyses parallel to `sentences`. */
  readonly analyses: Analysis[] = [];
  readonly index = new TermIndex();

  /** Builds a corpus from documents already read into memory. */
  static fromSources(inputs: SourceInput[], token?: CancellationSignal): Corpus {
    const corpus = new Corpus();
    for (const input of inputs) {
      if (token?.isCancellationRequested) break;
      corpus.add(input);
    }
    corpus.index.freeze();
    return corpus;
  }

  /** The analysis of sentence `id` (callers use this accessor so analyses may be computed lazily). */
  analysis(id: number): Analysis {
    return this.analyses[id];
  }

  get stats(): { documents: number; sentences: number } {
    return { documents: this.documents.length, sentences: this.sentences.length };
  }

  private add(input: SourceInput): void {
    const text = input.text;
    const header = DATE_HEADER.exec(text);
    const date = header?.[1];
    const docDate = parseDocDate(date);
    const doc: SourceDocument = {
      index: this.documents.length,
      path: input.path,
      uri: input.uri ?? input.path,
      text,
      date,
      sentenceIds: [],
    };
    this.documents.push(doc);
    const lines = new LineIndex(text);
    const commentsAt = (() => {
      const m = COMMENTS_MARKER.exec(text);
      if (!m) return Infinity;
      // Comments begin on the line after the marker.
      const nl = text.indexOf('\n', m.index);
      return nl < 0 ? Infinity : nl + 1;
    })();
    // Lines are the document's paragraphs; a sentence never spans two of them.
    const body = header ? header[0].length : 0;
    const re = /\r?\n|\r/g;
    let from = body;
    const blocks: [number, number][] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m.index > from) blocks.push([from, m.index]);
      from = m.index + m[0].length;
    }
    if (from < text.length) blocks.push([from, text.length]);
    for (const [a, b] of blocks) {
      for (const s of sentencesOf(text, a, b)) {
        const analysis = analyse(s.tokens, text, docDate);
        const id = this.sentences.length;
        const trust = s.start >= commentsAt || analysis.firstPerson ? TRUST_COMMENT : TRUST_ARTICLE;
        this.sentences.push({
          id, docIndex: doc.index, start: s.start, end: s.end, range: lines.rangeOf(s.start, s.end), text: analysis.text, trust,
        });
        this.analyses.push(analysis);
        this.index.add(id, analysis.terms);
        doc.sentenceIds.push(id);
      }
    }
  }
}
