/**
 * The sentence being typed. A half-typed sentence ("Tecate paid $5") is often
 * briefly wrong, and a warning that flashes on every keystroke teaches the
 * writer to ignore warnings. So the findings of the claim under the last edit
 * are held back while that claim is unfinished (it does not end with a
 * sentence mark) and the writer typed less than `typingPause` ago; they are
 * published when the sentence is finished, once the writer pauses, or when
 * the cursor moves out of it (the VS Code client says so with
 * `factCheck/selection`).
 */
import type { DocCheck } from './documentChecks';
import type { Held } from '../features/diagnostics';

/** A sentence is finished when it ends with a sentence mark, closing quotes or brackets after it allowed. */
const FINISHED = /[.!?…]["'”’)\]]*\s*$/;

/** Where and when the writer last typed, per draft. */
export class TypingTracker {
  private readonly last = new Map<string, { offset: number; at: number }>();

  /** @param now the clock (tests pass their own). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Records an edit that left the cursor at `offset` of the new text. */
  edited(uri: string, offset: number): void {
    this.last.set(uri, { offset, at: this.now() });
  }

  /**
   * The writer moved the cursor to `offset` (with the mouse or the arrow
   * keys). Moving out of the sentence being typed ends its wait: true when
   * something was held for `check` and is not any more.
   */
  moved(check: DocCheck, text: string, offset: number, pauseMs: number): boolean {
    const hold = this.hold(check, text, pauseMs);
    if (!hold || (offset >= hold.held.start && offset <= hold.held.end)) return false;
    this.last.delete(check.uri);
    return true;
  }

  /** Forgets a draft (closed, or replaced whole, so there is no cursor to follow). */
  forget(uri: string): void {
    this.last.delete(uri);
  }

  /**
   * What to hold back of `check` now, and in how many milliseconds to show it:
   * the claim the last edit is in (or just after, with only spaces between),
   * when it is unfinished and the pause has not passed. `text` is the draft's
   * current text; undefined when nothing is held.
   */
  hold(check: DocCheck, text: string, pauseMs: number): { held: Held; releaseInMs: number } | undefined {
    const edit = this.last.get(check.uri);
    if (!edit || pauseMs <= 0 || check.state !== 'checked') return undefined;
    const waited = this.now() - edit.at;
    if (waited >= pauseMs) return undefined;
    for (const claim of check.result.claims) {
      if (edit.offset < claim.start) break;
      const after = text.slice(claim.end, edit.offset);
      if (edit.offset > claim.end && !/^[ \t]*$/.test(after)) continue;
      if (FINISHED.test(claim.text)) return undefined;
      return { held: { start: claim.start, end: claim.end }, releaseInMs: pauseMs - waited };
    }
    return undefined;
  }
}
