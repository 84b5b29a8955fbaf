/**
 * The `factCheck/status` notification: the counts of a draft after each check,
 * for the VS Code status bar (other clients ignore unknown notifications).
 */
import type { DocCheck } from './checks';
import type { StatusParams } from './protocol';

/** Counts the verdicts of a check. */
export function statusOf(check: DocCheck): StatusParams {
  const count = (v: string) => check.result.claims.filter((c) => c.verdict === v).length;
  return {
    uri: check.uri,
    version: check.version,
    state: check.state,
    supported: count('supported'),
    contradicted: count('contradicted'),
    unverified: count('unverified'),
    dismissed: check.dismissed,
    message: check.message,
  };
}
