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

  it('marks a source that says an event may happen as hypothetical for a claim that says it will, and not the other way round', () => {
    const hypothetical = (claim: string, source: string): boolean => compare(analyseSentence(claim), analyseSentence(source), []).hypothetical;
    assert.equal(hypothetical('Kim will meet Putin in Moscow.', 'Kim may meet Putin in Moscow.'), true);
    assert.equal(hypothetical('Kim will meet Putin in Moscow.', 'Kim will meet Putin in Moscow.'), false);
    assert.equal(hypothetical('Kim may meet Putin in Moscow.', 'Kim will meet Putin in Moscow.'), false);
    assert.equal(hypothetical('Kim could meet Putin in Moscow.', 'Kim may meet Putin in Moscow.'), false);
  });
});
