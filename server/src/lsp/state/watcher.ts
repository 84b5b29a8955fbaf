/**
 * Watches the corpus folders and dismissal files. Editors that can watch files
 * for us (VS Code, and any client with dynamic `didChangeWatchedFiles`
 * registration) are asked to; otherwise, as in most standalone setups, the
 * server watches with `fs.watch` itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Connection, type Disposable, DidChangeWatchedFilesNotification, type FileSystemWatcher } from 'vscode-languageserver/node';

/** How file changes reach the server. */
export type WatchMode = 'client' | 'fs' | 'none';

/** A change of a file or folder, as a filesystem path. */
export type ChangeListener = (fsPath: string) => void;

/** Keeps one set of watchers up to date with the folders in use. */
export class FileWatcher {
  private folders: string[] = [];
  private registration: Promise<Disposable | undefined> | undefined;
  private readonly fsWatchers = new Map<string, fs.FSWatcher>();
  /** Folders in use that do not exist (yet, or any more): looked for every {@link MISSING_POLL_MS}. */
  private readonly missing = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    readonly mode: WatchMode,
    private readonly relativePatterns: boolean,
    private readonly onChange: ChangeListener,
    private readonly log: (message: string) => void,
  ) {}

  /** Watches exactly `folders` (and, through the client, every dismissal file). */
  update(folders: readonly string[]): void {
    const next = [...new Set(folders)].sort();
    if (this.registration && next.join('\n') === this.folders.join('\n')) return;
    this.folders = next;
    if (this.mode === 'client') this.registerWithClient();
    else if (this.mode === 'fs') this.watchWithFs();
  }

  /** Handles a `workspace/didChangeWatchedFiles` change. */
  clientChanged(uri: string): void {
    if (!uri.startsWith('file:')) return;
    this.onChange(fileURLToPath(uri));
  }

  dispose(): void {
    void this.registration?.then((d) => d?.dispose());
    this.registration = undefined;
    for (const w of this.fsWatchers.values()) w.close();
    this.fsWatchers.clear();
    for (const t of this.missing.values()) clearInterval(t);
    this.missing.clear();
  }

  private registerWithClient(): void {
    const watchers: FileSystemWatcher[] = this.folders.map((folder) =>
      this.relativePatterns ? { globPattern: { baseUri: pathToFileURL(folder).href, pattern: '**/*' } } : { globPattern: `${folder.replace(/\\/g, '/')}/**/*` },
    );
    // Dismissal files may be edited by hand or written by the CLI.
    watchers.push({ globPattern: '**/.fact-check/dismissed.json' });
    const previous = this.registration;
    this.registration = (async () => {
      (await previous)?.dispose();
      try {
        return await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      } catch (e) {
        this.log(`Could not register file watchers: ${(e as Error).message}`);
        return undefined;
      }
    })();
  }

  private watchWithFs(): void {
    this.registration ??= Promise.resolve(undefined);
    for (const [folder, w] of this.fsWatchers) {
      if (!this.folders.includes(folder)) {
        w.close();
        this.fsWatchers.delete(folder);
      }
    }
    for (const [folder, t] of this.missing) {
      if (!this.folders.includes(folder)) {
        clearInterval(t);
        this.missing.delete(folder);
      }
    }
    for (const folder of this.folders) this.watchFolder(folder);
  }

  /**
   * Watches one folder with fs.watch; a folder that does not exist, or stops
   * existing, is looked for until it is back, and its arrival counts as a
   * change (the corpus is read again), as VS Code's own watcher would report.
   */
  private watchFolder(folder: string): void {
    if (this.fsWatchers.has(folder) || this.missing.has(folder)) return;
    if (!fs.existsSync(folder)) {
      this.lookFor(folder);
      return;
    }
    try {
      const w = fs.watch(folder, { recursive: true, persistent: false }, (_event, name) => {
        if (!fs.existsSync(folder)) {
          // Deleted (or moved away): the watcher sees nothing more, even if it comes back.
          this.stopWatching(folder);
          this.onChange(folder);
          this.lookFor(folder);
          return;
        }
        this.onChange(name ? path.join(folder, name.toString()) : folder);
      });
      // A watched folder that is deleted or unreadable must not crash the server.
      w.on('error', (e) => {
        this.log(`Stopped watching ${folder}: ${e.message}`);
        this.stopWatching(folder);
        this.lookFor(folder);
      });
      this.fsWatchers.set(folder, w);
    } catch (e) {
      this.log(`Cannot watch ${folder}: ${(e as Error).message}`);
    }
  }

  private stopWatching(folder: string): void {
    this.fsWatchers.get(folder)?.close();
    this.fsWatchers.delete(folder);
  }

  private lookFor(folder: string): void {
    if (this.missing.has(folder)) return;
    const timer = setInterval(() => {
      if (!fs.existsSync(folder)) return;
      clearInterval(timer);
      this.missing.delete(folder);
      if (!this.folders.includes(folder)) return;
      this.watchFolder(folder);
      this.onChange(folder);
    }, MISSING_POLL_MS);
    timer.unref();
    this.missing.set(folder, timer);
  }
}

/** How often a missing corpus folder is looked for (a stat call each time). */
export const MISSING_POLL_MS = 500;
