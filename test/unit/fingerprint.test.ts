import { strict as assert } from 'node:assert';
import { termsFingerprint } from '../../server/src/core/fingerprint';

describe('fingerprint: termsFingerprint', () => {
  it('is 16 hex digits and the same on every call (a database compares it across runs)', () => {
    const f = termsFingerprint();
    assert.match(f, /^[0-9a-f]{16}$/);
    assert.equal(termsFingerprint(), f);
  });
});
