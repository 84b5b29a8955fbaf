/**
 * The `factCheck.*` settings, read per document. VS Code lets every workspace
 * folder (and language) have its own values, so settings are asked for with the
 * document's URI as `scopeUri`, cached per URI, and the cache is dropped on
 * `workspace/didChangeConfiguration`. There is no mutable global: handlers get
 * a {@link Settings} object for their document.
 */
import { normaliseSettings, type Settings } from '../../shared/settings';

/**
 * Asks the editor for the raw `factCheck` settings of the document at
 * `scopeUri` (`workspace/configuration`); a server passes the connection's
 * request, a test a function of its own.
 */
export type ConfigurationSource = (scopeUri: string) => Promise<unknown>;

/**
 * How long to wait for the client's answer to `workspace/configuration`
 * before checking with the defaults (and saying so once). A settings change
 * (`didChangeConfiguration`) asks again.
 */
export const CONFIGURATION_TIMEOUT_MS = 5000;

/**
 * Per-document settings with a cache. Uses `workspace/configuration` when the
 * client supports it; otherwise (some standalone clients) the settings pushed
 * with `didChangeConfiguration` or given as `initializationOptions`.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  private readonly reported = new Set<string>();
  /** A `workspace/configuration` request timed out since the settings last changed. */
  private unanswered = false;

  /**
   * @param ask asks the client for a document's settings; undefined when the
   * client does not answer `workspace/configuration`
   * @param initial settings from `initializationOptions` (the `factCheck` object)
   * @param warn shows a settings problem to the user (each distinct one once)
   */
  constructor(
    private readonly ask: ConfigurationSource | undefined,
    initial: unknown,
    private readonly warn: (message: string) => void,
  ) {
    this.pushed = initial;
  }

  /** The settings of the document at `uri`. */
  get(uri: string): Promise<Settings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.load(uri);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** Drops cached settings; with `pushed`, replaces settings sent by a client without pull support. */
  invalidate(pushed?: unknown): void {
    this.cache.clear();
    this.reported.clear();
    this.unanswered = false;
    if (pushed !== undefined) this.pushed = pushed;
  }

  /** Forgets the cached settings of a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string): Promise<Settings> {
    let raw: unknown = this.pushed;
    // After one unanswered request, the next documents do not wait again
    // until the settings change.
    const ask = this.ask;
    if (ask && this.unanswered) raw = undefined;
    else if (ask) {
      let timer: NodeJS.Timeout | undefined;
      try {
        // A client that never answers must not leave every draft unchecked.
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.unanswered = true;
            reject(new Error(`the editor did not answer workspace/configuration within ${CONFIGURATION_TIMEOUT_MS / 1000} s`));
          }, CONFIGURATION_TIMEOUT_MS);
        });
        raw = await Promise.race([ask(uri), timeout]);
      } catch (e) {
        // The client failed to answer: run on defaults rather than not at all.
        this.report(`Could not read settings (${(e as Error).message}); using defaults.`);
        raw = undefined;
      } finally {
        clearTimeout(timer);
      }
    }
    const problems: string[] = [];
    const settings = normaliseSettings(raw, problems);
    for (const p of problems) this.report(`Setting ignored: ${p}.`);
    return settings;
  }

  private report(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warn(message);
  }
}
