import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { Checker } from '../core/verdict/checker';
import { Corpus } from '../core/corpus/corpus';
import { applyDismissals } from '../core/dismissals';
import { findDismissalsRoot, readDismissals } from '../node/dismissalsFile';
import { nodeCorpusOptions } from '../node/indexCache';
import { bundledCorpusDir, decode, readSourceFolders } from '../node/sources';
import type { CheckResult } from '../core/types';
import { PgBackend } from '../pg/pgBackend';
import { DEFAULT_DATABASE_ENV, DatabaseConfigError, dbErrorMessage, describeTarget, makePool, resolveDatabaseUrl } from '../pg/connection';
import { indexFolders } from '../pg/indexer';
import { ProgressBar, type Terminal } from './progressBar';
import { reportHtml } from '../formats/html';
import { jsonReport } from '../formats/json';
import { shownPath, type FileReport } from '../formats/report';
import { sarifReport } from '../formats/sarif';
import { terminalSafe, textReport } from '../formats/text';

/**
 * `fact-check [--corpus DIR]... [--format text|json|sarif|html] [--min-score N] FILE...`
 * `fact-check --database URL [...] FILE...` checks against a shared corpus in PostgreSQL;
 * `fact-check index --database URL DIR...` loads source folders into it.
 *
 * Exit codes: 0 nothing contradicted, 1 something contradicted, 2 usage error
 * or unreadable input (with a one-line reason on stderr, never a stack trace).
 */

const USAGE = [
  'usage: fact-check [--corpus DIR]... [--format text|json|sarif|html] [--min-score 0..1] [--max-size CHARS] FILE...',
  'usage: fact-check --database URL|env[:NAME] [--format text|json|sarif|html] [--min-score 0..1] [--max-size CHARS] FILE...',
  'usage: fact-check index [--database URL|env[:NAME]] [--indexing auto|exact|fast] [--force] [--quiet] DIR...',
].join('\n');
const INDEX_USAGE = 'usage: fact-check index [--database URL|env[:NAME]] [--indexing auto|exact|fast] [--force] [--quiet] DIR...';
const VERSION = '0.1.0';
const DOCS = 'https://github.com/fact-check-for-drafts/fact-check-for-drafts#diagnostic-codes';

class UsageError extends Error {}

interface Args {
  corpus: string[];
  format: 'text' | 'json' | 'sarif' | 'html';
  minScore?: number;
  maxSize: number;
  files: string[];
  /** Connection string (or `env[:NAME]`) of a corpus database. */
  database?: string;
}

/** The value of the option at `argv[i]` (`--name=value` or `--name value`) and the index of its last argument. */
function optionValue(argv: string[], i: number): [string, number] {
  const a = argv[i];
  const eq = a.indexOf('=');
  if (eq > 0) return [a.slice(eq + 1), i];
  const v = argv[i + 1];
  if (v === undefined) throw new UsageError(`${a} needs a value`);
  return [v, i + 1];
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { corpus: [], format: 'text', files: [], maxSize: 5_000_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const [v, next] = optionValue(argv, i);
      i = next;
      return v;
    };
    const name = a.startsWith('--') ? a.split('=')[0] : a;
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--corpus':
        args.corpus.push(value());
        break;
      case '--database':
        args.database = value();
        break;
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format "${f}" (use text, json, sarif or html)`);
        args.format = f;
        break;
      }
      case '--min-score': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError('--min-score must be a number between 0 and 1');
        args.minScore = n;
        break;
      }
      case '--max-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-size must be a positive number of characters');
        args.maxSize = n;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${terminalSafe(a)}`);
        args.files.push(a);
    }
  }
  if (args.files.length === 0) throw new UsageError('no draft given');
  if (args.database !== undefined && args.corpus.length)
    throw new UsageError('--corpus and --database cannot be combined (index the folders into the database instead)');
  return args;
}

function languageOf(file: string): string {
  return ['.md', '.markdown', '.mdx'].includes(extname(file).toLowerCase()) ? 'markdown' : 'plaintext';
}

/** Every line of `s` made terminal-safe, the line breaks between them kept (for messages that span lines). */
function safeLines(s: string): string {
  return s.split('\n').map(terminalSafe).join('\n');
}

/** A path as the reports show it. */
function show(p: string): string {
  return shownPath(p, { cwd: process.cwd() });
}

function readDraft(file: string, maxSize: number): string {
  let buf: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${terminalSafe(file)} is a folder, not a draft`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${terminalSafe(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const text = decode(buf);
  if (text === undefined) throw new UsageError(`${terminalSafe(file)} is a binary file, not a text draft`);
  if (text.length > maxSize) throw new UsageError(`${terminalSafe(file)} has ${text.length} characters, over the --max-size limit of ${maxSize}`);
  return text;
}

/** The output of a run in the chosen format. */
function formatted(format: Args['format'], stats: Parameters<typeof jsonReport>[0], files: FileReport[]): string {
  const context = { cwd: process.cwd() };
  switch (format) {
    case 'json':
      return jsonReport(stats, files, context);
    case 'sarif':
      return sarifReport(files, { version: VERSION, docs: DOCS }, context);
    case 'html':
      return reportHtml(
        files.map((f) => ({ path: f.path, text: f.text, claims: f.result.claims })),
        { generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), nonce: randomBytes(16).toString('base64') },
      );
    default:
      return textReport(files, context);
  }
}

/**
 * Reads each workspace's dismissals once; a file that cannot be used (broken,
 * a link, too large) is reported once and the drafts are checked without it.
 */
function dismissalReader(err: (s: string) => void): (root: string) => ReturnType<typeof readDismissals> {
  const memo = new Map<string, ReturnType<typeof readDismissals>>();
  return (root) => {
    let list = memo.get(root);
    if (!list) {
      try {
        list = readDismissals(root);
      } catch (e) {
        err(`fact-check: ${(e as Error).message}; checking without dismissals\n`);
        list = [];
      }
      memo.set(root, list);
    }
    return list;
  };
}

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export function run(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  rawErr: (s: string) => void = (s) => process.stderr.write(s),
  /** Where a progress bar may be drawn (stderr when it is a terminal); none when undefined. */
  terminal?: Terminal,
): number {
  const err = (s: string): void => rawErr(safeLines(s));
  const dismissals = dismissalReader(err);
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`fact-check: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') {
    out(USAGE + '\n');
    return 0;
  }
  if (args === 'version') {
    out(VERSION + '\n');
    return 0;
  }
  if (args.database !== undefined) {
    err('fact-check: --database needs the asynchronous entry point (runAsync)\n');
    return 2;
  }
  try {
    const dirs = args.corpus.length ? args.corpus : [bundledCorpusDir()];
    const { sources, problems } = readSourceFolders(dirs);
    for (const p of problems) err(`fact-check: ${terminalSafe(p.path)}: ${terminalSafe(p.message)}\n`);
    if (sources.length === 0) throw new UsageError(`no readable source documents in ${dirs.map(terminalSafe).join(', ')}`);
    const bar = new ProgressBar(terminal, 'fact-check: indexing sources');
    const corpus = Corpus.fromSources(sources, undefined, nodeCorpusOptions({ onProgress: (done, total) => bar.update(done, total) }));
    bar.end();
    const checker = new Checker(corpus);
    const files: FileReport[] = [];
    for (const file of args.files) {
      const draft = readDraft(file, args.maxSize);
      const path = resolve(file);
      const root = findDismissalsRoot(dirname(path));
      let result: CheckResult = checker.check(draft, { languageId: languageOf(file), ...(args.minScore !== undefined ? { minScore: args.minScore } : {}) });
      if (root) result = applyDismissals(result, dismissals(root));
      files.push({ path: show(path), text: draft, result });
    }
    out(formatted(args.format, corpus, files));
    return files.some((f) => f.result.claims.some((c) => c.verdict === 'contradicted')) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`fact-check: ${e.message}\n`);
      return 2;
    }
    // An engine failure is a bug, but the user still gets one line, not a stack trace.
    err(`fact-check: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

/**
 * The CLI entry point: everything {@link run} does, plus the database
 * commands (`--database`, `index`), which talk to PostgreSQL and so are asynchronous.
 */
export async function runAsync(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), rawErr?: (s: string) => void): Promise<number> {
  // A progress bar goes to stderr only when it is the real one (a caller's own writer gets plain lines).
  const terminal: Terminal | undefined = rawErr ? undefined : process.stderr;
  const write = rawErr ?? ((s: string) => process.stderr.write(s));
  const err = (s: string): void => write(safeLines(s));
  if (argv[0] === 'index') return runIndex(argv.slice(1), out, err, terminal);
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch {
    return run(argv, out, err, terminal);
  }
  if (args === 'help' || args === 'version' || args.database === undefined) return run(argv, out, err, terminal);
  return runDatabase(args, out, err);
}

async function runDatabase(args: Args, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const dismissals = dismissalReader(err);
  let url: string;
  try {
    url = resolveDatabaseUrl(args.database!);
  } catch (e) {
    err(`fact-check: ${(e as Error).message}\n`);
    return 2;
  }
  const backend = new PgBackend(url, { retryMs: 0, pool: { max: 1 } });
  try {
    try {
      await backend.connect();
    } catch (e) {
      err(`fact-check: ${(e as { code?: string }).code === 'FCNOCORPUS' ? `${describeTarget(url)}: ${(e as Error).message}` : dbErrorMessage(e, url)}\n`);
      return 2;
    }
    if (backend.notice) err(`fact-check: ${backend.notice}\n`);
    const files: FileReport[] = [];
    for (const file of args.files) {
      const draft = readDraft(file, args.maxSize);
      const path = resolve(file);
      const root = findDismissalsRoot(dirname(path));
      const checked = await backend.check(draft, {
        languageId: languageOf(file),
        ...(args.minScore !== undefined ? { minScore: args.minScore } : {}),
      });
      if (checked.problem) throw new UsageError(checked.problem);
      let result: CheckResult = checked;
      if (root) result = applyDismissals(result, dismissals(root));
      files.push({ path: show(path), text: draft, result });
    }
    out(formatted(args.format, backend, files));
    return files.some((f) => f.result.claims.some((c) => c.verdict === 'contradicted')) ? 1 : 0;
  } catch (e) {
    err(`fact-check: ${e instanceof UsageError ? e.message : `internal error: ${(e as Error).message}`}\n`);
    return 2;
  } finally {
    await backend.close();
  }
}

/** `fact-check index [--database URL] [--indexing MODE] [--force] [--quiet] DIR...` */
async function runIndex(argv: string[], out: (s: string) => void, err: (s: string) => void, terminal?: Terminal): Promise<number> {
  let database: string | undefined;
  let indexing: 'auto' | 'exact' | 'fast' = 'auto';
  let force = false;
  let quiet = false;
  const dirs: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const name = a.startsWith('--') ? a.split('=')[0] : a;
      const value = (): string => {
        const [v, next] = optionValue(argv, i);
        i = next;
        return v;
      };
      switch (name) {
        case '-h':
        case '--help':
          out(INDEX_USAGE + '\n');
          return 0;
        case '--database':
          database = value();
          break;
        case '--indexing': {
          const m = value();
          if (m !== 'auto' && m !== 'exact' && m !== 'fast') throw new UsageError(`unknown indexing mode "${m}" (use auto, exact or fast)`);
          indexing = m;
          break;
        }
        case '--force':
          force = true;
          break;
        case '--quiet':
          quiet = true;
          break;
        default:
          if (a.startsWith('-')) throw new UsageError(`unknown option ${terminalSafe(a)}`);
          dirs.push(a);
      }
    }
    if (dirs.length === 0) throw new UsageError('no source folder given');
  } catch (e) {
    if (e instanceof UsageError) {
      err(`fact-check: ${e.message}\n${INDEX_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  let url: string;
  try {
    url = resolveDatabaseUrl(database ?? 'env');
  } catch (e) {
    const msg = database === undefined ? `no database given: use --database URL or set ${DEFAULT_DATABASE_ENV}` : (e as Error).message;
    err(`fact-check: ${e instanceof DatabaseConfigError ? msg : (e as Error).message}\n`);
    return 2;
  }
  const pool = makePool(url, { max: 1, statement_timeout: 0, query_timeout: undefined });
  try {
    const bar = new ProgressBar(quiet ? undefined : terminal, 'fact-check: indexing');
    const r = await indexFolders(pool, dirs, {
      indexing,
      force,
      log: quiet ? undefined : (line) => bar.log(`fact-check: ${line}\n`, err),
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.end();
    for (const p of r.problems) err(`fact-check: ${terminalSafe(p.path)}: ${terminalSafe(p.message)}\n`);
    if (!quiet) {
      out(
        `${describeTarget(url)}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed (${r.mode} terms) in ${(r.ms / 1000).toFixed(1)} s; ` +
          `the database holds ${r.documents} documents, ${r.sentences} sentences\n`,
      );
    }
    return r.added + r.updated + r.unchanged === 0 && r.problems.length ? 2 : 0;
  } catch (e) {
    err(`fact-check: ${dbErrorMessage(e, url)}\n`);
    return 2;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

if (require.main === module) {
  void runAsync(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
