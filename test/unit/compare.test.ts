import { strict as assert } from 'node:assert';
import { compare, compareQuote, sameEntity, sameValue } from '../../server/src/core/verdict/compare';
import { compareSet } from '../../server/src/core/verdict/evidence';
import { directionOf } from '../../server/src/core/analysis/direction';
import type { Entity } from '../../server/src/core/analysis/facts';
import type { Value } from '../../server/src/core/analysis/values';
import { analyseSentence, onlyValue } from './helpers';

function entity(text: string, key?: string): Entity {
  const e = analyseSentence(text).entities.find((x) => key === undefined || x.key === key);
  if (!e) throw new Error(`no entity in ${text}`);
  return e;
}

const same = (a: Value, b: Value): boolean => sameValue(a, b);

describe('compare: sameValue', () => {
  it('treats "Sept. 13" and "September 13" as the same date', () => {
    assert.ok(same(onlyValue('They met on Sept. 13 in Moscow.', 'date'), onlyValue('They met on September 13 in Moscow.', 'date')));
  });

  it('treats "September 13" and "September 15" as different dates', () => {
    assert.ok(!same(onlyValue('They met on September 13 in Moscow.', 'date'), onlyValue('They met on September 15 in Moscow.', 'date')));
  });

  it('treats dates with different years as different, and a missing year as compatible', () => {
    const a = onlyValue('They met on September 13, 2019 in Moscow.', 'date');
    const b = onlyValue('They met on September 13, 2018 in Moscow.', 'date');
    const c = onlyValue('They met on September 13 in Moscow.', 'date');
    assert.ok(!same(a, b));
    assert.ok(same(c, a));
  });

  it('treats "$600 million" and "$600m" as the same amount', () => {
    assert.ok(same(onlyValue('The deal was worth $600 million to the firm.', 'money'), onlyValue('The deal was worth $600m to the firm.', 'money')));
  });

  it('treats "$600 million" and "$700 million" as different amounts', () => {
    assert.ok(!same(onlyValue('The deal was worth $600 million to the firm.', 'money'), onlyValue('The deal was worth $700 million to the firm.', 'money')));
  });

  it('treats dollars and pounds of the same amount as different money', () => {
    assert.ok(!same(onlyValue('The ticket cost $20 at the door.', 'money'), onlyValue('The ticket cost £20 at the door.', 'money')));
  });

  it('treats "three" and "3" as the same number, and 3 and 4 as different', () => {
    const three = onlyValue('Three soldiers were wounded.', 'number');
    assert.ok(same(three, onlyValue('3 soldiers were wounded.', 'number')));
    assert.ok(!same(three, onlyValue('4 soldiers were wounded.', 'number')));
  });

  it('treats the same count of different things as different numbers', () => {
    assert.ok(!same(onlyValue('Three soldiers were wounded.', 'number'), onlyValue('Three tanks were destroyed.', 'number')));
  });

  it('treats "5%" and "5 per cent" as the same percentage, 5% and 6% as different', () => {
    const a = onlyValue('Prices rose 5% last year.', 'percent');
    assert.ok(same(a, onlyValue('Prices rose 5 per cent last year.', 'percent')));
    assert.ok(!same(a, onlyValue('Prices rose 6% last year.', 'percent')));
  });

  it('treats a year inside a source range as the same year', () => {
    const range = onlyValue('The war lasted from 1950 to 1953.', 'yearRange');
    assert.ok(same(onlyValue('The war ended in 1953.', 'year'), range));
    assert.ok(!same(onlyValue('The war ended in 1954.', 'year'), range));
  });

  it('treats "1950-1953", "1950–53" and "from 1950 to 1953" as the same range', () => {
    const a = onlyValue('The war lasted 1950-1953.', 'yearRange');
    assert.ok(same(a, onlyValue('The war lasted 1950–53.', 'yearRange')));
    assert.ok(same(a, onlyValue('The war lasted from 1950 to 1953.', 'yearRange')));
    assert.ok(!same(a, onlyValue('The war lasted 1950-1952.', 'yearRange')));
  });

  it('treats a year of a decade as the decade ("the 1990s" holds 1994)', () => {
    const decade = onlyValue('The Soviet Union collapsed in the 1990s.', 'decade');
    assert.ok(same(decade, onlyValue('The Soviet Union collapsed in 1994.', 'year')));
    assert.ok(!same(decade, onlyValue('The Soviet Union collapsed in 1989.', 'year')));
  });

  it('treats a year as stated by a dated source month but not by a relative "last month"', () => {
    const year = onlyValue('They met in 2023 in Moscow.', 'year');
    assert.ok(same(year, onlyValue('They met in June 2023 in Moscow.', 'month')));
    assert.ok(!same(year, onlyValue('They met last month in Moscow.', 'month', '2023-09-05')));
  });

  it('treats "last month" in a September document as August', () => {
    const rel = onlyValue('They met last month in Moscow.', 'month', '2023-09-05');
    assert.ok(same(onlyValue('They met in August in Moscow.', 'month', '2023-09-05'), rel));
    assert.ok(!same(onlyValue('They met in July in Moscow.', 'month', '2023-09-05'), rel));
  });

  it('treats a weekday as the same as a date that falls on it', () => {
    // September 4, 2023 was a Monday.
    const monday = onlyValue('They met on Monday in Moscow.', 'weekday');
    assert.ok(same(monday, onlyValue('They met on September 4, 2023 in Moscow.', 'date')));
    assert.ok(!same(monday, onlyValue('They met on September 5, 2023 in Moscow.', 'date')));
  });

  it('treats ordinals by number', () => {
    assert.ok(same(onlyValue('It was the third summit between them.', 'ordinal'), onlyValue('It was the 3rd summit between them.', 'ordinal')));
    assert.ok(!same(onlyValue('It was the third summit between them.', 'ordinal'), onlyValue('It was the fourth summit between them.', 'ordinal')));
  });
});

describe('compare: sameEntity', () => {
  it('treats UK, Britain and U.K. as the same place', () => {
    const uk = entity('The UK sent troops abroad.', 'gbr');
    assert.ok(sameEntity(uk, entity('Britain sent troops abroad.', 'gbr')));
    assert.ok(sameEntity(uk, entity('The U.K. sent troops abroad.', 'gbr')));
  });

  it('treats DPRK and North Korea as the same place', () => {
    assert.ok(sameEntity(entity('The DPRK tested a missile on its coast.', 'prk'), entity('North Korea tested a missile on its coast.', 'prk')));
  });

  it('treats a demonym as its country ("Russian" = Russia)', () => {
    assert.ok(sameEntity(entity('They met in the Russian city of Vladivostok.', 'rus'), entity('They met in Russia last year.', 'rus')));
  });

  it('treats a capital as standing for its country', () => {
    const pyongyang = analyseSentence('Officials in Pyongyang denied the report on Monday.').entities.find((e) => e.text === 'Pyongyang');
    assert.ok(pyongyang);
    assert.ok(sameEntity(pyongyang, entity('North Korea denied the report on Monday.', 'prk')));
    assert.ok(!sameEntity(pyongyang, entity('Russia denied the report on Monday.', 'rus')));
  });

  it('treats different countries as different places', () => {
    assert.ok(!sameEntity(entity('They met in Russia last year.', 'rus'), entity('They met in China last year.', 'chn')));
  });

  it('treats a surname as the same person as the full name, and other names as different', () => {
    const full = entity('Vladimir Putin met reporters.');
    assert.ok(sameEntity(entity('Putin met reporters.'), full));
    assert.ok(!sameEntity(entity('Xi met reporters.'), full));
  });
});

describe('compare: compareQuote', () => {
  const quoteOf = (text: string) => {
    const a = analyseSentence(text);
    return { q: a.quotes[0], a };
  };

  it('finds a misquote and points at the changed word ("join hands" vs "hold hands")', () => {
    const claimText = 'Kim vowed to "join hands" with Putin.';
    const c = quoteOf(claimText);
    const s = quoteOf('Kim vowed to "hold hands" with Putin.');
    const r = compareQuote(c.q, s.q, s.a.text, s.a.start);
    assert.ok(r);
    assert.equal(r.same, false);
    assert.equal(r.conflicts.length, 1);
    assert.deepEqual(
      { kind: r.conflicts[0].kind, found: r.conflicts[0].found, expected: r.conflicts[0].expected },
      { kind: 'quote', found: 'join', expected: 'hold' },
    );
    assert.equal(claimText.slice(r.conflicts[0].start, r.conflicts[0].end), 'join');
  });

  it('accepts an exact quotation', () => {
    const c = quoteOf('Kim vowed to "hold hands" with Putin.');
    const s = quoteOf('In June Kim vowed to "hold hands" with Mr Putin.');
    assert.deepEqual(compareQuote(c.q, s.q, s.a.text, s.a.start), { same: true, conflicts: [] });
  });

  it('accepts quoting part of a longer quotation', () => {
    const c = quoteOf('Kim said "strategic cooperation" mattered.');
    const s = quoteOf('Kim said "we will bolster strategic cooperation with Russia" on Monday.');
    assert.deepEqual(compareQuote(c.q, s.q, s.a.text, s.a.start), { same: true, conflicts: [] });
  });

  it('treats an unrelated quotation as unrelated (undefined)', () => {
    const c = quoteOf('Kim said "the harvest was good" on Monday.');
    const s = quoteOf('Putin said "sanctions will fail" on Monday.');
    assert.equal(compareQuote(c.q, s.q, s.a.text, s.a.start), undefined);
  });
});

describe('compare: compare()', () => {
  it('reports a differing year in the same slot as a year conflict', () => {
    const c = analyseSentence('Kim met Putin in 2018 in Vladivostok.');
    const s = analyseSentence('Kim met Putin in 2019 in Vladivostok.');
    const r = compare(c, s, []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['year', '2018', '2019']],
    );
  });

  it('points at the differing end of a year range only', () => {
    const text = 'The war lasted from 1950 to 1952.';
    const r = compare(analyseSentence(text), analyseSentence('The war lasted from 1950 to 1953.'), []);
    assert.equal(r.conflicts.length, 1);
    assert.deepEqual([r.conflicts[0].found, r.conflicts[0].expected], ['1952', '1953']);
    assert.equal(text.slice(r.conflicts[0].start, r.conflicts[0].end), '1952');
  });

  it('points at the whole date when a date has the same month but another day', () => {
    const text = 'They met on Sept. 15 in Moscow.';
    const r = compare(analyseSentence(text), analyseSentence('They met on September 13 in Moscow.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['date', 'Sept. 15', 'September 13']],
    );
    assert.equal(text.slice(r.conflicts[0].start, r.conflicts[0].end), 'Sept. 15');
  });

  it('finds support for a value in a neighbouring sentence of the source', () => {
    const c = analyseSentence('Kim met Putin in 2019.');
    const s = analyseSentence('Kim met Putin in Vladivostok.');
    const ctx = [analyseSentence('The meeting took place in 2019.')];
    assert.equal(compare(c, s, []).novel.length, 1);
    assert.equal(compare(c, s, ctx).novel.length, 0);
  });

  it('marks first-time vs second-time as another event', () => {
    const r = compare(analyseSentence('Kim met Putin for the second time in 2018.'), analyseSentence('Kim met Putin for the first time in 2019.'), []);
    assert.equal(r.otherEvent, true);
  });

  it('marks a modal source as hypothetical for a factual claim', () => {
    const r = compare(analyseSentence('Kim met Putin in Moscow.'), analyseSentence('Kim may meet Putin in Moscow.'), []);
    assert.equal(r.hypothetical, true);
    assert.equal(compare(analyseSentence('Kim met Putin in Moscow.'), analyseSentence('Kim met Putin in Moscow.'), []).hypothetical, false);
  });

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

  it('compares the end of an interval whose start the source states the same way', () => {
    const r = compare(
      analyseSentence('The forum in Vladivostok runs from Sunday until Sept. 15.'),
      analyseSentence('Vladivostok is hosting the forum from Sunday to Sept. 13 on the campus.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['date', 'Sept. 15', 'Sept. 13']],
    );
    // Without the shared start, a date after "until" in another frame is only unconfirmed.
    const alone = compare(
      analyseSentence('The forum in Vladivostok runs until Sept. 15.'),
      analyseSentence('Vladivostok is hosting the forum from Monday to Sept. 13 on the campus.'),
      [],
    );
    assert.deepEqual(alone.conflicts, []);
  });

  it('counts "70 years since" as the "70th anniversary"', () => {
    assert.ok(
      same(
        onlyValue('The ceremony marks 70 years since the end of the war.', 'number'),
        onlyValue('The ceremony marks the 70th anniversary of the end of the war.', 'ordinal'),
      ),
    );
    assert.ok(
      same(
        onlyValue('The ceremony marks the 70th anniversary of the end of the war.', 'ordinal'),
        onlyValue('The ceremony marks 70 years since the end of the war.', 'number'),
      ),
    );
    assert.ok(
      !same(
        onlyValue('The ceremony marks 60 years since the end of the war.', 'number'),
        onlyValue('The ceremony marks the 70th anniversary of the end of the war.', 'ordinal'),
      ),
    );
    assert.ok(
      !same(onlyValue('The ceremony drew 70 people.', 'number'), onlyValue('The ceremony marks the 70th anniversary of the end of the war.', 'ordinal')),
    );
  });

  it('reports another destination in the slot only when a word of the event is around it, not merely a name', () => {
    const r = compare(analyseSentence('The envoy flew to Seoul for the talks.'), analyseSentence('The envoy flew to Pyongyang for the talks.'), []);
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['place', 'Seoul', 'Pyongyang']],
    );
    // The claim's speaker citing someone else's visit says nothing of her own trip.
    const cited = compare(
      analyseSentence('Thomas-Greenfield flew to Seoul to brief officials.'),
      analyseSentence('Thomas-Greenfield said, citing a visit to Pyongyang by the minister.'),
      [],
    );
    assert.deepEqual(cited.conflicts, []);
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

  it('reports a different place in the same slot as a place conflict', () => {
    const r = compare(
      analyseSentence('The leaders held their summit in China last autumn.'),
      analyseSentence('The leaders held their summit in Russia last autumn.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['place', 'China', 'Russia']],
    );
  });
});
