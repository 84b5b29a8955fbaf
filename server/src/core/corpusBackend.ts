import type { CancellationSignal, CheckOptions, CheckResult } from './types';

/**
 * A corpus to check drafts against. Two implementations: the in-memory index
 * (`Checker` over a `Corpus`, the default) and PostgreSQL (`PgBackend`, for a
 * team's shared archive). They differ only in how candidate sentences are
 * found; both run the same verdict logic, so they give the same results.
 */
export interface CorpusBackend {
  /** Checks a draft; the in-memory backend answers at once, a database asynchronously. */
  check(text: string, options?: CheckOptions, token?: CancellationSignal): CheckResult | Promise<CheckResult>;
}
