/**
 * The status bar item: the active draft's counts (supported · contradicted ·
 * unverified) from the server's `factCheck/status`; clicking opens Problems.
 */
import * as vscode from 'vscode';
import type { IndexingParams, StatusParams } from '../../server/src/shared/protocol';

/** Formats a draft's status for the status bar. */
export function statusText(s: StatusParams): string {
  switch (s.state) {
    case 'off':
      // A source file opened in the editor says why it is not checked; a language that is not checked says nothing.
      return s.message ? '$(book) Fact check: source, not checked' : '';
    case 'skipped':
      return '$(circle-slash) Fact check: too large';
    case 'error':
      return '$(error) Fact check failed';
    default:
      return `$(checklist) Fact check: ${counts(s).join(' · ')}`;
  }
}

/**
 * The counts as the Problems panel lists them (the server counts its published
 * diagnostics); a kind whose severity is off has no count and is left out.
 */
export function counts(s: StatusParams): string[] {
  const out = [`${s.supported} supported`];
  if (s.contradicted !== undefined) out.push(`${s.contradicted} contradicted`);
  if (s.unverified !== undefined) out.push(`${s.unverified} unverified`);
  if (s.conflicts) out.push(`${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'}`);
  return out;
}

/** Keeps the status bar item in step with the active editor and the server's reports. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('factCheck.status', vscode.StatusBarAlignment.Left, 50);
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private progress: IndexingParams | undefined;

  constructor() {
    this.item.name = 'Fact Check';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
    this.render();
  }

  /** Shows "indexing n%" while the server indexes sources (the counts shown before are out of date until it ends). */
  indexing(p: IndexingParams): void {
    this.progress = p.indexing ? p : undefined;
    this.render();
  }

  /** Records a status from the server. */
  update(s: StatusParams): void {
    this.byUri.set(s.uri, s);
    this.render();
  }

  /** Forgets every status (the server restarted). */
  clear(): void {
    this.byUri.clear();
    this.progress = undefined;
    this.render();
  }

  /** The text shown, '' when hidden. */
  text(): string {
    return this.item.text;
  }

  private render(): void {
    if (this.progress) {
      const p = this.progress;
      this.item.text = `$(sync~spin) Fact check: indexing ${p.percentage}%`;
      this.item.tooltip = `Indexing sources: ${p.done} of ${p.total} files. The findings shown are from before and are brought up to date when indexing ends.`;
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? this.byUri.get(uri) : undefined;
    const text = s ? statusText(s) : '';
    this.item.text = text;
    if (!s || !text) {
      this.item.hide();
      return;
    }
    const tip = new vscode.MarkdownString(
      s.state === 'checked'
        ? `**Fact check** of this draft: ${s.supported} claim${s.supported === 1 ? '' : 's'} supported by the sources; in the Problems panel ${counts(s).slice(1).join(', ') || 'nothing'}${s.dismissed ? `; ${s.dismissed} finding(s) dismissed` : ''}.\n\nClick to open the Problems panel.`
        : (s.message ?? ''),
    );
    this.item.tooltip = tip;
    this.item.backgroundColor = s.state === 'checked' && (s.contradicted ?? 0) > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
