/**
 * Go to definition on a claim: the best evidence sentence in the corpus (the
 * contradicting one when the cursor is on a mismatch).
 */
import type { CancellationToken, DefinitionParams, Location } from 'vscode-languageserver/node';
import type { DocumentChecks } from '../state/documentChecks';
import { claimAt, evidenceOf } from './claimAt';
import { toFileUri } from '../state/workspace';

/** Handles `textDocument/definition`. */
export async function onDefinition(checks: DocumentChecks, params: DefinitionParams, token: CancellationToken): Promise<Location | null> {
  const check = await checks.current(params.textDocument.uri, token);
  if (!check || token.isCancellationRequested) return null;
  const hit = claimAt(check, params.position);
  const best = hit && evidenceOf(hit.claim, hit.mismatch)[0];
  if (!best) return null;
  return { uri: toFileUri(best.uri || best.path), range: best.range };
}
