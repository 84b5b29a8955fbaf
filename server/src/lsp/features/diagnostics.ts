/**
 * Turns a check into LSP diagnostics: one per mismatch, on the exact wrong
 * value, plus claim-level findings (unverified, conflicting sources) at the
 * severities the document's settings ask for.
 */
import * as path from 'node:path';
import { type Diagnostic, DiagnosticSeverity, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { isDismissed } from '../../core/dismissals';
import { evidencePlace, findingCode, mismatchSummary } from '../../core/verdict/findings';
import type { Evidence, FindingKind, Mismatch } from '../../core/types';
import type { DocCheck } from '../state/documentChecks';
import { DIAGNOSTIC_CODES_URL, DIAGNOSTIC_SOURCE, type FactCheckDiagnosticData, type SourceRef } from '../../shared/protocol';
import type { SeveritySetting } from '../../shared/settings';
import { toFileUri } from '../state/workspace';

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
    ...(e.sentence !== undefined ? { sentence: e.sentence } : {}),
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

/** The message of a mismatch: one short line, e.g. `Source says 2019, not 2018.` (the source sentence goes in related information). */
export function mismatchMessage(m: Mismatch): string {
  return `${mismatchSummary(m)}.`;
}

/** The claim's support, for a diagnostic's data. */
function supportOf(claim: { support?: number }): { support?: number } {
  return claim.support !== undefined ? { support: claim.support } : {};
}

function related(e: Evidence, label: string): DiagnosticRelatedInformation {
  return { location: { uri: toFileUri(e.uri || e.path), range: e.range }, message: `${label}: ${quote(e.text)} (${evidencePlace(e)})` };
}

/**
 * Which findings of a check are held back for now: those inside the sentence
 * being typed (see `typing.ts`). Offsets into the draft.
 */
export interface Held {
  start: number;
  end: number;
}

/** The diagnostics of a check; empty unless it was checked. Findings inside `held` are left out. */
export function toDiagnostics(check: DocCheck, held?: Held): Diagnostic[] {
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
    const code = findingCode(kind);
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
    if (held && claim.start < held.end && held.start < claim.end) continue;
    if (contradicted !== undefined) {
      for (const m of claim.mismatches) {
        out.push(
          make(
            m.kind,
            contradicted,
            m.range,
            mismatchMessage(m),
            { claim: claim.text, found: m.found, expected: m.expected, evidence: sourceRef(m.evidence), ...supportOf(claim) },
            [related(m.evidence, 'Source')],
          ),
        );
      }
    }
    // A claim whose finding the writer dismissed is not flagged as unverified either.
    if (unverified !== undefined && claim.verdict === 'unverified' && !claim.dismissed?.length) {
      const best = claim.evidence[0];
      const rel = best ? [related(best, 'Closest source sentence')] : [];
      const data = { claim: claim.text, found: '', evidence: best && sourceRef(best), ...supportOf(claim) };
      // The underline is on what no source supports (the engine's gaps), each
      // with its own reason; only a claim with nothing aligned is underlined whole.
      const gaps = claim.gaps?.length ? claim.gaps : [{ range: claim.range, reason: claim.reason ?? 'No source confirms this claim.' }];
      for (const g of gaps) out.push(make('unverified', unverified, g.range, g.reason, data, rel));
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
          [related(c.supporting, 'Supports the draft'), related(c.contradicting, 'Contradicts it')],
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
