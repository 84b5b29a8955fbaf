/**
 * Finding the claim and mismatch under a cursor in a check result; shared by
 * hover, definition and the sources request.
 */
import type { ClaimWithDismissals } from '../../core/dismissals';
import type { Evidence, Mismatch, Position, Range } from '../../core/types';
import type { DocCheck } from '../state/documentChecks';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether `pos` is inside `range`, its end included (a cursor just after a word is on it). */
export function rangeContains(range: Range, pos: Position): boolean {
  return !before(pos, range.start) && !before(range.end, pos);
}

/** The claim and, if any, the mismatch at `pos`. */
export function claimAt(check: DocCheck, pos: Position): { claim: ClaimWithDismissals; mismatch?: Mismatch } | undefined {
  for (const claim of check.result.claims) {
    if (!rangeContains(claim.range, pos)) continue;
    return { claim, mismatch: claim.mismatches.find((m) => rangeContains(m.range, pos)) };
  }
  return undefined;
}

/**
 * The claim's evidence, best first, with the evidence of the mismatch under
 * the cursor (if any) moved to the front and duplicates removed.
 */
export function evidenceOf(claim: ClaimWithDismissals, mismatch?: Mismatch): Evidence[] {
  const all = [...(mismatch ? [mismatch.evidence] : []), ...claim.mismatches.map((m) => m.evidence), ...claim.evidence];
  const seen = new Set<string>();
  return all.filter((e) => {
    const key = `${e.uri}#${e.sentenceId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
