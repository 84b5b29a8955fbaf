/**
 * Runs the engine on drafts and keeps the latest result of each. This is the
 * one place that decides *when* a draft is checked: debounced on typing, once
 * per version (concurrent askers share the run), dropped when a newer version
 * arrived meanwhile; a cancelled request is answered at once.
 */
import * as fs from 'node:fs';
import type { CancellationToken } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusBackend } from '../../core/corpusBackend';
import { applyDismissals, type CheckResultWithDismissals, type Dismissal } from '../../core/dismissals';
import { dismissalsPath, readDismissals } from '../../node/dismissalsFile';
import type { CancellationSignal } from '../../core/types';
import type { CorpusStore, TrustPolicy } from './corpusStore';
import { DEFAULT_SETTINGS, engineLanguage, languageEnabled, type Settings } from '../../shared/settings';
import type { SettingsStore } from './settingsStore';
import { uriToPath, type Workspace } from './workspace';

/** The outcome of checking one version of a draft. */
export interface DocCheck {
  uri: string;
  /** The document version; undefined for a file checked from disk (not open). */
  version: number | undefined;
  languageId: string;
  settings: Settings;
  /** `checked`, or why not: `off` (language not enabled), `skipped` (too large), `error`. */
  state: 'checked' | 'skipped' | 'off' | 'error';
  message?: string;
  /** The engine's result with the workspace's dismissals applied (empty unless `checked`). */
  result: CheckResultWithDismissals;
  /** The folder whose `.fact-check/dismissed.json` applies. */
  base: string;
  /** Number of findings hidden by dismissals. */
  dismissed: number;
  /** Checked against the bundled sample corpus alone, because no source folder is configured. */
  bundledOnly?: boolean;
  /** The text this version had (what the result's offsets point into); '' unless `checked`. */
  text: string;
}

/** A check in progress, shared by everyone asking for its version. */
interface RunningCheck {
  version: number | undefined;
  /** Requests still waiting for it (a background check has none). */
  askers: number;
  promise: Promise<DocCheck | undefined>;
}

/** A draft to check: an open document, or a file read from disk. */
export interface DraftSource {
  uri: string;
  version: number | undefined;
  languageId: string;
  getText(): string;
}

/** Reads dismissal files, re-reading one only when its modification time changes. */
export class DismissalStore {
  private readonly cache = new Map<string, { mtimeMs: number; list: Dismissal[] }>();

  constructor(private readonly warn: (message: string) => void) {}

  /** The dismissals of the workspace rooted at `base`; a broken file counts as none, with a warning. */
  get(base: string): Dismissal[] {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(dismissalsPath(base)).mtimeMs;
    } catch {
      return [];
    }
    const hit = this.cache.get(base);
    if (hit && hit.mtimeMs === mtimeMs) return hit.list;
    let list: Dismissal[] = [];
    try {
      list = readDismissals(base);
    } catch (e) {
      this.warn(`Dismissed findings ignored: ${(e as Error).message}`);
    }
    this.cache.set(base, { mtimeMs, list });
    return list;
  }
}

/** Everything {@link DocumentChecks} needs, passed in so it can be tested and reused. */
export interface ChecksDeps {
  settings: SettingsStore;
  corpora: CorpusStore;
  dismissals: DismissalStore;
  workspace: Workspace;
  /** The open document at `uri`, if any. */
  document(uri: string): TextDocument | undefined;
  /** Called with every completed check that is still current. */
  onResult(check: DocCheck): void;
  log(message: string): void;
  /** Whether the workspace is trusted, and its folders; trusted when not given. */
  policy?(): TrustPolicy;
}

/**
 * Pause after a keystroke before checking, so a burst of edits costs one check.
 * Checking an edited paragraph takes a few milliseconds (unchanged paragraphs
 * come from the engine's cache), so the pause can be short.
 */
const TYPING_DELAY_MS = 15;

/** Schedules checks and remembers the latest result per draft. */
export class DocumentChecks {
  private readonly results = new Map<string, DocCheck>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, RunningCheck>();
  /** Files checked from disk by "check workspace", re-checked when the corpus changes. */
  private readonly diskFiles = new Map<string, string>();
  /** Bumped by {@link recheckAll}; a check started in an older generation is discarded. */
  private generation = 0;

  constructor(private readonly deps: ChecksDeps) {}

  /** Checks the open document at `uri` after `delayMs` (typing delay by default), replacing a pending check. */
  schedule(uri: string, delayMs = TYPING_DELAY_MS): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.current(uri);
      }, delayMs),
    );
  }

  /**
   * The check of the open document's current version: the stored one, the one
   * running, or a new run. Undefined when the document is gone or changed
   * before the check finished (a newer check will follow).
   */
  async current(uri: string, token?: CancellationToken): Promise<DocCheck | undefined> {
    const doc = this.deps.document(uri);
    if (!doc) return this.results.get(uri);
    const stored = this.results.get(uri);
    if (stored && stored.version === doc.version) return stored;
    return this.run(doc, token);
  }

  /** The folders of sources a draft is checked against, with their document counts. */
  async sourcesOf(uri: string): Promise<{ folder: string; documents: number }[]> {
    const settings = await this.deps.settings.get(uri);
    if (settings.corpus.database) {
      const db = (await this.deps.corpora.load(settings, this.deps.workspace.baseOf(uri), this.deps.policy?.())).database;
      return [{ folder: `the corpus database at ${db?.target ?? 'factCheck.corpus.database'}`, documents: db?.stats.documents ?? 0 }];
    }
    const entry = await this.deps.corpora.load(settings, this.deps.workspace.baseOf(uri), this.deps.policy?.());
    return this.deps.corpora.foldersOf(entry);
  }

  /** The latest stored check, whatever version it was for. */
  latest(uri: string): DocCheck | undefined {
    return this.results.get(uri);
  }

  /** Checks a file that is not open (text from disk); its result is published like an open one. */
  checkFile(uri: string, languageId: string, text: string, token?: CancellationToken): Promise<DocCheck | undefined> {
    this.diskFiles.set(uri, languageId);
    return this.run({ uri, version: undefined, languageId, getText: () => text }, token);
  }

  /** Whether `uri` was checked from disk (and should be again when it closes). */
  isDiskFile(uri: string): { languageId: string } | undefined {
    const languageId = this.diskFiles.get(uri);
    return languageId === undefined ? undefined : { languageId };
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
    this.running.delete(uri);
  }

  /**
   * Re-checks every open document and every file checked from disk (after a
   * setting, corpus or dismissal change). Stored results and running checks
   * are outdated by such a change, so they are dropped.
   */
  recheckAll(openUris: readonly string[]): void {
    this.generation++;
    this.results.clear();
    this.running.clear();
    for (const uri of openUris) this.schedule(uri, 0);
    for (const uri of this.diskFiles.keys()) if (!openUris.includes(uri)) this.recheckFromDisk(uri);
  }

  /** Checks again, from disk, a file that "check workspace" checked (say, after it was closed). */
  recheckFromDisk(uri: string): void {
    const languageId = this.diskFiles.get(uri);
    if (languageId === undefined) return;
    const file = uriToPath(uri);
    let text: string;
    try {
      text = file ? fs.readFileSync(file, 'utf8') : '';
    } catch {
      // The file was deleted: stop checking it and clear what was shown.
      this.diskFiles.delete(uri);
      this.results.delete(uri);
      this.deps.onResult(emptyCheck(uri, undefined, languageId, undefined, 'off'));
      return;
    }
    void this.run({ uri, version: undefined, languageId, getText: () => text });
  }

  /**
   * Runs a check, shared by everyone asking for the same version. A cancelled
   * asker gets undefined at once, but the check runs on: its result is also
   * the one diagnostics are published from, so it is only abandoned when the
   * document changed or the corpus/settings did (it gives the event loop a turn
   * between claims, so that is noticed within milliseconds).
   */
  private run(source: DraftSource, token?: CancellationToken): Promise<DocCheck | undefined> {
    const { uri, version } = source;
    if (token?.isCancellationRequested) return Promise.resolve(undefined);
    const running = this.running.get(uri);
    if (running && running.version === version && version !== undefined) {
      if (token) running.askers++;
      return orCancelled(running.promise, token, () => running.askers--);
    }
    const entry: RunningCheck = { version, askers: token ? 1 : 0, promise: Promise.resolve(undefined) };
    const promise = this.execute(source, token !== undefined, entry).finally(() => {
      if (this.running.get(uri) === entry) this.running.delete(uri);
    });
    entry.promise = promise;
    this.running.set(uri, entry);
    return orCancelled(promise, token, () => entry.askers--);
  }

  /**
   * Checks one version. A check that a request asked for (hover, definition,
   * code actions ...) answers for the version the request was made on, even
   * when edits arrive meanwhile, so requests are answered during a burst of
   * typing; such an outdated result is returned but neither stored nor
   * published. Background checks of an outdated version are dropped.
   */
  private async execute(source: DraftSource, forRequest: boolean, entry: RunningCheck): Promise<DocCheck | undefined> {
    const { uri, version } = source;
    const generation = this.generation;
    // The text of this version: the open document object is updated in place by later edits.
    const text = source.getText();
    const settings = await this.deps.settings.get(uri);
    // Let queued edits arrive first: checking a version that is already old is wasted work.
    await new Promise((resolve) => setImmediate(resolve));
    const newer = (): boolean => version !== undefined && this.deps.document(uri)?.version !== version;
    // A check a request asked for answers for its version while someone still
    // waits for it; once every asker was cancelled, a newer version makes it stale too.
    const stale = (): boolean => generation !== this.generation || (newer() && (!forRequest || entry.askers <= 0));
    if (stale()) return undefined;

    const base = this.deps.workspace.baseOf(uri);
    const check = await this.outcome(source, text, settings, base, stale);
    if (!check) return undefined;
    if (stale()) return undefined;
    if (newer()) return check;
    this.results.set(uri, check);
    this.deps.onResult(check);
    return check;
  }

  /** Checks one version's text, or says why it is not checked; undefined when it went stale meanwhile. */
  private async outcome(source: DraftSource, text: string, settings: Settings, base: string, stale: () => boolean): Promise<DocCheck | undefined> {
    const { uri, version, languageId } = source;
    const empty = (state: DocCheck['state'], message?: string): DocCheck => ({
      ...emptyCheck(uri, version, languageId, settings, state, base),
      ...(message ? { message } : {}),
    });
    if (!languageEnabled(languageId, settings.languages)) return empty('off');
    if (text.length > settings.maxDraftSize) {
      return empty(
        'skipped',
        `Not checked: the draft has ${text.length.toLocaleString('en')} characters, more than factCheck.maxDraftSize (${settings.maxDraftSize.toLocaleString('en')}). It is checked again once it is shorter.`,
      );
    }
    try {
      // A corpus not loaded yet is indexed a slice at a time, so requests about other drafts are answered meanwhile.
      const entry = await this.deps.corpora.load(settings, base, this.deps.policy?.());
      if (stale()) return undefined;
      // A source opened in the editor is not a draft: checked against itself, every sentence would be "supported".
      const file = uriToPath(uri);
      const sourceFolder = file ? this.deps.corpora.sourceFolderOf(entry, file) : undefined;
      if (sourceFolder) return empty('off', `Not checked: this file is one of the sources (in ${sourceFolder}), not a draft.`);
      const signal: CancellationSignal = {
        get isCancellationRequested() {
          return stale();
        },
      };
      const options = { languageId: engineLanguage(languageId), minScore: settings.minScore };
      // The in-memory checker gives the event loop a turn between claims, so a newer edit or
      // a cancelled request is seen during a long check; a database answers asynchronously anyway.
      const backend: CorpusBackend = entry.database ?? { check: (t, o, signal) => entry.checker.checkAsync(t, o, signal) };
      const raw = await backend.check(text, options, signal);
      if (raw.cancelled || stale()) return undefined;
      const result = applyDismissals(raw, this.deps.dismissals.get(base));
      const dismissed = result.claims.reduce((n, c) => n + (c.dismissed?.length ?? 0), 0);
      return {
        uri,
        version,
        languageId,
        settings,
        state: 'checked',
        result,
        base,
        dismissed,
        text,
        ...(entry.includeBundled && entry.folders.length === 0 && !entry.database ? { bundledOnly: true } : {}),
      };
    } catch (e) {
      // An engine bug on one draft must not take the server down.
      const err = e as Error;
      this.deps.log(`Check of ${uri} failed: ${err.stack ?? err.message}`);
      return empty('error', `Fact check failed on this draft: ${err.message}`);
    }
  }
}

/**
 * `promise`, or undefined as soon as `token` is cancelled: a cancelled request
 * is answered at once, while the check it waited for runs on for the others
 * that share it (diagnostics are published from it).
 */
function orCancelled<T>(promise: Promise<T | undefined>, token?: CancellationToken, onCancel?: () => void): Promise<T | undefined> {
  if (!token) return promise;
  return new Promise((resolve, reject) => {
    const sub = token.onCancellationRequested(() => {
      sub.dispose();
      onCancel?.();
      resolve(undefined);
    });
    promise.then(
      (v) => {
        sub.dispose();
        resolve(v);
      },
      (e: unknown) => {
        sub.dispose();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function emptyCheck(
  uri: string,
  version: number | undefined,
  languageId: string,
  settings: Settings | undefined,
  state: DocCheck['state'],
  base = '',
): DocCheck {
  return {
    uri,
    version,
    languageId,
    settings: settings ?? DEFAULT_SETTINGS,
    state,
    result: { claims: [] },
    base,
    dismissed: 0,
    text: '',
  };
}
