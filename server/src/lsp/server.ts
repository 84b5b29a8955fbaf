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
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from './features/codeActions';
import { onExecuteCommand } from './features/commands';
import type { CorpusEntry, CorpusStore } from './state/corpusStore';
import { createFactCheckService } from './service';
import { bundledCorpusDir } from '../node/sources';
import { validDocumentEvents } from './documentEvents';
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
  TrustNotification,
  type TrustParams,
} from '../shared/protocol';
import { SettingsStore } from './state/settingsStore';
import { IndexingProgress } from './state/indexingProgress';
import { Notifier } from './notifier';
import { CorpusReloader } from './state/corpusReloader';
import { FileWatcher, type WatchMode } from './state/watcher';

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

/** Registers every handler on `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const bundledDir = options.bundledCorpusDir ?? bundledCorpusDir;
  // Diagnostics, status and messages; `checks` is made below and asked only later.
  const notifier = new Notifier(
    connection,
    (uri) => documents.get(uri),
    (uri) => checks.latest(uri),
  );
  const log = (message: string) => notifier.log(message);
  const warn = (message: string) => notifier.warn(message);
  const openUris = () => documents.all().map((d) => d.uri);

  let settings: SettingsStore | undefined;
  let watcher: FileWatcher | undefined;
  let configDynamic = false;
  let foldersChanges = false;
  // Editors without workspace trust (all but VS Code) are trusted: their settings are the user's own.
  let trusted = true;

  const service = createFactCheckService({
    settings() {
      if (!settings) throw new Error('settings used before initialize');
      return settings;
    },
    document: (uri) => documents.get(uri),
    onResult: (check) => notifier.publish(check),
    onCorpusLoaded(entry: CorpusEntry) {
      const where = [...entry.folders, ...(entry.includeBundled ? ['bundled corpus'] : [])].join(', ') || 'no folders';
      log(`Corpus loaded: ${entry.corpus.documents.length} documents, ${entry.corpus.stats.sentences} sentences (${where}).`);
      for (const p of entry.problems) log(`Corpus problem: ${p.path}: ${p.message}`);
      if (entry.problems.length > 0) {
        const first = entry.problems[0];
        const more = entry.problems.length > 1 ? ` (and ${entry.problems.length - 1} more, see the output log)` : '';
        warn(`${first.path}: ${first.message}${more}`);
      }
      watcher?.update(corpora.all().flatMap((e) => e.folders));
    },
    log,
    warn,
    policy: () => ({ trusted, roots: workspace.list() }),
    bundledDir,
  });
  const { workspace, corpora, checks } = service;
  if (options.testHooks) injectFaults(corpora);
  // With test hooks on, progress shows from the start, so tests need no large corpus to see it.
  const progress = new IndexingProgress(connection, options.testHooks ? 0 : undefined);
  corpora.onIndexing = (e) => progress.handle(e);
  // A corpus database (factCheck.corpus.database) that goes away or comes back is said once each time.
  corpora.onDatabaseStatus = ({ message, back }) => {
    log(message);
    notifier.show(message);
    // What was "Not checked" while it was away is checked now, not at the next edit.
    if (back) checks.recheckAll(openUris());
  };

  const reloader = new CorpusReloader({ corpora, recheck: () => checks.recheckAll(openUris()), log });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const init = params.initializationOptions as { factCheck?: unknown; cacheDir?: unknown; trusted?: unknown } | undefined;
    // Only an explicit `false` restricts: clients that know nothing of trust are trusted.
    trusted = init?.trusted !== false;
    // VS Code passes the extension's storage folder, where corpus indexes are cached between sessions.
    if (typeof init?.cacheDir === 'string' && init.cacheDir) corpora.cacheDir = path.join(init.cacheDir, 'index');
    const ask = caps.workspace?.configuration
      ? (scopeUri: string): Promise<unknown> => connection.workspace.getConfiguration({ scopeUri, section: 'factCheck' })
      : undefined;
    settings = new SettingsStore(ask, init?.factCheck ?? init, warn);
    configDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    foldersChanges = !!caps.workspace?.workspaceFolders;
    if (params.workspaceFolders?.length) workspace.setFolders(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) workspace.setFolders([params.rootUri]);

    const watched = caps.workspace?.didChangeWatchedFiles;
    const mode: WatchMode = options.watch && options.watch !== 'auto' ? options.watch : watched?.dynamicRegistration ? 'client' : 'fs';
    watcher = new FileWatcher(connection, mode, !!watched?.relativePatternSupport, (file) => reloader.fileChanged(file), log);

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
    notifier.forget(uri);
    settings?.forget(uri);
    if (checks.isDiskFile(uri)) {
      // Checked by "check workspace": keep showing the saved file's findings.
      checks.recheckFromDisk(uri);
      return;
    }
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover((params, token) => service.hover(params, token));
  connection.onDefinition((params, token) => service.definition(params, token));
  connection.onCodeAction((params, token) => service.codeActions(params, token));
  connection.onExecuteCommand((params, token) =>
    onExecuteCommand({ connection, checks, corpora, settings: settings!, workspace, bundledDir, openUris, log }, params, token),
  );
  connection.onRequest(SourcesRequest, (params: SourcesParams, token: CancellationToken) => service.sources(params, token));
  connection.onRequest(ClaimsRequest, (params: ClaimsParams, token: CancellationToken) => service.claims(params, token));
  // Moving the cursor out of the sentence being typed shows its held findings at once.
  connection.onNotification(SelectionNotification, (params: SelectionParams) => {
    if (typeof params?.uri !== 'string' || typeof params.offset !== 'number') return;
    notifier.moved(params.uri, params.offset);
  });

  connection.onShutdown(() => {
    reloader.dispose();
    notifier.dispose();
    watcher?.dispose();
  });

  documents.listen(
    validDocumentEvents(connection, log, (params) => {
      const uri = params.textDocument.uri;
      const doc = documents.get(uri);
      const last = params.contentChanges[params.contentChanges.length - 1];
      // Where the last change starts is the same in the text before and after it, so its start plus what it inserted is the cursor.
      if (doc && last && 'range' in last) notifier.typing.edited(uri, doc.offsetAt(last.range.start) + last.text.length);
      else notifier.typing.forget(uri);
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
