import { strict as assert } from 'node:assert';
import { PROGRESS_AFTER_MS, ProgressBar } from '../../server/src/cli/progressBar';

describe('CLI progress bar', () => {
  const terminal = (isTTY: boolean) => {
    const t = { isTTY, columns: 80, text: '', write: (s: string) => (t.text += s) };
    return t;
  };

  it('draws nothing on a pipe or a CI log', () => {
    const t = terminal(false);
    let now = 0;
    const bar = new ProgressBar(t, 'indexing', () => now);
    now = PROGRESS_AFTER_MS * 5;
    bar.update(5, 10);
    bar.end();
    assert.equal(t.text, '');
  });

  it('draws nothing for work that ends within a second', () => {
    const t = terminal(true);
    let now = 0;
    const bar = new ProgressBar(t, 'indexing', () => now);
    now = PROGRESS_AFTER_MS - 1;
    bar.update(10, 10);
    bar.end();
    assert.equal(t.text, '');
  });

  it('draws the share done on one line after a second, prints log lines above it and clears it at the end', () => {
    const t = terminal(true);
    let now = 0;
    const bar = new ProgressBar(t, 'indexing', () => now);
    now = PROGRESS_AFTER_MS;
    bar.update(42, 100);
    assert.match(t.text, /^\rindexing \[#+\.+\] 42% 42\/100\x1b\[K$/);
    const drawn = t.text;
    let logged = '';
    bar.log('added a.txt\n', (s) => (logged += s));
    assert.equal(logged, 'added a.txt\n');
    assert.equal(t.text, `${drawn}\r\x1b[K${drawn}`, 'the bar is cleared for the line and drawn again after it');
    now += 1000;
    bar.update(100, 100);
    assert.match(t.text, /100% 100\/100\x1b\[K$/);
    bar.end();
    assert.ok(t.text.endsWith('\r\x1b[K'));
  });
});
