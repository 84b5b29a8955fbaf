import type { ClaimResult, Evidence, FindingKind, Mismatch } from '../types';

/**
 * How findings are named and worded, in one place for the CLI (text, SARIF)
 * and the language server's diagnostics, so a writer reads the same thing in
 * the terminal and in the editor.
 */

/** The code of a finding: `contradicted-year`, `misquote`, `unverified-claim`, `conflicting-sources`, ... */
export function findingCode(kind: FindingKind): string {
  switch (kind) {
    case 'quote':
      return 'misquote';
    case 'unverified':
      return 'unverified-claim';
    case 'conflict':
      return 'conflicting-sources';
    default:
      return `contradicted-${kind}`;
  }
}

/** What the source says instead, e.g. `Source says 2019, not 2018`. */
export function mismatchSummary(m: Pick<Mismatch, 'kind' | 'found' | 'expected' | 'alternatives'>): string {
  const expected = m.expected !== undefined && m.expected !== '' ? m.expected : undefined;
  if (m.kind === 'quote') return expected ? `Source quotes "${expected}", not "${m.found}"` : `Source does not quote "${m.found}"`;
  // Other sources that give other values are said, so the fix is not taken for the only answer.
  const others = m.alternatives?.length ? `; another source says ${m.alternatives.join(' or ')}` : '';
  if (expected) return `Source says ${expected}, not ${m.found}${others}`;
  return `Source says the opposite of "${m.found}"`;
}

/** The file name of a source path, as messages name a document. */
export function documentName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Where an evidence sentence is, in words: its document, date and sentence number (never a column). */
export function evidencePlace(e: Pick<Evidence, 'path' | 'date' | 'sentence'>): string {
  const parts = [documentName(e.path)];
  if (e.date) parts.push(e.date);
  if (e.sentence !== undefined) parts.push(`sentence ${e.sentence}`);
  return parts.join(', ');
}

/** Where `value` stands in `text` as a whole word (case-insensitive), or -1: so "5" is not found inside "1950". */
export function wordIndex(text: string, value: string): number {
  if (!value) return -1;
  const lower = text.toLowerCase();
  const v = value.toLowerCase();
  for (let at = lower.indexOf(v); at >= 0; at = lower.indexOf(v, at + 1)) {
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + v.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

/** Why an unverified claim is unverified: the distinct reasons of its gaps, or its one reason. */
export function gapReasons(claim: Pick<ClaimResult, 'gaps' | 'reason'>): string[] {
  const reasons = [...new Set((claim.gaps ?? []).map((g) => g.reason))];
  return reasons.length ? reasons : claim.reason ? [claim.reason] : [];
}
