import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { Corpus, EXACT_MAX_CHARS } from '../core/corpus/corpus';
import { writtenShare } from '../core/verdict/checker';
import { termsFingerprint } from './fingerprint';
import { nodeCorpusOptions } from '../node/indexCache';
import { isInside, readSourceFolders, type LoadOptions } from '../node/sources';
import type { CorpusProblem, SourceInput } from '../core/types';
import { ensureSchema } from './schema';

/**
 * `fact-check index --database URL DIR...`: loads source folders into the
 * database. Idempotent and incremental: a file whose content hash (and
 * indexing mode) is unchanged is skipped, a changed one replaced, one that is
 * gone from its folder removed. The whole run is one transaction, so a run
 * that fails leaves the previous state intact; concurrent runs take turns.
 */

export interface IndexOptions extends LoadOptions {
  /** `exact`, `fast`, or `auto` (default; `$FACT_CHECK_INDEXING`): as the in-memory corpus chooses, over all the given folders. */
  indexing?: 'auto' | 'exact' | 'fast';
  /** Index cache folder for the per-file analysis (see NodeCorpusOptions.cacheDir); false turns it off. */
  cacheDir?: string | false;
  /** Re-index unchanged files too. */
  force?: boolean;
  /** Called before each file is written (tests use it to make a run fail midway). */
  onFile?: (path: string) => void | Promise<void>;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Told after each source file is looked at: how many are done, of how many. */
  onProgress?: (done: number, total: number) => void;
}

export interface IndexReport {
  mode: 'exact' | 'fast';
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Totals in the database after the run. */
  documents: number;
  sentences: number;
  problems: CorpusProblem[];
  ms: number;
  /** Some unchanged files were indexed again because their terms were made by a different term extraction. */
  engineChanged: boolean;
}

/** Separator of terms when they travel as one string per sentence. */
const SEP = '\u001f';
/** Sentences written per INSERT. */
const BATCH = 2000;

/** The real path of a folder (links resolved), or the path itself when it does not exist. */
function realRoot(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** The mode the in-memory corpus would choose for these sources. */
export function chooseMode(sources: SourceInput[], want: IndexOptions['indexing']): 'exact' | 'fast' {
  const env = (process.env.FACT_CHECK_INDEXING ?? '').toLowerCase();
  const w = want && want !== 'auto' ? want : env === 'fast' || env === 'exact' ? env : 'auto';
  if (w !== 'auto') return w;
  let chars = 0;
  for (const s of sources) chars += s.text.length;
  return chars <= EXACT_MAX_CHARS ? 'exact' : 'fast';
}

export function contentHash(text: string, mode: string): string {
  return createHash('sha256').update(mode).update('\u0000').update(text).digest('hex');
}

export async function indexFolders(pool: Pool, dirs: string[], options: IndexOptions = {}): Promise<IndexReport> {
  const t0 = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? (() => undefined);
  const problems: CorpusProblem[] = [];
  // Each folder is read on its own: its documents are the ones a later run of it may remove.
  const roots: { root: string; sources: SourceInput[]; missing: boolean }[] = [];
  const seen = new Set<string>();
  for (const d of dirs) {
    // The database is for archives larger than an editor should hold, so the
    // in-memory caps on file count and size do not apply unless asked for (a
    // capped read would also make the files beyond the cap look deleted).
    const read = readSourceFolders([d], { maxFiles: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER, ...options, cwd });
    problems.push(...read.problems);
    const missing = read.problems.some((p) => /corpus folder not found/.test(p.message));
    const sources = read.sources.filter((s) => !seen.has(s.path) && seen.add(s.path));
    // A folder is known by its real path, whatever the working directory of the run.
    roots.push({ root: realRoot(resolve(cwd, d)), sources, missing });
  }
  const all = roots.flatMap((r) => r.sources);
  const mode = chooseMode(all, options.indexing);

  const client = await pool.connect();
  let report: IndexReport;
  try {
    // Schema changes, when needed, commit on their own before indexing starts.
    await ensureSchema(client);
    await client.query('BEGIN');
    // One writer at a time; checkers keep reading the previous state meanwhile.
    await client.query('SELECT pg_advisory_xact_lock(7300101)');
    // A document whose terms were made by a different term extraction would not
    // match the claims this build makes: it is indexed again, as if changed.
    const fingerprint = termsFingerprint();
    const existing = await client.query<{
      id: string;
      path: string;
      uri: string;
      root: string;
      hash: string;
      sentences: number;
      terms_fingerprint: string | null;
      written: number | null;
    }>('SELECT id, path, uri, root, hash, sentences, terms_fingerprint, written FROM fc_documents ORDER BY id');
    const stale = existing.rows.filter((r) => r.terms_fingerprint !== fingerprint).length;
    if (stale && !options.force)
      log(
        `${stale} document${stale === 1 ? ' was' : 's were'} indexed by a fact-check that extracts terms differently: those in the folders of this run are indexed again`,
      );
    let engineChanged = false;
    // A document is known by its file's real path (its uri), not by the path as
    // shown, which depends on the working directory of the run that indexed it.
    // Copies of one file indexed under two names (by older runs) are one
    // document: the first is kept and updated, the others removed below.
    const byFile = new Map<string, (typeof existing.rows)[number]>();
    const copies = new Set<string>();
    for (const r of existing.rows) {
      const key = r.uri || r.path;
      if (byFile.has(key)) copies.add(r.id);
      else byFile.set(key, r);
    }
    let added = 0,
      updated = 0,
      unchanged = 0,
      removed = 0,
      sentenceDelta = 0,
      docDelta = 0;
    // Document frequency changes are summed here and written once at the end: updating
    // the same rows of fc_terms once per file within one transaction grows quadratically.
    const df = new Map<string, number>();

    let looked = 0;
    for (const { root, sources } of roots) {
      for (const src of sources) {
        options.onProgress?.(++looked, all.length);
        const hash = contentHash(src.text, mode);
        const old = byFile.get(src.uri || src.path);
        // A document indexed before its register was kept (schema 3) is indexed again too.
        const current = old?.terms_fingerprint === fingerprint && old.written !== null;
        if (old && old.hash === hash && current && !options.force) {
          unchanged++;
          if (old.root !== root || old.path !== src.path)
            await client.query('UPDATE fc_documents SET root = $1, path = $2 WHERE id = $3', [root, src.path, old.id]);
          continue;
        }
        await options.onFile?.(src.path);
        if (old && old.hash === hash && !current) engineChanged = true;
        if (old) {
          // The document keeps its id, so its place in corpus order (which breaks ties) stays.
          sentenceDelta -= await removeDocument(client, old.id, df, true);
          updated++;
        } else {
          added++;
          docDelta++;
        }
        sentenceDelta += await insertDocument(client, src, root, hash, mode, df, old?.id, options.cacheDir);
        log(`${old ? 'updated' : 'added'} ${src.path}`);
      }
    }
    // Files gone from a folder indexed in this run are removed (not when the
    // folder itself is missing), and so are second copies of a file. A
    // document is in a folder of this run when its file is, so rows that older
    // runs made with another working directory are found too.
    const present = new Set(all.map((s) => s.uri || s.path));
    const runRoots = roots.filter((r) => !r.missing).map((r) => r.root);
    const inRun = (row: { uri: string; root: string }): boolean =>
      runRoots.some((r) => row.root === r || (row.uri !== '' && isAbsolute(row.uri) && isInside(row.uri, r)));
    for (const old of existing.rows) {
      if (inRun(old) && (copies.has(old.id) || !present.has(old.uri || old.path))) {
        sentenceDelta -= await removeDocument(client, old.id, df);
        docDelta--;
        removed++;
        log(`removed ${old.path}`);
      }
    }
    if (added + updated + removed > 0) {
      const terms = [...df].filter(([, n]) => n !== 0).map(([t]) => t);
      for (let i = 0; i < terms.length; i += 10 * BATCH) {
        const chunk = terms.slice(i, i + 10 * BATCH);
        await client.query(
          'INSERT INTO fc_terms (term, df) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT (term) DO UPDATE SET df = fc_terms.df + excluded.df',
          [chunk, chunk.map((t) => df.get(t)!)],
        );
      }
      await client.query('DELETE FROM fc_terms WHERE df <= 0');
      await client.query('UPDATE fc_state SET generation = generation + 1, documents = documents + $1, sentences = sentences + $2 WHERE id = 1', [
        docDelta,
        sentenceDelta,
      ]);
    }
    // The corpus-wide fingerprint is this build's only when every document's is;
    // otherwise checkers keep warning that some sources may not be found.
    const mixed = await client.query<{ m: boolean }>('SELECT EXISTS (SELECT 1 FROM fc_documents WHERE terms_fingerprint IS DISTINCT FROM $1) AS m', [
      fingerprint,
    ]);
    await client.query('UPDATE fc_state SET terms_fingerprint = $1 WHERE id = 1 AND terms_fingerprint IS DISTINCT FROM $1', [
      mixed.rows[0].m ? null : fingerprint,
    ]);
    const totals = await client.query<{ documents: string; sentences: string }>('SELECT documents, sentences FROM fc_state WHERE id = 1');
    await client.query('COMMIT');
    report = {
      mode,
      added,
      updated,
      unchanged,
      removed,
      problems,
      engineChanged,
      documents: Number(totals.rows[0].documents),
      sentences: Number(totals.rows[0].sentences),
      ms: performance.now() - t0,
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw e;
  }
  client.release();
  if (report.added + report.updated + report.removed > 0) await pool.query('ANALYZE fc_sentences; ANALYZE fc_terms').catch(() => undefined);
  return report;
}

/**
 * Deletes a document (or, with `keepRow`, only its sentences and paragraphs)
 * and takes its terms out of the document frequencies; returns its sentence count.
 */
async function removeDocument(client: PoolClient, id: string, df: Map<string, number>, keepRow = false): Promise<number> {
  const t = await client.query<{ term: string; n: number }>(
    'SELECT term, count(*)::int AS n FROM (SELECT DISTINCT s.ordinal, u.term FROM fc_sentences s, unnest(s.terms) AS u(term) WHERE s.doc_id = $1) x GROUP BY term',
    [id],
  );
  for (const { term, n } of t.rows) df.set(term, (df.get(term) ?? 0) - n);
  if (keepRow) {
    await client.query('DELETE FROM fc_sentences WHERE doc_id = $1', [id]);
    await client.query('DELETE FROM fc_paragraphs WHERE doc_id = $1', [id]);
    const r = await client.query<{ sentences: number }>('SELECT sentences FROM fc_documents WHERE id = $1', [id]);
    return r.rows[0]?.sentences ?? 0;
  }
  const r = await client.query<{ sentences: number }>('DELETE FROM fc_documents WHERE id = $1 RETURNING sentences', [id]);
  return r.rows[0]?.sentences ?? 0;
}

/** Indexes one source as the in-memory corpus would and writes it; returns its sentence count. */
async function insertDocument(
  client: PoolClient,
  src: SourceInput,
  root: string,
  hash: string,
  mode: 'exact' | 'fast',
  df: Map<string, number>,
  existingId?: string,
  cacheDir?: string | false,
): Promise<number> {
  const corpus = Corpus.fromSources([src], undefined, nodeCorpusOptions({ indexing: mode, ...(cacheDir !== undefined ? { cacheDir } : {}) }));
  const doc = corpus.documents[0];
  const text = src.text;
  const n = doc.sentenceIds.length;
  const written = writtenShare(
    (function* () {
      for (const id of doc.sentenceIds) yield corpus.sentence(id)!.text;
    })(),
  );
  const values = [src.path, src.uri ?? src.path, root, doc.date ?? null, hash, mode, n, text.length, termsFingerprint(), written];
  const r = existingId
    ? await client.query<{ id: string }>(
        'UPDATE fc_documents SET path = $1, uri = $2, root = $3, date = $4, hash = $5, mode = $6, sentences = $7, chars = $8, terms_fingerprint = $9, written = $10, indexed_at = now() WHERE id = $11 RETURNING id',
        [...values, existingId],
      )
    : await client.query<{ id: string }>(
        'INSERT INTO fc_documents (path, uri, root, date, hash, mode, sentences, chars, terms_fingerprint, written) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id',
        values,
      );
  const docId = r.rows[0].id;

  // Paragraphs are the document's lines (after a date header), as the corpus analyses them.
  const paraStarts: number[] = [];
  const paraTexts: string[] = [];
  const paraOf = (start: number): number => {
    let a = start;
    const body = bodyStart(text);
    while (a > body && text.charCodeAt(a - 1) !== 10 && text.charCodeAt(a - 1) !== 13) a--;
    if (paraStarts[paraStarts.length - 1] !== a) {
      let b = start;
      while (b < text.length && text.charCodeAt(b) !== 10 && text.charCodeAt(b) !== 13) b++;
      paraStarts.push(a);
      paraTexts.push(text.slice(a, b));
    }
    return a;
  };

  let cols = emptyColumns();
  const flush = async (): Promise<void> => {
    if (cols.ordinal.length === 0) return;
    await client.query(
      `INSERT INTO fc_sentences (doc_id, ordinal, start, "end", para_start, start_line, start_char, end_line, end_char, text, trust, terms)
       SELECT $1, o, s, e, p, sl, sc, el, ec, t, tr, CASE WHEN tm = '' THEN '{}'::text[] ELSE string_to_array(tm, E'\\x1f') END
       FROM unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::text[], $11::float8[], $12::text[])
         AS u(o, s, e, p, sl, sc, el, ec, t, tr, tm)`,
      [docId, cols.ordinal, cols.start, cols.end, cols.para, cols.sl, cols.sc, cols.el, cols.ec, cols.text, cols.trust, cols.terms],
    );
    cols = emptyColumns();
  };
  for (let k = 0; k < n; k++) {
    const id = doc.sentenceIds.at(k)!;
    const s = corpus.sentence(id)!;
    const terms = corpus.index.termsOf(id).map((t) => t.split(SEP).join(''));
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    cols.ordinal.push(k);
    cols.start.push(s.start);
    cols.end.push(s.end);
    cols.para.push(paraOf(s.start));
    cols.sl.push(s.range.start.line);
    cols.sc.push(s.range.start.character);
    cols.el.push(s.range.end.line);
    cols.ec.push(s.range.end.character);
    cols.text.push(s.text.replace(/\u0000/g, ''));
    cols.trust.push(s.trust);
    cols.terms.push(terms.join(SEP));
    if (cols.ordinal.length >= BATCH) await flush();
  }
  await flush();
  for (let i = 0; i < paraStarts.length; i += BATCH) {
    await client.query('INSERT INTO fc_paragraphs (doc_id, start, text) SELECT $1, s, t FROM unnest($2::int[], $3::text[]) AS u(s, t)', [
      docId,
      paraStarts.slice(i, i + BATCH),
      paraTexts.slice(i, i + BATCH).map((t) => t.replace(/\u0000/g, '')),
    ]);
  }
  return n;
}

const DATE_HEADER = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})\b/;
function bodyStart(text: string): number {
  const m = DATE_HEADER.exec(text);
  return m ? m[0].length : 0;
}

function emptyColumns() {
  return {
    ordinal: [] as number[],
    start: [] as number[],
    end: [] as number[],
    para: [] as number[],
    sl: [] as number[],
    sc: [] as number[],
    el: [] as number[],
    ec: [] as number[],
    text: [] as string[],
    trust: [] as number[],
    terms: [] as string[],
  };
}
