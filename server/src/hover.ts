/**
 * Hover on a checked claim: the verdict and the source sentences, quoted, with
 * document name, date and a link that opens the source at that line.
 */
import { type Hover, type HoverParams, MarkupKind, type CancellationToken } from 'vscode-languageserver/node';
import type { ClaimWithDismissals } from './core/dismissals';
import type { Evidence, Mismatch } from './core/types';
import type { DocumentChecks } from './checks';
import { claimAt, evidenceOf } from './claims';
import { mismatchSummary } from './core/verdict/findings';
import { sourceName } from './diagnostics';
import { toFileUri } from './workspace';

/** How many source sentences a hover shows. */
const MAX_SOURCES = 3;

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}

/** A link that opens `e`'s document at its line (VS Code reads `#L<line>` fragments). */
export function evidenceLink(e: Evidence): string {
  return `${toFileUri(e.uri || e.path)}#L${e.range.start.line + 1}`;
}

const STANCE: Record<Evidence['stance'], string> = {
  supports: 'supports',
  contradicts: 'contradicts',
  related: 'related',
};

/** The Markdown of a claim's hover. */
export function hoverMarkdown(claim: ClaimWithDismissals, mismatch?: Mismatch): string {
  const lines: string[] = [];
  const verdict =
    claim.verdict === 'contradicted' ? 'Contradicted' : claim.verdict === 'supported' ? 'Supported' : 'Unverified';
  lines.push(`**Fact check: ${verdict}**`);
  const focus = mismatch ? [mismatch] : claim.mismatches;
  for (const m of focus) lines.push('', escapeMarkdown(mismatchSummary(m)) + '.');
  if (claim.verdict === 'unverified' && claim.reason) lines.push('', escapeMarkdown(claim.reason));
  if (claim.conflict) lines.push('', `Sources disagree: ${escapeMarkdown(claim.conflict.note)}`);
  for (const d of claim.dismissed ?? []) {
    lines.push('', `_Dismissed${d.found ? ` (${escapeMarkdown(d.found)})` : ''}: ${escapeMarkdown(d.reason || 'no reason given')}_`);
  }
  const sources = evidenceOf(claim, mismatch).slice(0, MAX_SOURCES);
  if (sources.length === 0) lines.push('', '_No source sentence is close to this claim._');
  for (const e of sources) {
    const meta = [`[${escapeMarkdown(sourceName(e))}](${evidenceLink(e)})`];
    if (e.date) meta.push(e.date);
    meta.push(STANCE[e.stance]);
    lines.push('', `> ${escapeMarkdown(e.text.replace(/\s+/g, ' ').trim())}`, '>', `> — ${meta.join(' · ')}`);
  }
  return lines.join('\n');
}

/** Handles `textDocument/hover`. */
export async function onHover(checks: DocumentChecks, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const check = await checks.current(params.textDocument.uri, token);
  if (!check || token.isCancellationRequested) return null;
  const hit = claimAt(check, params.position);
  if (!hit) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(hit.claim, hit.mismatch) },
    range: hit.mismatch?.range ?? hit.claim.range,
  };
}
