import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Resolves `factCheck.corpus.folders` entries against a base folder (the
 * workspace folder), as the server reads them and as the client opens them:
 * `~` is the home folder, a relative entry is relative to `base` (else to the
 * current folder), a trailing slash does not make another folder.
 */
export function resolveFolders(folders: readonly string[], base: string | undefined): string[] {
  const out: string[] = [];
  for (const f of folders) {
    let p = f.trim();
    if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
    if (!path.isAbsolute(p)) p = path.resolve(base ?? process.cwd(), p);
    p = path.normalize(p).replace(/[\\/]+$/, '') || p;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
