import * as assert from 'node:assert/strict';
import { alignWords } from '../../server/src/core/verdict/align';
import { analyseSentence } from './helpers';

const kinds = (claim: string, sources: string[], options = {}): Record<string, string> =>
  Object.fromEntries(
    alignWords(
      analyseSentence(claim),
      sources.map((s) => analyseSentence(s)),
      options,
    ).map((l) => [l.token.text, l.kind]),
  );

describe('align: words of a claim against its evidence', () => {
  it('links the same stem, a synonym and a derivation, and leaves a new word unaligned', () => {
    const k = kinds('The big delegation was cancelled by the mayor.', ['A large delegation was cancelled by the board.']);
    assert.equal(k.big, 'synonym');
    assert.equal(k.delegation, 'same');
    assert.equal(k.cancelled, 'same');
    assert.equal(k.mayor, 'none');
    // A board is a kind of committee: the source's word entails the claim's.
    assert.equal(kinds('It was cancelled by the committee.', ['It was cancelled by the board.']).committee, 'hypernym');
    // "meeting" and "meet" share a stem: the same word, before any derivation.
    assert.equal(kinds('The meeting was cancelled.', ['They did not meet.']).meeting, 'same');
  });

  it('marks a word the document uses elsewhere', () => {
    const k = kinds('The committee cancelled the meeting.', ['The meeting was cancelled.'], { documentHas: (s: string) => s === 'committe' });
    assert.equal(k.committee, 'elsewhere');
  });

  it('leaves values, names and quotations to the comparison', () => {
    const links = alignWords(analyseSentence('Kim met Putin in 2019 and said "we are friends".'), [analyseSentence('Kim met Putin in 2019.')]);
    assert.deepEqual(
      links.map((l) => l.token.text),
      ['met'],
    );
  });

  it('finds the word a near-verbatim claim replaced, even when another sentence has the claim word', () => {
    const links = alignWords(analyseSentence('Abendanon was man of the match in the Clermont loss over Northampton.'), [
      analyseSentence('Abendanon was man of the match in the Clermont win over Northampton.'),
      analyseSentence('The loss of the captain hurt the visitors.'),
    ]);
    const loss = links.find((l) => l.token.text === 'loss')!;
    assert.equal(loss.slot, true);
    assert.equal(loss.to?.text, 'win');
    assert.notEqual(loss.kind, 'same');
  });

  it('marks a sister term in the same slot as standing in its place', () => {
    const links = alignWords(analyseSentence('Last year, health officials traced the ice cream to a plant.'), [
      analyseSentence('Last month, health officials traced the ice cream to a plant.'),
    ]);
    const year = links.find((l) => l.token.text === 'year')!;
    assert.equal(year.kind, 'cohyponym');
    assert.equal(year.slot, true);
  });

  it('links a near spelling of a slip or a variant, not one dictionary word to another ("staged" is no "staff")', () => {
    // The near matcher as the checker gives it: corpus stems close in spelling to a stem the corpus lacks.
    const variants: Record<string, string> = { stag: 'staff', comitte: 'committe' };
    const near = (stem: string): Map<string, number> => new Map(variants[stem] ? [[variants[stem], 0.8]] : []);
    assert.equal(kinds('The troupe staged the play.', ['The staff rehearsed the play.'], { near }).staged, 'none');
    assert.equal(kinds('The comittee rehearsed the play.', ['The committee rehearsed the play.'], { near }).comittee, 'near');
  });
  it('links a plural noun by the senses of its own ("talks" are negotiations), not only its singular\'s', () => {
    assert.equal(kinds('The arms talks between them are advancing.', ['The arms negotiations between them are advancing.']).talks, 'synonym');
    // A plural with no senses of its own is its singular.
    assert.equal(kinds('The boards cancelled it.', ['The committee cancelled it.']).boards, 'hyponym');
  });
});
