/**
 * What the server tells the editor: diagnostics and the status of each check
 * (holding back the findings of the sentence being typed), and warnings, each
 * distinct one shown once while the log keeps them all.
 */
import * as path from 'node:path';
import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocCheck } from './state/documentChecks';
import { toDiagnostics } from './features/diagnostics';
import { StatusNotification } from '../shared/protocol';
import { statusOf } from './features/status';
import { TypingTracker } from './state/typingHold';

/** Sends diagnostics, status and messages for the server. */
export class Notifier {
  /** Where the writer is typing, per draft (fed by the server's change events). */
  readonly typing = new TypingTracker();
  /** Warnings already shown this session. */
  private readonly shown = new Set<string>();
  /** Drafts whose "too large" or "failed" message was shown, until they are checked again. */
  private readonly reported = new Set<string>();
  /** Per draft: the timer that shows findings held back while their sentence was typed. */
  private readonly releases = new Map<string, NodeJS.Timeout>();

  /**
   * @param latest the stored check of a draft, to tell whether a held one is still current
   */
  constructor(
    private readonly connection: Connection,
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly latest: (uri: string) => DocCheck | undefined,
  ) {}

  /** A line in the output log. */
  log(message: string): void {
    this.connection.console.log(message);
  }

  /** Logs a warning and shows it, once per session for each distinct text. */
  warn(message: string): void {
    this.log(message);
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.show(message);
  }

  /** Shows a warning every time (for news that can repeat: the database went away, came back). */
  show(message: string): void {
    // A notification, not showWarningMessage (a request): nothing waits for the user to close it.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Fact check: ${message}` });
  }

  /** Publishes a check: its diagnostics (less those held while their sentence is typed), its status, and its message once. */
  publish(check: DocCheck): void {
    const { uri } = check;
    clearTimeout(this.releases.get(uri));
    this.releases.delete(uri);
    const doc = this.document(uri);
    const hold = doc && doc.version === check.version ? this.typing.hold(check, doc.getText(), check.settings.typingPause) : undefined;
    if (hold) {
      this.releases.set(
        uri,
        setTimeout(() => {
          this.releases.delete(uri);
          // Shown only if no newer check or edit replaced this one meanwhile.
          if (this.latest(uri) === check && this.document(uri)?.version === check.version) this.publish(check);
        }, hold.releaseInMs + 5),
      );
    }
    const diagnostics = toDiagnostics(check, hold?.held);
    void this.connection.sendDiagnostics({ uri, version: check.version, diagnostics });
    void this.connection.sendNotification(StatusNotification, statusOf(check, diagnostics));
    // Said once while a draft stays too large or keeps failing (every keystroke would
    // otherwise bring a new message); said again after it was checked in between.
    const key = `${uri}\n${check.state}`;
    if (check.message && (check.state === 'skipped' || check.state === 'error')) {
      const message = `${path.basename(uri)}: ${check.message}`;
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.shown.delete(message);
        this.warn(message);
      } else this.log(message);
    } else {
      this.reported.delete(`${uri}\nskipped`);
      this.reported.delete(`${uri}\nerror`);
    }
  }

  /** The writer moved the cursor to `offset`: out of the sentence being typed, its findings are shown now. */
  moved(uri: string, offset: number): void {
    const check = this.latest(uri);
    const doc = this.document(uri);
    if (!check || !doc || doc.version !== check.version) return;
    if (this.typing.moved(check, doc.getText(), offset, check.settings.typingPause)) this.publish(check);
  }

  /** Forgets a closed draft. */
  forget(uri: string): void {
    this.typing.forget(uri);
    clearTimeout(this.releases.get(uri));
    this.releases.delete(uri);
  }

  dispose(): void {
    for (const t of this.releases.values()) clearTimeout(t);
    this.releases.clear();
  }
}
