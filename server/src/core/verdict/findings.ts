import type { Mismatch, MismatchKind } from '../types';

/**
 * How findings are named and worded, in one place for the CLI (text, SARIF)
 * and the language server's diagnostics, so a writer reads the same thing in
 * the terminal and in the editor.
 */

/** What a finding is about: a mismatch, an unverified claim, or sources that disagree. */
export type FindingKind = MismatchKind | 'unverified' | 'conflict';

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
