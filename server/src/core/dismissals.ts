/**
 * Findings a writer has dismissed ("the source is wrong", "this is fiction"),
 * kept in `.fact-check/dismissed.json` in the workspace so the language server
 * and the CLI agree on them. A dismissal is keyed by the claim's text and the
 * value found in it, not by position, so it survives edits elsewhere in the
 * draft; it stops applying when the claim itself is rewritten, which is what a
 * writer expects (the new sentence has not been looked at).
 *
 * The format and matching live here; reading and writing the file is the Node
 * adapter's (`node/dismissalsFile.ts`).
 */
import type { CheckResult, ClaimResult, FindingKind } from './types';

/** One dismissed finding as stored in the file. */
export interface Dismissal {
  /** The claim's text (whitespace is normalised when matching). */
  claim: string;
  /** The value the engine flagged, e.g. `2018`; empty for claim-level findings. */
  found: string;
  /** When set, only a finding of this kind is dismissed. */
  kind?: FindingKind;
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
  kind: FindingKind;
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

/** The dismissal file's contents. */
export interface DismissalFile {
  version: 1;
  dismissed: Dismissal[];
}

/** Collapses whitespace so re-wrapping a paragraph does not undo a dismissal. */
export function normaliseClaim(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What a dismissal is matched by: the claim (whitespace collapsed) and the value found. */
export function dismissalKey(claim: string, found: string): string {
  return `${normaliseClaim(claim)}\u0000${found.trim()}`;
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
      kind: typeof d.kind === 'string' ? (d.kind as FindingKind) : undefined,
      expected: typeof d.expected === 'string' ? d.expected : undefined,
      reason: typeof d.reason === 'string' ? d.reason : '',
      draft: typeof d.draft === 'string' ? d.draft : undefined,
      date: typeof d.date === 'string' ? d.date : undefined,
    });
  }
  return out;
}

/**
 * The dismissal file with `dismissal` added. An existing dismissal with the
 * same key (claim, found value and kind) is replaced, so dismissing twice does
 * not duplicate; fields left undefined are not written.
 */
export function withDismissal(existing: readonly Dismissal[], dismissal: Dismissal, now: Date = new Date()): DismissalFile {
  const key = dismissalKey(dismissal.claim, dismissal.found);
  const kept = existing.filter((d) => !(dismissalKey(d.claim, d.found) === key && d.kind === dismissal.kind));
  const entry: Dismissal = { ...dismissal, date: dismissal.date ?? now.toISOString() };
  // Drop undefined fields so the file stays tidy for people who read it.
  for (const k of Object.keys(entry) as (keyof Dismissal)[]) if (entry[k] === undefined) delete entry[k];
  return { version: 1, dismissed: [...kept, entry] };
}

/** The dismissal matching a finding, if any. */
export function findDismissal(dismissals: readonly Dismissal[], claim: string, found: string, kind: FindingKind): Dismissal | undefined {
  return byKey(dismissals)
    .get(dismissalKey(claim, found))
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
      const key = dismissalKey(d.claim, d.found);
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
export function isDismissed(claim: ClaimWithDismissals, kind: FindingKind, found = ''): boolean {
  return !!claim.dismissed?.some((d) => d.kind === kind && d.found === found);
}
