/**
 * Turns a check into LSP diagnostics: one per mismatch, on the exact wrong
 * value, plus claim-level findings (unverified, conflicting sources) at the
 * severities the document's settings ask for.
 */
import * as path from 'node:path';
import { type Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { isDismissed } from './core/dismissals';
import { mismatchSummary } from './core/verdict/findings';
import type { Evidence, Mismatch } from './core/types';
import type { DocCheck } from './checks';
import {
  DIAGNOSTIC_CODES_URL,
  DIAGNOSTIC_SOURCE,
  diagnosticCode,
  type FactCheckDiagnosticData,
  type FindingKind,
  type SourceRef,
} from './protocol';
import type { SeveritySetting } from './settings';
import { toFileUri } from './workspace';

/** The LSP severity of a setting; undefined for `off`. */
export function severityOf(s: SeveritySetting): DiagnosticSeverity | undefined {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
    case 'off':
      return undefined;
  }
}

/** The name of a source document as shown in messages: its file name. */
export function sourceName(e: Pick<Evidence, 'path'>): string {
  return path.basename(e.path);
}

/** An evidence sentence as sent to clients, with an openable URI. */
export function sourceRef(e: Evidence): SourceRef {
  return {
    uri: toFileUri(e.uri || e.path),
    path: e.path,
    range: e.range,
    text: e.text,
    date: e.date,
    stance: e.stance,
    score: e.score,
  };
}

const MAX_QUOTE = 300;

/** A source sentence quoted in a message, shortened when very long. */
export function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `"${t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1)}…` : t}"`;
}


/** The message of a mismatch, e.g. `Source says 2019, not 2018 — "…" (000_….txt)`. */
export function mismatchMessage(m: Mismatch): string {
  return `${mismatchSummary(m)} — ${quote(m.evidence.text)} (${sourceName(m.evidence)})`;
}

/** The claim's support, for a diagnostic's data. */
function supportOf(claim: { support?: number }): { support?: number } {
  return claim.support !== undefined ? { support: claim.support } : {};
}

function related(e: Evidence, message: string): DiagnosticRelatedInformation {
  return { location: { uri: toFileUri(e.uri || e.path), range: e.range }, message };
}

/** The diagnostics of a check; empty unless it was checked. */
export function toDiagnostics(check: DocCheck): Diagnostic[] {
  if (check.state !== 'checked') return [];
  const { severity } = check.settings;
  const out: Diagnostic[] = [];
  const make = (
    kind: FindingKind,
    sev: DiagnosticSeverity,
    range: Diagnostic['range'],
    message: string,
    data: Omit<FactCheckDiagnosticData, 'schema' | 'kind' | 'version'>,
    relatedInformation: DiagnosticRelatedInformation[],
  ): Diagnostic => {
    const code = diagnosticCode(kind);
    return {
      range,
      severity: sev,
      source: DIAGNOSTIC_SOURCE,
      code,
      codeDescription: { href: DIAGNOSTIC_CODES_URL },
      message,
      relatedInformation,
      data: { schema: 1, kind, version: check.version, ...data } satisfies FactCheckDiagnosticData,
    };
  };

  const contradicted = severityOf(severity.contradicted);
  const unverified = severityOf(severity.unverified);
  const conflict = severityOf(severity.conflict);
  for (const claim of check.result.claims) {
    if (contradicted !== undefined) {
      for (const m of claim.mismatches) {
        out.push(
          make(
            m.kind,
            contradicted,
            m.range,
            mismatchMessage(m),
            { claim: claim.text, found: m.found, expected: m.expected, evidence: sourceRef(m.evidence), ...supportOf(claim) },
            [related(m.evidence, `Source: ${sourceName(m.evidence)}${m.evidence.date ? ` (${m.evidence.date})` : ''}`)],
          ),
        );
      }
    }
    // A claim whose finding the writer dismissed is not flagged as unverified either.
    if (unverified !== undefined && claim.verdict === 'unverified' && !claim.dismissed?.length) {
      const best = claim.evidence[0];
      out.push(
        make(
          'unverified',
          unverified,
          claim.range,
          `No source confirms this claim${claim.reason ? `: ${claim.reason}` : '.'}`,
          { claim: claim.text, found: '', evidence: best && sourceRef(best), ...supportOf(claim) },
          best ? [related(best, `Closest source sentence (${sourceName(best)})`)] : [],
        ),
      );
    }
    if (conflict !== undefined && claim.conflict && !isDismissed(claim, 'conflict')) {
      const c = claim.conflict;
      out.push(
        make(
          'conflict',
          conflict,
          claim.range,
          `Sources disagree: ${c.note}`,
          { claim: claim.text, found: '', evidence: sourceRef(c.contradicting), ...supportOf(claim) },
          [
            related(c.supporting, `Supports the draft: ${sourceName(c.supporting)}${c.supporting.date ? ` (${c.supporting.date})` : ''}`),
            related(c.contradicting, `Contradicts it: ${sourceName(c.contradicting)}${c.contradicting.date ? ` (${c.contradicting.date})` : ''}`),
          ],
        ),
      );
    }
  }
  return out;
}

/** Type guard for diagnostics this server made (code actions get diagnostics from any source). */
export function factCheckData(d: Diagnostic): FactCheckDiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = d.data as Partial<FactCheckDiagnosticData> | undefined;
  if (!data || data.schema !== 1 || typeof data.claim !== 'string' || typeof data.found !== 'string') return undefined;
  return data as FactCheckDiagnosticData;
}
