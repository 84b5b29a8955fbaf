import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fastSentences, commonWords } from '../../server/src/core/analysis/fastTerms';
import { analyse, parseDocDate } from '../../server/src/core/analysis/facts';
import { sentencesOf } from '../../server/src/core/analysis/nlp';
import { isValueKey, queryKey, valueKeys } from '../../server/src/core/analysis/valueKeys';
import { sameValue } from '../../server/src/core/verdict/comparators/values';
import { analyseSentence, onlyValue } from './helpers';

const EXTRA = [
  'The deal was worth $600m, or 2.5 per cent of output, in 1998.',
  'Twenty-five officials met on Sept. 13, 2019, and again on Monday.',
  'The 1950-53 war ended in the 1990s? No: in 1953, said the 70th report.',
  'Prices rose 5% last month to £1.2bn, the third rise since 13 September.',
];

describe('valueKeys: the index of values', () => {
  it('files every value the full analysis finds under keys the fast extractor also gives (the fast index never says "no source mentions" wrongly)', () => {
    const dir = join(__dirname, '..', '..', 'corpus');
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    texts.push(EXTRA.join('\n'));
    // Relative months and years take their value from the document's date.
    texts.push('date 2023-09-12\nTalks stalled last year, resume this month and end next year, or next month at the earliest.');
    let checked = 0;
    for (const text of texts) {
      const header = /^\uFEFF?\s*date\s+(\d{4}-\d{2}-\d{2})/.exec(text);
      const docDate = parseDocDate(header?.[1]);
      const body = header ? header[0].length : 0;
      const common = commonWords(text);
      for (const line of text.slice(body).split('\n')) {
        if (!line.trim()) continue;
        const from = text.indexOf(line, body);
        const fast = new Set(fastSentences(text, from, from + line.length, !!docDate, common, docDate).flatMap((s) => s.terms.filter(isValueKey)));
        for (const s of sentencesOf(text, from, from + line.length)) {
          for (const v of analyse(s.tokens, text, docDate).values) {
            checked++;
            // The key a claim with the same value asks for.
            const k = queryKey(v);
            if (valueKeys(v).includes(k)) assert.ok(fast.has(k), `${k} for "${v.text}" in: ${line.slice(0, 120)}`);
          }
        }
      }
    }
    assert.ok(checked > 50, `${checked} values checked`);
  });

  it('asks for a claim value under a key its equal source value is filed under', () => {
    const pairs: [string, string, 'money' | 'date' | 'year' | 'number' | 'percent'][] = [
      ['The deal was worth $600m to the firm.', 'The deal was worth $600 million to the firm.', 'money'],
      ['They met on Sept. 13 in Moscow.', 'They met on September 13 in Moscow.', 'date'],
      ['The war ended in 1953.', 'The war lasted from 1950 to 1953.', 'year'],
      ['Three soldiers were wounded.', '3 soldiers were wounded.', 'number'],
      ['Prices rose 5% last year.', 'Prices rose 5 per cent last year.', 'percent'],
    ];
    for (const [claim, source, type] of pairs) {
      const c = onlyValue(claim, type);
      const s = analyseSentence(source).values;
      assert.ok(
        s.some((v) => sameValue(c, v)),
        `${claim} / ${source}`,
      );
      assert.ok(
        s.some((v) => valueKeys(v).includes(queryKey(c))),
        `${queryKey(c)} among ${JSON.stringify(s.flatMap(valueKeys))}`,
      );
    }
  });
});
