import { strict as assert } from 'node:assert';
import { TERMS_VERSION, termsFingerprint } from '../../server/src/pg/fingerprint';

describe('fingerprint: termsFingerprint', () => {
  it('is pinned, so that a change to term extraction shows up in review', () => {
    // When this fails, term extraction changed: every PostgreSQL archive will be
    // indexed again on its next index run. If that is intended, put the new
    // value here (and say so in the release notes); if not, find the change.
    assert.equal(termsFingerprint(), 'a09eb897f40d0fc8', `term extraction changed (TERMS_VERSION ${TERMS_VERSION})`);
  });
});
