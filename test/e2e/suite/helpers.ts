// Event-driven waiting and small accessors for the editor tests. Nothing here
// sleeps for a fixed time: every wait re-checks its condition when a relevant
// event fires (with a slow re-check as a fallback for state that has no event,
// such as the status bar text) and fails with a description at its deadline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'fact-check-for-drafts.fact-check-for-drafts';
export const SOURCE = 'fact-check';

/** Deadlines scale with E2E_TIMEOUT_SCALE for slow machines. */
export function ms(n: number): number {
  return n * Number(process.env.E2E_TIMEOUT_SCALE ?? 1);
}

export function factCheckDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(no fact-check diagnostics)';
  return ds
    .map(
      (d) =>
        `  [${vscode.DiagnosticSeverity[d.severity]}] ${codeOf(d)} ` +
        `${d.range.start.line + 1}:${d.range.start.character + 1}-` +
        `${d.range.end.line + 1}:${d.range.end.character + 1} ${JSON.stringify(d.message)}`,
    )
    .join('\n');
}

/**
 * Resolves with `check()`'s value once it is not undefined. `check` runs now,
 * whenever one of `events` fires, and every `pollMs` as a fallback.
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined,
  opts: { timeoutMs?: number; events?: vscode.Event<unknown>[]; pollMs?: number; explain?: () => string } = {},
): Promise<T> {
  const timeoutMs = ms(opts.timeoutMs ?? 30_000);
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    let done = false;
    const finish = (err: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      subs.forEach((s) => s.dispose());
      if (err) reject(err);
      else resolve(value as T);
    };
    const attempt = () => {
      if (done) return;
      try {
        const v = check();
        if (v !== undefined) finish(undefined, v);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      }
    };
    const timer = setTimeout(() => {
      const extra = opts.explain ? `\n${opts.explain()}` : '';
      finish(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${extra}`));
    }, timeoutMs);
    const poll = setInterval(attempt, opts.pollMs ?? 500);
    for (const ev of opts.events ?? []) subs.push(ev(() => attempt()));
    attempt();
  });
}

/** Waits until the fact-check diagnostics of `uri` satisfy `predicate`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const ds = factCheckDiagnostics(uri);
      return predicate(ds) ? ds : undefined;
    },
    {
      timeoutMs,
      events: [vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>],
      explain: () => `current diagnostics of ${path.basename(uri.fsPath)}:\n${describeDiagnostics(factCheckDiagnostics(uri))}`,
    },
  );
}

/** Range of `word` inside the (first) line of `doc` that contains `lineSnippet`. */
export function rangeOf(doc: vscode.TextDocument, lineSnippet: string, word: string): vscode.Range {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (!text.includes(lineSnippet)) continue;
    const at = text.indexOf(word);
    if (at < 0) throw new Error(`"${word}" is not on the line containing "${lineSnippet}"`);
    return new vscode.Range(i, at, i, at + word.length);
  }
  throw new Error(`no line contains "${lineSnippet}"`);
}

export function lineOf(doc: vscode.TextDocument, lineSnippet: string): number {
  return rangeOf(doc, lineSnippet, lineSnippet).start.line;
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  const parts: string[] = [];
  for (const h of hovers) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if (c && typeof (c as { value?: unknown }).value === 'string') parts.push((c as { value: string }).value);
    }
  }
  return parts.join('\n---\n');
}

/** Resolves when `file` exists (watching its folder), or rejects at the deadline. */
export function waitForFile(file: string, timeoutMs: number): Promise<void> {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  return new Promise((resolve, reject) => {
    let watcher: fs.FSWatcher | undefined;
    const finish = (err?: Error) => {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      if (fs.existsSync(file)) finish();
    };
    const timer = setTimeout(() => finish(new Error(`Timed out waiting for ${file}`)), timeoutMs);
    const poll = setInterval(check, 500);
    try {
      watcher = fs.watch(dir, check);
    } catch {
      // polling alone is enough
    }
    check();
  });
}

let requests = 0;

/**
 * Asks the code-server runner (tools/e2e/codeServer.mjs), which drives the browser, for
 * a screenshot or a page render, and waits for its answer. Undefined when the
 * suite runs without that runner (npm run test:vscode), which has no browser.
 */
export async function askRunner<T extends { ok: boolean; error?: string }>(request: object, timeoutMs = 60_000): Promise<T | undefined> {
  const controlDir = process.env.E2E_CONTROL_DIR;
  if (!controlDir || !process.env.E2E_RUNNER_PAGES) return undefined;
  const n = requests++;
  const response = path.join(controlDir, `response-${n}.json`);
  fs.writeFileSync(path.join(controlDir, `request-${n}.tmp`), JSON.stringify(request));
  // Written whole, then renamed, so the runner never reads half a request.
  fs.renameSync(path.join(controlDir, `request-${n}.tmp`), path.join(controlDir, `request-${n}.json`));
  await waitForFile(response, ms(timeoutMs));
  const answer = JSON.parse(fs.readFileSync(response, 'utf8')) as T;
  if (!answer.ok) throw new Error(`the runner could not do ${JSON.stringify(request)}: ${answer.error}`);
  return answer;
}
