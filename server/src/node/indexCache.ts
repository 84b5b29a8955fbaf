import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CorpusOptions, FileIndex, FileIndexStore } from '../core/corpus/corpus';

/**
 * An on-disk cache of what indexing a source file produces (sentence
 * boundaries, trust and frame terms), keyed by a hash of the file's text, so a
 * corpus that has not changed is not re-indexed at every start, and a changed
 * corpus re-indexes only its changed files. The key also covers the engine
 * build (a new build may make different terms), so a stale entry is never read.
 */

const MAGIC = 0x58494346; // "FCIX"
const FORMAT = 1;
const HEADER = 20;

/** Serialises a file index: a small header, the int arrays, the trust bytes, then the vocabulary. */
export function encodeFileIndex(f: FileIndex): Buffer {
  const n = f.starts.length;
  const m = f.termIds.length;
  const vocab = Buffer.from(f.vocab.join('\u0000'), 'utf8');
  const ints = 4 * (n + n + (n + 1) + m);
  const buf = Buffer.alloc(HEADER + ints + n + vocab.length);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(FORMAT, 4);
  buf.writeUInt32LE(n, 8);
  buf.writeUInt32LE(m, 12);
  buf.writeUInt32LE(f.vocab.length, 16);
  let at = HEADER;
  for (const a of [f.starts, f.ends, f.termStart, f.termIds]) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(buf, at);
    at += a.byteLength;
  }
  Buffer.from(f.lowTrust.buffer, f.lowTrust.byteOffset, n).copy(buf, at);
  at += n;
  vocab.copy(buf, at);
  return buf;
}

/** Reads what {@link encodeFileIndex} wrote; undefined when the bytes are not a valid index. */
export function decodeFileIndex(buf: Buffer): FileIndex | undefined {
  if (buf.length < HEADER || buf.readUInt32LE(0) !== MAGIC || buf.readUInt32LE(4) !== FORMAT) return undefined;
  const n = buf.readUInt32LE(8);
  const m = buf.readUInt32LE(12);
  const v = buf.readUInt32LE(16);
  const ints = 4 * (n + n + (n + 1) + m);
  if (buf.length < HEADER + ints + n) return undefined;
  // A copy gives the typed arrays an aligned buffer of their own.
  const ab = new ArrayBuffer(ints);
  new Uint8Array(ab).set(buf.subarray(HEADER, HEADER + ints));
  const starts = new Int32Array(ab, 0, n);
  const ends = new Int32Array(ab, 4 * n, n);
  const termStart = new Int32Array(ab, 8 * n, n + 1);
  const termIds = new Int32Array(ab, 4 * (3 * n + 1), m);
  const lowTrust = Uint8Array.from(buf.subarray(HEADER + ints, HEADER + ints + n));
  const text = buf.toString('utf8', HEADER + ints + n);
  const vocab = v === 0 ? [] : text.split('\u0000');
  if (vocab.length !== v || termStart[n] !== m) return undefined;
  for (let k = 0; k < m; k++) if (termIds[k] < 0 || termIds[k] >= v) return undefined;
  return { starts, ends, lowTrust, termStart, termIds, vocab };
}

/** Where the CLI keeps its cache: `$XDG_CACHE_HOME/fact-check` or `~/.cache/fact-check`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const off = (env.FACT_CHECK_CACHE ?? '').toLowerCase();
  if (off === '0' || off === 'off' || off === 'false' || off === 'no') return undefined;
  if (env.FACT_CHECK_CACHE_DIR) return env.FACT_CHECK_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  return base ? join(base, 'fact-check') : undefined;
}

let buildStamp: string | undefined;

/**
 * Identifies the engine build: the running file and, when running from
 * source, the files whose code decides sentences and terms.
 */
export function engineFingerprint(): string {
  if (buildStamp) return buildStamp;
  const h = createHash('sha1');
  h.update(`format${FORMAT}`);
  // From source, the engine's files that decide sentences and terms (their
  // paths from this folder); in a bundle only the bundle itself is there.
  const core = join(dirname(__filename), '..', 'core');
  const sources = [
    'analysis/facts.ts',
    'analysis/values.ts',
    'analysis/words.ts',
    'analysis/lexicon.ts',
    'analysis/nlp.ts',
    'analysis/fastTerms.ts',
    'analysis/valueKeys.ts',
    'corpus/corpus.ts',
    'analysis/data/places.json',
    // WordNet decides some names and values ("Total expenditure" is no name, "two shows" counts shows).
    'analysis/wordnet.ts',
    'analysis/data/wordnet.json',
  ];
  for (const f of [__filename, ...sources.map((x) => join(core, x))]) {
    try {
      const st = statSync(f);
      h.update(`${f}:${st.size}:${st.mtimeMs}`);
    } catch {
      // Not there in this layout (a bundle has one file).
    }
  }
  buildStamp = h.digest('hex').slice(0, 16);
  return buildStamp;
}

/** File indexes on disk, one file per source text and indexing mode. */
export class IndexCache implements FileIndexStore {
  hits = 0;
  misses = 0;
  writes = 0;
  private readonly dir: string;

  constructor(root: string, fingerprint = engineFingerprint()) {
    this.dir = join(root, `index-${fingerprint}`);
  }

  /** The key of a source text indexed in `mode`. */
  key(text: string, mode: 'exact' | 'fast'): string {
    return createHash('sha1').update(mode).update('\u0000').update(text).digest('hex');
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key.slice(2) + '.idx');
  }

  read(key: string): FileIndex | undefined {
    let buf: Buffer;
    try {
      buf = readFileSync(this.path(key));
    } catch {
      this.misses++;
      return undefined;
    }
    const f = decodeFileIndex(buf);
    if (f) this.hits++;
    else this.misses++;
    return f;
  }

  /** Writes an entry atomically (write then rename); failures only cost the cache. */
  write(key: string, f: FileIndex): void {
    const p = this.path(key);
    const tmp = `${p}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(tmp, encodeFileIndex(f));
      renameSync(tmp, p);
      this.writes++;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // Nothing was written.
      }
    }
  }
}

/** What a Node process may say about a corpus build: {@link CorpusOptions}, with the cache as a folder. */
export type NodeCorpusOptions = Omit<CorpusOptions, 'cache'> & {
  /**
   * Folder of the index cache. Default: {@link defaultCacheDir} (`$FACT_CHECK_CACHE_DIR`,
   * else `$XDG_CACHE_HOME/fact-check` or `~/.cache/fact-check`; `FACT_CHECK_CACHE=off`
   * turns it off); `false` turns it off. The language server passes its client's
   * storage folder.
   */
  cacheDir?: string | false;
};

/**
 * Corpus options for the CLI, the server and the tools: the disk cache unless
 * it is off, and the indexing mode from `$FACT_CHECK_INDEXING` unless one is
 * given. The engine reads neither the environment nor the disk itself.
 */
export function nodeCorpusOptions(options: NodeCorpusOptions = {}, env: NodeJS.ProcessEnv = process.env): CorpusOptions {
  const { cacheDir, ...rest } = options;
  const dir = cacheDir === false ? undefined : (cacheDir ?? defaultCacheDir(env));
  const fromEnv = (env.FACT_CHECK_INDEXING ?? '').toLowerCase();
  const indexing = rest.indexing && rest.indexing !== 'auto' ? rest.indexing : fromEnv === 'fast' || fromEnv === 'exact' ? fromEnv : 'auto';
  return { ...rest, indexing, ...(dir ? { cache: new IndexCache(dir) } : {}) };
}
