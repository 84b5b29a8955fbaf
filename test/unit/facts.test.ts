import { strict as assert } from 'node:assert';
import { coveredBy, isCheckWorthy, parseDocDate } from '../../server/src/core/analysis/facts';
import { normaliseWord } from '../../server/src/core/analysis/words';
import { isReportingVerb } from '../../server/src/core/analysis/reporting';
import { sentencesOf } from '../../server/src/core/analysis/nlp';
import { analyseSentence, conflictKinds, onlyValue, valuesOf } from './helpers';

describe('nlp: sentencesOf', () => {
  it('splits text into sentences whose token offsets point into the text', () => {
    const text = 'Kim met Putin in 2019. They talked for hours.';
    const ss = sentencesOf(text);
    assert.equal(ss.length, 2);
    for (const s of ss) for (const t of s.tokens) assert.equal(text.slice(t.start, t.end), t.text);
    assert.equal(text.slice(ss[1].start, ss[1].end), 'They talked for hours.');
  });

  it('does not end a sentence at a stop inside a word (a domain name), nor after abbreviations, initials or a decimal point', () => {
    const text =
      'He told ESPN.com that he would fight again. See www.example.org for more. Tecate paid $5.59 million. ' +
      'The U.S. team arrived on Sept. 15 in Las Vegas. Dr. Smith said so.';
    const got = sentencesOf(text).map((s) => text.slice(s.start, s.end));
    assert.deepEqual(got, [
      'He told ESPN.com that he would fight again.',
      'See www.example.org for more.',
      'Tecate paid $5.59 million.',
      'The U.S. team arrived on Sept. 15 in Las Vegas.',
      'Dr. Smith said so.',
    ]);
  });

  it('gives offsets relative to the whole text when analysing a slice', () => {
    const text = 'Ignore this. Kim met Putin in 2019.';
    const from = text.indexOf('Kim');
    const ss = sentencesOf(text, from);
    assert.equal(ss.length, 1);
    assert.equal(text.slice(ss[0].start, ss[0].end), 'Kim met Putin in 2019.');
  });

  it('keeps token offsets exact after emoji and curly quotes', () => {
    const text = 'The 😀 leader said “hold hands” in 2019.';
    for (const t of sentencesOf(text)[0].tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it('splits a possessive the same way whatever was read before (wink-nlp learns words as it reads)', () => {
    const words = (t: string): string[] => sentencesOf(t)[0].tokens.map((k) => k.text);
    const t = "Russia's war against Ukraine went on.";
    const before = words(t);
    assert.deepEqual(before.slice(0, 2), ['Russia', "'s"]);
    // Once wink has met "Russia's" whole (before a colon), it would keep it whole.
    sentencesOf("Weapons for Russia's: war against Ukraine.");
    assert.deepEqual(words(t), before);
    assert.deepEqual(words('The company’s shares fell.').slice(0, 3), ['The', 'company', '’s']);
  });

  it('yields no sentences for whitespace', () => {
    assert.deepEqual(sentencesOf('  \n\t '), []);
  });
});

describe('facts: years and ranges', () => {
  it('reads a scale after an article as a number ("a million shells"), and no other article', () => {
    const v = onlyValue('North Korea has shipped more than a million artillery shells.', 'number');
    assert.equal(v.num, 1e6);
    assert.equal(v.text, 'a million');
    assert.equal(onlyValue('They paid a million dollars.', 'money').num, 1e6);
    assert.deepEqual(valuesOf('He is a mentor to an old friend.'), []);
  });

  it('marks the tokens inside any of several spans, overlapping or out of order (coveredBy)', () => {
    const text = 'one two three four five six';
    const tokens = sentencesOf(text)[0].tokens;
    const at = (w: string): [number, number] => [text.indexOf(w), text.indexOf(w) + w.length];
    // "two three" and "three four" overlap; "six" comes first.
    const marks = coveredBy(tokens, [at('six'), [at('two')[0], at('three')[1]], [at('three')[0], at('four')[1]]]);
    assert.deepEqual([...marks], [0, 1, 1, 1, 0, 1]);
    assert.deepEqual([...coveredBy(tokens, [])], [0, 0, 0, 0, 0, 0]);
    // A span that covers only part of a token does not cover it.
    assert.deepEqual([...coveredBy(tokens, [[text.indexOf('five') + 1, text.length]])], [0, 0, 0, 0, 0, 1]);
  });

  it('reads a four-digit year', () => {
    const v = onlyValue('Kim met Putin in 2019.', 'year');
    assert.equal(v.num, 2019);
    assert.equal(v.text, '2019');
    assert.equal(v.prep, 'in');
  });

  it('does not read a small number as a year', () => {
    assert.equal(valuesOf('He waited 300 days.').filter((v) => v.type === 'year').length, 0);
  });

  it('reads "1950-1953" as a year range', () => {
    const v = onlyValue('The war lasted 1950-1953.', 'yearRange');
    assert.equal(v.from?.num, 1950);
    assert.equal(v.to?.num, 1953);
  });

  it('reads "1950–53" (en dash, two-digit end) as 1950 to 1953', () => {
    const text = 'The war lasted 1950–53.';
    const v = onlyValue(text, 'yearRange');
    assert.equal(v.from?.num, 1950);
    assert.equal(v.to?.num, 1953);
    // The two ends carry their own offsets, so a wrong end can be underlined alone.
    assert.equal(text.slice(v.to.start, v.to.end), '53');
    assert.equal(text.slice(v.from.start, v.from.end), '1950');
  });

  it('reads "from 1950 to 1953" as a year range', () => {
    const v = onlyValue('The war lasted from 1950 to 1953.', 'yearRange');
    assert.equal(v.from?.num, 1950);
    assert.equal(v.to?.num, 1953);
  });

  it('reads "between 1950 and 1953" as a year range but not "in 1950 and 1953"', () => {
    assert.equal(onlyValue('The war was fought between 1950 and 1953.', 'yearRange').to?.num, 1953);
    const years = valuesOf('Elections were held in 1950 and 1953.');
    assert.deepEqual(
      years.map((v) => [v.type, v.num]),
      [
        ['year', 1950],
        ['year', 1953],
      ],
    );
  });

  it('reads "the 1990s" as a decade', () => {
    const v = onlyValue('The Soviet Union collapsed in the 1990s.', 'decade');
    assert.equal(v.num, 1990);
    assert.equal(v.text, '1990s');
  });
});

describe('facts: dates, months and weekdays', () => {
  for (const [text, month, day] of [
    ['They met on Sept. 13 in Moscow.', 9, 13],
    ['They met on September 13 in Moscow.', 9, 13],
    ['They met on Jan. 31 in Moscow.', 1, 31],
  ] as const) {
    it(`reads "${text}" as month ${month}, day ${day}`, () => {
      const v = onlyValue(text, 'date');
      assert.equal(v.month, month);
      assert.equal(v.day, day);
    });
  }

  it('reads "Sept. 13" and "September 13" as the same date', () => {
    const a = onlyValue('They met on Sept. 13 in Moscow.', 'date');
    const b = onlyValue('They met on September 13 in Moscow.', 'date');
    assert.deepEqual([a.month, a.day], [b.month, b.day]);
  });

  it('reads "13 September" (day first) as a date', () => {
    const v = onlyValue('They met on 13 September in Moscow.', 'date');
    assert.equal(v.month, 9);
    assert.equal(v.day, 13);
    assert.equal(v.text, '13 September');
  });

  it('reads a date with its year ("September 13, 2023")', () => {
    const v = onlyValue('They met on September 13, 2023 in Moscow.', 'date');
    assert.deepEqual([v.year, v.month, v.day], [2023, 9, 13]);
  });

  it('reads a month with a year ("May 2019")', () => {
    const v = onlyValue('They met in May 2019.', 'month');
    assert.deepEqual([v.month, v.year], [5, 2019]);
  });

  it('reads "in June" as a month', () => {
    assert.equal(onlyValue('Kim spoke in June about the war.', 'month').month, 6);
  });

  it('does not read the modal verb "may" as the month May', () => {
    const a = analyseSentence('Kim Jong Un may meet Vladimir Putin soon.');
    assert.equal(a.values.filter((v) => v.type === 'month').length, 0);
    const b = analyseSentence('May they meet again soon.');
    assert.equal(b.values.filter((v) => v.type === 'month').length, 0);
  });

  it('reads "in May" as a month even in a sentence with a modal "may"', () => {
    const vs = valuesOf('Kim may meet Putin in May.');
    assert.deepEqual(
      vs.map((v) => [v.type, v.month]),
      [['month', 5]],
    );
  });

  it('reads a capitalised weekday as a weekday', () => {
    assert.equal(onlyValue('They met on Tuesday in Moscow.', 'weekday').weekday, 2);
  });

  it('gives a month without a year the year of the document date', () => {
    assert.equal(onlyValue('They met in June.', 'month', '2023-09-05').year, 2023);
    assert.equal(onlyValue('They met in June.', 'month').year, undefined);
  });
});

describe('facts: relative dates against the document date', () => {
  it('resolves "last month" to the month before the document date', () => {
    const v = onlyValue('They met last month in Moscow.', 'month', '2023-09-05');
    assert.deepEqual([v.year, v.month, v.relative], [2023, 8, true]);
  });

  it('resolves "last month" across a year boundary', () => {
    const v = onlyValue('They met last month in Moscow.', 'month', '2024-01-10');
    assert.deepEqual([v.year, v.month], [2023, 12]);
  });

  it('resolves "this month" to the month of the document date', () => {
    const v = onlyValue('They will meet this month in Moscow.', 'month', '2023-09-05');
    assert.deepEqual([v.year, v.month], [2023, 9]);
  });

  it('does not read "last month" as a value without a document date', () => {
    assert.equal(valuesOf('They met last month in Moscow.').length, 0);
  });

  it('resolves "on Monday" to the Monday before the document date', () => {
    // 2023-09-05 is a Tuesday: the Monday before is September 4.
    const v = onlyValue('They met on Monday in Moscow.', 'weekday', '2023-09-05');
    assert.deepEqual([v.year, v.month, v.day, v.weekday], [2023, 9, 4, 1]);
  });

  it('resolves "on Tuesday" in a Tuesday document to the week before, not the same day', () => {
    const v = onlyValue('They met on Tuesday in Moscow.', 'weekday', '2023-09-05');
    assert.deepEqual([v.month, v.day], [8, 29]);
  });

  it('resolves "next Monday" forward from the document date', () => {
    const v = onlyValue('They will meet next Monday in Moscow.', 'weekday', '2023-09-05');
    assert.deepEqual([v.month, v.day], [9, 11]);
  });

  it('parses document dates and rejects malformed ones', () => {
    assert.equal(parseDocDate('2023-09-05')?.toISOString(), '2023-09-05T00:00:00.000Z');
    assert.equal(parseDocDate('not a date'), undefined);
    assert.equal(parseDocDate(undefined), undefined);
  });
});

describe('facts: numbers, money, percentages, ordinals', () => {
  it('reads "three" and "3" as the same number', () => {
    const a = onlyValue('Three soldiers were wounded.', 'number');
    const b = onlyValue('3 soldiers were wounded.', 'number');
    assert.equal(a.num, 3);
    assert.equal(b.num, 3);
    assert.equal(a.unit, b.unit);
  });

  it('reads numbers with thousands separators and scales', () => {
    assert.equal(onlyValue('About 1,200 people attended.', 'number').num, 1200);
    assert.equal(onlyValue('About three million people attended.', 'number').num, 3e6);
    assert.equal(onlyValue('About twenty-five people attended.', 'number').num, 25);
  });

  it('records the counted noun as the unit of a number', () => {
    const v = onlyValue('Five soldiers were wounded.', 'number');
    const w = onlyValue('Five tanks were destroyed.', 'number');
    assert.ok(v.unit && w.unit && v.unit !== w.unit);
  });

  it('reads a plural the tagger takes for a verb as the counted noun right after a count', () => {
    assert.equal(onlyValue('The package includes tickets to two shows in London.', 'number').unitWord, 'show');
  });

  it('reads "last year", "this year" and "next year" as years from the document date, and nothing without one', () => {
    assert.deepEqual(
      valuesOf('Talks stalled last year and resume next year.', '2023-09-12').map((v) => [v.type, v.num, v.relative]),
      [
        ['year', 2022, true],
        ['year', 2024, true],
      ],
    );
    assert.equal(onlyValue('The visit is planned for next month.', 'month', '2023-09-12').month, 10);
    assert.deepEqual(valuesOf('Talks stalled last year and resume next year.'), []);
  });

  it('reads the modality of a reported clause as the sentence\'s ("The White House says Kim may visit")', () => {
    assert.ok(analyseSentence('The White House says Kim may make a rare trip to Russia.').qualifiers.has('modal'));
    assert.ok(analyseSentence('Officials told reporters the talks could resume.').qualifiers.has('modal'));
    assert.ok(!analyseSentence('Kim said he met Putin in Vladivostok.').qualifiers.has('modal'));
    assert.ok(!analyseSentence('Kim met Putin, who said he may visit.').qualifiers.has('modal'));
    assert.deepEqual(['say', 'tell', 'report', 'announce', 'meet', 'visit', 'seek'].map(isReportingVerb), [true, true, true, true, false, false, false]);
  });

  it('reads the modality of the clause a framing clause introduces ("It comes after the minister said the talks may resume")', () => {
    const modal = (t: string): boolean => analyseSentence(t).qualifiers.has('modal');
    assert.ok(modal('It comes after the minister said on Monday that the talks may resume.'));
    assert.ok(modal('This comes just days after the union warned that workers could strike.'));
    assert.ok(!modal('It comes after the minister said on Monday that the talks resumed.'));
    assert.ok(!modal('It came as the minister announced the talks had resumed.'));
  });

  it('reads past a gerund that is the subject ("Attending the ceremony would be ...") but not past a participle clause ("Speaking to reporters, ...")', () => {
    const modal = (t: string): boolean => analyseSentence(t).qualifiers.has('modal');
    assert.ok(modal('Attending the harbour ceremony would be the mayor’s second visit.'));
    assert.ok(!modal('Attending the harbour ceremony was the mayor’s second visit.'));
    assert.ok(!modal('Speaking to reporters, the mayor said the ferry could resume.'));
  });

  it('does not take a capitalised common word that starts the sentence and modifies a noun for a name', () => {
    const names = (t: string): string[] => analyseSentence(t).entities.map((e) => e.text);
    assert.deepEqual(names('Total expenditure would hit £300m.'), []);
    assert.deepEqual(names('Graphic images appeared on the Awards sites.'), ['Awards']);
    assert.deepEqual(names('Apple said profits rose.'), ['Apple']);
  });

  it('reads a weekday written just before a date as part of that date ("Friday, March 13")', () => {
    const d = onlyValue('The book was set for release on Friday, March 13, but was delayed.', 'date');
    assert.deepEqual([d.text, d.month, d.day, d.weekday], ['Friday, March 13', 3, 13, 5]);
    assert.equal(valuesOf('The book was set for release on Friday, March 13, but was delayed.').length, 1);
    assert.equal(valuesOf('They met on Friday and again on March 13.').length, 2);
  });

  it('does not read "at first" as a rank', () => {
    assert.deepEqual(valuesOf('Their relationship was relatively warm at first.'), []);
    assert.equal(onlyValue('She finished first in the race.', 'ordinal').num, 1);
  });

  it('does not read "which one", "the one" or "no one" as a count, but reads "one man" and "only one"', () => {
    const numbers = (t: string): string[] =>
      valuesOf(t)
        .filter((v) => v.type === 'number')
        .map((v) => v.text);
    assert.deepEqual(numbers('They were unsure which one was better.'), []);
    assert.deepEqual(numbers('The one that won was red.'), []);
    assert.deepEqual(numbers('No one was harmed.'), []);
    assert.deepEqual(numbers('One man died.'), ['One']);
    assert.deepEqual(numbers('Only one survived.'), ['one']);
  });

  it('does not read the pronoun "one of" as a count', () => {
    assert.equal(valuesOf('It is one of the largest ports.').filter((v) => v.type === 'number').length, 0);
  });

  it('does not read digits inside model names as numbers', () => {
    assert.equal(valuesOf('The Hwasong-18 missile was tested.').filter((v) => v.type === 'number' || v.type === 'year').length, 0);
  });

  it('reads "$600 million" as 600,000,000 US dollars', () => {
    const v = onlyValue('The deal was worth $600 million to the firm.', 'money');
    assert.deepEqual([v.num, v.unit], [600e6, 'USD']);
  });

  it('reads "$600m" mid-sentence as 600,000,000 US dollars', () => {
    const v = onlyValue('The deal was worth $600m to the firm.', 'money');
    assert.deepEqual([v.num, v.unit], [600e6, 'USD']);
  });

  it('reads "$600m" at the end of a sentence as 600,000,000 US dollars', () => {
    const v = onlyValue('The deal was worth $600m.', 'money');
    assert.deepEqual([v.num, v.unit, v.text], [600e6, 'USD', '$600m']);
  });

  it('reads "$5bn" and "1 million dollars" as money', () => {
    assert.equal(onlyValue('The plan costs $5bn in total.', 'money').num, 5e9);
    const v = onlyValue('He paid 1 million dollars for it.', 'money');
    assert.deepEqual([v.num, v.unit], [1e6, 'USD']);
  });

  it('reads "£20" as pounds, not dollars', () => {
    assert.equal(onlyValue('The ticket cost £20 at the door.', 'money').unit, 'GBP');
  });

  it('reads "5%", "5 percent" and "5 per cent" as 5 percent', () => {
    for (const text of ['Prices rose 5% last year.', 'Prices rose 5 percent last year.', 'Prices rose 5 per cent last year.']) {
      assert.equal(onlyValue(text, 'percent').num, 5, text);
    }
  });

  it('reads "third" and "70th" as ordinals with their counted noun', () => {
    const a = onlyValue('It was the third summit between them.', 'ordinal');
    assert.equal(a.num, 3);
    const b = onlyValue('They marked the 70th anniversary of the armistice.', 'ordinal');
    assert.equal(b.num, 70);
    assert.ok(b.unit?.startsWith('anniversar'));
  });

  it('reads "first time" as an event qualifier, not an ordinal value', () => {
    const a = analyseSentence('Kim met Putin for the first time in Vladivostok.');
    assert.equal(a.values.filter((v) => v.type === 'ordinal').length, 0);
    assert.ok(a.qualifiers.has('time:1'));
  });

  it('reads "second time" as a different qualifier from "first time"', () => {
    const a = analyseSentence('Kim met Putin for the second time in Vladivostok.');
    assert.ok(a.qualifiers.has('time:2'));
    assert.ok(!a.qualifiers.has('time:1'));
  });

  it('reads "again" as a repeated event', () => {
    assert.ok(analyseSentence('Kim met Putin again in Vladivostok.').qualifiers.has('time:again'));
  });
});

describe('facts: entities', () => {
  const keysOf = (text: string): string[] => analyseSentence(text).entities.map((e) => e.key);

  it('gives UK, Britain and U.K. the same place key', () => {
    const keys = ['The UK sent troops abroad.', 'Britain sent troops abroad.', 'The U.K. sent troops abroad.'].map((t) => keysOf(t)[0]);
    assert.deepEqual(keys, ['gbr', 'gbr', 'gbr']);
  });

  it('gives DPRK and North Korea the same place key', () => {
    assert.equal(keysOf('The DPRK tested a missile on its coast.')[0], 'prk');
    assert.equal(keysOf('North Korea tested a missile on its coast.')[0], 'prk');
  });

  it('reads the longest place name first ("North Korea", not "North")', () => {
    const e = analyseSentence('North Korea tested a missile on its coast.').entities[0];
    assert.equal(e.text, 'North Korea');
    assert.equal(e.cls, 'place');
  });

  it('reads demonyms as their country ("Russian city", "British troops")', () => {
    assert.equal(keysOf('They met in the Russian city of Vladivostok.')[0], 'rus');
    assert.equal(keysOf('British troops were sent abroad.')[0], 'gbr');
  });

  it('reads a capital as a city that can stand for its country', () => {
    const e = analyseSentence('Officials in Pyongyang denied the report on Monday.').entities.find((x) => x.text === 'Pyongyang');
    assert.ok(e);
    assert.equal(e.capitalOf, 'prk');
  });

  it('reads a run of proper nouns as one name, without titles', () => {
    const e = analyseSentence('President Vladimir Putin met reporters.').entities[0];
    assert.deepEqual(e.parts, ['vladimir', 'putin']);
    assert.equal(e.cls, 'person');
  });

  it('reads a place followed by another name as one organisation named after it, but not a demonym before a title', () => {
    const orgs = (t: string): string[][] => analyseSentence(t).entities.map((e) => [e.text, e.cls]);
    assert.deepEqual(orgs('The Washington Post first reported the trip.'), [['Washington Post', 'organisation']]);
    assert.deepEqual(orgs('He studied at Moscow State University.'), [['Moscow State University', 'organisation']]);
    assert.deepEqual(orgs('Russian Foreign Minister Sergei Lavrov spoke.'), [
      ['Russian', 'place'],
      ['Foreign Minister Sergei Lavrov', 'entity'],
    ]);
    // The place part is keyed as the place, so that its other names are the same organisation.
    assert.equal(keysOf('They blocked it at the UN Security Council.')[0], keysOf('They blocked it at the United Nations Security Council.')[0]);
    assert.deepEqual(conflictKinds('The Washington Post first reported the planned trip.', 'The New York Times first reported the planned trip.'), [
      'organisation',
    ]);
  });

  it('ends a name with the capitalised word the tagger reads as a common one, where the name closes its phrase ("Ulchi Freedom", "Key Resolve"), but not in a title', () => {
    const names = (t: string): string[] => analyseSentence(t).entities.map((e) => e.text);
    assert.deepEqual(names('The drills are called Foal Eagle and Key Resolve.').slice(-2), ['Foal Eagle', 'Key Resolve']);
    assert.deepEqual(names('North Korea urged them to call off Foal Eagle and Ulchi Freedom.').slice(-1), ['Ulchi Freedom']);
    assert.ok(!names('Putin Says Kim Will Visit Soon').includes('Putin Says'));
  });

  it('does not include the sentence-final full stop in a place name', () => {
    const text = 'Troops were sent to Britain.';
    const e = analyseSentence(text).entities.find((x) => x.key === 'gbr');
    assert.ok(e);
    assert.equal(e.text, 'Britain');
    assert.equal(text.slice(e.start, e.end), 'Britain');
  });
});

describe('facts: quotes, negation and modality', () => {
  it('finds a double-quoted passage with its words and offsets', () => {
    const text = 'Kim vowed to "hold hands" with Putin.';
    const a = analyseSentence(text);
    assert.equal(a.quotes.length, 1);
    assert.equal(a.quotes[0].text, 'hold hands');
    assert.equal(text.slice(a.quotes[0].start, a.quotes[0].end), 'hold hands');
    assert.deepEqual(
      a.quotes[0].words.map((w) => w.w),
      ['hold', 'hands'],
    );
  });

  it('finds passages in curly quotes', () => {
    assert.equal(analyseSentence('Kim vowed to “hold hands” with Putin.').quotes[0]?.text, 'hold hands');
  });

  it('finds negations outside quotations only', () => {
    assert.deepEqual(
      analyseSentence('North Korea was never reliant on Soviet aid.').negations.map((t) => t.text),
      ['never'],
    );
    assert.deepEqual(analyseSentence('Kim said "we will not give up" on Monday.').negations, []);
    assert.deepEqual(
      analyseSentence("Russia didn't join the sanctions.").negations.map((t) => t.lower),
      ["n't"],
    );
  });

  it('marks a sentence whose main verb is modal ("may meet") as hypothetical', () => {
    assert.ok(analyseSentence('Kim Jong Un may soon meet Vladimir Putin.').qualifiers.has('modal'));
    assert.ok(analyseSentence('Kim Jong Un plans to meet Vladimir Putin.').qualifiers.has('modal'));
    assert.ok(!analyseSentence('Kim Jong Un met Vladimir Putin.').qualifiers.has('modal'));
  });

  it('does not mark a sentence modal for a modal in a later clause', () => {
    assert.ok(!analyseSentence('Kim arrived in Vladivostok, where a meeting could take place.').qualifiers.has('modal'));
  });

  it('masks values out of the frame terms and keys places', () => {
    const a = analyseSentence('Kim met Putin in 2019 in the Russian city of Vladivostok.');
    assert.ok(!a.terms.some((t) => t.includes('2019')));
    assert.ok(a.terms.includes('@rus'));
    assert.ok(a.terms.includes('kim') && a.terms.includes('putin'));
  });

  it('reads a fraction before a spelled-out scale ("half a billion dollars", "a quarter of a million people")', () => {
    assert.deepEqual(
      valuesOf('The US gave half a billion dollars in aid.').map((v) => [v.type, v.text, v.num]),
      [['money', 'half a billion dollars', 5e8]],
    );
    assert.deepEqual(
      valuesOf('A quarter of a million people marched.').map((v) => [v.type, v.text, v.num]),
      [['number', 'A quarter of a million', 2.5e5]],
    );
    assert.deepEqual(
      valuesOf('It cost a million pounds.').map((v) => [v.text, v.num]),
      [['a million pounds', 1e6]],
    );
  });

  it('treats questions as not check-worthy and facts as check-worthy', () => {
    assert.equal(isCheckWorthy(analyseSentence('Did Kim meet Putin in 2019?')), false);
    assert.equal(isCheckWorthy(analyseSentence('Kim met Putin in 2019.')), true);
    assert.equal(isCheckWorthy(analyseSentence('It was nice.')), false);
  });

  it("treats a fact without names or numbers as check-worthy, but not an opinion or a writer's aside", () => {
    assert.equal(isCheckWorthy(analyseSentence('The company reported a steep decline in vaccine sales.')), true);
    assert.equal(isCheckWorthy(analyseSentence('I think the company reported a steep decline in sales.')), false);
    assert.equal(isCheckWorthy(analyseSentence('The company should explain the steep decline in its sales.')), false);
    assert.equal(isCheckWorthy(analyseSentence('We need to look at the steep decline in sales again.')), false);
  });

  it('treats an instruction to the reader as not check-worthy, even with a name in it, and a label before a colon as no instruction', () => {
    assert.equal(isCheckWorthy(analyseSentence('CLICK HERE for all the latest Premier League news.')), false);
    assert.equal(isCheckWorthy(analyseSentence('Scroll down for video of the 2019 summit.')), false);
    assert.equal(isCheckWorthy(analyseSentence('Note: the Premier League revised the figures in 2019.')), true);
    assert.equal(isCheckWorthy(analyseSentence('Sales down 5% in May at the Premier League shop.')), true);
  });

  it('normalises British and American spellings to one word', () => {
    assert.equal(normaliseWord('favour'), normaliseWord('favor'));
    assert.equal(normaliseWord('organised'), normaliseWord('organized'));
    assert.equal(normaliseWord('centre'), normaliseWord('center'));
    assert.equal(normaliseWord('neighbours'), normaliseWord('neighbors'));
    assert.equal(normaliseWord('advisor'), normaliseWord('adviser'));
  });

  it('keeps apart words that only end like a British spelling ("hour" is not "her", "tour" not "tor", "minor" not "miner")', () => {
    assert.notEqual(normaliseWord('hour'), normaliseWord('her'));
    assert.notEqual(normaliseWord('hours'), normaliseWord('hers'));
    assert.notEqual(normaliseWord('tour'), normaliseWord('tor'));
    assert.notEqual(normaliseWord('minor'), normaliseWord('miner'));
    assert.notEqual(normaliseWord('four'), normaliseWord('for'));
  });
});
