/**
 * The claims view (Explorer → Fact Check): the active draft's claims grouped
 * by verdict, each with its best evidence as a child, and the folders of
 * sources with their document counts. Selecting a claim reveals it in the
 * draft; selecting evidence opens the source with the sentence selected.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimItem, ClaimsResult, SourceFolderItem, SourceRef } from '../../server/src/shared/protocol';

type Verdict = ClaimItem['verdict'];

/** A row of the view. */
export type ClaimsNode =
  | { kind: 'group'; verdict: Verdict; claims: ClaimItem[]; uri: string }
  | { kind: 'claim'; claim: ClaimItem; uri: string }
  | { kind: 'evidence'; source: SourceRef }
  | { kind: 'sources'; folders: SourceFolderItem[] }
  | { kind: 'folder'; folder: SourceFolderItem }
  | { kind: 'note'; text: string };

const GROUPS: { verdict: Verdict; label: string; icon: string; color?: string }[] = [
  { verdict: 'contradicted', label: 'Contradicted', icon: 'warning', color: 'list.warningForeground' },
  { verdict: 'unverified', label: 'Unverified', icon: 'question' },
  { verdict: 'supported', label: 'Supported', icon: 'pass', color: 'testing.iconPassed' },
];

/** Text cut to `n` characters on one line. */
function short(text: string, n: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function selection(r: SourceRef['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Feeds VS Code's TreeView from the server's `factCheck/claims`. */
export class ClaimsView implements vscode.TreeDataProvider<ClaimsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ClaimsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: ClaimsResult | undefined;
  private timer: NodeJS.Timeout | undefined;
  private view: vscode.TreeView<ClaimsNode> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** @param fetch asks the server for a draft's claims (undefined when no server is running). */
  constructor(private readonly fetch: (uri: string) => Promise<ClaimsResult | undefined>) {}

  /** Creates the tree view and keeps it in step with the active editor. */
  register(): vscode.TreeView<ClaimsNode> {
    this.view = vscode.window.createTreeView('factCheck.claims', { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.view.onDidChangeVisibility(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    return this.view;
  }

  /**
   * Asks again for the active draft's claims, after a short pause so a burst of
   * checks (typing) costs one request; nothing is asked while the view is hidden.
   */
  refresh(uri?: string): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (uri && uri !== active) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), 150);
  }

  /** Loads the active draft's claims now (while the view is hidden only when `force`d). */
  async load(force = false): Promise<void> {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (this.view && !this.view.visible && !force) return;
    this.result = active ? await this.fetch(active).catch(() => undefined) : undefined;
    if (this.view) {
      const n = this.result?.claims.length ?? 0;
      this.view.description = this.result && this.result.state === 'checked' ? `${n} claim${n === 1 ? '' : 's'}` : undefined;
      this.view.message = !active
        ? 'Open a draft to see its claims.'
        : this.result && this.result.state !== 'checked'
          ? (this.result.message ?? 'This file is not checked.')
          : undefined;
    }
    this.changed.fire(undefined);
  }

  getChildren(node?: ClaimsNode): ClaimsNode[] {
    const r = this.result;
    if (!node) {
      if (!r || r.state !== 'checked') return [];
      return [
        ...GROUPS.map((g) => ({ kind: 'group' as const, verdict: g.verdict, claims: r.claims.filter((c) => c.verdict === g.verdict), uri: r.uri })),
        { kind: 'sources' as const, folders: r.sources },
      ];
    }
    switch (node.kind) {
      case 'group':
        return node.claims.length ? node.claims.map((claim) => ({ kind: 'claim' as const, claim, uri: node.uri })) : [{ kind: 'note', text: 'None' }];
      case 'claim':
        return node.claim.evidence
          ? [{ kind: 'evidence', source: node.claim.evidence }]
          : [{ kind: 'note', text: 'No source sentence is close to this claim.' }];
      case 'sources':
        return node.folders.map((folder) => ({ kind: 'folder' as const, folder }));
      default:
        return [];
    }
  }

  getTreeItem(node: ClaimsNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'group': {
        const g = GROUPS.find((x) => x.verdict === node.verdict)!;
        const item = new vscode.TreeItem(`${g.label} (${node.claims.length})`, node.verdict === 'supported' ? Collapsed : Expanded);
        item.iconPath = new vscode.ThemeIcon(g.icon, g.color ? new vscode.ThemeColor(g.color) : undefined);
        item.contextValue = `group.${node.verdict}`;
        return item;
      }
      case 'claim': {
        const c = node.claim;
        const item = new vscode.TreeItem(short(c.text, 80), Collapsed);
        item.description = `line ${c.range.start.line + 1}${c.dismissed ? ' · dismissed' : ''}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${c.text}\n\n${c.summary}`);
        item.command = { title: 'Reveal claim', command: 'vscode.open', arguments: [vscode.Uri.parse(node.uri), { selection: selection(c.range) }] };
        item.contextValue = `claim.${c.verdict}`;
        return item;
      }
      case 'evidence': {
        const e = node.source;
        const item = new vscode.TreeItem(short(e.text, 100), vscode.TreeItemCollapsibleState.None);
        item.description = [path.basename(e.path), e.date, e.sentence !== undefined ? `sentence ${e.sentence}` : undefined, e.stance]
          .filter(Boolean)
          .join(' · ');
        item.tooltip = new vscode.MarkdownString().appendText(e.text);
        item.iconPath = new vscode.ThemeIcon('quote');
        item.command = { title: 'Open source', command: 'vscode.open', arguments: [vscode.Uri.parse(e.uri), { selection: selection(e.range), preview: true }] };
        return item;
      }
      case 'sources': {
        const docs = node.folders.reduce((n, f) => n + f.documents, 0);
        const item = new vscode.TreeItem(`Sources (${docs} document${docs === 1 ? '' : 's'})`, Collapsed);
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.folder, vscode.TreeItemCollapsibleState.None);
        item.description = `${node.folder.documents} document${node.folder.documents === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        return item;
      }
      case 'note':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  /** The whole tree as text rows (label, description, depth), for the editor tests. */
  snapshot(): { depth: number; label: string; description: string }[] {
    const rows: { depth: number; label: string; description: string }[] = [];
    const walk = (nodes: ClaimsNode[], depth: number): void => {
      for (const n of nodes) {
        const item = this.getTreeItem(n);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        rows.push({ depth, label, description: typeof item.description === 'string' ? item.description : '' });
        walk(this.getChildren(n), depth + 1);
      }
    };
    walk(this.getChildren(), 0);
    return rows;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
