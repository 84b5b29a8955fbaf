import { strict as assert } from 'node:assert';
import { compare } from '../../../server/src/core/verdict/compare';
import { sameValue } from '../../../server/src/core/verdict/comparators/values';
import { compareSet } from '../../../server/src/core/verdict/evidence';
import type { Value } from '../../../server/src/core/analysis/values';
import { analyseSentence, compareSentences, conflictKinds, conflictsFound, onlyValue } from '../helpers';

const same = (a: Value, b: Value): boolean => sameValue(a, b);

/** The conflicts of a claim against an evidence set (primary first, no neighbours), as [kind, found, expected]. */
const setConflicts = (claim: string, ...sentences: string[]): (string | undefined)[][] =>
  compareSet(
    analyseSentence(claim),
    sentences.map((x) => analyseSentence(x)),
    sentences.map(() => []),
  ).conflicts.map((x) => [x.kind, x.found, x.expected]);

describe('comparators: values', () => {
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

  it('does not set a rate against an amount: "every 10 minutes" is not the length of "a 30-minute session"', () => {
    assert.deepEqual(conflictKinds('The coach led a 30-minute breathing session.', 'The coach checked in every 10 minutes of the breathing session.'), []);
    assert.deepEqual(
      conflictKinds('The coach checked in every 30 minutes of the breathing session.', 'The coach checked in every 10 minutes of the breathing session.'),
      ['number'],
    );
  });

  it('puts two ranks by one quality in one slot, whatever noun each counts ("third most powerful figure" / "second most powerful man")', () => {
    const r = compare(
      analyseSentence('The harbour master was once the third most powerful figure in the port.'),
      analyseSentence('The harbour master was the second most powerful man in the port.'),
      [],
    );
    assert.deepEqual(
      r.conflicts.map((x) => [x.kind, x.found, x.expected]),
      [['ordinal', 'third', 'second']],
    );
    // Ranks by different qualities count different things.
    assert.deepEqual(
      compare(
        analyseSentence('The harbour is the third busiest port in the region.'),
        analyseSentence('The harbour is the second oldest port in the region.'),
        [],
      ).conflicts,
      [],
    );
  });

  it('takes a count that restates the list after it as said by the list ("the 3 products - Alpha, Beta and Gamma")', () => {
    const r = compare(
      analyseSentence('The firm sells the 3 harbour products - Alphaline, Betaline and Gammaline - to ports.'),
      analyseSentence('The firm sells Alphaline, Betaline and Gammaline to ports.'),
      [],
    );
    assert.deepEqual(r.novel, []);
    // A count the list does not bear out is still the claim's own fact.
    const other = compare(
      analyseSentence('The firm sells the 4 harbour products - Alphaline, Betaline and Gammaline - to ports.'),
      analyseSentence('The firm sells Alphaline, Betaline and Gammaline to ports.'),
      [],
    );
    assert.deepEqual(
      other.novel.map((n) => n.text),
      ['4'],
    );
  });

  it("lifts a conflict of the primary only by a sentence that shares more than the verb with the claim value's role", () => {
    const claim = 'Sanctions against North Korea started in 1995.';
    const primary = 'Sanctions against North Korea did not start until 2006.';
    assert.deepEqual(setConflicts(claim, primary, 'The US provided $600 million in aid for food and energy starting in 1995.'), [['year', '1995', '2006']]);
    assert.deepEqual(setConflicts(claim, primary, 'Sanctions against North Korea started in 1995, officials said.'), []);
  });

  it('does not take "took steps" for the "took place" of an event: a neighbour dating the steps lifts no conflict of the meeting\'s date', () => {
    assert.deepEqual(
      setConflicts(
        "Kim's first meeting with Putin took place in 2017.",
        'He met Putin in 2019 for the first time in the Russian city of Vladivostok.',
        "After his country's most recent nuclear test in 2017, Mr Kim took steps to repair ties.",
      ),
      [['year', '2017', '2019']],
    );
  });

  it('dates the event noun that "took place" is said of ("the minister\'s visit ... took place in March" / "visited ... in June")', () => {
    const claim = "The minister's visit to the harbour, during which she toured a terminal and greeted dock workers at a ceremony, took place in March.";
    const source = 'The minister visited the harbour in June to open the terminal.';
    assert.deepEqual(conflictKinds(claim, source), ['month']);
    assert.deepEqual(conflictKinds(claim.replace('March', 'June'), source), []);
  });

  it('counts events by their noun as what the event was done to: "700 arrests" / "600 people were arrested", "700 deaths" / "600 people died"', () => {
    const source = 'About 600 people were arrested during the protests.';
    assert.deepEqual(conflictKinds('Police made 700 arrests during the protests.', source), ['number']);
    assert.deepEqual(compareSentences('Police made 600 arrests during the protests.', source).confirmed.length, 1);
    assert.deepEqual(conflictKinds('The floods caused 700 deaths in the region.', 'About 600 people died in the floods in the region.'), ['number']);
  });

  it('reads a bound or a hedge before an amount: "more than $500 million" is true of $600 million, an exact claim is not confirmed by a bound, two thresholds must be equal', () => {
    const source = 'The US provided $600 million in aid for food and energy.';
    assert.deepEqual(conflictKinds('The US provided more than $500 million in aid for food and energy.', source), []);
    assert.deepEqual(conflictKinds('The US provided nearly $620 million in aid for food and energy.', source), []);
    assert.deepEqual(conflictKinds('The US provided more than $700 million in aid for food and energy.', source), ['money']);
    assert.deepEqual(conflictKinds('The US provided fewer than $500 million in aid for food and energy.', source), ['money']);
    // A bound of the source's admits the claim's amount without stating it.
    const claim = 'The US provided $600 million in aid for food and energy.';
    const bounded = compareSentences(claim, 'The US provided more than $500 million in aid for food and energy.');
    const money = claim.indexOf('$600');
    assert.deepEqual([bounded.conflicts.length, bounded.confirmed.some((f) => f.start === money)], [0, false]);
    assert.deepEqual(conflictKinds('The shop offers free shipping on orders over $50.', 'The shop offers free shipping on all orders over $100.'), ['money']);
  });

  it('reads an ordinal that opens a headline before a place as a value, not as part of a name ("Second North Korean spy satellite launch fails")', () => {
    const a = analyseSentence('Second North Korean spy satellite launch fails');
    assert.deepEqual([a.values.map((v) => [v.type, v.num]), a.entities.map((e) => e.text)], [[['ordinal', 2]], ['North Korean']]);
    // An ordinal before a common noun stays in its name.
    assert.deepEqual(
      analyseSentence('Second World War veterans met.').entities.map((e) => e.text),
      ['Second World War'],
    );
    assert.deepEqual(conflictKinds("North Korea's second spy satellite launch succeeded.", 'Second North Korean spy satellite launch fails'), ['antonym']);
  });

  it('takes ordinals in both subjects as naming two occasions, not as a wrong rank, unless another value fixes the occasion', () => {
    const other = compareSentences("North Korea's first spy satellite launch also failed.", 'Second North Korean spy satellite launch fails');
    assert.deepEqual([other.conflicts.length, other.novel.map((n) => n.text)], [0, ['first']]);
    assert.deepEqual(conflictKinds("Kim's third visit to Russia took place in 2019.", "Kim's second visit to Russia took place in 2019."), ['ordinal']);
    // An ordinal in the predicate states a fact of the event.
    assert.deepEqual(conflictKinds('Two entries won the third division share of the jackpot.', 'Two entries won the first division share of the jackpot.'), [
      'ordinal',
    ]);
  });

  it('sets one relative period against another of the same kind among the same words ("last year" / "earlier this year")', () => {
    assert.deepEqual(conflictsFound('Putin and Kim exchanged letters last year.', 'Putin and Kim exchanged letters earlier this year.'), [
      ['date', 'last year', 'this year'],
    ]);
    assert.deepEqual(conflictKinds('Putin and Kim exchanged letters this year.', 'Putin and Kim exchanged letters earlier this year.'), []);
    // Another kind of period, or the same kind said of something else, is no conflict.
    assert.deepEqual(conflictKinds('Putin and Kim exchanged letters last month.', 'Putin and Kim exchanged letters earlier this year.'), []);
    assert.deepEqual(conflictKinds('Kim will visit Russia next year.', 'Shoigu toured an arms expo this year.'), []);
    // Two kinds of period after the same word are two periods; "this" is left out ("this year" holds "last month").
    assert.deepEqual(
      conflictsFound(
        'The joint statement was delivered by Linda Thomas-Greenfield last month.',
        'Last week, Linda Thomas-Greenfield delivered a joint statement to the UN.',
      ),
      [['date', 'last month', 'last week']],
    );
    assert.deepEqual(conflictKinds('The statement was delivered this year.', 'Last month, the statement was delivered.'), []);
  });
  it('dates what a clause of "when" after a time says ("came in July, when Shoigu ... toured"), only for times', () => {
    const source = 'The clearest sign came in July, when Defence Minister Sergei Shoigu visited Pyongyang and toured a weapons exhibit.';
    assert.deepEqual(conflictsFound('Shoigu toured a weapons exhibit in Pyongyang in August.', source), [['month', 'August', 'July']]);
    assert.deepEqual(conflictKinds('Shoigu toured a weapons exhibit in Pyongyang in July.', source), []);
    // A count before "when" is no time: the clause says nothing of it.
    assert.deepEqual(
      conflictKinds('Defectors toured three weapons exhibits.', 'The clearest sign came with two defectors, when they toured a weapons exhibit.'),
      [],
    );
  });
  it('takes two verbs of one kind ("criticised" / "admonished") as one of the two words a contradicting value needs', () => {
    const source = 'In 2013, it admonished the garrison kingdom for its third nuclear test.';
    assert.deepEqual(conflictsFound("China criticised North Korea's third nuclear test in 2014.", source), [['year', '2014', '2013']]);
    // The kindred verb alone is no role: criticising a plan in 2014 is another event.
    assert.deepEqual(conflictKinds('China criticised the plan in 2014.', source), []);
  });
  it('reads a time that dates an ending or a beginning as an end of an interval ("opens on Sunday and closes on Sept. 15" / "from Sunday to Sept. 13")', () => {
    const source = 'Vladivostok is hosting the Eastern Economic Forum from Sunday to Sept. 13 on the campus.';
    assert.deepEqual(conflictsFound('The Eastern Economic Forum opens on Sunday and closes on Sept. 15.', source), [['date', 'Sept. 15', 'Sept. 13']]);
    assert.deepEqual(conflictKinds('The Eastern Economic Forum opens on Sunday and closes on Sept. 13.', source), []);
  });
});
