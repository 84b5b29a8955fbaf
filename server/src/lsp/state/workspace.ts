/**
 * Where a document belongs: its workspace folder, which is the base of
 * relative corpus folders and the home of the dismissal file.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findDismissalsRoot } from '../../node/dismissalsFile';
import { isInside } from '../../node/sources';

/** The filesystem path of a `file:` URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * A URI an editor can open for an evidence location. The engine gives either
 * a URI or an absolute path (the loader uses paths).
 */
export function toFileUri(uriOrPath: string): string {
  // Two or more letters then a colon is a scheme; one letter is a Windows drive.
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(uriOrPath)) return uriOrPath;
  return pathToFileURL(path.resolve(uriOrPath)).href;
}

/** The workspace folders, as paths, kept current by the server. */
export class Workspace {
  private folders: string[] = [];

  /** Replaces the folder list (URIs from `initialize` or the folder-change event). */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => !!p);
  }

  addFolders(added: readonly string[], removed: readonly string[]): void {
    const rem = new Set(removed.map(uriToPath));
    const add = added.map(uriToPath).filter((p): p is string => !!p);
    this.setFolders([...this.folders.filter((f) => !rem.has(f)), ...add].map((p) => pathToFileURL(p).href));
  }

  /** All folders, as paths. */
  list(): readonly string[] {
    return this.folders;
  }

  /** The innermost workspace folder containing the document, if any. */
  folderOf(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (!file) return undefined;
    let best: string | undefined;
    for (const f of this.folders) if (isInside(file, f) && (!best || f.length > best.length)) best = f;
    return best;
  }

  /**
   * The base folder of a document: its workspace folder; outside any, the
   * nearest folder above it with a `.fact-check` folder, else its own folder;
   * for unsaved documents the first workspace folder or the working directory.
   */
  baseOf(uri: string): string {
    const folder = this.folderOf(uri);
    if (folder) return folder;
    const file = uriToPath(uri);
    if (!file) return this.folders[0] ?? process.cwd();
    const dir = path.dirname(file);
    return findDismissalsRoot(dir) ?? dir;
  }
}
