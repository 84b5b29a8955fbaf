import { NEGATIONS, STOP } from '../analysis/lexicon';
import { coveredBy, type Analysis } from '../analysis/facts';
import { normaliseWord, stemWord } from '../analysis/words';
import type { Token } from '../analysis/nlp';
import { isDictionaryWord, relation, sensesOf, type WordRelation } from '../analysis/wordnet';

/**
 * Word alignment: each content word of a claim is linked to the word of its
 * evidence (one to three source sentences of one document) that says the
 * same thing, and the link is labelled by how: the same lemma, a synonym, a
 * derivation, a more general word (entailed), a near spelling; or, when the
 * evidence says something else, a more specific word, a sister term (an
 * alternative, "year" for "month") or an opposite. A word the evidence does
 * not speak to is unaligned, and it matters whether the document uses it
 * anywhere else. The support model weighs these links; it never sees the
 * words themselves.
 *
 * Values, names and quotations are not aligned here: compare.ts compares them
 * slot by slot, since a different value in the same role is a contradiction,
 * not a paraphrase.
 */

/** How a claim word is linked to its evidence, best first. */
export type LinkKind = 'same' | 'synonym' | 'derivation' | 'hypernym' | 'near' | 'hyponym' | 'cohyponym' | 'antonym' | 'elsewhere' | 'none';

/** One content word of the claim and its link. */
export interface WordLink {
  token: Token;
  stem: string;
  /** Universal POS tag of the claim word. */
  pos: string;
  kind: LinkKind;
  /** The evidence word it is linked to (not for `elsewhere` or `none`). */
  to?: Token;
  /** Index (into the evidence list) of the sentence holding `to`. */
  sentence?: number;
  /** For sister terms and opposites: the two words stand among the same words, so one replaces the other. */
  slot?: boolean;
  /** For a weak link (more specific, sister term, opposite): the document uses the claim's own word elsewhere. */
  inDocument?: boolean;
}

/** Links that do not say the claim's word holds. */
const WEAK = new Set<LinkKind>(['hyponym', 'cohyponym', 'antonym']);

/** Parts of speech whose words carry content. */
const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN', 'NUM', 'X']);

/** Whether a token is a content word a claim can be wrong about. */
export function isContentToken(t: Token): boolean {
  if (!CONTENT_POS.has(t.pos) || !/\p{L}/u.test(t.text)) return false;
  return !STOP.has(t.lower) && !STOP.has(t.lemma) && !NEGATIONS.has(t.lower);
}

/** Spans of a claim that the aligner leaves to compare.ts: values, names and quotations. */
function factSpans(a: Analysis): [number, number][] {
  return [
    ...a.values.map((v) => [v.start, v.end] as [number, number]),
    ...a.entities.map((e) => [e.start, e.end] as [number, number]),
    ...a.quotes.map((q) => [q.start - 1, q.end + 1] as [number, number]),
  ];
}

const stemOfToken = new WeakMap<Token, string>();

/** The stem of a token as the index keys it (memoised per token: sources are aligned with many claims). */
export function tokenStem(t: Token): string {
  let stem = stemOfToken.get(t);
  if (stem === undefined) stemOfToken.set(t, (stem = stemWord(normaliseWord(t.lemma))));
  return stem;
}

const claimWordsMemo = new WeakMap<Analysis, Token[]>();

/** The claim's content words outside its values, names and quotations (kept per analysis). */
export function claimWords(a: Analysis): Token[] {
  let words = claimWordsMemo.get(a);
  if (!words) {
    const covered = coveredBy(a.tokens, factSpans(a));
    words = a.tokens.filter((t, i) => isContentToken(t) && covered[i] === 0);
    claimWordsMemo.set(a, words);
  }
  return words;
}

interface SourceWords {
  /** Stems (of lemma and of surface form) to the first token with that stem. */
  byStem: Map<string, Token>;
  /** Content tokens, for WordNet relations. */
  content: Token[];
}

const sourceMemo = new WeakMap<Analysis, SourceWords>();

/** The words of an evidence sentence, indexed once per analysis. */
function sourceWords(s: Analysis): SourceWords {
  let w = sourceMemo.get(s);
  if (w) return w;
  const byStem = new Map<string, Token>();
  const content: Token[] = [];
  for (const t of s.tokens) {
    if (!/\p{L}/u.test(t.text)) continue;
    for (const k of [tokenStem(t), stemWord(normaliseWord(t.lower))]) if (!byStem.has(k)) byStem.set(k, t);
    // Names are matched by compare.ts; WordNet has nothing to say about them.
    if (isContentToken(t) && t.pos !== 'PROPN') content.push(t);
  }
  w = { byStem, content };
  sourceMemo.set(s, w);
  return w;
}

/** Rank of a WordNet relation as an alignment, lower is better (antonyms last: they are conflicts). */
const RANK: Record<WordRelation, number> = { same: 0, synonym: 1, derivation: 2, hypernym: 3, hyponym: 5, cohyponym: 6, antonym: 7 };
const NEAR_RANK = 4;

/** How many content words on each side of a word make up its slot. */
const SLOT_WINDOW = 3;

/** Stems of the content words within SLOT_WINDOW tokens of `t` in `a`, `t` excluded. */
function neighbourStems(a: Analysis, t: Token): Set<string> {
  const i = a.tokens.indexOf(t);
  const out = new Set<string>();
  for (let k = Math.max(0, i - SLOT_WINDOW); k <= Math.min(a.tokens.length - 1, i + SLOT_WINDOW); k++) {
    if (k === i) continue;
    const u = a.tokens[k];
    if (/\p{L}/u.test(u.text) && !STOP.has(u.lower)) out.add(tokenStem(u));
  }
  return out;
}

/** Whether claim word `c` (in `claim`) and evidence word `s` (in `src`) share a neighbouring word. */
function sameSlot(claim: Analysis, c: Token, src: Analysis, s: Token): boolean {
  const near = neighbourStems(src, s);
  for (const w of neighbourStems(claim, c)) if (near.has(w)) return true;
  return false;
}

export interface AlignOptions {
  /** Stems the claim's document uses anywhere (for `elsewhere`). */
  documentHas?: (stem: string) => boolean;
  /** Near spellings of a stem the corpus does not use, with how closely (0..1). */
  near?: (stem: string) => Map<string, number>;
}

/**
 * Aligns the content words of claim `a` (outside values, names and
 * quotations) with the words of `evidence`. Exact stems are found by lookup;
 * only the words left over are compared through WordNet.
 */
export function alignWords(a: Analysis, evidence: Analysis[], options: AlignOptions = {}): WordLink[] {
  const sources = evidence.map(sourceWords);
  const words = claimWords(a);
  const links: WordLink[] = [];
  for (const t of words) {
    const stem = tokenStem(t);
    const surface = stemWord(normaliseWord(t.lower));
    let link: WordLink | undefined;
    for (let i = 0; i < sources.length && !link; i++) {
      const hit = sources[i].byStem.get(stem) ?? sources[i].byStem.get(surface);
      if (hit) link = { token: t, stem, pos: t.pos, kind: 'same', to: hit, sentence: i };
    }
    if (!link) {
      let best: { rank: number; kind: LinkKind; to: Token; sentence: number } | undefined;
      sources.forEach((src, i) => {
        for (const s of src.content) {
          const r = relationOfForms(t, s);
          if (!r) continue;
          const rank = RANK[r];
          if (!best || rank < best.rank) best = { rank, kind: r, to: s, sentence: i };
        }
      });
      const nearHits = options.near?.(stem);
      // A near spelling is a variant or a slip ("Mosely" for "Mosley"): two
      // words the dictionary has apart ("staged", "staff") are two words.
      const claimKnown = isDictionaryWord(t.lemma);
      if (nearHits?.size && (!best || best.rank > NEAR_RANK)) {
        sources.forEach((src, i) => {
          for (const [w] of nearHits) {
            const to = src.byStem.get(w);
            if (to && (!best || best.rank > NEAR_RANK) && !(claimKnown && isDictionaryWord(to.lemma)))
              best = { rank: NEAR_RANK, kind: 'near', to, sentence: i };
          }
        });
      }
      if (best) {
        const b = best;
        link = { token: t, stem, pos: t.pos, kind: b.kind, to: b.to, sentence: b.sentence };
        if (b.kind === 'cohyponym' || b.kind === 'antonym' || b.kind === 'hyponym') link.slot = sameSlot(a, t, evidence[b.sentence], b.to);
      }
    }
    links.push(link ?? { token: t, stem, pos: t.pos, kind: 'none' });
  }
  substitutions(links, a, evidence);
  for (const link of links) {
    // A word the evidence does not use may still be the document's, elsewhere.
    if (link.kind === 'none' && !link.slot && options.documentHas?.(link.stem)) link.kind = 'elsewhere';
    else if (WEAK.has(link.kind) && options.documentHas?.(link.stem)) link.inDocument = true;
  }
  return links;
}

/**
 * The forms WordNet may know a word by: its lemma, and for a plural noun that
 * has senses of its own, the plural ("talks" are negotiations, "arms"
 * weapons: senses its singular lacks).
 */
function formsOf(t: Token): string[] {
  return t.pos === 'NOUN' && t.lower !== t.lemma && /s$/.test(t.lower) && sensesOf(t.lower, 'n').length > 0 ? [t.lemma, t.lower] : [t.lemma];
}

/** How two words relate (see {@link relation}) by the closest relation of any of their forms. */
function relationOfForms(t: Token, s: Token): ReturnType<typeof relation> {
  let best = relation(t.lemma, t.pos, s.lemma, s.pos);
  if (best === 'same' || best === 'synonym') return best;
  for (const a of formsOf(t))
    for (const b of formsOf(s)) {
      if (a === t.lemma && b === s.lemma) continue;
      const r = relation(a, t.pos, b, s.pos);
      if (r && (!best || RANK[r] < RANK[best])) best = r;
    }
  return best;
}

/** Words of a claim or source that anchor a word-for-word match: content words and names, in order. */
const anchorMemo = new WeakMap<Analysis, Token[]>();
function anchorTokens(a: Analysis): Token[] {
  let ts = anchorMemo.get(a);
  if (!ts) anchorMemo.set(a, (ts = a.tokens.filter((t) => /\p{L}/u.test(t.text) && !STOP.has(t.lower) && !STOP.has(t.lemma) && !NEGATIONS.has(t.lower))));
  return ts;
}

/**
 * Where a claim follows an evidence sentence word for word, a claim word whose
 * neighbours (names included) are aligned around one other word of the
 * sentence stands in that word's place: "in Clermont loss over Northampton"
 * against "in Clermont win over Northampton" is "loss" for "win", whatever
 * another sentence of the set says about a loss. The link is then the
 * relation of the two words (a synonym stays aligned; an unrelated word is
 * unaligned, in the slot of the word it replaced). Paraphrases, which follow
 * no sentence word for word, are left as they are.
 */
function substitutions(links: WordLink[], claim: Analysis, evidence: Analysis[]): void {
  // Only a claim that follows a sentence word for word has slots: two of its words at least are the same.
  if (links.filter((l) => l.kind === 'same').length < 2) return;
  const seq = anchorTokens(claim);
  const stemsOf = (ts: Token[]): string[] => ts.map(tokenStem);
  const cs = stemsOf(seq);
  const byToken = new Map(links.map((l, i) => [l.token, i]));
  evidence.forEach((e, si) => {
    const src = anchorTokens(e);
    const ss = stemsOf(src);
    for (let i = 1; i + 1 < seq.length; i++) {
      const li = byToken.get(seq[i]);
      if (li === undefined) continue;
      const l = links[li];
      if (l.slot) continue;
      // Both neighbours appear in this sentence with exactly one word between them.
      for (let p = 0; p + 2 < ss.length; p++) {
        if (ss[p] !== cs[i - 1] || ss[p + 2] !== cs[i + 1]) continue;
        const slot = src[p + 1];
        if (ss[p + 1] === cs[i]) break;
        const r = relationOfForms(l.token, slot);
        const kind: LinkKind = r === 'same' ? 'same' : (r ?? 'none');
        links[li] = { ...l, kind, to: slot, sentence: si, slot: true };
        break;
      }
    }
  });
}
