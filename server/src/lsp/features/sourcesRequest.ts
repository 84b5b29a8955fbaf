/**
 * `factCheck/sources`: the claim at a position and all its source sentences,
 * for the client's "Show sources" list.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { DocumentChecks } from '../state/documentChecks';
import { claimAt, evidenceOf } from './claimAt';
import { sourceRef } from './diagnostics';
import type { SourcesParams, SourcesResult } from '../../shared/protocol';

/** Handles {@link SourcesRequest}. */
export async function onSources(checks: DocumentChecks, params: SourcesParams, token: CancellationToken): Promise<SourcesResult> {
  const check = await checks.current(params.textDocument.uri, token);
  if (!check || token.isCancellationRequested) return { sources: [] };
  const hit = claimAt(check, params.position);
  if (!hit) return { sources: [] };
  const { claim, mismatch } = hit;
  return {
    claim: { text: claim.text, verdict: claim.verdict, range: claim.range },
    sources: evidenceOf(claim, mismatch).map(sourceRef),
  };
}
