/**
 * A minimal LSP client for tests: spawns the built server (`node dist/server.js
 * --stdio`), answers its requests (configuration, registration, messages) the
 * way an editor would, records what it publishes and lets a test wait for an
 * event with a deadline instead of sleeping.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  CancellationToken,
  ClientCapabilities,
  Diagnostic,
  PublishDiagnosticsParams,
  Registration,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import type { IndexingParams, StatusParams } from '../../server/src/shared/protocol';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

/** Options of {@link TestClient.start}. */
export interface StartOptions {
  /** The `factCheck` settings the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** Workspace folder (absolute path). */
  workspaceFolder?: string;
  /** Never answer `workspace/configuration` (a broken client). */
  neverAnswerConfiguration?: boolean;
  /** Advertise dynamic registration of watched files (else the server uses fs.watch). */
  clientWatchesFiles?: boolean;
  /** Answer to `window/showMessageRequest` (the title of the action to pick). */
  pickAction?: (message: string, actions: string[]) => string | undefined;
  /** Extra environment variables of the server process. */
  env?: Record<string, string>;
  /** Node options of the server process (e.g. `--expose-gc`). */
  execArgv?: string[];
  /** `initializationOptions` of the initialize request. */
  initializationOptions?: Record<string, unknown>;
}

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

/** A running server and the editor side of the conversation. */
export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly status = new Map<string, StatusParams>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  /** Work-done progress tokens the server created, and every `$/progress` it sent. */
  readonly progressTokens: (string | number)[] = [];
  readonly progress: { token: string | number; value: { kind: string; percentage?: number; title?: string; message?: string } }[] = [];
  /** Every `factCheck/indexing` notification. */
  readonly indexing: IndexingParams[] = [];
  settings: Record<string, unknown>;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';

  private constructor(
    readonly connection: MessageConnection,
    readonly proc: ChildProcess,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  /** Spawns the server and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(connection, proc, options);
    proc.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    client.wire();
    connection.listen();
    const folder = options.workspaceFolder;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: !!options.clientWatchesFiles, relativePatternSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
      },
      window: { showMessage: { messageActionItem: { additionalPropertiesSupport: false } }, workDoneProgress: true },
    };
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder ? pathToUri(folder) : null,
      workspaceFolders: folder ? [{ uri: pathToUri(folder), name: path.basename(folder) }] : null,
      capabilities,
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    void connection.sendNotification('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.poke();
    });
    c.onNotification('factCheck/status', (p: StatusParams) => {
      this.status.set(p.uri, p);
      this.poke();
    });
    c.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.poke();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    c.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
      this.messages.push({ type: 3, message: p.message });
      const titles = (p.actions ?? []).map((a) => a.title);
      const pick = this.options.pickAction?.(p.message, titles);
      this.poke();
      return pick ? { title: pick } : null;
    });
    c.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) =>
      this.options.neverAnswerConfiguration ? new Promise(() => undefined) : p.items.map((i) => (i.section === 'factCheck' ? this.settings : null)),
    );
    c.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      this.poke();
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/applyEdit', () => ({ applied: false }));
    c.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    c.onNotification('$/progress', (p: { token: string | number; value: { kind: string; percentage?: number; title?: string; message?: string } }) => {
      this.progress.push(p);
      this.poke();
    });
    c.onNotification('factCheck/indexing', (p: IndexingParams) => {
      this.indexing.push(p);
      this.poke();
    });
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `test` holds (checked now and on every message), rejects after `ms`. */
  waitFor(what: string | (() => string), test: () => boolean, ms = 20000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { test, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        const name = typeof what === 'string' ? what : what();
        reject(new Error(`Timed out after ${ms} ms waiting for ${name}. Server stderr: ${this.stderr.slice(-2000)}`));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /**
   * Waits for diagnostics of `uri` that satisfy `test`, published after this
   * call for the given document version (or any, if none is given).
   */
  async waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean, version?: number, ms?: number): Promise<Diagnostic[]> {
    const describe = () => {
      const p = this.diagnostics.get(uri);
      return `diagnostics of ${uri}${version === undefined ? '' : ` (version ${version})`}; last published: ${
        p ? `version ${p.version}, codes ${JSON.stringify(p.diagnostics.map((d) => d.code))}` : 'none'
      }`;
    };
    await this.waitFor(
      describe,
      () => {
        const p = this.diagnostics.get(uri);
        return !!p && (version === undefined || p.version === version) && test(p.diagnostics);
      },
      ms,
    );
    return this.diagnostics.get(uri)!.diagnostics;
  }

  open(uri: string, text: string, languageId = 'markdown'): number {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Changes the settings and tells the server, as VS Code does (the server pulls them again). */
  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Sends a notification to the server. */
  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    return token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params);
  }

  /** Shuts the server down politely and waits for it to exit. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const timer = setTimeout(() => this.proc.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}
