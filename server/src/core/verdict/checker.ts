import type { CorpusBackend } from '../corpusBackend';
import { TRUST_ARTICLE, type Corpus } from '../corpus/corpus';
import { compare, mayConflict } from './compare';
import type { Comparison, Conflict } from './comparators/comparison';
import { isVenue } from './comparators/entities';
import { group, sameValue, sharesSurroundings } from './comparators/values';
import { analyse, isCheckWorthy, nameTerms, type Analysis, type Entity } from '../analysis/facts';
import type { Value } from '../analysis/values';
import { normaliseWord, stemWord } from '../analysis/words';
import { queryKey } from '../analysis/valueKeys';
import { featuresOf, type FeatureInput } from '../model/features';
import { supportModel, type SupportModel } from '../model/support';
import { alignWords, tokenStem, type LinkKind, type WordLink } from './align';
import { contradicts, supports, type DecisionInput } from './decide';
import { compareSet, type SetComparison } from './evidence';
import { editProse, proseOf, type Prose } from '../analysis/draft';
import { sentencesOf } from '../analysis/nlp';
import { fastSentenceSpans } from '../analysis/fastTerms';
import { SPEAKER_LABEL, STOP } from '../analysis/lexicon';
import { LineIndex } from '../positions';
import { CANDIDATES, NearTerms } from '../corpus/retrieval';
import type { CancellationSignal, CheckOptions, CheckResult, ClaimResult, Evidence, Gap, Mismatch, Verdict } from '../types';

/**
 * Checks drafts against one corpus. Results are cached per paragraph (keyed by
 * the paragraph's text), so an edit re-checks only the paragraph it touched.
 */

/**
 * Default minimum frame similarity for a source sentence to count as evidence.
 * Retrieval similarity counts exact terms only, and a paraphrase shares few of
 * them, so the floor is low: the support model, not retrieval, decides what a
 * candidate says.
 */
export const DEFAULT_MIN_SCORE = 0.1;
/** How many neighbouring sentences of a document resolve names and pronouns. */
export const CONTEXT = 3;
/** Credit for a claim term found only in a neighbouring sentence of the candidate. */
const CONTEXT_CREDIT = 0.6;
/** Credit for a claim term that the candidate has only in a near spelling. */
const NEAR_CREDIT = 0.8;
/** A source this much less similar to the claim than one that supports it cannot disagree with it. */
const CONFLICT_SPREAD = 0.25;
/** How many documents are assessed per claim (their best candidates first). */
const DOCUMENTS = 3;
/** At most this many sentences of one document make an evidence set. */
const MAX_EVIDENCE = 3;
/** How many of a document's next best candidates may join its evidence set. */
const EXTRA_POOL = 8;
const EMPTY_NEAR: Map<string, number> = new Map();
/** Marks of speech in a sentence: a speaker label ("Ann:", "PhD A:") or a first- or second-person pronoun. */
const SPOKEN = new RegExp(`${SPEAKER_LABEL.source}|\\b(?:I|I'm|I've|I'll|we|We|you|You|my|My|our|Our|your|Your|um|uh)\\b`, 'u');
/** A document reads as written text when at least this share of its sentences has no mark of speech. */
const WRITTEN = 0.5;
/** "Most of the claim": more than this share of its content, idf-weighted. */
const MOSTLY = 0.5;

/** The share (idf-weighted) of a claim's content words that its evidence's document does not use at all. */
function unsaidShare(words: WordLink[], idf: (t: string) => number): number {
  let all = 0;
  let unsaid = 0;
  for (const w of words) {
    const x = idf(w.stem);
    all += x;
    if (w.kind === 'none') unsaid += x;
  }
  return all > 0 ? unsaid / all : 0;
}

/** Links that say a claim word holds. */
const SAID: ReadonlySet<LinkKind> = new Set<LinkKind>(['same', 'synonym', 'derivation', 'hypernym', 'near']);

/**
 * Whether the evidence says none of the claim's words beyond its names and
 * values: "China has offered to mediate between North Korea and the United
 * States" names three parties a sentence about blocked UN efforts also names,
 * and says nothing of either. A written report keeps some of its source's words.
 */
function nothingSaid(words: WordLink[]): boolean {
  return words.length > 0 && !words.some((w) => SAID.has(w.kind));
}

/** How many sentences of a document are read to tell its register. */
const WRITTEN_SAMPLE = 200;

/**
 * How much a document reads as written text rather than speech: the share of
 * its first {@link WRITTEN_SAMPLE} sentences (in order) with no mark of
 * speech. A database computes it when indexing, since a slice holds only some
 * of a document's sentences.
 */
export function writtenShare(sentences: Iterable<string>): number {
  let n = 0;
  let spoken = 0;
  for (const text of sentences) {
    n++;
    if (SPOKEN.test(text)) spoken++;
    if (n >= WRITTEN_SAMPLE) break;
  }
  return n ? 1 - spoken / n : 1;
}
/** How much wider the index is asked each time duplicates crowd its candidates. */
const DUPLICATE_WIDEN = 4;
/** How many copies of a piece of evidence are listed with it (all are counted). */
const MAX_COPIES_SHOWN = 10;
/** At most this many sentence neighbourhoods are kept. */
const CONTEXT_CACHE = 20000;
/** At most this many paragraphs are kept in the cache. */
const CACHE_LIMIT = 5000;
/**
 * A paragraph longer than this many characters (a pasted transcript, a draft
 * written as one line) is checked and cached in pieces of whole sentences (see
 * piecesOf), so an edit re-reads one piece, not the whole paragraph.
 */
export const LONG_PARAGRAPH = 8000;

/**
 * The draft's paragraphs, with each longer than {@link LONG_PARAGRAPH} cut into
 * pieces of whole sentences (as the fast splitter finds them). Where to cut is
 * decided by the sentences' own text, not by their position: after a sentence
 * whose hash is 0 modulo {@link CUT_EVERY}, once a piece has a quarter of
 * LONG_PARAGRAPH, and always at twice LONG_PARAGRAPH. Text typed into one
 * sentence moves a cut only there, so later pieces stay as they were and come
 * from the cache.
 */
function piecesOf(masked: string, blocks: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const b of blocks) {
    if (b.end - b.start <= LONG_PARAGRAPH) {
      out.push(b);
      continue;
    }
    let start = b.start;
    for (const s of fastSentenceSpans(masked, b.start, b.end)) {
      const length = s.end - start;
      if (length >= 2 * LONG_PARAGRAPH || (length >= LONG_PARAGRAPH / 4 && hashOf(masked, s.start, s.end) % CUT_EVERY === 0)) {
        out.push({ start, end: s.end });
        start = s.end;
      }
    }
    if (start < b.end) out.push({ start, end: b.end });
  }
  return out;
}

/** One sentence in this many (by hash) ends a piece of a long paragraph. */
const CUT_EVERY = 32;

/** FNV-1a of `text.slice(start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let h = 2166136261;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** How long {@link Checker.checkAsync} runs before it gives the event loop a turn. */
const YIELD_MS = 10;

/**
 * What the checker derives from the corpus alone: near spellings, sentence
 * neighbourhoods and their term ids. It depends on nothing else, so every
 * checker of one corpus shares it, and it goes when the corpus goes.
 */
interface CorpusMemo {
  near: NearTerms;
  contexts: Map<number, Analysis[]>;
  contextTermIds: Map<number, Int32Array>;
  documentTerms: Map<number, Set<number>>;
  written: Map<number, number>;
  /** Scratch of {@link Checker.retrieve}: stamp[termId] === serial marks the claim's terms, slot[termId] their position. */
  stamp: Int32Array;
  slot: Int32Array;
  serial: number;
}
const memos = new WeakMap<Corpus, CorpusMemo>();

/** A claim's result relative to the start of its paragraph. */
interface BlockClaim {
  start: number;
  end: number;
  text: string;
  verdict: Verdict;
  evidence: Evidence[];
  mismatches: Omit<Mismatch, 'range'>[];
  conflict?: ClaimResult['conflict'];
  reason?: string;
  gaps?: BlockGap[];
  support?: number;
  fixSupport?: number;
}

/** A claim against an evidence set of one document. */
export interface Assessment {
  doc: number;
  /** The evidence set, primary sentence first. */
  set: Scored[];
  analyses: Analysis[];
  words: WordLink[];
  facts: SetComparison;
  input: FeatureInput;
  features: Float64Array;
  /** The support model's probability that this evidence supports the claim. */
  support: number;
  /** For a set that conflicts with the claim: the support were the conflicting facts right (is it about the same event?). */
  eventSupport?: number;
  /** The features behind {@link eventSupport}. */
  eventFeatures?: Float64Array;
}

type BlockGap = Omit<Gap, 'range'>;

export interface Scored {
  id: number;
  /** Idf-weighted coverage of the claim's frame terms by the sentence (and, for less, its neighbours). */
  sim: number;
  /** The same coverage over the claim's predicate terms alone (its words other than names). */
  pred: number;
  /** The claim says at most one word besides its names and values. */
  onePredicate: boolean;
  /** Per claim term (in the order of the claim's unique terms): 1 when the sentence itself has it. */
  hits: Uint8Array;
  /** Idf of each claim term. */
  weights: number[];
}

export class Checker implements CorpusBackend {
  private readonly cache = new Map<string, BlockClaim[]>();
  /** The last draft checked and its prose, so that typing does not re-parse the whole draft. */
  private lastProse?: { text: string; languageId: string; prose: Prose };
  private readonly memo: CorpusMemo;
  /** Copies (the same text in other sentences) of the candidates last retrieved, by the id kept. */
  private copies = new Map<number, number[]>();
  /** The unique frame terms of the claim last retrieved for, in the order of {@link Scored.hits}. */
  private lastTerms: string[] = [];

  private readonly model: SupportModel;

  /** `model` replaces the committed support model (for training and evaluation). */
  constructor(
    readonly corpus: Corpus,
    options: { model?: SupportModel } = {},
  ) {
    this.model = options.model ?? supportModel();
    let memo = memos.get(corpus);
    if (!memo) {
      memo = {
        near: new NearTerms(() => corpus.index.vocabulary()),
        contexts: new Map(),
        contextTermIds: new Map(),
        documentTerms: new Map(),
        written: new Map(),
        stamp: new Int32Array(0),
        slot: new Int32Array(0),
        serial: 0,
      };
      memos.set(corpus, memo);
    }
    this.memo = memo;
  }

  /** Checks a draft. Honours cancellation between claims (a cancelled paragraph is not cached). */
  check(text: string, options: CheckOptions = {}, token?: CancellationSignal): CheckResult {
    const steps = this.steps(text, options, token);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Checks a draft as {@link check} does, but gives the event loop a turn
   * every {@link YIELD_MS} milliseconds (between claims), so a server checking
   * a long draft keeps reading messages: a newer edit or a cancelled request
   * is seen, and the check stops, within a few milliseconds instead of at its end.
   */
  async checkAsync(text: string, options: CheckOptions = {}, token?: CancellationSignal): Promise<CheckResult> {
    const steps = this.steps(text, options, token);
    let turn = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - turn >= YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
    }
  }

  /** The check, one claim a step: the generator yields after each claim it checks. */
  private *steps(text: string, options: CheckOptions, token?: CancellationSignal): Generator<void, CheckResult> {
    const minScore = clamp(options.minScore ?? DEFAULT_MIN_SCORE);
    const languageId = options.languageId ?? 'markdown';
    const last = this.lastProse;
    const prose = (last && last.languageId === languageId && editProse(last.text, last.prose, text)) || proseOf(text, languageId);
    this.lastProse = { text, languageId, prose };
    const lines = new LineIndex(text);
    const claims: ClaimResult[] = [];
    for (const block of piecesOf(prose.masked, prose.blocks)) {
      if (token?.isCancellationRequested) return { claims, cancelled: true };
      const body = prose.masked.slice(block.start, block.end);
      const key = `${minScore}\u0000${body}`;
      let result = this.cache.get(key);
      if (!result) {
        result = yield* this.checkBlock(body, minScore, token);
        if (!result) return { claims, cancelled: true };
        if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(key, result);
      }
      for (const c of result) {
        const start = block.start + c.start;
        const end = block.start + c.end;
        claims.push({
          start,
          end,
          range: lines.rangeOf(start, end),
          text: c.text,
          verdict: c.verdict,
          evidence: c.evidence,
          // `found` is the draft's own text: the cached result was computed on the
          // masked paragraph, where a comment inside a word reads as blanks.
          mismatches: c.mismatches.map((m) => ({
            ...m,
            start: block.start + m.start,
            end: block.start + m.end,
            range: lines.rangeOf(block.start + m.start, block.start + m.end),
            found: text.slice(block.start + m.start, block.start + m.end),
          })),
          ...(c.conflict ? { conflict: c.conflict } : {}),
          ...(c.reason ? { reason: c.reason } : {}),
          ...(c.gaps
            ? {
                gaps: c.gaps.map((g) => ({
                  ...g,
                  start: block.start + g.start,
                  end: block.start + g.end,
                  range: lines.rangeOf(block.start + g.start, block.start + g.end),
                })),
              }
            : {}),
          ...(c.support !== undefined ? { support: c.support } : {}),
          ...(c.fixSupport !== undefined ? { fixSupport: c.fixSupport } : {}),
        });
      }
    }
    return { claims };
  }

  /** The check-worthy claims of a draft, analysed as {@link check} analyses them (offsets into the draft). */
  claimsOf(text: string, languageId = 'markdown'): Analysis[] {
    const prose = proseOf(text, languageId);
    const out: Analysis[] = [];
    for (const block of prose.blocks) {
      for (const s of sentencesOf(prose.masked, block.start, block.end)) {
        const a = analyse(s.tokens, prose.masked);
        if (isCheckWorthy(a)) out.push(a);
      }
    }
    return out;
  }

  /**
   * Analyses and checks one paragraph; offsets are relative to it. Undefined
   * when cancelled: a paragraph of a thousand claims (one long line) must not
   * keep a stale request running to its end.
   */
  private *checkBlock(body: string, minScore: number, token?: CancellationSignal): Generator<void, BlockClaim[] | undefined> {
    const out: BlockClaim[] = [];
    for (const s of sentencesOf(body)) {
      if (token?.isCancellationRequested) return undefined;
      const a = analyse(s.tokens, body);
      if (!isCheckWorthy(a)) continue;
      try {
        out.push(this.checkClaim(a, minScore));
      } catch (err) {
        // One claim that trips the engine must not cost the draft its other results.
        out.push({
          start: a.start,
          end: a.end,
          text: collapse(a.text),
          verdict: 'unverified',
          evidence: [],
          mismatches: [],
          reason: `The checker failed on this sentence: ${(err as Error).message}`,
        });
      }
      yield;
    }
    return out;
  }

  /** The verdict for one analysed claim. */
  checkClaim(a: Analysis, minScore = DEFAULT_MIN_SCORE): BlockClaim {
    const base = { start: a.start, end: a.end, text: collapse(a.text) };
    const { scored, assessments } = this.assessClaim(a, minScore);
    const model = this.model;
    const tau = model.threshold;
    const evidence = (x: Scored, stance: Evidence['stance']): Evidence => this.evidence(x.id, x.sim, stance);
    const related = scored.slice(0, 3).map((x) => evidence(x, 'related'));
    const round = (p: number): number => Math.round(p * 1000) / 1000;

    // Support: the evidence set confirms the claim's facts and the model finds
    // its wording supported. A contradiction: the primary sentence conflicts on
    // a typed fact (value, name, quotation, negation, opposite) and, with that
    // fact taken as confirmed, the model finds the evidence about the same
    // event, so the warning explains itself and has a fix.
    const supporting = assessments.filter((x) => supports(decisionOf(x), tau));
    const contradicting = assessments.filter((x) => contradicts(decisionOf(x), model.contradictionThreshold));
    const setEvidence = (x: Assessment, stance: Evidence['stance']): Evidence[] =>
      x.set.map((y, i) => evidence(y, i === 0 ? stance : stance === 'contradicts' ? 'related' : stance));

    if (contradicting.length) {
      const against = bestOf(contradicting, this.corpus, (x) => x.eventSupport ?? 0);
      const againstEv = setEvidence(against, 'contradicts');
      // Another document that contradicts the same words with another value makes the fix a choice, not a correction.
      const others = contradicting.filter((x) => x !== against).flatMap((x) => x.facts.conflicts);
      const mismatches = against.facts.conflicts.map((c) => {
        const alternatives = [
          ...new Set(others.filter((o) => o.start < c.end && c.start < o.end && o.expected !== undefined && o.expected !== c.expected).map((o) => o.expected!)),
        ];
        return { ...this.mismatch(c, againstEv[c.at ?? 0] ?? againstEv[0]), ...(alternatives.length ? { alternatives } : {}) };
      });
      const fixSupport = round(against.eventSupport ?? 0);
      // Sources disagree only when a supporting one states the very fact the
      // other disputes; support from the rest of the claim's words is no answer to it.
      const partners = supporting.filter((x) => against.facts.conflicts.every((c) => confirmsAt(x, a, c)));
      const forIt = partners.length ? bestOf(partners, this.corpus, (x) => x.support) : undefined;
      if (forIt) {
        const forEv = setEvidence(forIt, 'supports');
        const trustFor = this.corpus.sentence(forIt.set[0].id)!.trust;
        const trustAgainst = this.corpus.sentence(against.set[0].id)!.trust;
        const says = mismatches.map((m) => (m.expected !== undefined ? m.expected : `the opposite of "${m.found}"`)).join(', ');
        const note = `${name(forEv[0].path)} supports this claim; ${name(againstEv[0].path)} says ${says}.`;
        const conflict = { supporting: forEv[0], contradicting: againstEv[0], note };
        if (trustFor > trustAgainst || (trustFor === trustAgainst && forIt.support >= (against.eventSupport ?? 0))) {
          return { ...base, verdict: 'supported', evidence: [...forEv, againstEv[0]], mismatches: [], conflict, support: round(forIt.support) };
        }
        return { ...base, verdict: 'contradicted', evidence: [...againstEv, forEv[0]], mismatches, conflict, support: round(against.support), fixSupport };
      }
      const more = related.filter((e) => !againstEv.some((x) => x.sentenceId === e.sentenceId));
      return { ...base, verdict: 'contradicted', evidence: [...againstEv, ...more].slice(0, 3), mismatches, support: round(against.support), fixSupport };
    }
    if (supporting.length) {
      const best = bestOf(supporting, this.corpus, (x) => x.support);
      const others = supporting.filter((x) => x !== best).map((x) => evidence(x.set[0], 'supports'));
      return {
        ...base,
        verdict: 'supported',
        evidence: [...setEvidence(best, 'supports'), ...others].slice(0, 3),
        mismatches: [],
        support: round(best.support),
      };
    }
    const best = assessments.length ? assessments.reduce((m, x) => (x.support > m.support ? x : m)) : undefined;
    const gaps = best ? this.gaps(a, best) : [{ start: a.start, end: a.end, text: collapse(a.text), reason: 'No source speaks to this claim.' }];
    const shown = best ? [...setEvidence(best, 'related'), ...related.filter((e) => !best.set.some((y) => y.id === e.sentenceId))].slice(0, 3) : related;
    // The reason names a fact (a value, a name, a quotation) before a word.
    const isFact = (g: BlockGap): boolean => [...a.values, ...a.entities, ...a.quotes].some((f) => f.start === g.start && f.end === g.end);
    const reason = (gaps.find(isFact) ?? gaps[0])?.reason ?? 'Sources speak to this claim only in part.';
    return { ...base, verdict: 'unverified', evidence: shown, mismatches: [], reason, gaps, support: round(best?.support ?? this.unsupported(a).support) };
  }

  /**
   * Candidates for a claim and, for each of the few documents whose sentences
   * match it best, an assessment: the claim against an evidence set of that
   * document, aligned, compared and scored by the support model.
   */
  assessClaim(a: Analysis, minScore = DEFAULT_MIN_SCORE): { scored: Scored[]; assessments: Assessment[] } {
    const scored = this.retrieve(a).filter((x) => x.sim >= minScore);
    // An evidence set comes from one author: a document's article text, or its
    // reader comments, which are trusted less and may disagree with it.
    const regionOf = (x: Scored): number => {
      const s = this.corpus.sentence(x.id)!;
      return s.docIndex * 2 + (s.trust < TRUST_ARTICLE ? 1 : 0);
    };
    const docs: number[] = [];
    for (const x of scored) {
      const d = regionOf(x);
      if (!docs.includes(d)) docs.push(d);
      if (docs.length >= DOCUMENTS) break;
    }
    const ofDoc = (d: number): Scored[] => scored.filter((x) => regionOf(x) === d);
    // The best document first. When it supports the claim, the others matter
    // only if they might disagree: their closest sentence is compared first,
    // and a document is assessed in full only when that finds a conflict.
    const assessments: Assessment[] = [];
    if (docs.length) assessments.push(this.assess(a, ofDoc(docs[0])));
    const settled = assessments.length > 0 && supports(decisionOf(assessments[0]), this.model.threshold);
    const bestSim = scored[0]?.sim ?? 0;
    for (const d of docs.slice(1)) {
      const cands = ofDoc(d);
      if (settled) {
        // A document that matches the claim far less well than the one that
        // supports it speaks of something else: it can make no disagreement.
        if (cands[0].sim < bestSim - CONFLICT_SPREAD) continue;
        const first = this.corpus.analysis(cands[0].id);
        if (!mayConflict(a, first) || compare(a, first, this.context(cands[0].id)).conflicts.length === 0) continue;
      }
      assessments.push(this.assess(a, cands));
    }
    return { scored, assessments };
  }

  /** The support of a claim no source sentence shares a word with: its features with nothing aligned. */
  unsupported(a: Analysis): { features: Float64Array; support: number } {
    const index = this.corpus.index;
    const words = alignWords(a, []);
    const none: Comparison = {
      supported: 0,
      confirmed: [],
      conflicts: [],
      otherEvent: false,
      hypothetical: false,
      valuesInSentence: false,
      novel: [
        ...a.values.map((v) => ({ text: v.text, value: v })),
        ...a.entities.map((e) => ({ text: e.text, entity: e })),
        ...a.quotes.map((q) => ({ text: `“${q.text}”` })),
      ],
    };
    const facts: SetComparison = {
      primary: none,
      primaryAt: 0,
      each: [none],
      conflicts: [],
      novel: none.novel,
      confirmed: 0,
      otherEvent: false,
      hypothetical: false,
    };
    const features = featuresOf({
      claim: a,
      words,
      idf: (t) => index.idf(t),
      facts,
      valuesElsewhere: 0,
      entitiesElsewhere: 0,
      sim: 0,
      evidenceSize: 0,
      bigrams: 0,
      written: 1,
    });
    return { features, support: this.model.support(features) };
  }

  /** The claim against the best evidence set from one document's candidates (best first). */
  private assess(a: Analysis, cands: Scored[]): Assessment {
    const primary = cands[0];
    const set = [primary];
    const covered = Uint8Array.from(primary.hits);
    // Up to two more sentences of the document, each the one that states most
    // (idf-weighted) of what the set does not yet; none when the closest
    // sentence has every term of the claim.
    for (let round = 1; round < MAX_EVIDENCE && covered.includes(0); round++) {
      let best: Scored | undefined;
      let gain = 0;
      for (const x of cands.slice(1, 1 + EXTRA_POOL)) {
        if (set.includes(x)) continue;
        let g = 0;
        for (let i = 0; i < covered.length; i++) if (!covered[i] && x.hits[i]) g += x.weights[i];
        if (g > gain) {
          gain = g;
          best = x;
        }
      }
      if (!best) break;
      set.push(best);
      for (let i = 0; i < covered.length; i++) covered[i] ||= best.hits[i];
    }
    const doc = this.corpus.sentence(primary.id)!.docIndex;
    // Values are not frame terms, so the sentence of the document that states
    // a value of the claim among the same words may not be a candidate; it
    // joins the set (in place of the last sentence added for its words).
    let facts = compareSet(
      a,
      set.map((x) => this.corpus.analysis(x.id)),
      set.map((x) => this.context(x.id)),
    );
    let added = false;
    // A value in conflict with the primary may be stated as the claim has it by another sentence.
    const disputed = a.values.filter((v) => facts.conflicts.some((c) => v.start <= c.start && c.end <= v.end));
    for (const v of [...facts.novel.flatMap((n) => (n.value ? [n.value] : [])), ...disputed]) {
      if (added) break;
      const id = this.valueSentence(doc, a, v, new Set(set.map((x) => x.id)), this.corpus.sentence(primary.id)!.trust);
      if (id === undefined) continue;
      const extra = cands.find((x) => x.id === id) ?? this.scoredAs(id, primary);
      if (set.length >= MAX_EVIDENCE) set.pop();
      set.push(extra);
      added = true;
    }
    // A value no sentence of the set states may be stated otherwise by a
    // sentence of the document that shares only words the set already has
    // ("its latest nuclear test in 2016" / "his country's most recent nuclear
    // test in 2017"): the candidate that has a value of its kind in its role joins.
    for (const v of added ? [] : facts.novel.flatMap((n) => (n.value ? [n.value] : []))) {
      const other = cands
        .slice(1, 1 + EXTRA_POOL)
        .find(
          (x) =>
            !set.includes(x) &&
            this.corpus.analysis(x.id).values.some((sv) => group(sv) === group(v) && sharesSurroundings(a, v, this.corpus.analysis(x.id), sv, true)),
        );
      if (!other) continue;
      if (set.length >= MAX_EVIDENCE) set.pop();
      set.push(other);
      added = true;
      break;
    }
    if (added)
      facts = compareSet(
        a,
        set.map((x) => this.corpus.analysis(x.id)),
        set.map((x) => this.context(x.id)),
      );
    // From here on the set lists its primary sentence first.
    if (facts.primaryAt > 0) set.unshift(...set.splice(facts.primaryAt, 1));
    const analyses = set.map((x) => this.corpus.analysis(x.id));
    const docTerms = this.documentTerms(doc);
    const index = this.corpus.index;
    const documentHas = (t: string): boolean => {
      const id = index.termId(t);
      return id !== undefined && docTerms.has(id);
    };
    const words = alignWords(a, analyses, { documentHas, near: (t) => (index.dfOf(t) > 0 ? EMPTY_NEAR : this.memo.near.of(t)) });
    const valuesElsewhere = facts.novel.filter((n) => n.value && this.documentStates(doc, n.value)).length;
    const entitiesElsewhere = facts.novel.filter((n) => n.entity && entityTerms(n.entity).some(documentHas)).length;
    const input: FeatureInput = {
      claim: a,
      words,
      idf: (t) => index.idf(t),
      facts,
      valuesElsewhere,
      entitiesElsewhere,
      sim: primary.sim,
      evidenceSize: set.length,
      bigrams: bigramShare(words, analyses),
      written: this.written(doc),
    };
    const model = this.model;
    const features = featuresOf(input);
    const support = model.support(features);
    const out: Assessment = { doc, set, analyses, words, facts, features, support, input };
    if (facts.conflicts.length) {
      // Would the evidence support the claim if the conflicting facts were right?
      // The conflicting words (an opposite, a negated verb) count as said.
      const asIf: SetComparison = {
        ...facts,
        conflicts: [],
        each: facts.each.map((e, i) => (i === 0 ? { ...e, confirmed: [...e.confirmed, ...facts.conflicts.map(spanOf(a))] } : e)),
      };
      const inConflict = (w: WordLink): boolean => facts.conflicts.some((c) => c.start < w.token.end && w.token.start < c.end);
      const asIfWords = words.map((w) => (inConflict(w) ? { ...w, kind: 'same' as const, slot: false } : w));
      out.eventFeatures = featuresOf({ ...input, words: asIfWords, facts: asIf });
      out.eventSupport = model.support(out.eventFeatures);
    }
    return out;
  }

  /** Where an unverified claim is not supported, and why, from its best assessment. */
  private gaps(a: Analysis, x: Assessment): BlockGap[] {
    const index = this.corpus.index;
    const gaps: BlockGap[] = [];
    for (const n of x.facts.novel) {
      if (n.value) {
        const said = this.corpusStates(n.value);
        gaps.push({
          start: n.value.start,
          end: n.value.end,
          text: n.value.text,
          reason: said ? `The sources mention ${n.value.text}, but not about this.` : `No source mentions ${n.value.text}.`,
        });
      } else if (n.entity) {
        const said = entityTerms(n.entity).every((t) => index.dfOf(t) > 0);
        gaps.push({
          start: n.entity.start,
          end: n.entity.end,
          text: n.entity.text,
          reason: said ? `The sources mention ${n.entity.text}, but not about this.` : `No source mentions ${n.entity.text}.`,
        });
      } else {
        const q = a.quotes.find((y) => `“${y.text}”` === n.text);
        if (q) gaps.push({ start: q.start, end: q.end, text: q.text, reason: 'No source has this quotation.' });
        else if (n.span) {
          // Looked up as the index keys it, by its lemma: "women" is indexed as "woman".
          const word = a.tokens.find((t) => t.start === n.span!.start);
          const said = index.dfOf(word ? tokenStem(word) : stemWord(normaliseWord(n.text))) > 0;
          gaps.push({ ...n.span, text: n.text, reason: said ? `The sources use “${n.text}”, but not about this.` : `No source says “${n.text}”.` });
        } else gaps.push({ start: a.start, end: a.end, text: collapse(a.text), reason: `No source says ${n.text}.` });
      }
    }
    // Runs of unaligned words make one gap each ("a trade agreement").
    const loose = x.words.filter((w) => w.kind === 'none' || w.kind === 'elsewhere' || ((w.kind === 'cohyponym' || w.kind === 'antonym') && w.slot));
    let run: WordLink[] = [];
    const flush = (): void => {
      if (!run.length) return;
      const first = run[0].token;
      const last = run[run.length - 1].token;
      const text = a.text.slice(first.start - a.start, last.end - a.start);
      const said = run.find((w) => (w.kind === 'cohyponym' || w.kind === 'antonym') && w.to);
      const reason = said
        ? `The source says “${said.to!.text}”.`
        : run.some((w) => w.kind === 'elsewhere' || index.dfOf(w.stem) > 0)
          ? `The sources use “${text}”, but not about this.`
          : `No source mentions “${text}”.`;
      gaps.push({ start: first.start, end: last.end, text, reason });
      run = [];
    };
    for (const w of x.words) {
      if (loose.includes(w) && (!run.length || adjacent(a, run[run.length - 1].token, w.token))) run.push(w);
      else {
        flush();
        if (loose.includes(w)) run.push(w);
      }
    }
    flush();
    const aligned = x.words.some((w) => !loose.includes(w)) || x.facts.confirmed > 0;
    if (!aligned) return [{ start: a.start, end: a.end, text: collapse(a.text), reason: 'No source speaks to this claim.' }];
    if (gaps.length === 0) {
      const reason = x.facts.otherEvent
        ? 'The closest source describes a different occasion.'
        : x.facts.hypothetical
          ? 'The closest source only says this may happen.'
          : 'Sources speak to this claim only in part.';
      return [{ start: a.start, end: a.end, text: collapse(a.text), reason }];
    }
    // A word of a closed class may also be in a run of unaligned words (or be
    // that run): the widest gap over it says it, once. A gap over the whole
    // claim ("No source says again.") covers nothing else.
    const whole = (g: BlockGap): boolean => g.start <= a.start && g.end >= a.end;
    const shown: BlockGap[] = [];
    for (const g of [...gaps].sort((p, q) => q.end - q.start - (p.end - p.start)))
      if (whole(g) || !shown.some((o) => !whole(o) && o.start <= g.start && g.end <= o.end)) shown.push(g);
    return shown.sort((p, q) => p.start - q.start);
  }

  /**
   * A sentence of document `doc` outside `skip` that states claim value `v`
   * among the claim's words around it. Only sentences indexed under the value's
   * key are read (see valueKeys.ts).
   */
  private valueSentence(doc: number, a: Analysis, v: Value, skip: Set<number>, trust: number): number | undefined {
    const index = this.corpus.index;
    const key = index.termId(queryKey(v));
    if (key === undefined || !this.documentTerms(doc).has(key)) return undefined;
    for (const id of this.corpus.documents[doc].sentenceIds) {
      if (id < 0 || skip.has(id) || !index.termIdsOf(id).includes(key) || this.corpus.sentence(id)!.trust !== trust) continue;
      const an = this.corpus.analysis(id);
      if (an.values.some((sv) => sameValue(v, sv) && sharesSurroundings(a, v, an, sv))) return id;
    }
    return undefined;
  }

  /** Sentence `id` as a candidate, its term hits read from the index, scored like nothing (it was not retrieved). */
  private scoredAs(id: number, like: Scored): Scored {
    const have = new Set(this.corpus.index.termIdsOf(id));
    const terms = this.lastTerms;
    const hits = Uint8Array.from(terms, (t) => {
      const tid = this.corpus.index.termId(t);
      return tid !== undefined && have.has(tid) ? 1 : 0;
    });
    return { id, sim: 0, pred: 0, onePredicate: like.onePredicate, hits, weights: like.weights };
  }

  /** Whether document `doc` states value `v` somewhere (its sentences' value keys). */
  private documentStates(doc: number, v: Value): boolean {
    const key = this.corpus.index.termId(queryKey(v));
    return key !== undefined && this.documentTerms(doc).has(key);
  }

  /** Whether any source sentence states value `v` (answered from the corpus's value index). */
  private corpusStates(v: Value): boolean {
    return this.corpus.statesValue(v);
  }

  /** How much a document reads as written text (see FeatureInput.written), kept per corpus. */
  private written(doc: number): number {
    return remember(this.memo.written, doc, () => {
      const d = this.corpus.documents[doc];
      // A slice's document says it; its own few sentences would not.
      if (d.written !== undefined) return d.written;
      const corpus = this.corpus;
      function* texts(): Generator<string> {
        for (const id of d.sentenceIds) {
          const s = id >= 0 ? corpus.sentence(id) : undefined;
          if (s) yield s.text;
        }
      }
      return writtenShare(texts());
    });
  }

  /** Term ids of a document's sentences (kept per corpus, bounded). */
  private documentTerms(doc: number): Set<number> {
    return remember(this.memo.documentTerms, doc, () => {
      const index = this.corpus.index;
      const out = new Set<number>();
      for (const id of this.corpus.documents[doc].sentenceIds) if (id >= 0) for (const t of index.termIdsOf(id)) out.add(t);
      return out;
    });
  }

  /** Candidate sentences with their frame similarity to the claim, best first. */
  private retrieve(a: Analysis): Scored[] {
    const index = this.corpus.index;
    const terms = [...new Set(a.terms)];
    this.lastTerms = terms;
    if (terms.length === 0) return [];
    const weights = terms.map((t) => index.idf(t));
    const total = weights.reduce((x, y) => x + y, 0);
    const cands = this.distinct(index.candidates(terms), terms);
    if (cands.length === 0) return [];
    const names = new Set(a.entities.flatMap((e) => (e.cls === 'place' ? ['@' + e.key] : e.parts.flatMap((p) => [p, stemWord(p)]))));
    const isName = terms.map((t) => names.has(t));
    const predWeight = weights.reduce((sum, w, i) => sum + (isName[i] ? 0 : w), 0);
    const predTerms = isName.filter((n) => !n).length;

    // Terms are matched by id: the claim's terms are stamped in a vocabulary-
    // sized array, then each candidate's (and its neighbours') term ids are read
    // from the index's forward store, with no set built per sentence.
    const m = this.memo;
    if (m.stamp.length < index.vocabularySize) {
      m.stamp = new Int32Array(index.vocabularySize);
      m.slot = new Int32Array(index.vocabularySize);
    }
    if (m.serial === 0x7fffffff) {
      m.stamp.fill(0);
      m.serial = 0;
    }
    const serial = ++m.serial;
    // Only words the corpus never uses can be spelling variants of words it does:
    // near[termId] lists the claim terms that corpus word nearly spells, with how closely.
    const near = new Map<number, [number, number][]>();
    terms.forEach((t, i) => {
      if (index.dfOf(t) > 0) {
        // A corpus slice (database mode) may hold no sentence with the term.
        const id = index.termId(t);
        if (id !== undefined) {
          m.stamp[id] = serial;
          m.slot[id] = i;
        }
        return;
      }
      for (const [u, sim] of m.near.of(t)) {
        const uid = index.termId(u);
        if (uid === undefined) continue;
        const list = near.get(uid);
        if (list) list.push([i, sim]);
        else near.set(uid, [[i, sim]]);
      }
    });
    const own = new Uint8Array(terms.length);
    const inContext = new Uint8Array(terms.length);
    const nearCredit = new Float64Array(terms.length);
    const scored: Scored[] = [];
    for (const c of cands) {
      own.fill(0);
      inContext.fill(0);
      nearCredit.fill(0);
      const ids = index.termIdsOf(c.id);
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (m.stamp[id] === serial) own[m.slot[id]] = 1;
        if (near.size) for (const [i, sim] of near.get(id) ?? []) nearCredit[i] = Math.max(nearCredit[i], sim * NEAR_CREDIT);
      }
      const nids = this.contextTermIds(c.id);
      for (let k = 0; k < nids.length; k++) if (m.stamp[nids[k]] === serial) inContext[m.slot[nids[k]]] = 1;
      let covered = 0;
      let pred = 0;
      for (let i = 0; i < terms.length; i++) {
        // Terms found only in neighbouring sentences count for less: they are
        // usually names that the sentence itself refers to as "he" or "the country".
        const credit = own[i] ? 1 : inContext[i] ? CONTEXT_CREDIT : nearCredit[i];
        covered += weights[i] * credit;
        if (!isName[i]) pred += weights[i] * credit;
      }
      scored.push({
        id: c.id,
        sim: covered / total,
        pred: predWeight > 0 ? pred / predWeight : 1,
        onePredicate: predTerms <= 1,
        hits: Uint8Array.from(own),
        weights,
      });
    }
    return scored.sort((p, q) => q.sim - p.sim || p.id - q.id);
  }

  /** Ids of the sentences near `id` in its document (CONTEXT either side), plus the document's first sentence. */
  private neighbours(id: number): number[] {
    const ids = this.corpus.documents[this.corpus.sentence(id)!.docIndex].sentenceIds;
    // A document's sentences have consecutive ids in a corpus; a slice's sparse ids fall back to indexOf.
    const first = ids.at(0) ?? -1;
    const at = ids.at(id - first) === id ? id - first : ids.indexOf(id);
    const out: number[] = [];
    for (let k = Math.max(0, at - CONTEXT); k <= Math.min(ids.length - 1, at + CONTEXT); k++) if (k !== at) out.push(ids.at(k) ?? -1);
    if (at > CONTEXT) out.push(first);
    return out;
  }

  /** The distinct term ids of {@link neighbours} (kept, bounded): candidates recur from claim to claim. */
  private contextTermIds(id: number): Int32Array {
    return remember(this.memo.contextTermIds, id, () => {
      const index = this.corpus.index;
      const seen = new Set<number>();
      // A corpus slice reads sentences it did not fetch as -1.
      for (const n of this.neighbours(id)) if (n >= 0) for (const t of index.termIdsOf(n)) seen.add(t);
      return Int32Array.from(seen);
    });
  }

  /** The analyses of {@link neighbours}; they resolve names and pronouns of sentence `id`. */
  private context(id: number): Analysis[] {
    // Candidates recur from claim to claim; their neighbourhoods are kept (bounded).
    return remember(this.memo.contexts, id, () => this.neighbours(id).map((n) => this.corpus.analysis(n)));
  }

  /**
   * Candidates with each text once. The same sentence in many files (a wire
   * story copied into a folder thousands of times) would crowd out every other
   * candidate: copies are set aside, remembered for the evidence they repeat,
   * and the index is asked for more until there are enough distinct ones.
   */
  private distinct(cands: { id: number; overlap: number }[], terms: string[]): { id: number; overlap: number }[] {
    const pass = (list: { id: number; overlap: number }[]): { out: { id: number; overlap: number }[]; dup: boolean } => {
      this.copies = new Map();
      const first = new Map<string, number>();
      const out: { id: number; overlap: number }[] = [];
      let dup = false;
      for (const c of list) {
        const key = this.dupKey(c.id);
        const kept = first.get(key);
        if (kept === undefined || !sameTerms(this.corpus.index.termIdsOf(kept), this.corpus.index.termIdsOf(c.id))) {
          first.set(key, c.id);
          out.push(c);
        } else {
          dup = true;
          const copies = this.copies.get(kept) ?? [];
          copies.push(c.id);
          this.copies.set(kept, copies);
        }
      }
      return { out, dup };
    };
    let { out, dup } = pass(cands);
    for (let widen = DUPLICATE_WIDEN; dup && cands.length >= CANDIDATES && out.length < CANDIDATES && widen <= DUPLICATE_WIDEN ** 3; widen *= DUPLICATE_WIDEN) {
      cands = this.corpus.index.candidates(terms, CANDIDATES * widen);
      ({ out, dup } = pass(cands));
    }
    return out.slice(0, CANDIDATES);
  }

  /**
   * What copies of a sentence share: its index terms in order (frame terms and
   * value keys), which ignore case, spacing and punctuation; hashed, with the
   * length, so that no text is rebuilt per candidate.
   */
  private dupKey(id: number): string {
    const ids = this.corpus.index.termIdsOf(id);
    let h = 2166136261;
    for (let k = 0; k < ids.length; k++) h = Math.imul(h ^ ids[k], 16777619);
    return `${ids.length}:${h >>> 0}`;
  }

  private evidence(id: number, score: number, stance: Evidence['stance']): Evidence {
    const s = this.corpus.sentence(id)!;
    const d = this.corpus.documents[s.docIndex];
    const copies = (this.copies.get(id) ?? []).map((c) => {
      const x = this.corpus.sentence(c)!;
      const xd = this.corpus.documents[x.docIndex];
      return { path: xd.path, uri: xd.uri, range: x.range };
    });
    const ordinal = d.sentenceIds.indexOf(id);
    return {
      path: d.path,
      uri: d.uri,
      range: s.range,
      text: s.text,
      score: Math.round(score * 100) / 100,
      ...(d.date ? { date: d.date } : {}),
      sentenceId: id,
      ...(ordinal >= 0 ? { sentence: ordinal + 1 } : {}),
      stance,
      ...(copies.length ? { copies: copies.slice(0, MAX_COPIES_SHOWN), copyCount: copies.length } : {}),
    };
  }

  private mismatch(c: Conflict, evidence: Evidence): Omit<Mismatch, 'range'> {
    return { kind: c.kind, start: c.start, end: c.end, found: c.found, ...(c.expected !== undefined ? { expected: c.expected } : {}), evidence };
  }
}

/** The value memoised for `id` in `memo`, made once; the memo is emptied when it reaches CONTEXT_CACHE entries. */
function remember<T>(memo: Map<number, T>, id: number, make: () => T): T {
  let value = memo.get(id);
  if (value === undefined) {
    value = make();
    if (memo.size >= CONTEXT_CACHE) memo.clear();
    memo.set(id, value);
  }
  return value;
}

/** What the verdict rules read of an assessment. */
export function decisionOf(x: Assessment): DecisionInput {
  return {
    conflicts: x.facts.conflicts.length,
    novel: x.facts.novel.length,
    ...novelCounts(x.facts.novel),
    otherEvent: x.facts.otherEvent,
    hypothetical: x.facts.hypothetical,
    ...(new Set(x.facts.conflicts.map((c) => c.kind)).size > 1 ? { mixedConflicts: true } : {}),
    ...(x.input.written >= WRITTEN && (unsaidShare(x.words, x.input.idf) > MOSTLY || nothingSaid(x.words)) ? { mostlyUnsaid: true } : {}),
    ...(x.facts.novel.some((n) => n.entity && isVenue(x.input.claim, n.entity))
      ? { novelPlaces: x.facts.novel.filter((n) => n.entity && isVenue(x.input.claim, n.entity)).length }
      : {}),
    support: x.support,
    ...(x.eventSupport !== undefined ? { eventSupport: x.eventSupport } : {}),
  };
}

/** How many novel facts are values, names and other facts. */
export function novelCounts(novel: { value?: unknown; entity?: unknown }[]): { novelValues: number; novelNames: number; novelOther: number } {
  const novelValues = novel.filter((n) => n.value).length;
  const novelNames = novel.filter((n) => n.entity).length;
  return { novelValues, novelNames, novelOther: novel.length - novelValues - novelNames };
}

/** The best of several assessments: the highest score, then the most trusted source. */
function bestOf(xs: Assessment[], corpus: Corpus, score: (x: Assessment) => number): Assessment {
  return [...xs].sort((p, q) => score(q) - score(p) || corpus.sentence(q.set[0].id)!.trust - corpus.sentence(p.set[0].id)!.trust)[0];
}

/** Whether an assessment confirms the claim's fact (or word) at a conflict of another one. */
function confirmsAt(x: Assessment, a: Analysis, c: Conflict): boolean {
  const span = spanOf(a)(c);
  if (x.facts.each.some((e) => e.confirmed.some((f) => f.start <= span.start && span.end <= f.end))) return true;
  const w = x.words.find((l) => l.token.start <= c.start && c.end <= l.token.end);
  return !!w && (w.kind === 'same' || w.kind === 'synonym' || w.kind === 'derivation');
}

/** The span a conflict points at, widened to the claim fact around it (for "the fact were right"). */
function spanOf(a: Analysis): (c: Conflict) => { start: number; end: number } {
  return (c) => {
    const f = [...a.values, ...a.entities, ...a.quotes].find((x) => x.start <= c.start && c.end <= x.end);
    return f ? { start: f.start, end: f.end } : { start: c.start, end: c.end };
  };
}

/** The index terms of a name: its place key, or its name parts and their stems. */
function entityTerms(e: Entity): string[] {
  // The place in an organisation's name ("Washington Post") is no mention of the organisation.
  return e.cls === 'place' ? ['@' + e.key] : nameTerms(e.placeWords ? e.parts.slice(e.placeWords) : e.parts);
}

/** Share of the claim's consecutive content-word pairs that an evidence sentence has, in order. */
function bigramShare(words: WordLink[], evidence: Analysis[]): number {
  if (words.length < 2) return words.length === 1 && words[0].kind === 'same' ? 1 : 0;
  let hit = 0;
  for (let i = 0; i + 1 < words.length; i++) {
    const pair = words[i].stem + ' ' + words[i + 1].stem;
    if (evidence.some((e) => bigramsOf(e).has(pair))) hit++;
  }
  return hit / (words.length - 1);
}

const bigramMemo = new WeakMap<Analysis, Set<string>>();

/** The stem bigrams of a source sentence's words other than stop words (kept per analysis). */
function bigramsOf(e: Analysis): Set<string> {
  let have = bigramMemo.get(e);
  if (!have) {
    have = new Set<string>();
    const stems = e.tokens.filter((t) => /\p{L}/u.test(t.text) && !STOP.has(t.lower)).map(tokenStem);
    for (let i = 0; i + 1 < stems.length; i++) have.add(stems[i] + ' ' + stems[i + 1]);
    bigramMemo.set(e, have);
  }
  return have;
}

/**
 * Whether two unaligned words are one phrase: only stop words between them.
 * A value or a clause mark between them ends the phrase, so a gap never
 * swallows a value that is a gap of its own ("armoured train in 2019, his aides").
 */
function adjacent(a: Analysis, x: { end: number }, y: { start: number }): boolean {
  const between = a.text.slice(x.end - a.start, y.start - a.start);
  if (/[\p{N},;:()\u2013\u2014]/u.test(between)) return false;
  return between.split(/\s+/).filter((w) => w && /\p{L}/u.test(w) && !STOP.has(w.toLowerCase())).length === 0;
}

function sameTerms(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function name(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function clamp(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : DEFAULT_MIN_SCORE;
}
