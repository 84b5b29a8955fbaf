import { strict as assert } from 'node:assert';
import { compare } from '../../../server/src/core/verdict/compare';
import { compareSet } from '../../../server/src/core/verdict/evidence';
import { analyseSentence, conflictKinds, conflictsFound } from '../helpers';

describe('comparators: negation', () => {
  it('reports a claim that negates the source as a negation conflict on the negation word', () => {
    const text = 'North Korea was never reliant on Soviet aid.';
    const r = compare(analyseSentence(text), analyseSentence('North Korea was heavily reliant on Soviet aid.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found]),
      [['negation', 'never']],
    );
  });

  it('reports a claim that drops the source negation, pointing at the negated word', () => {
    const r = compare(analyseSentence('Russia joined the sanctions on North Korea.'), analyseSentence('Russia did not join the sanctions on North Korea.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found]),
      [['negation', 'joined']],
    );
  });

  it('finds no denial where the source also negates the word, in whatever slot', () => {
    const r = compare(
      analyseSentence('The female builds the nest with little or no help from the male.'),
      analyseSentence('The female builds the nest with very little help, or no help at all, from the male.'),
      [],
    );
    assert.deepEqual(r.conflicts, []);
  });

  it('reads "no" and "without" as denying the head of their noun phrase', () => {
    const r = compare(
      analyseSentence('He is accused of releasing the film without model permission.'),
      analyseSentence('The model said he had released the film without her permission.'),
      [],
    );
    assert.deepEqual(r.conflicts, []);
    const denied = compare(
      analyseSentence('He released the film without model permission.'),
      analyseSentence('He released the film with model permission.'),
      [],
    );
    assert.deepEqual(
      denied.conflicts.map((x) => x.kind),
      ['negation'],
    );
  });

  it('reads "rather than" as a denial', () => {
    const r = compare(analyseSentence('He has been walking the walk.'), analyseSentence('He has been talking the talk rather than walking the walk.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found]),
      [['negation', 'walking']],
    );
  });

  it('reads "no longer has" as a denial of "has", not of "longer"', () => {
    const r = compare(
      analyseSentence('The nation still has the funds to repay the debt.'),
      analyseSentence('The nation no longer has the funds to repay the debt.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => x.kind),
      ['negation'],
    );
  });

  it('takes a denial from any sentence of an evidence set, unless another says the word plainly', () => {
    const claim = analyseSentence('The bank has not apologised for the error and denied any link with the page.');
    const denied = analyseSentence('A spokesman denied the bank had any link with the page.');
    const apologised = analyseSentence('The bank has apologised for the error on its website.');
    assert.deepEqual(
      compareSet(claim, [denied, apologised], [[], []]).conflicts.map((x) => x.kind),
      ['negation'],
    );
    const alsoDenies = analyseSentence('The bank has not apologised for the error, a spokesman said.');
    // A name in a sentence about something else does not lift a conflict on it.
    const watsonSaid = analyseSentence('Adrienne Watson said the letters between Putin and Kim were friendly.');
    const said = analyseSentence('John Kirby said the letters between Putin and Kim were friendly.');
    const watson = analyseSentence('Adrienne Watson said on Monday that Shoigu had travelled to Pyongyang.');
    assert.deepEqual(
      compareSet(watsonSaid, [said, watson], [[], []]).conflicts.map((x) => x.expected),
      ['John Kirby'],
    );
    assert.deepEqual(compareSet(claim, [denied, apologised, alsoDenies], [[], [], []]).conflicts, []);
  });

  it('reads "n’t" with a typographic apostrophe as a negation, across a one-word aside', () => {
    const r = compare(
      analyseSentence('Pyongyang has confirmed the attendance through KCNA.'),
      analyseSentence('Pyongyang, though, hasn’t confirmed the marshal’s attendance through KCNA.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found]),
      [['negation', 'confirmed']],
    );
  });

  it('finds no denial in a clause that asserts nothing (a condition, an indirect question)', () => {
    // The same words stated plainly on one side and negated on the other conflict...
    assert.deepEqual(conflictKinds('The visitor wants to see the old harbour.', 'The visitor does not want to see the old harbour.'), ['negation']);
    // ...but not when either side only asks or supposes it.
    assert.deepEqual(conflictKinds('They asked whether the visitor wants to see the old harbour.', 'The visitor does not want to see the old harbour.'), []);
    assert.deepEqual(conflictKinds('The visitor wants to see the old harbour.', 'If the visitor does not want to see the old harbour, we can skip it.'), []);
  });

  it('reads a negated light verb as denying the having, not the noun after it', () => {
    // "don't have the harbour model" denies having one...
    assert.deepEqual(conflictKinds('The team has the harbour model ready.', 'The team does not have the harbour model ready.'), ['negation']);
    // ...and says nothing against a sentence that only needs one.
    assert.deepEqual(conflictKinds('The team discussed the need for a harbour model.', 'The team does not have the harbour model yet.'), []);
    // Auxiliaries before a verb are no light verb: "has not been confirmed" denies the confirming.
    assert.deepEqual(conflictKinds('The harbour plan, confirmed by the ministry, opens in May.', 'The harbour plan has not been confirmed by the ministry.'), [
      'negation',
    ]);
  });

  it('reads "failed to make progress" as no progress, so it agrees with "made no progress"', () => {
    assert.deepEqual(
      conflictKinds('The harbour talks made no progress on the new budget.', 'The harbour talks had failed to make progress on the new budget.'),
      [],
    );
    assert.deepEqual(conflictKinds('The harbour talks made no progress on the new budget.', 'The harbour talks made progress on the new budget.'), [
      'negation',
    ]);
  });

  it('reads "none of the firms ... took" as denying the taking, not the firms', () => {
    // The source names the firms plainly and says nothing of what they took.
    assert.deepEqual(
      conflictKinds(
        'None of the firms they approached have taken on their products.',
        'They were turned away by the firms they approached with their products.',
      ),
      [],
    );
    assert.deepEqual(conflictKinds('None of the firms they approached took on their products.', 'The firms they approached took on their products.'), [
      'negation',
    ]);
    assert.deepEqual(conflictKinds('None of them took on the products.', 'They took on the products.'), ['negation']);
  });

  it('counts a negation the source quotes as the source saying it ("said: “We will not close ...”")', () => {
    assert.deepEqual(
      conflictKinds('The mayor said he will not close the harbour to ferries.', 'The mayor said: "We will not close the harbour to ferries."'),
      [],
    );
  });

  it('reads "rather than", "instead of" and "-free" as denials, so a claim that denies the same word agrees', () => {
    const claim = 'The coach has not walked the walk.';
    assert.deepEqual(conflictKinds(claim, 'The coach has been talking the talk, rather than walking the walk.'), []);
    assert.deepEqual(conflictKinds(claim, 'The coach has been talking the talk instead of walking the walk.'), []);
    assert.deepEqual(conflictKinds(claim, 'The coach has been walking the walk.'), ['negation']);
    const trial = 'They offer a 30-day trial with no risk to the buyer.';
    assert.deepEqual(conflictKinds(trial, 'Try our 30-day risk-free trial today, buyer.'), []);
    assert.deepEqual(conflictKinds(trial, 'Try our 30-day risk trial today, buyer.'), ['negation']);
  });

  it('reads "failed to make progress" as a denial either way: it contradicts "made progress" and agrees with "made no progress"', () => {
    assert.deepEqual(conflictsFound('The summit made progress on denuclearisation.', 'The summit had failed to make progress on denuclearisation.'), [
      ['negation', 'made', undefined],
    ]);
    assert.deepEqual(conflictsFound('The summit failed to make progress on denuclearisation.', 'The summit made progress on denuclearisation.'), [
      ['negation', 'failed', undefined],
    ]);
    assert.deepEqual(conflictKinds('The summit failed to make progress on denuclearisation.', 'The summit made no progress on denuclearisation.'), []);
  });

  it('reads a hyphen inside a word ("U.S.-led") as no clause break around the negated word', () => {
    assert.deepEqual(
      conflictKinds('China has not blocked US-led efforts at the UN.', 'Russia, along with China, has repeatedly blocked U.S.-led efforts at the UN.'),
      ['negation'],
    );
  });
});
