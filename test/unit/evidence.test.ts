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
  it('takes a value conflict from another sentence of the set when the primary confirms another value of the claim, and names that sentence', () => {
    const conflicts = (claim: string, ...sentences: string[]): (string | number | undefined)[][] =>
      compareSet(
        analyseSentence(claim),
        sentences.map((x) => analyseSentence(x)),
        sentences.map(() => []),
      ).conflicts.map((x) => [x.kind, x.found, x.expected, x.at]);
    const sources = [
      "After his country's most recent nuclear test in 2017, Mr Kim took steps to repair ties.",
      'He met Putin in 2019 for the first time in Vladivostok.',
    ];
    assert.deepEqual(conflicts("Kim's 2017 nuclear test was followed by efforts to repair ties, and he met Putin for the first time in 2018.", ...sources), [
      ['year', '2018', '2019', 1],
    ]);
    // A primary that confirms no value of the claim speaks to no other part of it: the year stays unverified.
    assert.deepEqual(
      conflicts(
        'Mr Kim took steps to repair ties with Russia after the nuclear test, and he met Putin in 2018.',
        'After the nuclear test, Mr Kim took steps to repair ties with Russia.',
        sources[1],
      ),
      [],
    );
  });
});
