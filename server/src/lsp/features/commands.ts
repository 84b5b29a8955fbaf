/**
 * `workspace/executeCommand`: dismiss a finding, check the whole workspace,
 * reload the corpus, make the report page of the workspace's drafts. Each returns a result and tells the user what happened.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, ExecuteCommandParams } from 'vscode-languageserver/node';
import { DISMISSALS_DIR } from '../../core/dismissals';
import { writeDismissal } from '../../node/dismissalsFile';
import type { DocCheck, DocumentChecks } from '../state/documentChecks';
import { isInside } from '../../node/sources';
import { resolveFolders } from '../../shared/folders';
import type { CorpusStore } from '../state/corpusStore';
import { toDiagnostics } from './diagnostics';
import { Commands, type DismissArgs, type ReportArgs, type ReportResult, type WorkspaceCheckSummary } from '../../shared/protocol';
import { reportHtml } from '../../formats/html';
import { languageEnabled } from '../../shared/settings';
import type { SettingsStore } from '../state/settingsStore';
import { statusOf } from './status';
import type { Workspace } from '../state/workspace';

/** What the command handlers need. */
export interface CommandDeps {
  connection: Connection;
  checks: DocumentChecks;
  corpora: CorpusStore;
  settings: SettingsStore;
  workspace: Workspace;
  bundledDir: () => string;
  /** URIs of the open documents. */
  openUris(): string[];
  log(message: string): void;
}

/** Reasons offered when the client did not send one (standalone editors). */
const REASONS = ['The source is wrong or outdated', 'Intentional (fiction, hypothetical, quoting an error)', 'Checked elsewhere'];

/** Handles `workspace/executeCommand`. */
export async function onExecuteCommand(deps: CommandDeps, params: ExecuteCommandParams, token: CancellationToken): Promise<unknown> {
  switch (params.command) {
    case Commands.dismiss:
      return dismiss(deps, params.arguments?.[0]);
    case Commands.checkWorkspace:
      return checkWorkspace(deps, token);
    case Commands.reloadCorpus:
      return reloadCorpus(deps, token);
    case Commands.report:
      return report(deps, params.arguments?.[0], token);
    default:
      deps.connection.window.showErrorMessage(`Fact check: unknown command ${params.command}`);
      return null;
  }
}

function isDismissArgs(a: unknown): a is DismissArgs {
  const d = a as Partial<DismissArgs> | undefined;
  return !!d && typeof d.uri === 'string' && typeof d.claim === 'string' && typeof d.found === 'string' && typeof d.kind === 'string';
}

async function dismiss(deps: CommandDeps, arg: unknown): Promise<{ file: string } | null> {
  if (!isDismissArgs(arg)) {
    deps.connection.window.showErrorMessage('Fact check: dismiss needs {uri, kind, claim, found} as its argument.');
    return null;
  }
  let reason = arg.reason?.trim();
  if (!reason) {
    const picked = await deps.connection.window.showInformationMessage(
      `Dismiss ${arg.found ? `"${arg.found}"` : 'this finding'}? Why:`,
      ...REASONS.map((title) => ({ title })),
    );
    if (!picked) return null;
    reason = picked.title;
  }
  const base = deps.workspace.baseOf(arg.uri);
  const draftPath = (() => {
    try {
      const file = new URL(arg.uri);
      return file.protocol === 'file:' ? path.relative(base, decodeURIComponent(file.pathname)) : arg.uri;
    } catch {
      return arg.uri;
    }
  })();
  let file: string;
  try {
    file = writeDismissal(base, {
      claim: arg.claim,
      found: arg.found,
      kind: arg.kind,
      expected: arg.expected,
      reason,
      draft: draftPath,
    });
  } catch (e) {
    deps.connection.window.showErrorMessage(`Fact check: could not save the dismissal: ${(e as Error).message}`);
    return null;
  }
  deps.log(`Dismissed ${arg.kind} "${arg.found}" in ${draftPath}: ${reason} (${file})`);
  deps.checks.recheckAll(deps.openUris());
  return { file };
}

/** File extensions of the drafts of each language, for scanning the workspace. */
const EXTENSIONS: Record<string, string[]> = {
  markdown: ['.md', '.markdown', '.mdown', '.mkd'],
  plaintext: ['.txt', '.text'],
};

/** Folders never scanned for drafts. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'target', 'vendor']);
const MAX_FILES = 2000;

/** A draft of the workspace, checked. */
interface CheckedDraft {
  file: string;
  text: string;
  check: DocCheck;
}

/** Finds the workspace's drafts (never the sources) and checks each, open or not. */
async function checkDrafts(deps: CommandDeps, token: CancellationToken): Promise<CheckedDraft[]> {
  const drafts: { file: string; languageId: string }[] = [];
  for (const root of deps.workspace.list()) {
    const settings = await deps.settings.get(pathToFileURL(root).href);
    // Sources are not drafts: never check the corpus against itself.
    const exclude = [...resolveFolders(settings.corpus.folders, root), deps.bundledDir(), path.join(root, DISMISSALS_DIR)];
    const byExt = new Map<string, string>();
    for (const [lang, exts] of Object.entries(EXTENSIONS)) {
      if (languageEnabled(lang, settings.languages)) for (const e of exts) byExt.set(e, lang);
    }
    walk(
      root,
      0,
      (file) => {
        if (drafts.length >= MAX_FILES) return false;
        if (exclude.some((x) => isInside(file, x))) return true;
        const languageId = byExt.get(path.extname(file).toLowerCase());
        if (languageId) drafts.push({ file, languageId });
        return true;
      },
      exclude,
    );
  }
  if (drafts.length >= MAX_FILES) deps.log(`Check workspace: stopped at ${MAX_FILES} files.`);
  const open = new Set(deps.openUris());
  const out: CheckedDraft[] = [];
  for (const d of drafts) {
    if (token.isCancellationRequested) break;
    const uri = pathToFileURL(d.file).href;
    let check: DocCheck | undefined;
    let text: string;
    if (open.has(uri)) {
      check = await deps.checks.current(uri, token);
      // The text the check was made on: typing meanwhile must not shift its claims.
      text = check?.text ?? '';
    } else {
      try {
        text = fs.readFileSync(d.file, 'utf8');
      } catch (e) {
        deps.log(`Check workspace: cannot read ${d.file}: ${(e as Error).message}`);
        continue;
      }
      check = await deps.checks.checkFile(uri, d.languageId, text, token);
    }
    if (check) out.push({ file: d.file, text, check });
  }
  return out;
}

async function checkWorkspace(deps: CommandDeps, token: CancellationToken): Promise<WorkspaceCheckSummary> {
  const summary: WorkspaceCheckSummary = { files: 0, supported: 0, contradicted: 0, unverified: 0, conflicts: 0 };
  for (const { check } of await checkDrafts(deps, token)) {
    summary.files++;
    // Counted as the Problems panel lists them, as the status bar counts.
    const s = statusOf(check, toDiagnostics(check));
    summary.supported += s.supported;
    summary.contradicted += s.contradicted ?? 0;
    summary.unverified += s.unverified ?? 0;
    summary.conflicts += s.conflicts ?? 0;
  }
  const conflicts = summary.conflicts ? `, ${summary.conflicts} conflict${summary.conflicts === 1 ? '' : 's'} between sources` : '';
  deps.connection.window.showInformationMessage(
    `Fact check: ${summary.files} draft${summary.files === 1 ? '' : 's'} checked — ${summary.supported} claims supported; ${summary.contradicted} contradicted, ${summary.unverified} unverified${conflicts} in Problems.`,
  );
  return summary;
}

/** The report page of every draft in the workspace (see report.ts), with the caller's style nonce. */
async function report(deps: CommandDeps, arg: unknown, token: CancellationToken): Promise<ReportResult> {
  const nonce = typeof (arg as Partial<ReportArgs> | undefined)?.nonce === 'string' ? (arg as ReportArgs).nonce : randomBytes(16).toString('base64');
  const roots = deps.workspace.list();
  const drafts = (await checkDrafts(deps, token)).map(({ file, text, check }) => {
    const root = roots.find((r) => isInside(file, r));
    return { path: root ? path.relative(root, file) : file, text, claims: check.result.claims };
  });
  const html = reportHtml(drafts, { generated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), nonce });
  return { html, drafts: drafts.length };
}

/** Depth-first walk; `visit` returns false to stop. Hidden folders and {@link SKIP_DIRS} are skipped. */
function walk(dir: string, depth: number, visit: (file: string) => boolean, exclude: string[]): boolean {
  if (depth > 12) return true;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return true;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name) || exclude.some((x) => isInside(full, x))) continue;
      if (!walk(full, depth + 1, visit, exclude)) return false;
    } else if (e.isFile()) {
      if (!visit(full)) return false;
    }
  }
  return true;
}

async function reloadCorpus(deps: CommandDeps, token: CancellationToken): Promise<{ documents: number; problems: number }> {
  deps.corpora.invalidate();
  const uris = deps.openUris();
  deps.checks.recheckAll(uris);
  // Check now rather than on the timers, so the corpora are loaded when counted below.
  for (const uri of uris) {
    if (token.isCancellationRequested) break;
    await deps.checks.current(uri, token);
  }
  const entries = deps.corpora.all();
  const documents = entries.reduce((n, e) => n + e.corpus.documents.length, 0);
  const problems = entries.reduce((n, e) => n + e.problems.length, 0);
  deps.connection.window.showInformationMessage(
    `Fact check: corpus reloaded — ${documents} source document${documents === 1 ? '' : 's'}${problems ? `, ${problems} problem${problems === 1 ? '' : 's'} (see the output log)` : ''}.`,
  );
  return { documents, problems };
}
