/**
 * The dismissal file on disk: `.fact-check/dismissed.json` of a workspace,
 * read the way a file of a cloned, untrusted repository must be read, and
 * written atomically. Its format and matching are the engine's
 * (`core/dismissals.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISMISSALS_DIR, DISMISSALS_FILE, parseDismissals, withDismissal, type Dismissal } from '../core/dismissals';

/** The dismissal file of the workspace rooted at `dir`. */
export function dismissalsPath(dir: string): string {
  return path.join(dir, DISMISSALS_DIR, DISMISSALS_FILE);
}

/**
 * Reads the dismissals of the workspace rooted at `dir`. A missing file means
 * none. A malformed file throws an Error whose message names the file and the
 * problem, so callers can show it; entries without a claim are skipped.
 */
export function readDismissals(dir: string): Dismissal[] {
  const file = dismissalsPath(dir);
  let text: string;
  try {
    text = readWorkspaceFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${file}: not read (${(e as Error).message})`, { cause: e });
  }
  return parseDismissals(text, file);
}

/** The largest dismissal file read (a file this big is not a list a person keeps). */
export const MAX_DISMISSALS_BYTES = 5 * 1024 * 1024;

/**
 * Reads a file of the workspace's `.fact-check` folder the way a cloned,
 * untrusted repository must be read: only a regular file, not through a
 * symbolic link (neither the folder nor the file), at most
 * {@link MAX_DISMISSALS_BYTES}. A link to /dev/zero, /dev/stdin, a FIFO or a
 * file outside the workspace is refused before anything is read.
 */
function readWorkspaceFile(file: string): string {
  const folder = path.dirname(file);
  const folderStat = fs.lstatSync(folder);
  if (folderStat.isSymbolicLink()) throw new Error(`${DISMISSALS_DIR} is a symbolic link`);
  if (!folderStat.isDirectory()) throw new Error(`${DISMISSALS_DIR} is not a folder`);
  const st = fs.lstatSync(file);
  if (st.isSymbolicLink()) throw new Error('it is a symbolic link');
  if (!st.isFile()) throw new Error('it is not a regular file');
  if (st.size > MAX_DISMISSALS_BYTES) throw new Error(`it is larger than ${MAX_DISMISSALS_BYTES / 1024 / 1024} MB`);
  // Opened without following links and without blocking (a FIFO swapped in
  // after the check), then checked again on the open file.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const open = fs.fstatSync(fd);
    if (!open.isFile() || open.size > MAX_DISMISSALS_BYTES) throw new Error('it is not a regular file of a readable size');
    const buf = Buffer.alloc(open.size);
    let n = 0;
    while (n < buf.length) {
      const r = fs.readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Adds `dismissal` to the file of the workspace rooted at `dir`, creating the
 * folder and file when needed (see {@link withDismissal}). Returns the file's
 * path.
 */
export function writeDismissal(dir: string, dismissal: Dismissal): string {
  const file = dismissalsPath(dir);
  const data = withDismissal(readDismissals(dir), dismissal);
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  // The folder must be the workspace's own: a .fact-check that links
  // elsewhere would have the dismissal written outside the workspace.
  if (fs.lstatSync(folder).isSymbolicLink() || path.dirname(fs.realpathSync(folder)) !== fs.realpathSync(dir)) {
    throw new Error(`${folder}: not written (it is a symbolic link or lies outside the workspace)`);
  }
  // Write a new temporary file (created exclusively: a link or file already at
  // that name is never followed or overwritten), then rename it over the file,
  // so a reader never sees half a file.
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
  try {
    fs.writeFileSync(fd, JSON.stringify(data, null, 2) + '\n', 'utf8');
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return file;
}

/**
 * The nearest folder at or above `from` that has a `.fact-check` folder, or
 * undefined. The CLI uses it to find the workspace of a draft.
 */
export function findDismissalsRoot(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, DISMISSALS_DIR))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
