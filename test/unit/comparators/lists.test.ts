import { strict as assert } from 'node:assert';
import { conflictKinds, conflictPairs, conflictsFound } from '../helpers';

describe('comparators: list items', () => {
  it('reports another thing listed after the same thing ("shells and rifles" / "shells and anti-tank missiles")', () => {
    const source = 'The army is buying artillery shells and anti-tank missiles, while the navy wants new radar.';
    assert.deepEqual(conflictsFound('The army is buying artillery shells and rifles from the firm.', source), [['entity', 'rifles', 'anti-tank missiles']]);
    assert.deepEqual(conflictKinds('The army is buying artillery shells and missiles from the firm.', source), []);
  });

  it('takes a word for the same thing for a paraphrase, and leaves quotations to the quotation comparator', () => {
    assert.deepEqual(conflictKinds('The agency helps shops seeking growth and achievement.', 'The agency helps shops achieve growth and success.'), []);
    assert.deepEqual(conflictKinds('Residents liken the two towns to "bread and cheese".', 'Residents liken the two towns to bread and butter.'), []);
  });

  it('reports another thing as the object of the same verb between the same words, and leaves events to paraphrase', () => {
    assert.deepEqual(
      conflictPairs('The envoy urged the firm to sell fighter jets to the navy.', 'The envoy urged the firm to sell artillery ammunition to the navy.'),
      [['fighter jets', 'artillery ammunition']],
    );
    // A trip and a visit are not things: one is the other's paraphrase.
    assert.deepEqual(conflictKinds('The envoy may make a rare trip to the capital.', 'The envoy may make a rare visit to the capital.'), []);
  });
});
