import { strict as assert } from 'node:assert';
import { compare } from '../../../server/src/core/verdict/compare';
import { analyseSentence } from '../helpers';

describe('comparators: event qualifiers', () => {
  it('marks first-time vs second-time as another event', () => {
    const r = compare(analyseSentence('Kim met Putin for the second time in 2018.'), analyseSentence('Kim met Putin for the first time in 2019.'), []);
    assert.equal(r.otherEvent, true);
  });

  it('marks a modal source as hypothetical for a factual claim', () => {
    const r = compare(analyseSentence('Kim met Putin in Moscow.'), analyseSentence('Kim may meet Putin in Moscow.'), []);
    assert.equal(r.hypothetical, true);
    assert.equal(compare(analyseSentence('Kim met Putin in Moscow.'), analyseSentence('Kim met Putin in Moscow.'), []).hypothetical, false);
  });
});
