import { strict as assert } from 'node:assert';
import { compareQuote } from '../../../server/src/core/verdict/comparators/quotes';
import { analyseSentence, compareSentences, conflictsFound } from '../helpers';

describe('comparators: quotations', () => {
  const quoteOf = (text: string) => {
    const a = analyseSentence(text);
    return { q: a.quotes[0], a };
  };

  it('finds a misquote and points at the changed word ("join hands" vs "hold hands")', () => {
    const claimText = 'Kim vowed to "join hands" with Putin.';
    const c = quoteOf(claimText);
    const s = quoteOf('Kim vowed to "hold hands" with Putin.');
    const r = compareQuote(c.q, s.q, s.a.text, s.a.start);
    assert.ok(r);
    assert.equal(r.same, false);
    assert.equal(r.conflicts.length, 1);
    assert.deepEqual(
      { kind: r.conflicts[0].kind, found: r.conflicts[0].found, expected: r.conflicts[0].expected },
      { kind: 'quote', found: 'join', expected: 'hold' },
    );
    assert.equal(claimText.slice(r.conflicts[0].start, r.conflicts[0].end), 'join');
  });

  it('accepts an exact quotation', () => {
    const c = quoteOf('Kim vowed to "hold hands" with Putin.');
    const s = quoteOf('In June Kim vowed to "hold hands" with Mr Putin.');
    assert.deepEqual(compareQuote(c.q, s.q, s.a.text, s.a.start), { same: true, conflicts: [] });
  });

  it('accepts quoting part of a longer quotation', () => {
    const c = quoteOf('Kim said "strategic cooperation" mattered.');
    const s = quoteOf('Kim said "we will bolster strategic cooperation with Russia" on Monday.');
    assert.deepEqual(compareQuote(c.q, s.q, s.a.text, s.a.start), { same: true, conflicts: [] });
  });

  it('treats an unrelated quotation as unrelated (undefined)', () => {
    const c = quoteOf('Kim said "the harvest was good" on Monday.');
    const s = quoteOf('Putin said "sanctions will fail" on Monday.');
    assert.equal(compareQuote(c.q, s.q, s.a.text, s.a.start), undefined);
  });

  it('confirms a quotation of words the source says without quotation marks, and not of words it does not say', () => {
    const said = compareSentences(
      'In round four they guessed "colour distribution technician" correctly.',
      'Joseph: Okay, round four: Colour Distribution Technician!',
    );
    assert.equal(said.confirmed.filter((x) => 'words' in x).length, 1);
    assert.deepEqual(said.novel, []);
    const other = compareSentences(
      'In round four they guessed "colour mixing technician" correctly.',
      'Joseph: Okay, round four: Colour Distribution Technician!',
    );
    assert.deepEqual(
      other.novel.map((n) => n.text),
      ['“colour mixing technician”'],
    );
  });
  it('counts a misquoted word that is also an opposite as one conflict, the misquotation', () => {
    assert.deepEqual(conflictsFound('Salmon said Russia is "a very new flame".', '“Russia is a very old flame,” said Andrew Salmon, a historian.'), [
      ['quote', 'new', 'old'],
    ]);
  });
});
