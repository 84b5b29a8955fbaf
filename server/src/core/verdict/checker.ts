import type { CorpusBackend } from '../backend';
import type { Corpus } from '../corpus/corpus';
import { compare, mentions, type Comparison, type Conflict } from './compare';
import { analyse, isCheckWorthy, stemWord, type Analysis } from '../analysis/facts';
import { editProse, proseOf, type Prose } from '../analysis/draft';
import { sentencesOf } from '../analysis/nlp';
import { LineIndex } from '../positions';
import { NearTerms } from '../corpus/retrieval';
import type { CancellationSignal, CheckOptions, CheckResult, ClaimResult, Evidence, Mismatch, Verdict } from '../types';

/**
 * Checks drafts against one corpus. Results are cached per paragraph (keyed by
 * the paragraph's text), so an edit re-checks only the paragraph it touched.
 */

/** Default minimum frame similarity for a source sentence to count as evidence. */
export const DEFAULT_MIN_SCORE = 0.5;
/** A contradicting sentence this much less similar to the claim than a confirming one is not a disagreement. */
const CONFLICT_SPREAD = 0.25;
/** A contradiction needs a closer match than mere relatedness. */
const CONTRADICT_MARGIN = 0.1;
/** How many neighbouring sentences of a document resolve names and pronouns. */
export const CONTEXT = 3;
/** Credit for a claim term found only in a neighbouring sentence of the candidate. */
const CONTEXT_CREDIT = 0.6;
/** Credit for a claim term that the candidate has only in a near spelling. */
const NEAR_CREDIT = 0.8;
/** Share (idf-weighted) of the claim's predicate terms a supporting sentence (with its neighbours) must state. */
const MIN_PREDICATE = 0.5;
/** How many candidates are compared in detail. */
const COMPARE = 12;
/** At most this many sentence neighbourhoods are kept. */
const CONTEXT_CACHE = 20000;
/** At most this many paragraphs are kept in the cache. */
const CACHE_LIMIT = 5000;

/**
 * What the checker derives from the corpus alone: near spellings, sentence
 * neighbourhoods and their term ids. It depends on nothing else, so every
 * checker of one corpus shares it, and it goes when the corpus goes.
 */
interface CorpusMemo {
  near: NearTerms;
  contexts: Map<number, Analysis[]>;
  contextTermIds: Map<number, Int32Array>;
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
}

interface Scored {
  id: number;
  /** Idf-weighted coverage of the claim's frame terms by the sentence (and, for less, its neighbours). */
  sim: number;
  /** The same coverage over the claim's predicate terms alone (its words other than names). */
  pred: number;
  /** The claim says at most one word besides its names and values. */
  onePredicate: boolean;
  cmp?: Comparison;
}

export class Checker implements CorpusBackend {
  private readonly cache = new Map<string, BlockClaim[]>();
  /** The last draft checked and its prose, so that typing does not re-parse the whole draft. */
  private lastProse?: { text: string; languageId: string; prose: Prose };
  private readonly memo: CorpusMemo;

  constructor(readonly corpus: Corpus) {
    let memo = memos.get(corpus);
    if (!memo) {
      memo = { near: new NearTerms(() => corpus.index.vocabulary()), contexts: new Map(), contextTermIds: new Map(), stamp: new Int32Array(0), slot: new Int32Array(0), serial: 0 };
      memos.set(corpus, memo);
    }
    this.memo = memo;
  }

  /** Checks a draft. Honours cancellation between paragraphs. */
  check(text: string, options: CheckOptions = {}, token?: CancellationSignal): CheckResult {
    const minScore = clamp(options.minScore ?? DEFAULT_MIN_SCORE);
    const languageId = options.languageId ?? 'markdown';
    const last = this.lastProse;
    const prose = (last && last.languageId === languageId && editProse(last.text, last.prose, text)) || proseOf(text, languageId);
    this.lastProse = { text, languageId, prose };
    const lines = new LineIndex(text);
    const claims: ClaimResult[] = [];
    for (const block of prose.blocks) {
      if (token?.isCancellationRequested) return { claims, cancelled: true };
      const body = prose.masked.slice(block.start, block.end);
      const key = `${minScore}\u0000${body}`;
      let result = this.cache.get(key);
      if (!result) {
        result = this.checkBlock(body, minScore);
        if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(key, result);
      }
      for (const c of result) {
        const start = block.start + c.start;
        const end = block.start + c.end;
        claims.push({
          start, end, range: lines.rangeOf(start, end), text: c.text, verdict: c.verdict, evidence: c.evidence,
          // `found` is the draft's own text: the cached result was computed on the
          // masked paragraph, where a comment inside a word reads as blanks.
          mismatches: c.mismatches.map((m) => ({
            ...m, start: block.start + m.start, end: block.start + m.end,
            range: lines.rangeOf(block.start + m.start, block.start + m.end), found: text.slice(block.start + m.start, block.start + m.end),
          })),
          ...(c.conflict ? { conflict: c.conflict } : {}),
          ...(c.reason ? { reason: c.reason } : {}),
        });
      }
    }
    return { claims };
  }

  /** Analyses and checks one paragraph; offsets are relative to it. */
  private checkBlock(body: string, minScore: number): BlockClaim[] {
    const out: BlockClaim[] = [];
    for (const s of sentencesOf(body)) {
      const a = analyse(s.tokens, body);
      if (!isCheckWorthy(a)) continue;
      try {
        out.push(this.checkClaim(a, minScore));
      } catch (err) {
        // One claim that trips the engine must not cost the draft its other results.
        out.push({ start: a.start, end: a.end, text: collapse(a.text), verdict: 'unverified', evidence: [], mismatches: [], reason: `The checker failed on this sentence: ${(err as Error).message}` });
      }
    }
    return out;
  }

  /** The verdict for one analysed claim. */
  checkClaim(a: Analysis, minScore = DEFAULT_MIN_SCORE): BlockClaim {
    const base = { start: a.start, end: a.end, text: collapse(a.text) };
    const scored = this.retrieve(a).filter((x) => x.sim >= minScore).slice(0, COMPARE);
    // A candidate too far from the claim to contradict it, whose wording says
    // too little of the claim to support it, can only inform the reason given
    // for an unverified claim: it is compared only when that reason is needed.
    const decisive = (x: Scored): boolean =>
      x.sim >= minScore + CONTRADICT_MARGIN || (x.onePredicate ? x.pred > CONTEXT_CREDIT || a.values.length > 0 : x.pred >= MIN_PREDICATE);
    for (const x of scored) if (decisive(x)) x.cmp = compare(a, this.corpus.analysis(x.id), this.context(x.id));

    // Does the sentence say what the claim says? A one-word predicate must be in
    // the sentence itself (a neighbour's "met" does not make "relations with
    // Russia" a meeting), unless the sentence states every value of the claim:
    // "lasted" is easily paraphrased ("the 1950-1953 war"). Only decisive
    // candidates can say it, so only they need to have been compared.
    const says = (x: Scored): boolean =>
      x.onePredicate ? x.pred > CONTEXT_CREDIT || !!x.cmp?.valuesInSentence : x.pred >= MIN_PREDICATE;
    // A claim may join facts from two sentences of one document about the same
    // event: a fact missing from one candidate counts as found when another
    // candidate of the same document states it.
    // A contradiction must stand on its own sentence and neighbours, though: the
    // facts it leaves unexplained are counted before this joining.
    const strictNovel = scored.map((x) => x.cmp?.novel.length ?? 0);
    const docs = scored.map((x) => this.corpus.sentence(x.id)!.docIndex);
    const join = (x: Scored, i: number): void => {
      if (x.cmp!.novel.length === 0) return;
      const others = scored
        .filter((y, j) => j !== i && docs[j] === docs[i] && says(y) && !y.cmp!.otherEvent)
        .map((y) => this.corpus.analysis(y.id));
      x.cmp!.novel = x.cmp!.novel.filter((n) => !others.some((o) => mentions(o, n)));
    };
    scored.forEach((x, i) => x.cmp && join(x, i));
    // Support needs the sentence to say what the claim says of its names, not
    // only to mention them: "Kim and Putin will sign a treaty" is not supported
    // by a sentence that names Kim and Putin but speaks of a letter.
    const supporting = scored.filter((x) => says(x) && x.cmp!.conflicts.length === 0 && x.cmp!.novel.length === 0 && !x.cmp!.otherEvent && !x.cmp!.hypothetical);
    const contradicting = scored.filter((x, i) => {
      const c = x.cmp;
      return !!c && c.conflicts.length > 0 && c.conflicts.length <= 2 && strictNovel[i] === 0 && !c.otherEvent && !c.hypothetical && x.sim >= minScore + CONTRADICT_MARGIN;
    });

    const evidence = (x: Scored, stance: Evidence['stance']): Evidence => this.evidence(x.id, x.sim, stance);
    const related = scored.slice(0, 3).map((x) => evidence(x, 'related'));

    // A sentence that matches the claim far less well than one that confirms it
    // speaks of something else; it neither contradicts nor makes a disagreement.
    const bestSupport = supporting.reduce((m, x) => Math.max(m, x.sim), 0);
    const disagreeing = contradicting.filter((x) => x.sim >= bestSupport - CONFLICT_SPREAD);
    if (disagreeing.length) {
      const against = best(disagreeing, this.corpus);
      const forIt = supporting.length ? best(supporting, this.corpus) : undefined;
      const againstEv = evidence(against, 'contradicts');
      const mismatches = against.cmp!.conflicts.map((c) => this.mismatch(c, againstEv));
      if (forIt) {
        const forEv = evidence(forIt, 'supports');
        const trustFor = this.corpus.sentence(forIt.id)!.trust;
        const trustAgainst = this.corpus.sentence(against.id)!.trust;
        const says = mismatches.map((m) => (m.expected !== undefined ? m.expected : `the opposite of "${m.found}"`)).join(', ');
        const note = `${name(forEv.path)} supports this claim; ${name(againstEv.path)} says ${says}.`;
        if (trustFor > trustAgainst || (trustFor === trustAgainst && forIt.sim >= against.sim)) {
          return { ...base, verdict: 'supported', evidence: [forEv, againstEv], mismatches: [], conflict: { supporting: forEv, contradicting: againstEv, note } };
        }
        return { ...base, verdict: 'contradicted', evidence: [againstEv, forEv], mismatches, conflict: { supporting: forEv, contradicting: againstEv, note } };
      }
      return { ...base, verdict: 'contradicted', evidence: [againstEv, ...related.filter((e) => e.sentenceId !== against.id).slice(0, 2)], mismatches };
    }
    if (supporting.length) {
      const ranked = [...supporting].sort((p, q) => q.sim - p.sim);
      return { ...base, verdict: 'supported', evidence: ranked.slice(0, 3).map((x) => evidence(x, 'supports')), mismatches: [] };
    }
    scored.forEach((x, i) => {
      if (x.cmp) return;
      x.cmp = compare(a, this.corpus.analysis(x.id), this.context(x.id));
      join(x, i);
    });
    return { ...base, verdict: 'unverified', evidence: related, mismatches: [], reason: unverifiedReason(scored) };
  }

  /** Candidate sentences with their frame similarity to the claim, best first. */
  private retrieve(a: Analysis): Scored[] {
    const index = this.corpus.index;
    const terms = [...new Set(a.terms)];
    if (terms.length === 0) return [];
    const weights = terms.map((t) => index.idf(t));
    const total = weights.reduce((x, y) => x + y, 0);
    const cands = index.candidates(terms);
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
      scored.push({ id: c.id, sim: covered / total, pred: predWeight > 0 ? pred / predWeight : 1, onePredicate: predTerms <= 1 });
    }
    return scored.sort((p, q) => q.sim - p.sim || p.id - q.id);
  }

  /** Ids of the sentences near `id` in its document (CONTEXT either side), plus the document's first sentence. */
  private neighbours(id: number): number[] {
    const ids = this.corpus.documents[this.corpus.sentence(id)!.docIndex].sentenceIds;
    // A document's sentences have consecutive ids in a corpus; a slice's sparse ids fall back to indexOf.
    const at = ids[id - ids[0]] === id ? id - ids[0] : ids.indexOf(id);
    const out: number[] = [];
    for (let k = Math.max(0, at - CONTEXT); k <= Math.min(ids.length - 1, at + CONTEXT); k++) if (k !== at) out.push(ids[k]);
    if (at > CONTEXT) out.push(ids[0]);
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

  private evidence(id: number, score: number, stance: Evidence['stance']): Evidence {
    const s = this.corpus.sentence(id)!;
    const d = this.corpus.documents[s.docIndex];
    return {
      path: d.path, uri: d.uri, range: s.range, text: s.text, score: Math.round(score * 100) / 100,
      ...(d.date ? { date: d.date } : {}), sentenceId: id, stance,
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

function best(xs: Scored[], corpus: Corpus): Scored {
  // The most trusted source first, then the closest match.
  return [...xs].sort((p, q) => corpus.sentence(q.id)!.trust - corpus.sentence(p.id)!.trust || q.sim - p.sim)[0];
}

function unverifiedReason(scored: Scored[]): string {
  const top = scored[0];
  if (!top) return 'No source speaks to this claim.';
  // Facts that no compared source mentions say most about why.
  const missing = top.cmp!.novel.filter((n) => scored.every((x) => x.cmp!.novel.some((m) => m.text === n.text)));
  if (missing.length) return `No source mentions ${missing.slice(0, 3).map((n) => n.text).join(', ')}.`;
  const c = top.cmp!;
  if (c.otherEvent) return 'The closest source describes a different occasion.';
  if (c.hypothetical) return 'The closest source only says this may happen.';
  if (c.novel.length) return `No source mentions ${c.novel.slice(0, 3).map((n) => n.text).join(', ')}.`;
  return 'Sources speak to this claim only in part.';
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
