/**
 * The extension's own protocol on top of LSP: command ids, custom messages and
 * the typed `Diagnostic.data`. Shared by the server, the VS Code client and the
 * tests. Custom messages are typed `RequestType` / `NotificationType` objects,
 * so both ends agree on their parameters and results; besides those (from the
 * JSON-RPC library both ends already use) it imports only plain types, so the
 * client bundle pulls in none of the server's dependencies.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { FindingKind, Range, Verdict } from '../core/types';

/** `Diagnostic.source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'fact-check';

/** Where the README explains each diagnostic code (`Diagnostic.codeDescription`). */
export const DIAGNOSTIC_CODES_URL = 'https://github.com/fact-check-for-drafts/fact-check-for-drafts#diagnostic-codes';

/** A source sentence as carried in messages to the client. */
export interface SourceRef {
  /** A `file:` URI the editor can open. */
  uri: string;
  /** Path as shown to the user. */
  path: string;
  range: Range;
  text: string;
  date?: string;
  /** Which sentence of its document, counted from 1. */
  sentence?: number;
  stance: 'supports' | 'contradicts' | 'related';
  score: number;
}

/**
 * `Diagnostic.data` of every fact-check diagnostic. It carries everything the
 * code actions need, so they never re-run the matcher: the replacement, and the
 * key under which the finding is dismissed.
 */
export interface FactCheckDiagnosticData {
  /** Bumped when the shape changes, so stale diagnostics are recognised. */
  schema: 1;
  kind: FindingKind;
  /** The claim's text: half of the dismissal key. */
  claim: string;
  /** The draft's text at the diagnostic: the other half of the dismissal key. */
  found: string;
  /** The value the source supports, when there is one; the quick fix inserts it. */
  expected?: string;
  /** The document version the diagnostic was computed for. */
  version?: number;
  evidence?: SourceRef;
  /** The engine's probability (0..1) that the sources support the claim. */
  support?: number;
}

/** Command ids. Those the server executes are advertised in `executeCommandProvider`. */
export const Commands = {
  /** Server: dismiss a finding; argument {@link DismissArgs}. Asks for a reason when none is given. */
  dismiss: 'factCheck.dismiss',
  /** Server: check every draft in the workspace, open or not; returns {@link WorkspaceCheckSummary}. */
  checkWorkspace: 'factCheck.checkWorkspace',
  /** Server: re-read every corpus folder and re-check open drafts. */
  reloadCorpus: 'factCheck.reloadCorpus',
  /** Server: the report page of the workspace's drafts; argument {@link ReportArgs}, result {@link ReportResult}. */
  report: 'factCheck.report',
  /** Client (VS Code): show the report page in a webview. */
  openReport: 'factCheck.openReport',
  /** Client (VS Code): reveal the configured corpus folder. */
  openCorpusFolder: 'factCheck.openCorpusFolder',
  /** Client (VS Code): list the sources of the claim under the cursor. */
  showSources: 'factCheck.showSources',
  /** Client (VS Code): pick folders of sources and save them in `factCheck.corpus.folders`. */
  chooseSources: 'factCheck.chooseSources',
  /** Client (VS Code): open a copy of the sample draft about the bundled corpus. */
  openSampleDraft: 'factCheck.openSampleDraft',
} as const;

/** Argument of {@link Commands.dismiss}. */
export interface DismissArgs {
  /** The draft the finding is in (decides which workspace's dismissal file is used). */
  uri: string;
  kind: FindingKind;
  claim: string;
  found: string;
  expected?: string;
  /** Why the writer dismisses it; the server asks when it is missing. */
  reason?: string;
}

/** Result of {@link Commands.checkWorkspace}. */
export interface WorkspaceCheckSummary {
  files: number;
  /** Supported claims. */
  supported: number;
  /** Findings, counted as the Problems panel lists them (see {@link StatusParams}). */
  contradicted: number;
  unverified: number;
  conflicts: number;
}

/** Argument of {@link Commands.report}. */
export interface ReportArgs {
  /** The nonce the page's inline style carries (a webview's content security policy names it). */
  nonce: string;
}

/** Result of {@link Commands.report}. */
export interface ReportResult {
  /** The self-contained page. */
  html: string;
  /** How many drafts it covers. */
  drafts: number;
}

/** Server → client notification with a draft's counts, after each check. */
export const StatusNotification = new NotificationType<StatusParams>('factCheck/status');

/** Params of {@link StatusNotification}. */
export interface StatusParams {
  uri: string;
  version?: number;
  /** `checked`, or why no check ran (`skipped`: too large; `off`: language not configured; `error`). */
  state: 'checked' | 'skipped' | 'off' | 'error';
  /** Claims the sources support. */
  supported: number;
  /**
   * The findings shown in the Problems panel, counted as it lists them: one
   * per contradicted value, one per unsupported part of a claim, one per
   * disagreement between sources. Absent when that finding's severity is `off`.
   */
  contradicted?: number;
  unverified?: number;
  conflicts?: number;
  /** Findings hidden by the workspace's dismissal file. */
  dismissed: number;
  /** Checked against the bundled sample articles alone: no source folder is configured (the editor offers to choose one). */
  bundledOnly?: boolean;
  message?: string;
}

/** Client → server notification: the writer moved the cursor (mouse or arrow keys, not typing) in a draft. */
export const SelectionNotification = new NotificationType<SelectionParams>('factCheck/selection');

/** Params of {@link SelectionNotification}. */
export interface SelectionParams {
  uri: string;
  /** The cursor's offset in the document's text (UTF-16 code units). */
  offset: number;
}

/** Client → server request: every claim of a draft with its verdict and best evidence, and the sources, for the claims view. */
export const ClaimsRequest = new RequestType<ClaimsParams, ClaimsResult, void>('factCheck/claims');

/** Params of {@link ClaimsRequest}. */
export interface ClaimsParams {
  textDocument: { uri: string };
}

/** One claim of a draft as the claims view lists it. */
export interface ClaimItem {
  text: string;
  range: Range;
  verdict: Verdict;
  /** What the finding says, in one line ("Source says 2019, not 2018."; "No source mentions 1984."; "Supported by …"). */
  summary: string;
  /** The best evidence: the contradicting sentence, the supporting one, or the closest. */
  evidence?: SourceRef;
  /** The writer dismissed this claim's findings. */
  dismissed: boolean;
}

/** A folder of sources and how many documents of the loaded corpus come from it. */
export interface SourceFolderItem {
  /** The folder path, or a description ("the bundled sample corpus", "database …"). */
  folder: string;
  documents: number;
}

/** Result of {@link ClaimsRequest}. */
export interface ClaimsResult {
  uri: string;
  version?: number;
  /** As in {@link StatusParams}; claims are listed only when `checked`. */
  state: StatusParams['state'];
  message?: string;
  claims: ClaimItem[];
  sources: SourceFolderItem[];
}

/** Server → client notification while a corpus is indexed (and once when it ends), for "indexing n%" in the status bar. */
export const IndexingNotification = new NotificationType<IndexingParams>('factCheck/indexing');

/** Params of {@link IndexingNotification}. */
export interface IndexingParams {
  /** True while indexing; false once the new index is in (the findings shown until then are from the old one). */
  indexing: boolean;
  percentage: number;
  /** Source files indexed so far, of {@link total}. */
  done: number;
  total: number;
}

/** Client → server request: the claim at a position and all its sources. */
export const SourcesRequest = new RequestType<SourcesParams, SourcesResult, void>('factCheck/sources');

/** Params of {@link SourcesRequest}. */
export interface SourcesParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

/** Result of {@link SourcesRequest}; `claim` is missing when no checked claim is at the position. */
export interface SourcesResult {
  claim?: { text: string; verdict: Verdict; range: Range };
  sources: SourceRef[];
}

/**
 * Client → server notification: the workspace's trust changed (VS Code sends
 * it when the user grants trust). The initial state comes in
 * `initializationOptions.trusted`; without it the workspace counts as trusted.
 */
export const TrustNotification = new NotificationType<TrustParams>('factCheck/trust');

/** Params of {@link TrustNotification}. */
export interface TrustParams {
  trusted: boolean;
}

/**
 * Client → server request, only with test hooks on (`FACT_CHECK_TEST_HOOKS=1`):
 * the server's memory after a garbage collection (when run with --expose-gc).
 */
export const DebugMemoryRequest = new RequestType0<DebugMemoryResult, void>('factCheck/debugMemory');

/** Result of {@link DebugMemoryRequest}, in bytes. */
export interface DebugMemoryResult {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  /** Whether a garbage collection ran first. */
  gc: boolean;
}
