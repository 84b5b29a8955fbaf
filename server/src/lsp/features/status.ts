/**
 * The `factCheck/status` notification: the counts of a draft after each check,
 * for the VS Code status bar (other clients ignore unknown notifications).
 */
import type { Diagnostic } from 'vscode-languageserver/node';
import type { DocCheck } from '../state/documentChecks';
import { factCheckData } from './diagnostics';
import type { StatusParams } from '../../shared/protocol';

/**
 * Counts a check as the Problems panel shows it: the findings are counted from
 * the diagnostics that were published (`published`), so a dismissed finding,
 * a finding held back while its sentence is typed, or a kind whose severity is
 * `off` is in neither. Supported claims have no diagnostic and are counted by
 * verdict. A kind whose severity is `off` has no count at all.
 */
export function statusOf(check: DocCheck, published: readonly Diagnostic[]): StatusParams {
  const findings = { contradicted: 0, unverified: 0, conflicts: 0 };
  for (const d of published) {
    const kind = factCheckData(d)?.kind;
    if (kind === 'unverified') findings.unverified++;
    else if (kind === 'conflict') findings.conflicts++;
    else if (kind !== undefined) findings.contradicted++;
  }
  const { severity } = check.settings;
  return {
    uri: check.uri,
    version: check.version,
    state: check.state,
    supported: check.result.claims.filter((c) => c.verdict === 'supported').length,
    ...(severity.contradicted !== 'off' ? { contradicted: findings.contradicted } : {}),
    ...(severity.unverified !== 'off' ? { unverified: findings.unverified } : {}),
    ...(severity.conflict !== 'off' ? { conflicts: findings.conflicts } : {}),
    dismissed: check.dismissed,
    ...(check.bundledOnly ? { bundledOnly: true } : {}),
    message: check.message,
  };
}
