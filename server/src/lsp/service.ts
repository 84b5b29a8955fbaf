/**
 * The language features without a connection: corpora, document checks and
 * the feature handlers, over the documents and settings a host gives. The
 * server (server.ts) wires it to a connection and adds what needs one
 * (notifications, progress, file watching); tests use it in memory, where a
 * hover or a set of diagnostics takes milliseconds.
 */
import {
  CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type DefinitionParams,
  type Diagnostic,
  type Hover,
  type HoverParams,
  type Location,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledCorpusDir } from '../node/sources';
import type { ClaimsParams, ClaimsResult, SourcesParams, SourcesResult } from '../shared/protocol';
import { onClaims } from './features/claimsList';
import { onCodeAction } from './features/codeActions';
import { onDefinition } from './features/definition';
import { toDiagnostics } from './features/diagnostics';
import { onHover } from './features/hover';
import { onSources } from './features/sourcesRequest';
import { CorpusStore, type CorpusEntry, type TrustPolicy } from './state/corpusStore';
import { DismissalStore, DocumentChecks, type DocCheck } from './state/documentChecks';
import type { SettingsStore } from './state/settingsStore';
import { Workspace } from './state/workspace';

/** What the service needs from its host. */
export interface ServiceHost {
  /** The settings store (a server makes it once the client has said what it supports). */
  settings(): SettingsStore;
  /** The open document at `uri`, if any. */
  document(uri: string): TextDocument | undefined;
  /** Called with every completed check that is still current. */
  onResult?(check: DocCheck): void;
  /** Called when a corpus has been loaded (with the problems its files had). */
  onCorpusLoaded?(entry: CorpusEntry): void;
  log(message: string): void;
  /** Shows a problem to the user (a broken dismissal file, say). */
  warn(message: string): void;
  /** Whether the workspace is trusted; trusted when not given. */
  policy?(): TrustPolicy;
  /** The shipped corpus folder; the engine's by default. */
  bundledDir?: () => string;
}

/** The features of one workspace, each a call that returns what the LSP request would. */
export interface FactCheckService {
  readonly workspace: Workspace;
  readonly corpora: CorpusStore;
  readonly checks: DocumentChecks;
  /** The diagnostics of the open document at `uri`, checked first when its latest version is not. */
  diagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[]>;
  hover(params: HoverParams, token?: CancellationToken): Promise<Hover | null>;
  definition(params: DefinitionParams, token?: CancellationToken): Promise<Location | null>;
  codeActions(params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[]>;
  sources(params: SourcesParams, token?: CancellationToken): Promise<SourcesResult>;
  claims(params: ClaimsParams, token?: CancellationToken): Promise<ClaimsResult>;
}

/** Makes the service; nothing is read until a feature is asked for. */
export function createFactCheckService(host: ServiceHost): FactCheckService {
  const workspace = new Workspace();
  const corpora = new CorpusStore((entry) => host.onCorpusLoaded?.(entry), host.bundledDir ?? bundledCorpusDir);
  const checks = new DocumentChecks({
    get settings() {
      return host.settings();
    },
    corpora,
    dismissals: new DismissalStore((message) => host.warn(message)),
    workspace,
    document: (uri) => host.document(uri),
    onResult: (check) => host.onResult?.(check),
    log: (message) => host.log(message),
    ...(host.policy ? { policy: () => host.policy!() } : {}),
  });
  const none = CancellationToken.None;
  return {
    workspace,
    corpora,
    checks,
    async diagnostics(uri, token = none) {
      const check = await checks.current(uri, token);
      return check ? toDiagnostics(check) : [];
    },
    hover: (params, token = none) => onHover(checks, params, token),
    definition: (params, token = none) => onDefinition(checks, params, token),
    codeActions: (params, token = none) => onCodeAction(checks, host.document(params.textDocument.uri), params, token),
    sources: (params, token = none) => onSources(checks, params, token),
    claims: (params, token = none) => onClaims(checks, params, token),
  };
}
