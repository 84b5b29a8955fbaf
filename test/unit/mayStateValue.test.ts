import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { sameValue } from '../../server/src/core/verdict/comparators/values';
import { analyse, parseDocDate } from '../../server/src/core/analysis/facts';
import { mayStateValue, type Value } from '../../server/src/core/analysis/values';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import { sentencesOf } from '../../server/src/core/analysis/nlp';
import { onlyValue } from './helpers';

/**
 * mayStateValue lets the checker skip analysing a neighbouring sentence that
 * cannot confirm a claim's value. It must never say "cannot" where the
 * comparison would have found the value: these tests check that over every
 * pair of equal values in a varied pool of sentences.
 */

interface Stated {
  value: Value;
  surface: string;
}

/** Every value of every sentence of `text`, with the sentence's text as a corpus stores it. */
function statedIn(text: string, docDate?: string): Stated[] {
  const out: Stated[] = [];
  for (const s of sentencesOf(text)) {
    const a = analyse(s.tokens, text, parseDocDate(docDate));
    for (const value of a.values) out.push({ value, surface: text.slice(s.start, s.end) });
  }
  return out;
}

const VARIED = [
  'The war lasted from 1950 to 1953, and the 1950–53 conflict ended in an armistice.',
  'Between 1950 and 1953 the front barely moved; by the 1990s it was a tourist site, and in the ’90s famine struck.',
  'The deal was worth $600 million, or $0.6bn, about 600,000,000 dollars, said officials on Sept. 13, 2019.',
  'Sales rose 5% to 615m euros, five per cent more than the 610 million euros of the 70th quarter.',
  'Twenty-five people and three million dollars were lost in March 2020, on 13 September and on Monday.',
  'It was the second summit; the first was held last month, and a third is due in December.',
  'About 2,828 flights and 1.5m passengers were counted in the 2019-20 season.',
  // Tokens that the text runs together: a month or number word right after a digit.
  'The summit was held on 13September 2019 and 5three delegates came on 2Monday.',
];

describe('facts: mayStateValue', () => {
  it('never rules out a sentence that states an equal value (every pair in the bundled corpus and a varied pool)', () => {
    const pool: Stated[] = [];
    for (const s of readSourceFolders([bundledCorpusDir()]).sources) pool.push(...statedIn(s.text));
    for (const t of VARIED) pool.push(...statedIn(t), ...statedIn(t, '2019-09-05'));
    let pairs = 0;
    const types = new Set<string>();
    for (const c of pool) {
      for (const s of pool) {
        if (!sameValue(c.value, s.value)) continue;
        pairs++;
        types.add(c.value.type);
        assert.ok(mayStateValue(s.surface, c.value), `${c.value.type} "${c.value.text}" is stated by: ${s.surface}`);
      }
    }
    // The pool must exercise the test: every kind of value pairs up.
    assert.ok(pairs > 300, `only ${pairs} pairs`);
    assert.deepEqual([...types].sort(), ['date', 'decade', 'money', 'month', 'number', 'ordinal', 'percent', 'weekday', 'year', 'yearRange']);
  });

  it('holds for numbers written in any of the ways the engine reads them', () => {
    const scales: [string, number][] = [
      ['', 1],
      [' million', 1e6],
      ['m', 1e6],
      [' billion', 1e9],
      ['bn', 1e9],
      [' thousand', 1e3],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: scales.length - 1 }),
        fc.integer({ min: 0, max: scales.length - 1 }),
        (n, i, j) => {
          const claim = statedIn(`The fund paid $${n}${scales[i][0]} to the town.`).find((x) => x.value.type === 'money');
          // The same amount, written with another scale where it divides evenly.
          const amount = (n * scales[i][1]) / scales[j][1];
          const source = statedIn(`Officials said $${amount}${scales[j][0]} went to the town.`).find((x) => x.value.type === 'money');
          if (!claim || !source || !sameValue(claim.value, source.value)) return;
          assert.ok(mayStateValue(source.surface, claim.value), `${claim.value.text} vs ${source.surface}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rules out sentences that cannot state the value', () => {
    assert.equal(mayStateValue('The talks ended without a deal.', onlyValue('Kim met Putin in 2019.', 'year')), false);
    assert.equal(mayStateValue('The talks ended in 2018.', onlyValue('Kim met Putin in 2019.', 'year')), false);
    assert.equal(mayStateValue('It cost $700 million.', onlyValue('It cost $600 million.', 'money')), false);
    assert.equal(mayStateValue('They met in the spring.', onlyValue('They met in September 2019.', 'month')), false);
  });

  it('keeps sentences that may state the value', () => {
    assert.equal(mayStateValue('The 2018-19 season was long.', onlyValue('The season ended in 2019.', 'year')), true);
    assert.equal(mayStateValue('It cost $0.6bn.', onlyValue('It cost $600 million.', 'money')), true);
    assert.equal(mayStateValue('It cost six hundred million dollars.', onlyValue('It cost $600 million.', 'money')), true);
    assert.equal(mayStateValue('They met last month.', onlyValue('They met in August 2019.', 'month')), true);
    assert.equal(mayStateValue('They met on Monday.', onlyValue('They met on Sept. 2, 2019.', 'date')), true);
  });
});
