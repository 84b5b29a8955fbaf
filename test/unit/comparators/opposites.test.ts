import { strict as assert } from 'node:assert';
import { compare } from '../../../server/src/core/verdict/compare';
import { directionOf } from '../../../server/src/core/analysis/direction';
import { analyseSentence, conflictKinds, conflictsFound } from '../helpers';

describe('comparators: opposites', () => {
  it('reports an event placed before what the source places it after, and not one placed the same way', () => {
    const r = compare(
      analyseSentence('She crashed into the lake just after 4pm on Wednesday.'),
      analyseSentence('She crashed into the lake just before 4pm on Wednesday.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['antonym', 'after', 'before']],
    );
    const ahead = compare(analyseSentence('The ministers met after the summit.'), analyseSentence('The ministers met ahead of the summit.'), []);
    assert.deepEqual(
      ahead.conflicts.map((x) => [x.kind, x.expected]),
      [['antonym', 'ahead of']],
    );
    assert.deepEqual(
      compare(analyseSentence('The ministers met before the summit.'), analyseSentence('The ministers met ahead of the summit.'), []).conflicts,
      [],
    );
    // Ordered against another event, "after" says nothing against "before".
    assert.deepEqual(
      compare(analyseSentence('The ministers met after the summit.'), analyseSentence('The ministers met before the election.'), []).conflicts,
      [],
    );
  });

  it('takes no part of a hyphenated compound for an opposite', () => {
    const r = compare(
      analyseSentence('The striker scored against England in the recent friendly.'),
      analyseSentence('The 29-year-old scored against England in the friendly on Tuesday.'),
      [],
    );
    assert.deepEqual(r.conflicts, []);
  });

  it("reports change verbs of opposite direction (from WordNet) in one slot, unless the source also says the claim's direction", () => {
    const r = compare(
      analyseSentence("As China's friendship with North Korea strengthens, finding patrons is crucial."),
      analyseSentence('As Chinese friendship wanes, finding patrons is crucial.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['antonym', 'strengthens', 'wanes']],
    );
    const both = compare(
      analyseSentence('The system helps reduce energy usage and carbon footprint.'),
      analyseSentence('The system focuses on minimizing energy usage and enhancing building operations.'),
      [],
    );
    assert.deepEqual(both.conflicts, []);
    assert.deepEqual(['wane', 'shrink', 'weaken', 'strengthen', 'deepen', 'expand', 'meet', 'optimize'].map(directionOf), [-1, -1, -1, 1, 1, 1, 0, 0]);
  });

  it('reports an antonym in the same slot', () => {
    const r = compare(analyseSentence('The senator was supporting the trade agreement.'), analyseSentence('The senator was opposing the trade agreement.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['antonym', 'supporting', 'opposing']],
    );
  });

  it('reads a form that is a word in its own right as that word: "latest" is no opposite of "newest"', () => {
    const r = compare(analyseSentence('The email presents their latest product line.'), analyseSentence('The email presents our newest product line.'), []);
    assert.deepEqual(r.conflicts, []);
  });

  it('reads a bare verb form between a determiner and a noun as the adjective it is: "a relatively cool partnership" is opposite "warm"', () => {
    // The tagger takes this "cool" for a verb; across parts of speech WordNet gives no opposites.
    assert.deepEqual(conflictsFound('The two firms were relatively warm partners at first.', 'The two firms began as a relatively cool partnership.'), [
      ['antonym', 'warm', 'cool'],
    ]);
  });

  it('reads a participle between a determiner or an adjective and its noun as describing the noun: "other abandoned sick animals" is no act opposite "helps"', () => {
    assert.deepEqual(
      conflictKinds('After recovering, the cat now helps other sick animals.', 'After recovering, the cat is now nursing other abandoned sick animals.'),
      [],
    );
    assert.deepEqual(conflictsFound('After recovering, the cat now helps other sick animals.', 'After recovering, the cat now abandons other sick animals.'), [
      ['antonym', 'helps', 'abandons'],
    ]);
  });

  it('takes no aim for an opposite of a fact: "vowed to keep the lingo alive" does not deny it "is being lost", "managed to keep" does', () => {
    const claim = 'Two mates believe Aussie lingo is being lost to imported words.';
    assert.deepEqual(conflictKinds(claim, 'Two mates have vowed to keep Aussie lingo alive against imported words.'), []);
    assert.deepEqual(conflictsFound(claim, 'Two mates have managed to keep Aussie lingo alive against imported words.'), [['antonym', 'lost', 'keep']]);
  });

  it('reads two relatives of one person as two people ("his brother" / "his uncle", "Kim\'s father" / "[Kim\'s] grandfather"), and "a man" as no relative', () => {
    assert.deepEqual(conflictsFound('Kim ordered the execution of his brother, Jang Song Taek.', 'Kim ordered the execution of his uncle, Jang Song Taek.'), [
      ['entity', 'brother', 'uncle'],
    ]);
    assert.deepEqual(conflictsFound("Stalin backed Kim's father's invasion of the South.", "Stalin backed [Kim's] grandfather's invasion of the South."), [
      ['entity', 'father', 'grandfather'],
    ]);
    assert.deepEqual(conflictKinds("Kim's brother met the envoy in Beijing.", "Kim's uncle's brother met the envoy in Beijing."), []);
    assert.deepEqual(conflictKinds('A man was arrested in Seoul on Monday.', 'Her husband was arrested in Seoul on Monday.'), []);
  });

  it('reports inside for outside and above for below as opposite places of one thing, and before for inside as no pair', () => {
    assert.deepEqual(conflictKinds('About 40 families live just outside the old quarry.', 'About 40 families live inside the old quarry.'), ['antonym']);
    assert.deepEqual(conflictKinds('The flat is above the bakery on Mill Street.', 'The flat is below the bakery on Mill Street.'), ['antonym']);
    assert.deepEqual(conflictKinds('They met inside the station.', 'They met before the station opened.'), []);
  });

  it('lets another member of a closed class among the same words outweigh a mention of the claim\'s word nearby ("murder" / "manslaughter")', () => {
    const claim = analyseSentence('The driver pleaded guilty to murder over the crash.');
    const neighbour = [analyseSentence('He was first charged with murder.')];
    assert.deepEqual(
      compare(claim, analyseSentence('The driver pleaded guilty to manslaughter over the crash.'), neighbour).conflicts.map((x) => [x.found, x.expected]),
      [['murder', 'manslaughter']],
    );
    // A member elsewhere in the sentence is no rival: the neighbour's mention confirms.
    assert.deepEqual(
      compare(claim, analyseSentence('Manslaughter charges are rare in such cases, a lawyer said, but the driver pleaded guilty over the crash.'), neighbour)
        .conflicts,
      [],
    );
  });

  it('reads "up" and "down" before an amount, and "above" and "below" before a sum, as opposites, and "set up" / "shut down" as no pair', () => {
    assert.deepEqual(conflictKinds('Earnings per share were $3.50, down 40.6% from last year.', 'Earnings per share were $3.50, up 40.6% from last year.'), [
      'antonym',
    ]);
    assert.deepEqual(conflictKinds('They aim to keep net debt above $25 billion.', 'They expect net debt to fall below $25 billion.'), ['antonym']);
    assert.deepEqual(conflictKinds('They set up the bakery in 2010.', 'They shut down the bakery in 2010.'), []);
  });

  it('reads the bounds of an amount ("more than 100", "at least 100" / "fewer than 100", "under 100") as opposites, and two lower bounds as none', () => {
    assert.deepEqual(conflictKinds('More than 100 people were hurt in the blast.', 'Fewer than 100 people were hurt in the blast.'), ['antonym']);
    assert.deepEqual(conflictKinds('At least 100 people were hurt in the blast.', 'Under 100 people were hurt in the blast.'), ['antonym']);
    assert.deepEqual(conflictKinds('More than 100 people were hurt in the blast.', 'Over 100 people were hurt in the blast.'), []);
  });

  it('sets one means of travel against another ("by plane" / "by armored train"), but not a kind against its own kind', () => {
    assert.deepEqual(conflictsFound('Kim would travel to Vladivostok by plane.', 'Kim would travel to Vladivostok by armored train.'), [
      ['entity', 'plane', 'train'],
    ]);
    assert.deepEqual(conflictKinds('Kim would travel to Vladivostok by jet.', 'Kim would travel to Vladivostok by plane.'), []);
  });

  it('takes a verb whose first sense is an opposite\'s as opposed, right among the same words ("continue" / "cease")', () => {
    assert.deepEqual(
      conflictsFound('The US urged North Korea to continue its arms negotiations.', 'The US urged North Korea to cease its arms negotiations.'),
      [['antonym', 'continue', 'cease']],
    );
    // Only beside the same words: an opposite a step away does not stand for a slot it merely shares words with.
    assert.deepEqual(
      conflictKinds(
        'Keith reminds him that others may also want to join in, and eventually denies Alex any more fish.',
        'Keith: We have a few servings of fish extra from this morning if you want to join and chip in let me know, first come first serve.',
      ),
      [],
    );
  });

  it('sets a degree word against its opposite before the same word ("the least militarised" / "the most militarised")', () => {
    assert.deepEqual(
      conflictsFound(
        'North Korea is one of the least militarised countries in the world.',
        'North Korea is one of the most militarised countries in the world.',
      ),
      [['antonym', 'least', 'most']],
    );
    assert.deepEqual(conflictKinds('China has grown less tolerant of the tests.', 'China has grown more tolerant of the tests.'), ['antonym']);
    assert.deepEqual(conflictKinds('China has grown more tolerant of the tests.', 'China has grown more tolerant of the tests, and less patient.'), []);
  });
});
