import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { CorpusBackend } from '../core/corpusBackend';
import { Checker } from '../core/verdict/checker';
import { termsFingerprint } from './fingerprint';
import {
  AnalysisMemo,
  SLICE_CONTEXT,
  SliceCorpus,
  claimKey,
  draftClaimTerms,
  draftValueKeys,
  queryTerms,
  rankCandidates,
  type SliceDocumentInput,
  type SliceSentenceInput,
} from '../core/corpus/slice';
import type { CancellationSignal, CheckOptions, CheckResult } from '../core/types';
import { dbErrorMessage, describeTarget, isConnectionError, isStatementTimeout, makePool } from './connection';
import { hasSchema } from './schema';

/**
 * Checks drafts against a corpus in PostgreSQL. Per draft: the claims' frame
 * terms are worked out as the Checker will (core/slice.ts), the database finds
 * each claim's candidate sentences (GIN index over the frame-term arrays, rare
 * terms first, idf from corpus-wide document frequencies), the candidates and
 * their neighbours are fetched, and the same {@link Checker} runs on that
 * slice. Verdicts and evidence are those of the in-memory backend.
 *
 * Everything fetched is cached (dropped when an index run changes the
 * database), so typing costs few queries, and when the database goes away the
 * backend keeps checking with what it has: claims it has seen keep their
 * results, new ones are reported as not checked, and the next check after the
 * database returns reconnects.
 */

/** Candidates per claim fetched from the database before exact ranking (more than kept, for ties). */
const FETCH_CANDIDATES = 200;
/**
 * Claims whose candidates one query asks for. A 2,000-claim draft in one query
 * ran past the statement timeout against 86,000 sentences; 50 claims take
 * well under a second there.
 */
export const CLAIMS_PER_QUERY = 50;
/** How long one batch of candidate queries may run (milliseconds) before its claims are left unchecked. */
export const CANDIDATE_QUERY_TIMEOUT_MS = 10_000;
/** Cached sentences at most (about 1 KB each). */
const MAX_CACHED_SENTENCES = 200_000;

export interface DatabaseStatus {
  online: boolean;
  /** The database is reachable again after an outage (what was "Not checked" can be checked now). */
  back?: boolean;
  message: string;
}

export interface DatabaseCheckResult extends CheckResult {
  /** Set when the database could not be asked: why, in one line. */
  problem?: string;
}

export interface PgBackendOptions {
  pool?: PoolConfig;
  /** Called when the database goes away or comes back. */
  onStatus?: (status: DatabaseStatus) => void;
  /** After a failure, the database is tried again at most this often (default 2000 ms). */
  retryMs?: number;
  /**
   * While the database is unreachable, it is tried this often (default
   * {@link retryMs}) without waiting for a check, so that whoever listens to
   * {@link onStatus} learns it is back and can check again; 0: never. Only
   * with an `onStatus` listener.
   */
  probeMs?: number;
  /** The bound of one batch of candidate queries (default {@link CANDIDATE_QUERY_TIMEOUT_MS}). */
  candidateTimeoutMs?: number;
}

interface SentenceRow {
  doc: number;
  ordinal: number;
  start: number;
  end: number;
  paraStart: number;
  range: SliceSentenceInput['range'];
  text: string;
  trust: number;
  terms: string[];
}

interface DocRow {
  id: number;
  path: string;
  uri: string;
  date?: string;
  sentences: number;
  /** How much the document reads as written text; null for a document indexed before it was kept. */
  written?: number;
}

type Ref = { doc: number; ordinal: number };
const refKey = (doc: number, ordinal: number): string => `${doc}:${ordinal}`;
const corpusOrder = (a: Ref, b: Ref): number => a.doc - b.doc || a.ordinal - b.ordinal;

export class PgBackend implements CorpusBackend {
  readonly pool: Pool;
  private generation: string | undefined;
  private totals = { documents: 0, sentences: 0 };
  private readonly df = new Map<string, number>();
  private readonly candidates = new Map<string, { ref: Ref; overlap: number }[]>();
  private readonly sentences = new Map<string, SentenceRow>();
  private readonly paragraphs = new Map<string, string>();
  private readonly docs = new Map<number, DocRow>();
  private readonly memo = new AnalysisMemo();
  private staleNotice: string | undefined;
  private online = true;
  private lastFailure = 0;
  private lastProblem: string | undefined;
  private readonly retryMs: number;
  /** Claims whose candidate query ran past the statement timeout (asked again at the next check). */
  private readonly timedOut = new Set<string>();
  private probe: NodeJS.Timeout | undefined;
  private probing = false;

  constructor(
    readonly url: string,
    private readonly options: PgBackendOptions = {},
  ) {
    this.pool = makePool(url, options.pool);
    this.retryMs = options.retryMs ?? 2000;
  }

  /** Where the database is, for messages (no password). */
  get target(): string {
    return describeTarget(this.url);
  }

  /** Totals of the database corpus as last read. */
  get stats(): { documents: number; sentences: number } {
    return { ...this.totals };
  }

  /**
   * Set, in one line, while some of the database's terms were made by an older
   * or different term extraction (see core/fingerprint.ts).
   */
  get notice(): string | undefined {
    return this.staleNotice;
  }

  /** Whether the last attempt to reach the database succeeded. */
  get isOnline(): boolean {
    return this.online;
  }

  /** Reads the totals (and checks that the database holds a corpus); throws a one-line error otherwise. */
  async connect(): Promise<{ documents: number; sentences: number }> {
    const client = await this.pool.connect();
    try {
      await this.readState(client);
    } finally {
      client.release();
    }
    return this.stats;
  }

  async close(): Promise<void> {
    this.stopProbe();
    await this.pool.end().catch(() => undefined);
  }

  /** Marks the database reachable, saying so once after an outage. */
  private markOnline(): void {
    this.stopProbe();
    if (this.online) return;
    this.online = true;
    this.lastProblem = undefined;
    this.options.onStatus?.({ online: true, back: true, message: `Corpus database at ${this.target} is reachable again.` });
  }

  /** While offline, tries the database every probeMs, so its return is noticed without a check. */
  private startProbe(): void {
    const every = this.options.probeMs ?? this.retryMs;
    if (this.probe || !this.options.onStatus || every <= 0) return;
    this.probe = setInterval(() => {
      if (this.probing || this.online) return;
      this.probing = true;
      this.connect()
        .then(() => this.markOnline())
        .catch(() => undefined)
        .finally(() => (this.probing = false));
    }, every);
    // A probe alone does not keep a process alive.
    this.probe.unref();
  }

  private stopProbe(): void {
    clearInterval(this.probe);
    this.probe = undefined;
  }

  /** Checks a draft. Never throws for database trouble: the result says what could not be checked. */
  async check(text: string, options: CheckOptions = {}, token?: CancellationSignal): Promise<DatabaseCheckResult> {
    const claims = draftClaimTerms(text, options.languageId ?? 'markdown');
    const valueKeys = draftValueKeys(text, options.languageId ?? 'markdown');
    let problem: string | undefined;
    const now = Date.now();
    if (this.online || now - this.lastFailure >= this.retryMs) {
      try {
        await this.fetch(
          claims.filter((c) => c.length > 0),
          valueKeys,
          token,
        );
        this.markOnline();
      } catch (e) {
        problem = this.fail(e);
      }
    } else {
      problem = this.lastProblem;
    }
    if (token?.isCancellationRequested) return { claims: [], cancelled: true };
    const slice = this.slice(claims);
    const result: DatabaseCheckResult = new Checker(slice).check(text, options, token);
    const slow = claims.some((c) => this.timedOut.has(claimKey(c)));
    if (problem || slow) {
      if (problem) result.problem = problem;
      // Claims whose candidates were never fetched were not checked at all; say so.
      const missing = new Set(claims.map((c, i) => (c.length && !this.candidates.has(claimKey(c)) ? i : -1)).filter((i) => i >= 0));
      result.claims.forEach((c, i) => {
        if (!missing.has(i) || c.verdict !== 'unverified') return;
        const why = this.timedOut.has(claimKey(claims[i]))
          ? `the corpus database took too long to answer for this claim (statement timeout); it is asked again at the next check`
          : problem;
        // The whole claim is unchecked: no gap may claim that "no source mentions" a part of it.
        c.reason = `Not checked: ${why}.`;
        c.gaps = [{ start: c.start, end: c.end, range: c.range, text: c.text, reason: c.reason }];
      });
    }
    return result;
  }

  private fail(e: unknown): string {
    const message = dbErrorMessage(e, this.url);
    this.lastFailure = Date.now();
    this.lastProblem = message;
    if (this.online) {
      this.online = false;
      this.options.onStatus?.({
        online: false,
        message: `${message[0].toUpperCase()}${message.slice(1)}; checking with what was already fetched until it is back.`,
      });
      // Only an unreachable database is probed: a failing query would "come back"
      // at every probe (the connection works) and fail again at every check.
      if (isConnectionError(e)) this.startProbe();
    }
    return message;
  }

  private async readState(client: PoolClient): Promise<void> {
    if (!(await hasSchema(client)))
      throw Object.assign(new Error('the database holds no corpus yet (run fact-check index --database URL DIR...)'), { code: 'FCNOCORPUS' });
    // SELECT *: a database of schema version 1 has no terms_fingerprint column.
    const r = await client.query<{ generation: string; documents: string; sentences: string; terms_fingerprint?: string | null }>(
      'SELECT * FROM fc_state WHERE id = 1',
    );
    const row = r.rows[0];
    if (!row) throw new Error('the database corpus has no state row');
    const stale = Number(row.documents) > 0 && row.terms_fingerprint !== termsFingerprint();
    if (stale && !this.staleNotice) {
      this.staleNotice =
        `the corpus database at ${this.target} holds terms made by an older fact-check, or one that extracts them differently; ` +
        'some sources may not be found until its folders are indexed again (fact-check index --database URL DIR...)';
      this.options.onStatus?.({ online: true, message: this.staleNotice[0].toUpperCase() + this.staleNotice.slice(1) + '.' });
    } else if (!stale) {
      this.staleNotice = undefined;
    }
    if (row.generation !== this.generation) {
      // An index run changed the corpus: everything cached may be stale.
      this.df.clear();
      this.candidates.clear();
      this.sentences.clear();
      this.paragraphs.clear();
      this.docs.clear();
      this.memo.clear();
      this.timedOut.clear();
      this.generation = row.generation;
    }
    this.totals = { documents: Number(row.documents), sentences: Number(row.sentences) };
  }

  /** Fetches what the claims need and is not cached yet, in one consistent snapshot. */
  private async fetch(claims: string[][], valueKeys: string[] = [], token?: CancellationSignal): Promise<void> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await this.readState(client);
      if (this.sentences.size > MAX_CACHED_SENTENCES) {
        this.sentences.clear();
        this.paragraphs.clear();
        this.candidates.clear();
      }
      // Document frequencies of every claim term and value key (0 for those the corpus never uses).
      const unknown = [...new Set([...claims.flat(), ...valueKeys])].filter((t) => !this.df.has(t));
      if (unknown.length) {
        for (const t of unknown) this.df.set(t, 0);
        const r = await client.query<{ term: string; df: number }>('SELECT term, df FROM fc_terms WHERE term = ANY($1::text[])', [unknown]);
        for (const row of r.rows) this.df.set(row.term, row.df);
      }
      // Candidates of claims not seen before, all claims in one query.
      const todo = new Map<string, { term: string; idf: number }[]>();
      for (const terms of claims) {
        const key = claimKey(terms);
        if (this.candidates.has(key) || todo.has(key)) continue;
        const q = queryTerms(terms, (t) => this.df.get(t) ?? 0, this.totals.sentences);
        if (q.length === 0) this.candidates.set(key, []);
        else todo.set(key, q);
      }
      // A large draft asks in batches of CLAIMS_PER_QUERY claims, each a statement
      // of its own under the statement timeout; a batch that times out leaves
      // only its own claims unchecked (said per claim), not the whole draft.
      const keys = [...todo.keys()];
      if (keys.length)
        await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(this.options.candidateTimeoutMs ?? CANDIDATE_QUERY_TIMEOUT_MS))}`);
      for (let from = 0; from < keys.length; from += CLAIMS_PER_QUERY) {
        // A stale check asks no further batches; the claims not asked stay unfetched.
        if (token?.isCancellationRequested) break;
        const batch = keys.slice(from, from + CLAIMS_PER_QUERY);
        await client.query('SAVEPOINT batch');
        try {
          await this.fetchCandidates(client, batch, todo);
          await client.query('RELEASE SAVEPOINT batch');
        } catch (e) {
          if (!isStatementTimeout(e)) throw e;
          await client.query('ROLLBACK TO SAVEPOINT batch');
          for (const key of batch) this.timedOut.add(key);
        }
      }
      if (keys.length) await client.query('SET LOCAL statement_timeout TO DEFAULT');
      // Documents of the candidates (for their lengths, paths and dates).
      const refs = claims.flatMap((t) => this.candidates.get(claimKey(t)) ?? []).map((x) => x.ref);
      const docIds = [...new Set(refs.map((x) => x.doc))].filter((d) => !this.docs.has(d));
      if (docIds.length) {
        const r = await client.query<{ id: string; path: string; uri: string; date: string | null; sentences: number; written: number | null }>(
          // Read through the row as JSON: a database of an older schema, still being
          // upgraded by an index run, has no such column yet, and checking goes on.
          "SELECT id, path, uri, date, sentences, (to_jsonb(d) ->> 'written')::float8 AS written FROM fc_documents d WHERE id = ANY($1::bigint[])",
          [docIds],
        );
        for (const d of r.rows)
          this.docs.set(Number(d.id), {
            id: Number(d.id),
            path: d.path,
            uri: d.uri,
            ...(d.date ? { date: d.date } : {}),
            sentences: d.sentences,
            ...(d.written !== null ? { written: d.written } : {}),
          });
      }
      // The candidates and their neighbourhoods (as the checker reads them).
      const want = new Map<string, Ref>();
      for (const ref of refs) for (const n of this.neighbourhood(ref)) if (!this.sentences.has(refKey(n.doc, n.ordinal))) want.set(refKey(n.doc, n.ordinal), n);
      if (want.size) {
        const list = [...want.values()];
        const r = await client.query<{
          doc_id: string;
          ordinal: number;
          start: number;
          end: number;
          para_start: number;
          start_line: number;
          start_char: number;
          end_line: number;
          end_char: number;
          text: string;
          trust: number;
          terms: string[];
        }>(
          `SELECT s.doc_id, s.ordinal, s.start, s."end", s.para_start, s.start_line, s.start_char, s.end_line, s.end_char, s.text, s.trust, s.terms
           FROM unnest($1::bigint[], $2::int[]) AS w(doc, ord) JOIN fc_sentences s ON s.doc_id = w.doc AND s.ordinal = w.ord`,
          [list.map((x) => x.doc), list.map((x) => x.ordinal)],
        );
        for (const s of r.rows) {
          const doc = Number(s.doc_id);
          this.sentences.set(refKey(doc, s.ordinal), {
            doc,
            ordinal: s.ordinal,
            start: s.start,
            end: s.end,
            paraStart: s.para_start,
            range: { start: { line: s.start_line, character: s.start_char }, end: { line: s.end_line, character: s.end_char } },
            text: s.text,
            trust: s.trust,
            terms: s.terms,
          });
        }
        const paras = new Map<string, Ref>();
        for (const w of list) {
          const s = this.sentences.get(refKey(w.doc, w.ordinal));
          if (s && !this.paragraphs.has(refKey(s.doc, s.paraStart))) paras.set(refKey(s.doc, s.paraStart), { doc: s.doc, ordinal: s.paraStart });
        }
        if (paras.size) {
          const pl = [...paras.values()];
          const pr = await client.query<{ doc_id: string; start: number; text: string }>(
            'SELECT p.doc_id, p.start, p.text FROM unnest($1::bigint[], $2::int[]) AS w(doc, st) JOIN fc_paragraphs p ON p.doc_id = w.doc AND p.start = w.st',
            [pl.map((x) => x.doc), pl.map((x) => x.ordinal)],
          );
          for (const p of pr.rows) this.paragraphs.set(refKey(Number(p.doc_id), p.start), p.text);
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      broken = isConnectionError(e);
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * The candidates of the claims `keys` (their query terms in `todo`), in one
   * query: per claim, the best FETCH_CANDIDATES sentences by summed idf. A
   * LIMIT per claim lets PostgreSQL keep a top-N heap instead of sorting every
   * sentence that shares a term (a third faster than ranking all of them with a window).
   */
  private async fetchCandidates(client: PoolClient, keys: string[], todo: Map<string, { term: string; idf: number }[]>): Promise<void> {
    const c: number[] = [],
      term: string[] = [],
      idf: number[] = [],
      k: number[] = [];
    keys.forEach((key, i) =>
      todo.get(key)!.forEach((q, j) => {
        c.push(i);
        term.push(q.term);
        idf.push(q.idf);
        k.push(j);
      }),
    );
    const r = await client.query<{ c: number; doc_id: string; ordinal: number; ks: number[] }>(
      `WITH q AS (SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::int[]) AS q(c, term, idf, k))
       SELECT cc.c, t.doc_id, t.ordinal, t.ks FROM (SELECT DISTINCT c FROM q) cc,
       LATERAL (SELECT s.doc_id, s.ordinal, array_agg(q.k) AS ks, round(sum(q.idf)::numeric, 9) AS score
                FROM q JOIN fc_sentences s ON s.terms @> ARRAY[q.term] WHERE q.c = cc.c
                GROUP BY s.doc_id, s.ordinal ORDER BY score DESC, s.doc_id, s.ordinal LIMIT $5) t`,
      [c, term, idf, k, FETCH_CANDIDATES],
    );
    const matched = keys.map(() => [] as { ref: Ref; ks: number[] }[]);
    for (const row of r.rows) matched[row.c].push({ ref: { doc: Number(row.doc_id), ordinal: row.ordinal }, ks: row.ks });
    keys.forEach((key, i) => {
      this.candidates.set(key, rankCandidates(todo.get(key)!, matched[i], corpusOrder));
      this.timedOut.delete(key);
    });
  }

  /** A candidate and the sentences the checker reads with it: ±CONTEXT in its document and the document's first. */
  private neighbourhood(ref: Ref): Ref[] {
    const n = this.docs.get(ref.doc)?.sentences ?? ref.ordinal + 1;
    const out: Ref[] = [];
    for (let k = Math.max(0, ref.ordinal - SLICE_CONTEXT); k <= Math.min(n - 1, ref.ordinal + SLICE_CONTEXT); k++) out.push({ doc: ref.doc, ordinal: k });
    if (ref.ordinal > SLICE_CONTEXT) out.push({ doc: ref.doc, ordinal: 0 });
    return out;
  }

  /** The slice of the corpus the claims reach, from the cache. */
  private slice(claims: string[][]): SliceCorpus {
    const refs = new Map<string, Ref>();
    for (const terms of claims) {
      for (const c of this.candidates.get(claimKey(terms)) ?? []) {
        for (const n of this.neighbourhood(c.ref)) {
          const key = refKey(n.doc, n.ordinal);
          if (this.sentences.has(key) && this.docs.has(n.doc)) refs.set(key, n);
        }
      }
    }
    const ordered = [...refs.values()].sort(corpusOrder);
    const docIndex = new Map<number, number>();
    const docs: SliceDocumentInput[] = [];
    const rows: SliceSentenceInput[] = [];
    const localId = new Map<string, number>();
    for (const ref of ordered) {
      const s = this.sentences.get(refKey(ref.doc, ref.ordinal))!;
      let di = docIndex.get(s.doc);
      if (di === undefined) {
        const d = this.docs.get(s.doc)!;
        di = docs.length;
        docIndex.set(s.doc, di);
        docs.push({
          path: d.path,
          uri: d.uri,
          ...(d.date ? { date: d.date } : {}),
          sentenceCount: d.sentences,
          ...(d.written !== undefined ? { written: d.written } : {}),
        });
      }
      const para = this.paragraphs.get(refKey(s.doc, s.paraStart));
      localId.set(refKey(ref.doc, ref.ordinal), rows.length);
      rows.push({
        doc: di,
        ordinal: s.ordinal,
        start: s.start,
        end: s.end,
        range: s.range,
        text: s.text,
        trust: s.trust,
        terms: s.terms,
        ...(para !== undefined ? { paragraph: { start: s.paraStart, text: para } } : {}),
      });
    }
    const chosen = new Map<string, { id: number; overlap: number }[]>();
    for (const terms of claims) {
      const key = claimKey(terms);
      const list = this.candidates.get(key);
      if (!list) continue;
      chosen.set(
        key,
        list.flatMap((c) => {
          const id = localId.get(refKey(c.ref.doc, c.ref.ordinal));
          return id === undefined ? [] : [{ id, overlap: c.overlap }];
        }),
      );
    }
    const dbIds = [...docIndex.keys()];
    return new SliceCorpus(docs, rows, { ...this.totals, df: this.df }, chosen, this.memo, (s) => `${dbIds[s.doc]}:${s.ordinal}`);
  }
}
