/** The text report of the CLI: one line per finding, as linters print them, safe for a terminal or a CI log. */
import { findingCode, mismatchSummary } from '../core/verdict/findings';
import type { ClaimResult, Mismatch } from '../core/types';
import { shownPath, type FileReport, type ReportContext } from './report';

/**
 * Text fit for a terminal or a CI log: control characters (escape sequences,
 * carriage returns, newlines) are written as visible escapes, so a file named
 * "x\n::error file=x::injected" or one holding a title-setting sequence
 * prints as one harmless line.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** One line of text output, like a linter: `Source says 2019, not 2018 (corpus/000_….txt:23)`. */
export function describe(m: Mismatch, context: ReportContext): string {
  return `${mismatchSummary(m)} (${shownPath(m.evidence.path, context)}:${m.evidence.range.start.line + 1})`;
}

/** The text report: one line per finding, `path:line:column severity message code`, then the counts. */
export function textReport(files: FileReport[], context: ReportContext): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const c of f.result.claims) {
      for (const m of c.mismatches) {
        lines.push(`${f.path}:${m.range.start.line + 1}:${m.range.start.character + 1} warning ${describe(m, context)} ${findingCode(m.kind)}`);
      }
      if (c.conflict)
        lines.push(`${f.path}:${c.range.start.line + 1}:${c.range.start.character + 1} info Sources disagree: ${c.conflict.note} conflicting-sources`);
      if (c.verdict === 'unverified')
        lines.push(
          `${f.path}:${c.range.start.line + 1}:${c.range.start.character + 1} info Unverified: ${c.reason ?? 'no source speaks to this claim'} unverified-claim`,
        );
    }
  }
  const claims = files.flatMap((f) => f.result.claims);
  const count = (v: ClaimResult['verdict']): number => claims.filter((c) => c.verdict === v).length;
  lines.push(`${claims.length} claims: ${count('supported')} supported, ${count('contradicted')} contradicted, ${count('unverified')} unverified`);
  // Each line is one finding: whatever a file name or a source holds cannot break it.
  return lines.map(terminalSafe).join('\n') + '\n';
}
