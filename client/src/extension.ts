/**
 * The VS Code side of Fact Check for Drafts: starts the language server
 * (dist/server.js over IPC), shows the active draft's counts in the status
 * bar, and adds the commands that need the editor (reveal the corpus, list the
 * sources at the cursor). Checking itself happens in the server.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type DocumentSelector, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  ClaimsRequest,
  type ClaimsParams,
  Commands,
  type DismissArgs,
  IndexingNotification,
  type ReportArgs,
  type ReportResult,
  SelectionNotification,
  type SelectionParams,
  type IndexingParams,
  type SourceRef,
  type SourcesParams,
  SourcesRequest,
  StatusNotification,
  type StatusParams,
  TrustNotification,
  type TrustParams,
} from '../../server/src/shared/protocol';
import { resolveFolders } from '../../server/src/shared/folders';
import { normaliseSettings } from '../../server/src/shared/settings';
import { ClaimsView } from './claimsView';
import { StatusBar } from './statusBar';

/** What `activate` returns; the end-to-end tests read the status bar and the claims view through it. */
export interface FactCheckApi {
  /** The status bar item's current text ('' when it is hidden). */
  statusBarText(): string;
  /** The claims view's rows for the active draft, loaded afresh. */
  claimsView(): Promise<{ depth: number; label: string; description: string }[]>;
  /** The HTML shown in the report webview, '' when it is closed. */
  reportHtml(): string;
}

let client: LanguageClient | undefined;

/** The languages to check, read (and defaulted) as the server reads them. */
function languagesSetting(): string[] {
  return normaliseSettings({ languages: vscode.workspace.getConfiguration('factCheck').get<unknown>('languages') }).languages;
}

/** The documents the server is given: the configured languages, saved or not. */
function selector(): DocumentSelector {
  const languages = languagesSetting();
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: StatusBar, claims: ClaimsView): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(),
    // The server caches corpus indexes in the extension's own storage folder, and
    // in an untrusted workspace reads no corpus folder the workspace points outside itself.
    initializationOptions: { cacheDir: context.globalStorageUri.fsPath, trusted: vscode.workspace.isTrusted },
    outputChannel: output,
    middleware: {
      workspace: {
        // The server sees merged settings; tell it which corpus folders the user set in their own
        // settings (only those may lie outside an untrusted workspace). Always overwritten here,
        // so a workspace cannot claim its folders are the user's.
        async configuration(params, token, next) {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value: unknown, i: number) => {
            const item = params.items[i];
            if (item?.section !== 'factCheck' || typeof value !== 'object' || value === null) return value;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const inspected = vscode.workspace.getConfiguration('factCheck', scope).inspect<unknown>('corpus.folders');
            const user = [inspected?.globalValue, inspected?.globalLanguageValue].flatMap((v) =>
              Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [],
            );
            return { ...(value as Record<string, unknown>), _scopes: { userFolders: user } };
          });
        },
      },
      // The server can only offer fixed reasons; here the writer can type one.
      async executeCommand(command, args, next) {
        if (command === Commands.dismiss && args[0] && !(args[0] as DismissArgs).reason) {
          const a = args[0] as DismissArgs;
          const reason = await vscode.window.showInputBox({
            title: `Dismiss ${a.found ? `"${a.found}"` : 'this finding'}`,
            prompt: 'Why is the draft right? (saved with the dismissal in .fact-check/dismissed.json)',
            placeHolder: 'e.g. the source is outdated; confirmed with the author',
            ignoreFocusOut: true,
          });
          if (reason === undefined) return undefined;
          return next(command, [{ ...a, reason: reason.trim() || 'No reason given' }]) as unknown;
        }
        return next(command, args) as unknown;
      },
    },
  };
  const c = new LanguageClient('factCheck', 'Fact Check for Drafts', serverOptions, clientOptions);
  c.onNotification(IndexingNotification, (p: IndexingParams) => status.indexing(p));
  c.onNotification(StatusNotification, (p: StatusParams) => {
    status.update(p);
    claims.refresh(p.uri);
    if (p.bundledOnly) void sayBundledOnce(context);
  });
  return c;
}

/** Whether the bundled-corpus notice was shown in this window already. */
let bundledSaid = false;
/** The key under which "Don't Show Again" is remembered. */
const BUNDLED_NOTICE_KEY = 'factCheck.bundledNotice.hidden';

/**
 * Says once per window (never again after "Don't Show Again") that drafts are
 * checked against the sample articles because no sources are configured, with
 * a button that picks a sources folder.
 */
async function sayBundledOnce(context: vscode.ExtensionContext): Promise<void> {
  if (bundledSaid || context.globalState.get<boolean>(BUNDLED_NOTICE_KEY)) return;
  bundledSaid = true;
  const choose = 'Choose Sources Folder…';
  const hide = "Don't Show Again";
  const pick = await vscode.window.showInformationMessage(
    'Fact check: no sources folder is configured, so drafts are checked against the five sample news articles that come with the extension.',
    choose,
    hide,
  );
  if (pick === choose) await vscode.commands.executeCommand(Commands.chooseSources);
  else if (pick === hide) await context.globalState.update(BUNDLED_NOTICE_KEY, true);
}

/**
 * Lets the writer pick folders of sources and saves them in
 * `factCheck.corpus.folders`: in the workspace's settings when a workspace is
 * open (relative to its folder when inside it), else in the user's settings.
 * Returns the folders written, or undefined when the picker was closed.
 */
async function chooseSources(): Promise<string[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: true,
    openLabel: 'Use as Sources',
    title: 'Folders of source documents to check drafts against',
  });
  if (!picked?.length) return undefined;
  const scope = vscode.window.activeTextEditor?.document.uri;
  const workspace = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  const folders = picked.map((uri) => {
    const inside = workspace && vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === workspace.uri.toString();
    return inside ? path.relative(workspace.uri.fsPath, uri.fsPath) || '.' : uri.fsPath;
  });
  const target = workspace ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('factCheck', workspace?.uri).update('corpus.folders', folders, target);
  void vscode.window.showInformationMessage(`Fact check: drafts are now checked against ${folders.join(', ')}.`);
  return folders;
}

/** The open report panel, if any (one at a time: opening the report again refreshes it). */
let reportPanel: vscode.WebviewPanel | undefined;

/**
 * Shows the report of the workspace's drafts in a webview. The page is the
 * server's, self-contained; the webview runs no scripts, loads no local or
 * remote resources, and the page's content security policy allows only its
 * own inline style, by a nonce made here.
 */
async function openReport(): Promise<vscode.WebviewPanel | undefined> {
  const nonce = randomBytes(16).toString('base64');
  const args: ReportArgs = { nonce };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Fact check: checking the workspace's drafts for the report…" },
    () => vscode.commands.executeCommand<ReportResult>(Commands.report, args),
  );
  if (!result) return undefined;
  if (!reportPanel) {
    reportPanel = vscode.window.createWebviewPanel('factCheck.report', 'Fact Check Report', vscode.ViewColumn.Beside, {
      enableScripts: false,
      enableCommandUris: false,
      localResourceRoots: [],
    });
    reportPanel.onDidDispose(() => (reportPanel = undefined));
  }
  reportPanel.webview.html = result.html;
  reportPanel.reveal(undefined, true);
  return reportPanel;
}

/** Opens the sample draft (a copy, so the extension's file is never edited) beside the bundled corpus it is about. */
async function openSampleDraft(context: vscode.ExtensionContext): Promise<void> {
  const content = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(context.asAbsolutePath(path.join('examples', 'draft.md'))))).toString('utf8');
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc);
}

/** Tells the running server when the user trusts the workspace (trust cannot be revoked without a reload). */
function watchTrust(): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    const params: TrustParams = { trusted: true };
    void client?.sendNotification(TrustNotification, params);
  });
}

/** Starts the extension; returns the API the end-to-end tests use. */
export async function activate(context: vscode.ExtensionContext): Promise<FactCheckApi> {
  const output = vscode.window.createOutputChannel('Fact Check for Drafts', { log: true });
  const status = new StatusBar();
  const claims = new ClaimsView(async (uri) => {
    const params: ClaimsParams = { textDocument: { uri } };
    return client?.sendRequest(ClaimsRequest, params);
  });
  claims.register();
  context.subscriptions.push(output, status, claims);

  client = createClient(context, output, status, claims);
  await client.start();

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts: a new language list needs a new client.
      if (!e.affectsConfiguration('factCheck.languages')) return;
      const old = client;
      client = createClient(context, output, status, claims);
      status.clear();
      await old?.stop();
      await client.start();
    }),
    watchTrust(),
    // Moving the cursor (not typing) tells the server, so the sentence left half-typed shows its findings.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.kind !== vscode.TextEditorSelectionChangeKind.Mouse && e.kind !== vscode.TextEditorSelectionChangeKind.Keyboard) return;
      const languages = languagesSetting();
      if (!client?.isRunning() || !languages.includes(e.textEditor.document.languageId)) return;
      const params: SelectionParams = { uri: e.textEditor.document.uri.toString(), offset: e.textEditor.document.offsetAt(e.selections[0].active) };
      void client.sendNotification(SelectionNotification, params);
    }),
    vscode.commands.registerCommand(Commands.openCorpusFolder, () => openCorpusFolder(context)),
    vscode.commands.registerCommand(Commands.showSources, () => showSources()),
    vscode.commands.registerCommand(Commands.chooseSources, () => chooseSources()),
    vscode.commands.registerCommand(Commands.openReport, () => openReport()),
    vscode.commands.registerCommand(Commands.openSampleDraft, () => openSampleDraft(context)),
    { dispose: () => void client?.stop() },
  );
  return {
    statusBarText: () => status.text(),
    claimsView: async () => {
      await claims.load(true);
      return claims.snapshot();
    },
    reportHtml: () => reportPanel?.webview.html ?? '',
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Reveals a corpus folder: in the Explorer when it is in the workspace, else in a new window. */
async function openCorpusFolder(context: vscode.ExtensionContext): Promise<void> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  // Read and resolved as the server reads them (one string is a one-folder list, `~` is the home folder).
  const { corpus } = normaliseSettings({ corpus: vscode.workspace.getConfiguration('factCheck', scope).get<unknown>('corpus') });
  const folders = resolveFolders(corpus.folders, folder?.uri.fsPath).map((f) => vscode.Uri.file(f));
  // The bundled corpus is the fallback when no folder is configured (as in the server).
  if (folders.length === 0 && corpus.includeBundled) folders.push(vscode.Uri.file(context.asAbsolutePath('corpus')));
  if (folders.length === 0) {
    const choice = await vscode.window.showInformationMessage('No sources folder is configured.', 'Choose Sources Folder…');
    if (choice) await chooseSources();
    return;
  }
  let target = folders[0];
  if (folders.length > 1) {
    const pick = await vscode.window.showQuickPick(
      folders.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { title: 'Open corpus folder' },
    );
    if (!pick) return;
    target = pick.uri;
  }
  if (vscode.workspace.getWorkspaceFolder(target)) await vscode.commands.executeCommand('revealInExplorer', target);
  else await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true });
}

/** Lists the sources of the claim under the cursor and opens the one picked. */
async function showSources(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return;
  const params: SourcesParams = {
    textDocument: { uri: editor.document.uri.toString() },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  };
  const result = await client.sendRequest(SourcesRequest, params);
  if (!result.claim) {
    void vscode.window.showInformationMessage('Fact check: no checked claim at the cursor.');
    return;
  }
  if (result.sources.length === 0) {
    void vscode.window.showInformationMessage(`Fact check: no source sentence is close to this claim (${result.claim.verdict}).`);
    return;
  }
  const items = result.sources.map((s: SourceRef): vscode.QuickPickItem & { source: SourceRef } => ({
    label: path.basename(s.path),
    description: [s.date, s.stance].filter(Boolean).join(' · '),
    detail: s.text,
    source: s,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: `Sources: ${result.claim.verdict}`,
    matchOnDetail: true,
  });
  if (!pick) return;
  const r = pick.source.range;
  await vscode.window.showTextDocument(vscode.Uri.parse(pick.source.uri), {
    selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
    preview: true,
  });
}
