/** What every report format is given, and how it shows paths. */
import { isAbsolute, relative } from 'node:path';
import type { CheckResult } from '../core/types';

/**
 * What every report format is given: the drafts checked, each with its text
 * and result. Paths are shown relative to `cwd` when they lie under it (as a
 * linter prints them), else whole.
 */
export interface FileReport {
  path: string;
  /** The draft's text (the HTML report shows it). */
  text: string;
  result: CheckResult;
}

/** How a report shows paths: relative to this folder when under it. */
export interface ReportContext {
  cwd: string;
}

/** A path as a report shows it. */
export function shownPath(p: string, context: ReportContext): string {
  const r = relative(context.cwd, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
}
