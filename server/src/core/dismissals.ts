/**
 * Findings a writer has dismissed ("the source is wrong", "this is fiction"),
 * kept in `.fact-check/dismissed.json` in the workspace so the language server
 * and the CLI agree on them. A dismissal is keyed by the claim's text and the
 * value found in it, not by position, so it survives edits elsewhere in the
 * draft; it stops applying when the claim itself is rewritten, which is what a
 * writer expects (the new sentence has not been looked at).
 *
 * Pure Node: no LSP or VS Code imports, so the CLI can use it as is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckResult, ClaimResult, MismatchKind } from './types';

/** What a finding is about: a mismatch kind, an unverified claim, or sources that disagree. */
export type DismissalKind = MismatchKind | 'unverified' | 'conflict';

/** One dismissed finding as stored in the file. */
export interface Dismissal {
  /** The claim's text (whitespace is normalised when matching). */
  claim: string;
  /** The value the engine flagged, e.g. `2018`; empty for claim-level findings. */
  found: string;
  /** When set, only a finding of this kind is dismissed. */
  kind?: DismissalKind;
  /** What the source said, for the record. */
  expected?: string;
  /** Why the writer dismissed it. */
  reason: string;
  /** The draft it was dismissed in, relative to the workspace; informational only. */
  draft?: string;
  /** ISO date-time of the dismissal. */
  date?: string;
}

/** A finding that {@link applyDismissals} removed, with the dismissal that matched. */
export interface DismissedFinding {
  kind: DismissalKind;
  found: string;
  reason: string;
}

/** A claim result that may carry the findings dismissed from it. */
export type ClaimWithDismissals = ClaimResult & { dismissed?: DismissedFinding[] };

/** A check result after {@link applyDismissals}. */
export type CheckResultWithDismissals = Omit<CheckResult, 'claims'> & { claims: ClaimWithDismissals[] };

/** The folder and file name of the dismissal file, relative to a workspace root. */
export const DISMISSALS_DIR = '.fact-check';
export const DISMISSALS_FILE = 'dismissed.json';

/** The dismissal file of the workspace rooted at `dir`. */
export function dismissalsPath(dir: string): string {
  return path.join(dir, DISMISSALS_DIR, DISMISSALS_FILE);
}

interface DismissalFile {
  version: 1;
  dismissed: Dismissal[];
}

/** Collapses whitespace so re-wrapping a paragraph does not undo a dismissal. */
export function normaliseClaim(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function keyOf(claim: string, found: string): string {
  return `${normaliseClaim(claim)}\u0000${found.trim()}`;
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

/** Parses the text of a dismissal file; `file` only names it in error messages. */
export function parseDismissals(text: string, file = DISMISSALS_FILE): Dismissal[] {
  if (!text.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Say where, never what: the file may be a copy of any file of the machine.
    const at = /position (\d+)/.exec((e as Error).message);
    throw new Error(`${file}: not valid JSON${at ? ` (at character ${at[1]})` : ''}`, { cause: e });
  }
  // A bare array is accepted too: people write the file by hand.
  const list = Array.isArray(json) ? json : (json as Partial<DismissalFile> | null)?.dismissed;
  if (!Array.isArray(list)) throw new Error(`${file}: expected {"dismissed": [...]}`);
  const out: Dismissal[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    if (typeof d.claim !== 'string' || !d.claim.trim()) continue;
    out.push({
      claim: d.claim,
      found: typeof d.found === 'string' ? d.found : '',
      kind: typeof d.kind === 'string' ? (d.kind as DismissalKind) : undefined,
      expected: typeof d.expected === 'string' ? d.expected : undefined,
      reason: typeof d.reason === 'string' ? d.reason : '',
      draft: typeof d.draft === 'string' ? d.draft : undefined,
      date: typeof d.date === 'string' ? d.date : undefined,
    });
  }
  return out;
}

/**
 * Adds `dismissal` to the file of the workspace rooted at `dir`, creating the
 * folder and file when needed. An existing dismissal with the same key (claim,
 * found value and kind) is replaced, so dismissing twice does not duplicate.
 * Returns the file's path.
 */
export function writeDismissal(dir: string, dismissal: Dismissal): string {
  const file = dismissalsPath(dir);
  const existing = readDismissals(dir);
  const key = keyOf(dismissal.claim, dismissal.found);
  const kept = existing.filter((d) => !(keyOf(d.claim, d.found) === key && d.kind === dismissal.kind));
  const entry: Dismissal = { ...dismissal, date: dismissal.date ?? new Date().toISOString() };
  // Drop undefined fields so the file stays tidy for people who read it.
  for (const k of Object.keys(entry) as (keyof Dismissal)[]) if (entry[k] === undefined) delete entry[k];
  const data: DismissalFile = { version: 1, dismissed: [...kept, entry] };
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

/** The dismissal matching a finding, if any. */
export function findDismissal(dismissals: readonly Dismissal[], claim: string, found: string, kind: DismissalKind): Dismissal | undefined {
  return byKey(dismissals)
    .get(keyOf(claim, found))
    ?.find((d) => d.kind === undefined || d.kind === kind);
}

/**
 * The dismissals of a list by finding key, made once per list (lists are not
 * changed in place: a new dismissal writes a new list): with thousands of
 * dismissals and claims, a search of the whole list per finding cost seconds
 * after every keystroke.
 */
const keyIndexes = new WeakMap<readonly Dismissal[], Map<string, Dismissal[]>>();
function byKey(dismissals: readonly Dismissal[]): Map<string, Dismissal[]> {
  let index = keyIndexes.get(dismissals);
  if (!index) {
    index = new Map();
    for (const d of dismissals) {
      const key = keyOf(d.claim, d.found);
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    keyIndexes.set(dismissals, index);
  }
  return index;
}

/**
 * Removes dismissed findings from a check result, without changing the input.
 *
 * - A dismissed mismatch is removed from its claim. When every mismatch of a
 *   contradicted claim is dismissed, the claim is no longer contradicted: it
 *   becomes `supported` if some evidence supports it, else `unverified` with
 *   the dismissal's reason.
 * - A dismissed `unverified` finding, or `conflict`, stays in the claim's
 *   verdict but is listed in `dismissed`, so reporters do not flag it again.
 *
 * Every removed finding is listed in the claim's `dismissed`.
 */
export function applyDismissals(result: CheckResult, dismissals: readonly Dismissal[]): CheckResultWithDismissals {
  if (dismissals.length === 0) return result;
  const claims = result.claims.map((claim): ClaimWithDismissals => {
    const dismissed: DismissedFinding[] = [];
    const mismatches = claim.mismatches.filter((m) => {
      const d = findDismissal(dismissals, claim.text, m.found, m.kind);
      if (d) dismissed.push({ kind: m.kind, found: m.found, reason: d.reason });
      return !d;
    });
    let { verdict, reason, conflict } = claim;
    if (verdict === 'contradicted' && mismatches.length === 0 && claim.mismatches.length > 0) {
      const supports = claim.evidence.some((e) => e.stance === 'supports');
      verdict = supports ? 'supported' : 'unverified';
      reason = `Dismissed: ${
        dismissed
          .map((d) => d.reason)
          .filter(Boolean)
          .join('; ') || 'no reason given'
      }`;
    }
    if (claim.verdict === 'unverified') {
      const d = findDismissal(dismissals, claim.text, '', 'unverified');
      if (d) dismissed.push({ kind: 'unverified', found: '', reason: d.reason });
    }
    if (conflict) {
      const d = findDismissal(dismissals, claim.text, '', 'conflict');
      if (d) {
        dismissed.push({ kind: 'conflict', found: '', reason: d.reason });
        conflict = undefined;
      }
    }
    if (dismissed.length === 0) return claim;
    const out: ClaimWithDismissals = { ...claim, verdict, mismatches, dismissed };
    if (reason !== undefined) out.reason = reason;
    if (conflict) out.conflict = conflict;
    else delete out.conflict;
    return out;
  });
  return { ...result, claims };
}

/** Whether a claim-level finding (`unverified`, `conflict`) of this claim was dismissed. */
export function isDismissed(claim: ClaimWithDismissals, kind: DismissalKind, found = ''): boolean {
  return !!claim.dismissed?.some((d) => d.kind === kind && d.found === found);
}
