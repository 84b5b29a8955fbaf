import { readdirSync, readFileSync, statSync, realpathSync } from 'node:fs';
import { join, relative, resolve, extname, isAbsolute } from 'node:path';
import type { CorpusProblem, SourceInput } from './types';

/**
 * Reads source folders from disk. Every file that cannot be used is reported
 * as a problem (path and reason) and skipped; the rest of the corpus loads.
 */

export interface LoadOptions {
  /** At most this many files are read (default 20,000). */
  maxFiles?: number;
  /** At most this many bytes in all (default 200 MB); one file over 50 MB is skipped. */
  maxBytes?: number;
  /** Paths are shown relative to this folder (default: the working directory). */
  cwd?: string;
}

const EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
const MAX_FILE = 50 * 1024 * 1024;

/** The corpus that ships with the tool: `corpus/` next to `dist/` (or to `server/src/core`). */
export function bundledCorpusDir(): string {
  const here = __dirname;
  for (const up of ['..', '../../..']) {
    const dir = resolve(here, up, 'corpus');
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // Try the next layout.
    }
  }
  return resolve(here, '..', 'corpus');
}

export function readSourceFolders(dirs: string[], options: LoadOptions = {}): { sources: SourceInput[]; problems: CorpusProblem[] } {
  const maxFiles = options.maxFiles ?? 20000;
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  const cwd = options.cwd ?? process.cwd();
  const sources: SourceInput[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let capped = false;

  const show = (p: string): string => {
    const r = relative(cwd, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };

  const visit = (path: string, top: boolean): void => {
    if (capped) return;
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      problems.push({ path: show(path), message: top ? `corpus folder not found (${(e as NodeJS.ErrnoException).code ?? 'error'})` : `cannot resolve (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    // A symlink loop or a folder listed twice is read once.
    if (seen.has(real)) return;
    seen.add(real);
    let st;
    try {
      st = statSync(real);
    } catch (e) {
      problems.push({ path: show(path), message: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(real).sort();
      } catch (e) {
        problems.push({ path: show(path), message: `cannot list folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      for (const n of names) if (!n.startsWith('.')) visit(join(path, n), false);
      return;
    }
    if (!st.isFile()) return;
    if (!top && !EXTENSIONS.has(extname(path).toLowerCase())) return;
    if (sources.length >= maxFiles) {
      problems.push({ path: show(path), message: `skipped: the corpus is capped at ${maxFiles} files` });
      capped = true;
      return;
    }
    if (st.size > MAX_FILE) {
      problems.push({ path: show(path), message: `skipped: ${(st.size / 1048576).toFixed(0)} MB is over the 50 MB limit for one source file` });
      return;
    }
    if (bytes + st.size > maxBytes) {
      problems.push({ path: show(path), message: `skipped: the corpus is capped at ${(maxBytes / 1048576).toFixed(0)} MB` });
      capped = true;
      return;
    }
    let buf: Buffer;
    try {
      buf = readFileSync(real);
    } catch (e) {
      problems.push({ path: show(path), message: `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    const text = decode(buf);
    if (text === undefined) {
      problems.push({ path: show(path), message: 'skipped: binary file (not UTF-8 text)' });
      return;
    }
    if (!/\S/.test(text)) {
      problems.push({ path: show(path), message: 'skipped: empty file' });
      return;
    }
    bytes += st.size;
    sources.push({ path: show(path), uri: real, text });
  };

  for (const d of dirs) visit(resolve(cwd, d), true);
  return { sources, problems };
}

/** Decodes UTF-8 text; undefined for binary content. Invalid sequences become U+FFFD. */
export function decode(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return undefined;
  const text = buf.toString('utf8');
  // Mostly replacement characters means this is not UTF-8 text at all.
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 16 && bad > text.length / 20) return undefined;
  return text.replace(/^\uFEFF/, '');
}
