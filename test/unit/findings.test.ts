import { strict as assert } from 'node:assert';
import { findingCode, mismatchSummary } from '../../server/src/core/verdict/findings';

describe('findings: codes and wording shared by the CLI and the editor', () => {
  it('names each kind of finding with the code the README documents', () => {
    assert.equal(findingCode('year'), 'contradicted-year');
    assert.equal(findingCode('place'), 'contradicted-place');
    assert.equal(findingCode('quote'), 'misquote');
    assert.equal(findingCode('unverified'), 'unverified-claim');
    assert.equal(findingCode('conflict'), 'conflicting-sources');
  });

  it('says what the source says instead, in the form of the finding', () => {
    assert.equal(mismatchSummary({ kind: 'year', found: '2018', expected: '2019' }), 'Source says 2019, not 2018');
    assert.equal(mismatchSummary({ kind: 'quote', found: 'join', expected: 'hold' }), 'Source quotes "hold", not "join"');
    assert.equal(mismatchSummary({ kind: 'negation', found: 'never' }), 'Source says the opposite of "never"');
    assert.equal(mismatchSummary({ kind: 'quote', found: 'join', expected: '' }), 'Source does not quote "join"');
  });
});
