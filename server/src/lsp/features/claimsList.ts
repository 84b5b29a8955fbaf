/**
 * `factCheck/claims`: every claim of a draft with its verdict, what its
 * finding says and its best evidence, plus the folders of sources, for the
 * editor's claims view (writers want to see what *is* verified too).
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import type { DocumentChecks } from '../state/documentChecks';
import type { ClaimWithDismissals } from '../../core/dismissals';
import { evidencePlace, mismatchSummary } from '../../core/verdict/findings';
import { sourceRef } from './diagnostics';
import type { ClaimItem, ClaimsParams, ClaimsResult } from '../../shared/protocol';

/** What a claim's finding says, in one line. */
export function claimSummary(claim: ClaimWithDismissals): string {
  if (claim.verdict === 'contradicted') return claim.mismatches.map((m) => `${mismatchSummary(m)}.`).join(' ');
  if (claim.verdict === 'unverified') return claim.reason ?? 'No source confirms this claim.';
  const best = claim.evidence[0];
  return best ? `Supported by ${evidencePlace(best)}.` : 'Supported.';
}

/** Handles {@link ClaimsRequest}. */
export async function onClaims(checks: DocumentChecks, params: ClaimsParams, token: CancellationToken): Promise<ClaimsResult> {
  const uri = params.textDocument.uri;
  const check = await checks.current(uri, token);
  if (!check || token.isCancellationRequested) return { uri, state: 'off', claims: [], sources: [] };
  const claims: ClaimItem[] = check.result.claims.map((c) => {
    const best = c.mismatches[0]?.evidence ?? c.evidence[0];
    return {
      text: c.text,
      range: c.range,
      verdict: c.verdict,
      summary: claimSummary(c),
      ...(best ? { evidence: sourceRef(best) } : {}),
      dismissed: !!c.dismissed?.length,
    };
  });
  const sources = check.state === 'checked' ? await checks.sourcesOf(uri) : [];
  return { uri, version: check.version, state: check.state, ...(check.message ? { message: check.message } : {}), claims, sources };
}
