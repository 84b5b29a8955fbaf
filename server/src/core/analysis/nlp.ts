import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The one place that talks to wink-nlp. It turns a span of text into tokens
 * with exact offsets, part-of-speech tags and lemmas, grouped in sentences.
 * wink-nlp was chosen because it tokenises, splits sentences and tags a
 * 2,000-word text in about 4 ms on our machines, fast enough for typing.
 */

/** One token with its offsets in the analysed text (UTF-16 code units). */
export interface Token {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  /** wink's token type: word, number, punctuation, ordinal, currency, ... */
  type: string;
}

/** A sentence: its offsets and tokens. */
export interface SentenceTokens {
  start: number;
  end: number;
  tokens: Token[];
}

/** The longest run of non-space characters treated as a word. */
export const MAX_WORD = 100;
const LONG_RUN = new RegExp(`\\S{${MAX_WORD + 1},}`, 'g');

let engine: ReturnType<typeof winkNLP> | undefined;

function nlp(): ReturnType<typeof winkNLP> {
  // Loading the model takes ~60 ms, so it happens once, on first use. Only
  // sentence boundaries and part-of-speech tags are used: wink's entity,
  // negation and sentiment passes would cost a third more and their results
  // are not read (names, negation and values are the engine's own).
  engine ??= winkNLP(model, ['sbd', 'pos']);
  return engine;
}

/**
 * Splits `text.slice(from, to)` into sentences of tokens whose offsets are
 * relative to the whole `text`. Whitespace-only spans yield no sentences.
 */
export function sentencesOf(text: string, from = 0, to = text.length): SentenceTokens[] {
  // Runs of more than MAX_WORD non-space characters (a pasted blob, a 1 MB line)
  // are not words; wink-nlp's tokeniser is quadratic in token length, so they
  // are blanked (same length, so offsets do not move).
  const slice = text.slice(from, to).replace(LONG_RUN, (m) => ' '.repeat(m.length));
  if (!/\S/.test(slice)) return [];
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(slice);
  // wink-nlp's item accessors (its.pos, ...) are plain functions it calls itself,
  // and its typings give out() no result type.
  /* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
  const values = doc.tokens().out() as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // wink's typings declare its.lemma with a signature its own out() does not accept.
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const types = doc.tokens().out(its.type) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  /* eslint-enable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion */
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // wink keeps token text as written, so finding it from the cursor gives its
    // exact offset; the fallback covers any token it might have normalised.
    let at = slice.indexOf(value, cursor);
    if (at < 0 || at > cursor + spaces[i].length + 8) at = cursor + spaces[i].length;
    const end = Math.min(slice.length, at + value.length);
    cursor = end;
    tokens.push({
      text: value,
      lower: value.toLowerCase(),
      lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: pos[i],
      start: from + at,
      end: from + end,
      type: types[i],
    });
  }
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a wink-nlp item accessor, called by wink
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];
  const sentences: SentenceTokens[] = [];
  for (const [a, b] of spans) {
    const toks = tokens
      .slice(a, b + 1)
      .filter((t) => t.pos !== 'SPACE')
      .flatMap(splitPossessive);
    if (toks.length === 0) continue;
    // A sentence ends only where a space (or the text) follows: a stop with a
    // letter or digit right after it is inside a word ("ESPN.com",
    // "www.example.org"), as the fast splitter for large corpora also reads it.
    const last = sentences[sentences.length - 1];
    if (last && last.end === toks[0].start) {
      last.tokens.push(...toks);
      last.end = toks[toks.length - 1].end;
      continue;
    }
    sentences.push({ start: toks[0].start, end: toks[toks.length - 1].end, tokens: toks });
  }
  return sentences;
}

/**
 * A possessive as two tokens, always ("Moscow" and "'s"). wink-nlp adds the
 * words it has not met to its lexicon as it reads, and a word it knows whole
 * is not split: after one text with "Moscow's:" every later "Moscow's" came
 * out as one token, so the same sentence read differently depending on what
 * was read before it.
 */
function splitPossessive(t: Token): Token[] {
  const m = /^(.+?)(['’][sS])$/.exec(t.text);
  if (!m || t.type !== 'word' || !/\p{L}/u.test(m[1])) return [t];
  const cut = t.start + m[1].length;
  const base = m[1];
  return [
    { ...t, text: base, lower: base.toLowerCase(), lemma: base.toLowerCase(), end: cut },
    { text: m[2], lower: m[2].toLowerCase(), lemma: m[2].toLowerCase(), pos: 'PART', start: cut, end: t.end, type: 'word' },
  ];
}
