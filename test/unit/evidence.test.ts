import { strict as assert } from 'node:assert';
import { compareSet } from '../../server/src/core/verdict/evidence';
import { analyseSentence } from './helpers';

describe('evidence sets', () => {
  it('keeps a fact novel when the only other sentence that speaks to it names something else in its place', () => {
    const novel = (claim: string): string[] =>
      compareSet(
        analyseSentence(claim),
        [
          analyseSentence('Protesters poured red paint outside the embassy on Friday.'),
          analyseSentence('The protest marked the anniversary of the invasion of Ukraine.'),
        ],
        [[], []],
      ).novel.map((n) => n.text);
    // "Ukraine" in the second sentence confirms nothing about Poland, and only the primary may contradict.
    assert.deepEqual(novel('Protesters poured red paint outside the embassy on the anniversary of the invasion of Poland.'), ['Poland']);
    assert.deepEqual(novel('Protesters poured red paint outside the embassy on the anniversary of the invasion of Ukraine.'), []);
  });
});
