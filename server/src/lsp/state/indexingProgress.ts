/**
 * Indexing progress: LSP work-done progress (`window/workDoneProgress/create`,
 * then `$/progress` begin / report / end) while a corpus is indexed, and the
 * `factCheck/indexing` notification the VS Code status bar shows as
 * "indexing n%". Quick loads (the bundled corpus, an index read from the
 * cache) show nothing: progress starts only after {@link PROGRESS_DELAY_MS}.
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { IndexingEvent } from './corpusStore';
import { IndexingNotification, type IndexingParams } from '../../shared/protocol';

/** A load that ends sooner than this reports no progress. */
export const PROGRESS_DELAY_MS = 500;
/** Progress is reported at most this often. */
const REPORT_MS = 100;

interface Run {
  started: number;
  lastReport: number;
  reporter?: Promise<WorkDoneProgressServerReporter>;
}

/** Turns the corpus store's indexing events into progress reports. */
export class IndexingProgress {
  private readonly runs = new Map<string, Run>();

  /**
   * @param delayMs how long a load runs before progress is shown (tests use 0)
   * @param now the clock in milliseconds
   */
  constructor(
    private readonly connection: Connection,
    private readonly delayMs = PROGRESS_DELAY_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Handles one event of {@link CorpusStore.onIndexing}. */
  handle(e: IndexingEvent): void {
    const key = e.key;
    const pct = e.total > 0 ? Math.min(100, Math.floor((e.done / e.total) * 100)) : 100;
    const message = `${e.done} of ${e.total} source files`;
    if (e.phase === 'begin') {
      this.runs.set(key, { started: this.now(), lastReport: -Infinity });
      return;
    }
    const run = this.runs.get(key);
    if (!run) return;
    if (e.phase === 'end') {
      this.runs.delete(key);
      if (!run.reporter) return;
      run.reporter.then((r) => r.done()).catch(() => undefined);
      this.notify({ indexing: false, percentage: 100, done: e.done, total: e.total });
      return;
    }
    const t = this.now();
    if (t - run.started < this.delayMs || t - run.lastReport < REPORT_MS) return;
    run.lastReport = t;
    if (!run.reporter) {
      run.reporter = this.connection.window.createWorkDoneProgress().then((r) => {
        r.begin('Fact check: indexing sources', pct, message);
        return r;
      });
      // A client that refuses the progress token gets none; nothing is left rejected.
      run.reporter.catch(() => undefined);
    } else {
      run.reporter.then((r) => r.report(pct, message)).catch(() => undefined);
    }
    this.notify({ indexing: true, percentage: pct, done: e.done, total: e.total });
  }

  private notify(p: IndexingParams): void {
    void this.connection.sendNotification(IndexingNotification, p);
  }
}
