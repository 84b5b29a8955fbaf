/**
 * Shared by the robustness tests: temporary workspaces with a copy of the
 * bundled corpus, and the mission draft whose 2018 the corpus contradicts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { pathToUri, ROOT, SERVER } from '../lsp/client';

export { pathToUri, ROOT, SERVER };

export const MISSION = 'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.';
export const isYear = (d: Diagnostic): boolean => d.code === 'contradicted-year';

/** A new temporary folder; the caller removes it. */
export function tempDir(prefix = 'fact-check-robust-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A workspace folder with `sources/` (a copy of the bundled corpus) and `drafts/`. */
export function makeWorkspace(): { dir: string; corpus: string; drafts: string; uri: (name: string) => string } {
  const dir = tempDir();
  const corpus = path.join(dir, 'sources');
  fs.cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
  const drafts = path.join(dir, 'drafts');
  fs.mkdirSync(drafts);
  return { dir, corpus, drafts, uri: (name: string) => pathToUri(path.join(drafts, name)) };
}

export function assertBuilt(): void {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node tools/build.mjs\` first`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Median and maximum of a list of numbers. */
export function stats(xs: number[]): { median: number; p90: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? 0, p90: s[Math.floor(s.length * 0.9)] ?? 0, max: s[s.length - 1] ?? 0 };
}
