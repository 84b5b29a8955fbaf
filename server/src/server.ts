/**
 * The language server, wired onto a connection it is given (stdio, IPC or an
 * in-memory pair in tests). Handlers live one per feature in their own files;
 * this file only connects events to them and owns the long-lived state.
 */
import * as path from 'node:path';
import {
  type CancellationToken,
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChecks, DismissalStore, type DocCheck } from './checks';
import { onClaims } from './claimsView';
import { FIX_ALL_KIND, onCodeAction } from './codeActions';
import { onExecuteCommand } from './commands';
import { CorpusStore, type CorpusEntry } from './corpora';
import { bundledCorpusDir } from './core/corpus/load';
import { DISMISSALS_DIR, DISMISSALS_FILE } from './core/dismissals';
import { onDefinition } from './definition';
import { validDocumentEvents } from './documentEvents';
import { toDiagnostics } from './diagnostics';
import { onHover } from './hover';
import {
  ClaimsRequest,
  type ClaimsParams,
  Commands,
  DebugMemoryRequest,
  type DebugMemoryResult,
  SelectionNotification,
  type SelectionParams,
  type SourcesParams,
  SourcesRequest,
  StatusNotification,
  TrustNotification,
  type TrustParams,
} from './protocol';
import { SettingsStore } from './settings';
import { onSources } from './sources';
import { statusOf } from './status';
import { IndexingProgress } from './progress';
import { TypingTracker } from './typing';
import { FileWatcher, type WatchMode } from './watcher';
import { Workspace } from './workspace';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /**
   * How corpus changes are noticed: `auto` (default) asks the client to watch
   * when it supports dynamic registration, else uses `fs.watch`.
   */
  watch?: 'auto' | WatchMode;
  /** The shipped corpus folder; defaults to the engine's `bundledCorpusDir()`. */
  bundledCorpusDir?: () => string;
  /**
   * Test hooks (`FACT_CHECK_TEST_HOOKS=1`, never on in normal use): the
   * `factCheck/debugMemory` request, and injected faults: the engine throws on
   * any claim containing {@link FAULT_CLAIM} and on any draft containing
   * {@link FAULT_DRAFT}, so tests can show that one failure costs nothing else.
   */
  testHooks?: boolean;
}

/** With test hooks on, a claim containing this makes the engine throw (see {@link ServerOptions.testHooks}). */
export const FAULT_CLAIM = 'FACT-CHECK-TEST-FAULT-CLAIM';
/** With test hooks on, a draft containing this makes the whole check throw. */
export const FAULT_DRAFT = 'FACT-CHECK-TEST-FAULT-DRAFT';

/** Delay that merges a burst of file events (a save writes several) into one reload. */
const CORPUS_RELOAD_DELAY_MS = 300;

/** Registers every handler on `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  const bundledDir = options.bundledCorpusDir ?? bundledCorpusDir;
  const log = (message: string) => connection.console.log(message);
  // Each distinct warning is shown once per session; the log keeps them all.
  const shown = new Set<string>();
  const warn = (message: string) => {
    log(message);
    if (shown.has(message)) return;
    shown.add(message);
    // A notification, not showWarningMessage (a request): nothing waits for the user to close it.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Fact check: ${message}` });
  };
  const openUris = () => documents.all().map((d) => d.uri);

  let settings: SettingsStore | undefined;
  let watcher: FileWatcher | undefined;
  let configDynamic = false;
  let foldersChanges = false;
  // Editors without workspace trust (all but VS Code) are trusted: their settings are the user's own.
  let trusted = true;

  const corpora = new CorpusStore((entry: CorpusEntry) => {
    const where = [...entry.folders, ...(entry.includeBundled ? ['bundled corpus'] : [])].join(', ') || 'no folders';
    log(`Corpus loaded: ${entry.corpus.documents.length} documents, ${entry.corpus.sentences.length} sentences (${where}).`);
    for (const p of entry.problems) log(`Corpus problem: ${p.path}: ${p.message}`);
    if (entry.problems.length > 0) {
      const first = entry.problems[0];
      const more = entry.problems.length > 1 ? ` (and ${entry.problems.length - 1} more, see the output log)` : '';
      warn(`${first.path}: ${first.message}${more}`);
    }
    watcher?.update(corpora.all().flatMap((e) => e.folders));
  }, bundledDir);
  if (options.testHooks) injectFaults(corpora);
  // With test hooks on, progress shows from the start, so tests need no large corpus to see it.
  const progress = new IndexingProgress(connection, options.testHooks ? 0 : undefined);
  corpora.onIndexing = (e) => progress.handle(e);
  // A corpus database (factCheck.corpus.database) that goes away or comes back is said once each time.
  corpora.onDatabaseStatus = ({ message, back }) => {
    log(message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Fact check: ${message}` });
    // What was "Not checked" while it was away is checked now, not at the next edit.
    if (back) checks.recheckAll(openUris());
  };

  const dismissals = new DismissalStore(warn);
  const reported = new Set<string>();
  const typing = new TypingTracker();
  // Per draft: the timer that shows findings held back while their sentence was typed.
  const releases = new Map<string, NodeJS.Timeout>();
  const publish = (check: DocCheck) => {
    clearTimeout(releases.get(check.uri));
    releases.delete(check.uri);
    const doc = documents.get(check.uri);
    const hold = doc && doc.version === check.version ? typing.hold(check, doc.getText(), check.settings.typingPause) : undefined;
    if (hold) {
      releases.set(
        check.uri,
        setTimeout(() => {
          releases.delete(check.uri);
          // Shown only if no newer check or edit replaced this one meanwhile.
          if (checks.latest(check.uri) === check && documents.get(check.uri)?.version === check.version) publish(check);
        }, hold.releaseInMs + 5),
      );
    }
    const diagnostics = toDiagnostics(check, hold?.held);
    void connection.sendDiagnostics({ uri: check.uri, version: check.version, diagnostics });
    void connection.sendNotification(StatusNotification, statusOf(check, diagnostics));
    // Said once while a draft stays too large or keeps failing (every keystroke would
    // otherwise bring a new message); said again after it was checked in between.
    const key = `${check.uri}\n${check.state}`;
    if (check.message && (check.state === 'skipped' || check.state === 'error')) {
      if (!reported.has(key)) {
        reported.add(key);
        const message = `${path.basename(check.uri)}: ${check.message}`;
        shown.delete(message);
        warn(message);
      } else log(`${path.basename(check.uri)}: ${check.message}`);
    } else {
      reported.delete(`${check.uri}\nskipped`);
      reported.delete(`${check.uri}\nerror`);
    }
  };

  const checks = new DocumentChecks({
    get settings() {
      if (!settings) throw new Error('settings used before initialize');
      return settings;
    },
    corpora,
    dismissals,
    workspace,
    document: (uri) => documents.get(uri),
    onResult: publish,
    log,
    policy: () => ({ trusted, roots: workspace.list() }),
  });

  // Corpus file events arrive in bursts; collect them and reload once.
  let pendingChanges: string[] = [];
  let reloadTimer: NodeJS.Timeout | undefined;
  const onFileChanged = (file: string) => {
    const name = path.basename(file);
    if (name === DISMISSALS_FILE && path.basename(path.dirname(file)) === DISMISSALS_DIR) {
      checks.recheckAll(openUris());
      return;
    }
    // Editors' swap and backup files are not sources.
    if (name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp)$/i.test(name)) return;
    pendingChanges.push(file);
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      const files = pendingChanges;
      pendingChanges = [];
      let dropped = false;
      for (const f of files) dropped = corpora.invalidate(f) || dropped;
      if (dropped) {
        log(`Corpus changed (${files.length} file event${files.length === 1 ? '' : 's'}); re-checking open drafts.`);
        checks.recheckAll(openUris());
      }
    }, CORPUS_RELOAD_DELAY_MS);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = params.initializationOptions as { factCheck?: unknown; cacheDir?: unknown; trusted?: unknown } | undefined;
    // Only an explicit `false` restricts: clients that know nothing of trust are trusted.
    trusted = init?.trusted !== false;
    // VS Code passes the extension's storage folder, where corpus indexes are cached between sessions.
    if (typeof init?.cacheDir === 'string' && init.cacheDir) corpora.cacheDir = path.join(init.cacheDir, 'index');
    settings = new SettingsStore(connection, !!caps.workspace?.configuration, init?.factCheck ?? init, warn);
    configDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    foldersChanges = !!caps.workspace?.workspaceFolders;
    if (params.workspaceFolders?.length) workspace.setFolders(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) workspace.setFolders([params.rootUri]);

    const watched = caps.workspace?.didChangeWatchedFiles;
    const mode: WatchMode = options.watch && options.watch !== 'auto' ? options.watch : watched?.dynamicRegistration ? 'client' : 'fs';
    watcher = new FileWatcher(connection, mode, !!watched?.relativePatternSupport, onFileChanged, log);

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [Commands.dismiss, Commands.checkWorkspace, Commands.reloadCorpus, Commands.report] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'fact-check-ls' },
    };
  });

  connection.onInitialized(() => {
    // Without this registration VS Code does not send configuration changes to a pull-model server.
    if (configDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'factCheck' });
    if (foldersChanges) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        workspace.addFolders(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        );
        settings?.invalidate();
        checks.recheckAll(openUris());
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { factCheck?: unknown } | null | undefined)?.factCheck;
    settings?.invalidate(pushed);
    checks.recheckAll(openUris());
  });

  // VS Code's client says when the user grants the workspace trust (it cannot be revoked without a reload).
  connection.onNotification(TrustNotification, (params: TrustParams) => {
    if (typeof params?.trusted !== 'boolean' || params.trusted === trusted) return;
    trusted = params.trusted;
    log(`Workspace trust: ${trusted ? 'trusted' : 'not trusted'}; re-reading settings and corpus folders.`);
    settings?.invalidate();
    checks.recheckAll(openUris());
  });

  if (options.testHooks) {
    connection.onRequest(DebugMemoryRequest, (): DebugMemoryResult => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const m = process.memoryUsage();
      return { heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss, external: m.external, gc: !!gc };
    });
  }

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) watcher?.clientChanged(change.uri);
  });

  documents.onDidChangeContent((e) => {
    // The first version is checked at once; later ones wait for a pause in typing.
    checks.schedule(e.document.uri, checks.latest(e.document.uri) ? undefined : 0);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    checks.forget(uri);
    typing.forget(uri);
    clearTimeout(releases.get(uri));
    releases.delete(uri);
    settings?.forget(uri);
    if (checks.isDiskFile(uri)) {
      // Checked by "check workspace": keep showing the saved file's findings.
      checks.recheckFromDisk(uri);
      return;
    }
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover((params, token) => onHover(checks, params, token));
  connection.onDefinition((params, token) => onDefinition(checks, params, token));
  connection.onCodeAction((params, token) => onCodeAction(checks, documents.get(params.textDocument.uri), params, token));
  connection.onExecuteCommand((params, token) =>
    onExecuteCommand({ connection, checks, corpora, settings: settings!, workspace, bundledDir, openUris, log }, params, token),
  );
  connection.onRequest(SourcesRequest, (params: SourcesParams, token: CancellationToken) => onSources(checks, params, token));
  connection.onRequest(ClaimsRequest, (params: ClaimsParams, token: CancellationToken) => onClaims(checks, params, token));
  // Moving the cursor out of the sentence being typed shows its held findings at once.
  connection.onNotification(SelectionNotification, (params: SelectionParams) => {
    if (typeof params?.uri !== 'string' || typeof params.offset !== 'number') return;
    const check = checks.latest(params.uri);
    const doc = documents.get(params.uri);
    if (!check || !doc || doc.version !== check.version) return;
    if (typing.moved(check, doc.getText(), params.offset, check.settings.typingPause)) publish(check);
  });

  connection.onShutdown(() => {
    clearTimeout(reloadTimer);
    for (const t of releases.values()) clearTimeout(t);
    watcher?.dispose();
  });

  documents.listen(
    validDocumentEvents(connection, log, (params) => {
      const uri = params.textDocument.uri;
      const doc = documents.get(uri);
      const last = params.contentChanges[params.contentChanges.length - 1];
      // Where the last change starts is the same in the text before and after it, so its start plus what it inserted is the cursor.
      if (doc && last && 'range' in last) typing.edited(uri, doc.offsetAt(last.range.start) + last.text.length);
      else typing.forget(uri);
    }),
  );
  connection.listen();
}

/**
 * Test hook: makes every checker the store creates throw on marked claims and
 * drafts. The engine (core/) is not touched: the checker's own methods are
 * wrapped, per instance.
 */
function injectFaults(corpora: CorpusStore): void {
  const original = corpora.load.bind(corpora);
  const wrapped = new WeakSet<object>();
  corpora.load = async (...args: Parameters<CorpusStore['load']>) => {
    const entry = await original(...args);
    const checker = entry.checker;
    if (!wrapped.has(checker)) {
      wrapped.add(checker);
      const checkClaim = checker.checkClaim.bind(checker);
      checker.checkClaim = (a, minScore) => {
        if (a.text.includes(FAULT_CLAIM)) throw new Error('injected fault on this claim');
        return checkClaim(a, minScore);
      };
      const check = checker.check.bind(checker);
      checker.check = (text, opts, token) => {
        if (text.includes(FAULT_DRAFT)) throw new Error('injected fault on this draft');
        return check(text, opts, token);
      };
      const checkAsync = checker.checkAsync.bind(checker);
      checker.checkAsync = (text, opts, token) => {
        if (text.includes(FAULT_DRAFT)) return Promise.reject(new Error('injected fault on this draft'));
        return checkAsync(text, opts, token);
      };
    }
    return entry;
  };
}
