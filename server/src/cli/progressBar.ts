/**
 * The CLI's progress bar on stderr, for `fact-check index` and for corpora
 * that take a while to index. Drawn only on a terminal (a CI log or a pipe
 * gets none of it) and only once the work has taken {@link PROGRESS_AFTER_MS},
 * so quick runs print nothing extra.
 */

/** Where the bar is drawn: a terminal stream (process.stderr), or a fake in tests. */
export interface Terminal {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Work that ends sooner than this draws no bar. */
export const PROGRESS_AFTER_MS = 1000;
/** The bar is redrawn at most this often. */
const REDRAW_MS = 100;

/** A one-line progress bar that log lines can be printed above. */
export class ProgressBar {
  private readonly start: number;
  private last = -Infinity;
  private shown = false;
  private line = '';

  /**
   * @param terminal where to draw; nothing is drawn unless it is a TTY
   * @param label what is being done ("indexing sources")
   * @param now the clock in milliseconds (tests pass their own)
   */
  constructor(
    private readonly terminal: Terminal | undefined,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  /** Reports that `done` of `total` items are done. */
  update(done: number, total: number): void {
    if (!this.terminal?.isTTY) return;
    const t = this.now();
    if (t - this.start < PROGRESS_AFTER_MS || (t - this.last < REDRAW_MS && done < total)) return;
    this.last = t;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
    const width = Math.max(10, Math.min(30, (this.terminal.columns ?? 80) - this.label.length - 30));
    const filled = Math.round((pct / 100) * width);
    this.line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`;
    this.terminal.write(`\r${this.line}\x1b[K`);
    this.shown = true;
  }

  /** Prints a line of output above the bar (the bar is cleared first and drawn again after). */
  log(text: string, write: (s: string) => void): void {
    if (!this.shown) {
      write(text);
      return;
    }
    this.terminal!.write('\r\x1b[K');
    write(text);
    this.terminal!.write(`\r${this.line}\x1b[K`);
  }

  /** Removes the bar. */
  end(): void {
    if (this.shown) this.terminal!.write('\r\x1b[K');
    this.shown = false;
  }
}
