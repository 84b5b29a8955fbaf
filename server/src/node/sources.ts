import { lstatSync, readdirSync, readFileSync, statSync, realpathSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, relative, resolve, extname, isAbsolute } from 'node:path';
import type { CorpusProblem, SourceInput } from '../core/types';

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
  /**
   * When set, only files and folders whose real path (symbolic links
   * resolved) lies inside one of these folders are read; the others are
   * reported. The language server uses it for untrusted workspaces.
   */
  within?: readonly string[];
  /** Named in the cap messages as the way to raise the caps (e.g. a setting name). */
  limitNames?: { files?: string; bytes?: string };
}

const EXTENSIONS = new Set(['.txt', '.md', '.markdown']);
const MAX_FILE = 50 * 1024 * 1024;

/** A file-system error in words, with its code: "permission denied (EACCES)". */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    ENOENT: 'not found',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ELOOP: 'symbolic link loop',
    ENAMETOOLONG: 'path too long',
    EISDIR: 'is a folder',
    ENOTDIR: 'not a folder',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    EIO: 'input/output error',
    EBUSY: 'file busy',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  return code ?? (e instanceof Error ? e.message : 'error');
}

/** The corpus that ships with the tool: `corpus/` next to `dist/` (or three levels above `server/src/node`). */
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

/** Whether `file` is inside `folder` (or is it), by their paths as given. */
export function isInside(file: string, folder: string): boolean {
  const r = relative(folder, file);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

function insideAny(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => isInside(real, root));
}

export function readSourceFolders(dirs: string[], options: LoadOptions = {}): { sources: SourceInput[]; problems: CorpusProblem[] } {
  const maxFiles = options.maxFiles ?? 20000;
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024;
  const cwd = options.cwd ?? process.cwd();
  // The allowed roots, with their own links resolved, so that comparing real paths is fair.
  const within = options.within?.map((w) => {
    try {
      return realpathSync(w);
    } catch {
      return resolve(w);
    }
  });
  const sources: SourceInput[] = [];
  const problems: CorpusProblem[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let capped = false;

  const show = (p: string): string => {
    const r = relative(cwd, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };
  const raise = (name: string | undefined): string => (name ? ` (raise ${name} to read more)` : '');
  /** A file that existed when its folder was listed but is gone now was deleted while loading. */
  const gone = (e: unknown, top: boolean): string =>
    !top && (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'deleted while the corpus was being read (ENOENT)' : reasonOf(e);

  const visit = (path: string, top: boolean): void => {
    if (capped) return;
    let real: string;
    try {
      real = realpathSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      let message: string;
      if (top) message = `corpus folder not found (${code ?? 'error'})`;
      else if (code === 'ENOENT' && isSymlink(path)) message = `cannot resolve: the symbolic link points to nothing (ENOENT)`;
      else message = `cannot resolve: ${gone(e, top)}`;
      problems.push({ path: show(path), message });
      return;
    }
    if (within && !insideAny(real, within)) {
      problems.push({
        path: show(path),
        message: `not read: ${real === resolve(path) ? 'it lies' : `it links to ${real}, which lies`} outside the workspace, and the workspace is not trusted`,
      });
      return;
    }
    // A symlink loop or a folder listed twice is read once.
    if (seen.has(real)) return;
    seen.add(real);
    let st;
    try {
      st = statSync(real);
    } catch (e) {
      problems.push({ path: show(path), message: `cannot read: ${gone(e, top)}` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(real).sort();
      } catch (e) {
        problems.push({ path: show(path), message: `cannot list folder: ${gone(e, top)}` });
        return;
      }
      for (const n of names) if (!n.startsWith('.')) visit(join(path, n), false);
      return;
    }
    // Sockets, pipes and devices are not documents (reading a pipe could block forever).
    if (!st.isFile()) {
      if (top) problems.push({ path: show(path), message: 'skipped: not a regular file or folder' });
      return;
    }
    if (!top && !EXTENSIONS.has(extname(path).toLowerCase())) return;
    if (sources.length >= maxFiles) {
      problems.push({
        path: show(path),
        message: `skipped with the files after it: the corpus is capped at ${maxFiles.toLocaleString('en')} files${raise(options.limitNames?.files)}`,
      });
      capped = true;
      return;
    }
    const tooBig = (size: number): string => `skipped: ${(size / 1048576).toFixed(0)} MB is over the 50 MB limit for one source file`;
    if (st.size > MAX_FILE) {
      problems.push({ path: show(path), message: tooBig(st.size) });
      return;
    }
    const overCap = (): void => {
      problems.push({
        path: show(path),
        message: `skipped with the files after it: the corpus is capped at ${(maxBytes / 1048576).toFixed(0)} MB${raise(options.limitNames?.bytes)}`,
      });
      capped = true;
    };
    if (bytes + st.size > maxBytes) return overCap();
    let buf: Buffer;
    try {
      buf = readFileSync(real);
    } catch (e) {
      problems.push({ path: show(path), message: `cannot read: ${gone(e, top)}` });
      return;
    }
    // The file may have changed between stat and read: the bytes read are what count.
    if (buf.length > MAX_FILE) {
      problems.push({ path: show(path), message: tooBig(buf.length) });
      return;
    }
    if (bytes + buf.length > maxBytes) return overCap();
    const text = decode(buf);
    if (text === undefined) {
      problems.push({ path: show(path), message: 'skipped: binary file (not UTF-8 text)' });
      return;
    }
    if (!/\S/.test(text)) {
      problems.push({ path: show(path), message: 'skipped: empty file' });
      return;
    }
    const invalid = invalidUtf8(buf, text);
    if (invalid > 0) {
      problems.push({
        path: show(path),
        message: `read with ${invalid} invalid UTF-8 byte sequence${invalid === 1 ? '' : 's'} shown as \uFFFD (is it saved in another encoding?)`,
      });
    }
    bytes += buf.length;
    sources.push({ path: show(path), uri: real, text });
  };

  for (const d of dirs) visit(resolve(cwd, d), true);
  return { sources, problems };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** How many replacement characters decoding added (0 for valid UTF-8). */
function invalidUtf8(buf: Buffer, text: string): number {
  if (isUtf8(buf)) return 0;
  const decoded = (text.match(/\uFFFD/g) ?? []).length;
  const original = (buf.toString('latin1').match(/\xEF\xBF\xBD/g) ?? []).length;
  return Math.max(1, decoded - original);
}

/** Decodes UTF-8 text; undefined for binary content. Invalid sequences become U+FFFD. */
export function decode(buf: Buffer): string | undefined {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return undefined;
  const text = buf.toString('utf8');
  if (!isUtf8(buf)) {
    // Mostly replacement characters means this is not UTF-8 text at all.
    let bad = 0;
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) bad++;
    if ((bad > 16 && bad > text.length / 20) || bad > text.length / 4) return undefined;
  }
  // A NUL past the first 8 KB is kept as a visible replacement character, the
  // same length: PostgreSQL cannot store NUL, and both backends must read the
  // same text ("wo\0rd" was one word in the database and two in memory).
  return text.replace(/^\uFEFF/, '').replace(/\u0000/g, '\uFFFD');
}
