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

  it('takes what may happen "again" as stated by a source that says it happened before, and nothing else as stating "again"', () => {
    const novel = (claim: string, source: string): string[] => compare(analyseSentence(claim), analyseSentence(source), []).novel.map((n) => n.text);
    assert.deepEqual(novel('Kim and Putin could meet again in Vladivostok.', 'Mr Kim and Mr Putin previously met in Vladivostok in 2019.'), []);
    // A claim that it did happen again says more than that it happened before.
    assert.deepEqual(novel('Kim and Putin met again in Vladivostok.', 'Mr Kim and Mr Putin previously met in Vladivostok in 2019.'), ['again']);
    assert.deepEqual(novel('Kim and Putin could meet again in Vladivostok.', 'Mr Kim and Mr Putin met in Vladivostok in 2019.'), ['again']);
  });
});
