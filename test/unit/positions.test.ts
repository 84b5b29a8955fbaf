import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/positions';

describe('positions: LineIndex', () => {
  it('splits lines at LF', () => {
    const idx = new LineIndex('ab\ncd\nef');
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 1 });
    assert.equal(idx.offsetAt({ line: 2, character: 0 }), 6);
  });

  it('treats CRLF as one line break', () => {
    const text = 'ab\r\ncd\r\nef';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.equal(idx.offsetAt({ line: 1, character: 1 }), text.indexOf('d'));
  });

  it('treats a lone CR as a line break', () => {
    const text = 'ab\rcd\ref';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 3);
    assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 1, character: 1 });
    assert.equal(idx.offsetAt({ line: 2, character: 1 }), text.indexOf('f'));
  });

  it('handles a mix of LF, CRLF and CR in one text', () => {
    const text = 'a\nb\r\nc\rd';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    for (const ch of 'abcd') assert.deepEqual(idx.positionAt(text.indexOf(ch)), { line: 'abcd'.indexOf(ch), character: 0 });
  });

  it('counts characters after an emoji in UTF-16 code units', () => {
    const text = 'x😀y\n𝒳z';
    const idx = new LineIndex(text);
    // 😀 is two UTF-16 code units, so "y" is at character 3.
    assert.deepEqual(idx.positionAt(text.indexOf('y')), { line: 0, character: 3 });
    // 𝒳 (U+1D4B3) is also non-BMP: "z" is at character 2 of line 1.
    assert.deepEqual(idx.positionAt(text.indexOf('z')), { line: 1, character: 2 });
    assert.equal(idx.offsetAt({ line: 1, character: 2 }), text.indexOf('z'));
  });

  it('clamps offsets outside the text', () => {
    const idx = new LineIndex('ab\ncd');
    assert.deepEqual(idx.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(999), { line: 1, character: 2 });
  });

  it('clamps positions past a line end to the end of that line, before its line break', () => {
    const idx = new LineIndex('ab\r\ncd\nef');
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(idx.offsetAt({ line: 2, character: 99 }), 9);
  });

  it('clamps positions on lines before the first or after the last', () => {
    const idx = new LineIndex('ab\ncd');
    assert.equal(idx.offsetAt({ line: -1, character: 1 }), 0);
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), 5);
    assert.equal(idx.offsetAt({ line: 0, character: -3 }), 0);
  });

  it('has one empty line for empty text and a final empty line after a trailing break', () => {
    assert.equal(new LineIndex('').lineCount, 1);
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    const idx = new LineIndex('ab\n');
    assert.equal(idx.lineCount, 2);
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  });

  it('gives rangeOf as the positions of both ends', () => {
    const idx = new LineIndex('one\ntwo three');
    assert.deepEqual(idx.rangeOf(8, 13), { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } });
  });

  // Texts built from pieces that exercise every kind of line break and surrogate pairs.
  const pieces = fc.constantFrom('a', 'b', ' ', 'é', '😀', '𝒳', '\n', '\r', '\r\n', '\n\n');
  const texts = fc.array(pieces, { maxLength: 40 }).map((xs) => xs.join(''));

  it('round-trips every offset outside a CRLF pair through positionAt and offsetAt (property)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const idx = new LineIndex(text);
        for (let o = 0; o <= text.length; o++) {
          // The offset between \r and \n is inside a line break: it has no position of its own.
          if (text[o - 1] === '\r' && text[o] === '\n') continue;
          const back = idx.offsetAt(idx.positionAt(o));
          if (back !== o) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every position within a line through offsetAt and positionAt (property)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const idx = new LineIndex(text);
        const lines = text.split(/\r\n|\r|\n/);
        assert.equal(idx.lineCount, lines.length);
        for (let line = 0; line < lines.length; line++) {
          for (let character = 0; character <= lines[line].length; character++) {
            assert.deepEqual(idx.positionAt(idx.offsetAt({ line, character })), { line, character });
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
