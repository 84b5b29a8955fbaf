/** The JSON report of the CLI (`--format json`): every claim with its verdict, evidence, mismatches, support and gaps, for other tools to read. */
import type { ClaimResult } from '../core/types';
import { shownPath, type FileReport, type ReportContext } from './report';

/** The JSON report: the corpus's size, and every claim with its verdict, evidence, mismatches, support and gaps. */
export function jsonReport(corpus: { stats: { documents: number; sentences: number } }, files: FileReport[], context: ReportContext): string {
  const show = (p: string): string => shownPath(p, context);
  const ev = (e: ClaimResult['evidence'][number]): object => ({
    path: show(e.path),
    range: e.range,
    text: e.text,
    score: e.score,
    stance: e.stance,
    ...(e.date ? { date: e.date } : {}),
    ...(e.copies ? { copies: e.copies.map((c) => ({ path: show(c.path), range: c.range })), copyCount: e.copyCount } : {}),
  });
  return (
    JSON.stringify(
      {
        corpus: corpus.stats,
        files: files.map((f) => ({
          path: f.path,
          claims: f.result.claims.map((c) => ({
            range: c.range,
            text: c.text,
            verdict: c.verdict,
            evidence: c.evidence.map(ev),
            mismatches: c.mismatches.map((m) => ({
              kind: m.kind,
              range: m.range,
              found: m.found,
              ...(m.expected !== undefined ? { expected: m.expected } : {}),
              evidence: ev(m.evidence),
            })),
            ...(c.conflict ? { conflict: { note: c.conflict.note, supporting: ev(c.conflict.supporting), contradicting: ev(c.conflict.contradicting) } } : {}),
            ...(c.reason ? { reason: c.reason } : {}),
            ...(c.support !== undefined ? { support: c.support } : {}),
            ...(c.verdict === 'unverified' && c.gaps ? { gaps: c.gaps.map((g) => ({ range: g.range, text: g.text, reason: g.reason })) } : {}),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
