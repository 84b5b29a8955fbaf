/**
 * Source file events to corpus reloads. Events come in bursts (one save
 * writes several), so they are collected for {@link CORPUS_RELOAD_DELAY_MS}
 * and the corpora that read those files reloaded once; a change to a
 * dismissal file re-checks the open drafts at once.
 */
import * as path from 'node:path';
import type { CorpusStore } from './corpusStore';
import { DISMISSALS_DIR, DISMISSALS_FILE } from '../../core/dismissals';

/** Delay that merges a burst of file events (a save writes several) into one reload. */
export const CORPUS_RELOAD_DELAY_MS = 300;

/** What the reloader needs from the server. */
export interface ReloaderDeps {
  corpora: CorpusStore;
  /** Checks every open draft again. */
  recheck(): void;
  log(message: string): void;
}

/** Collects file events and reloads the corpora they touch. */
export class CorpusReloader {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ReloaderDeps) {}

  /** A file in a watched folder was created, changed or deleted. */
  fileChanged(file: string): void {
    const name = path.basename(file);
    if (name === DISMISSALS_FILE && path.basename(path.dirname(file)) === DISMISSALS_DIR) {
      this.deps.recheck();
      return;
    }
    // Editors' swap and backup files are not sources.
    if (name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp)$/i.test(name)) return;
    this.pending.push(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reload(), CORPUS_RELOAD_DELAY_MS);
  }

  private reload(): void {
    const files = this.pending;
    this.pending = [];
    let dropped = false;
    for (const f of files) dropped = this.deps.corpora.invalidate(f) || dropped;
    if (dropped) {
      this.deps.log(`Corpus changed (${files.length} file event${files.length === 1 ? '' : 's'}); re-checking open drafts.`);
      this.deps.recheck();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
