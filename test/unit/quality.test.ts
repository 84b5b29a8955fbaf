import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';

/**
 * The project's own labelled claims about the bundled corpus
 * (test/fixtures/claims.jsonl, also scored by `npm run eval`): each one must
 * get its verdict, and each contradiction its `found` and `expected` values.
 */
interface Labelled {
  id: string;
  draft: string;
  verdict: string;
  found?: string;
  expected?: string;
}

const rows: Labelled[] = readFileSync(join(__dirname, '..', 'fixtures', 'claims.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe('quality: labelled claims about the bundled corpus', () => {
  let checker: Checker;
  before(() => {
    checker = new Checker(Corpus.fromSources(readSourceFolders([bundledCorpusDir()]).sources));
  });

  for (const row of rows) {
    it(`${row.id}: ${row.verdict} — ${row.draft}`, () => {
      const claims = checker.check(row.draft, { languageId: 'plaintext' }).claims;
      assert.equal(claims.length, 1, 'one claim');
      const c = claims[0];
      assert.equal(c.verdict, row.verdict, c.reason ?? JSON.stringify(c.mismatches.map((m) => [m.found, m.expected])));
      // A claim the sources confirm raises no "sources disagree" finding either.
      if (row.verdict === 'supported') assert.equal(c.conflict, undefined, c.conflict?.note);
      if (row.verdict === 'contradicted') {
        const m = c.mismatches.find((x) => !row.found || x.found.includes(row.found));
        assert.ok(m, `a mismatch on ${row.found}`);
        if (row.expected)
          assert.ok(
            row.expected.split('|').some((e) => m.expected?.includes(e)),
            `expected ${row.expected}, got ${m.expected}`,
          );
      }
    });
  }
});
