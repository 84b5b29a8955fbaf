import * as assert from 'node:assert/strict';
import { derivedOf, relation, sensesOf } from '../../server/src/core/analysis/wordnet';

describe('wordnet: relations between a claim word and a source word', () => {
  const cases: [string, string, string, string, string | undefined][] = [
    ['big', 'ADJ', 'large', 'ADJ', 'synonym'],
    ['say', 'VERB', 'state', 'VERB', 'synonym'],
    ['vehicle', 'NOUN', 'car', 'NOUN', 'hypernym'],
    ['car', 'NOUN', 'vehicle', 'NOUN', 'hyponym'],
    ['year', 'NOUN', 'month', 'NOUN', 'cohyponym'],
    ['admit', 'VERB', 'deny', 'VERB', 'antonym'],
    ['win', 'VERB', 'lose', 'VERB', 'antonym'],
    ['meeting', 'NOUN', 'meet', 'VERB', 'derivation'],
    ['russian', 'ADJ', 'russia', 'PROPN', 'derivation'],
  ];
  for (const [c, ct, s, st, want] of cases) {
    it(`${c} (${ct}) / ${s} (${st}): ${want}`, () => assert.equal(relation(c, ct, s, st), want));
  }

  it('calls the same word the same, whatever its tags', () => {
    assert.equal(relation('arrest', 'NOUN', 'arrest', 'VERB'), 'same');
  });

  it('compares senses only within one part of speech when both words are tagged', () => {
    // "place" is a verb sense away from "think"; as a noun it is no kind of it.
    assert.equal(relation('place', 'NOUN', 'think', 'VERB'), undefined);
  });

  it('does not chain indirect antonyms from one satellite adjective to another', () => {
    // Satellites of opposite heads once made "previous" the opposite of "last".
    assert.notEqual(relation('previous', 'ADJ', 'last', 'ADJ'), 'antonym');
    assert.notEqual(relation('latest', 'ADJ', 'newest', 'ADJ'), 'antonym');
  });

  it('finds opposites within one part of speech, or between a verb and its event noun', () => {
    // "a new music video" is not opposed by "in the middle of the night".
    assert.notEqual(relation('new', 'ADJ', 'middle', 'NOUN'), 'antonym');
    assert.equal(relation('win', 'VERB', 'defeat', 'NOUN'), 'antonym');
  });

  it('gives the first senses of a word, most frequent first, and nothing for an unknown word', () => {
    assert.ok(sensesOf('meeting', 'n').length > 0);
    assert.deepEqual(sensesOf('xqzvvy', 'n'), []);
  });

  it('links a word to its derivations in both directions', () => {
    assert.ok(derivedOf('meet').has('meeting'));
    assert.ok(derivedOf('meeting').has('meet'));
  });
});
