import { strict as assert } from 'node:assert';
import { compareSentences, conflictKinds, conflictsFound } from '../helpers';

describe('comparators: ranks', () => {
  it('reads a definite superlative without an ordinal as the first, against the same superlative of the same noun with another rank', () => {
    assert.deepEqual(conflictsFound('Jang was the most powerful man in the nation.', 'Jang was the second most powerful man in the nation.'), [
      ['ordinal', 'most powerful', 'second most powerful'],
    ]);
    assert.deepEqual(conflictsFound('China is the second-largest economy in Asia.', 'China is the largest economy in Asia.'), [
      ['ordinal', 'second-largest', 'largest'],
    ]);
    assert.deepEqual(conflictKinds('China is the largest economy in Asia.', 'China is the largest economy in Asia.'), []);
  });

  it('ranks nothing in "one of the largest", nor a superlative of another noun', () => {
    assert.deepEqual(conflictKinds('China is the largest economy in Asia.', 'China is one of the largest economies in Asia.'), []);
    assert.deepEqual(conflictKinds('China is the largest economy in Asia.', 'China is the second-largest country in Asia.'), []);
  });

  it('leaves the ordinal of a conflicting rank out of the facts the sentence is silent on ("second biggest investor" / "biggest investor")', () => {
    const x = compareSentences(
      "China is North Korea's second biggest investor.",
      "China is North Korea's biggest investor, and has long sustained the regime.",
    );
    assert.deepEqual([x.conflicts.map((y) => [y.kind, y.found, y.expected]), x.novel.map((n) => n.text)], [[['ordinal', 'second biggest', 'biggest']], []]);
  });
});
