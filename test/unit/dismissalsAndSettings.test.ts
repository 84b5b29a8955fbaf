/**
 * Unit tests of the dismissal file logic (server/src/core/dismissals.ts and
 * node/dismissalsFile.ts, shared with the CLI) and of settings normalisation
 * and folder resolution (server/src/shared/, shared with the client).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyDismissals, parseDismissals } from '../../server/src/core/dismissals';
import { dismissalsPath, findDismissalsRoot, readDismissals, writeDismissal } from '../../server/src/node/dismissalsFile';
import type { CheckResult, ClaimResult, Evidence, Mismatch } from '../../server/src/core/types';
import { resolveFolders } from '../../server/src/shared/folders';
import { DEFAULT_SETTINGS, languageEnabled, normaliseSettings } from '../../server/src/shared/settings';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const evidence = (stance: Evidence['stance']): Evidence => ({
  path: 's.txt',
  uri: '/s.txt',
  range,
  text: 'He met Putin in 2019.',
  score: 0.9,
  sentenceId: 1,
  stance,
});
const mismatch = (found: string, expected: string, kind: Mismatch['kind'] = 'year'): Mismatch => ({
  kind,
  start: 0,
  end: 4,
  range,
  found,
  expected,
  evidence: evidence('contradicts'),
});
const claim = (text: string, over: Partial<ClaimResult> = {}): ClaimResult => ({
  start: 0,
  end: text.length,
  range,
  text,
  verdict: 'contradicted',
  evidence: [evidence('contradicts')],
  mismatches: [mismatch('2018', '2019')],
  ...over,
});

describe('dismissals', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-dismiss-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads none when there is no file, and round-trips what it writes', () => {
    assert.deepEqual(readDismissals(dir), []);
    writeDismissal(dir, { claim: 'He met Putin in 2018.', found: '2018', kind: 'year', reason: 'source is wrong' });
    writeDismissal(dir, { claim: 'He met  Putin in 2018. ', found: '2018', kind: 'year', reason: 'again' });
    const list = readDismissals(dir);
    assert.equal(list.length, 1, 'the same finding is not stored twice');
    assert.equal(list[0].reason, 'again');
    assert.ok(list[0].date, 'dated');
    assert.ok(fs.readFileSync(dismissalsPath(dir), 'utf8').endsWith('\n'));
    assert.equal(findDismissalsRoot(path.join(dir, 'a', 'b')), dir);
  });

  it('names the file and the problem when it is malformed', () => {
    assert.throws(() => parseDismissals('{ nope', '/w/.fact-check/dismissed.json'), /dismissed\.json: not valid JSON/);
    assert.throws(() => parseDismissals('{"x": 1}'), /expected \{"dismissed"/);
    assert.deepEqual(parseDismissals('[{"claim": "a", "found": "1"}, {"found": "no claim"}, 5]').length, 1);
  });

  it('removes a dismissed mismatch by claim text and value, whitespace aside', () => {
    const result: CheckResult = { claims: [claim('Kim met Putin in 2018.'), claim('Another claim in 2018.')] };
    const out = applyDismissals(result, [{ claim: 'Kim  met Putin\nin 2018.', found: '2018', reason: 'ok' }]);
    assert.equal(out.claims[0].mismatches.length, 0);
    assert.notEqual(out.claims[0].verdict, 'contradicted');
    assert.equal(out.claims[0].dismissed?.[0].reason, 'ok');
    assert.equal(out.claims[1].mismatches.length, 1, 'another claim with the same value is untouched');
    assert.equal(out.claims[1].verdict, 'contradicted');
    assert.equal(result.claims[0].mismatches.length, 1, 'the input is not changed');
  });

  it('respects the kind and keeps the other mismatches of a claim', () => {
    const c = claim('In 2018 he paid $5 million.', { mismatches: [mismatch('2018', '2019'), mismatch('$5 million', '$6 million', 'money')] });
    const out = applyDismissals({ claims: [c] }, [
      { claim: c.text, found: '2018', kind: 'number', reason: 'wrong kind' },
      { claim: c.text, found: '$5 million', kind: 'money', reason: 'fine' },
    ]);
    assert.deepEqual(
      out.claims[0].mismatches.map((m) => m.found),
      ['2018'],
    );
    assert.equal(out.claims[0].verdict, 'contradicted');
  });

  it('becomes supported when the claim also has supporting evidence', () => {
    const c = claim('X in 2018.', { evidence: [evidence('supports'), evidence('contradicts')] });
    const out = applyDismissals({ claims: [c] }, [{ claim: c.text, found: '2018', reason: 'r' }]);
    assert.equal(out.claims[0].verdict, 'supported');
  });

  it('marks dismissed unverified and conflict findings', () => {
    const u = claim('Nobody knows this.', { verdict: 'unverified', mismatches: [], evidence: [] });
    const out = applyDismissals({ claims: [u] }, [{ claim: u.text, found: '', kind: 'unverified', reason: 'known' }]);
    assert.equal(out.claims[0].dismissed?.[0].kind, 'unverified');
    assert.equal(out.claims[0].verdict, 'unverified');
  });
});

describe('settings', () => {
  it('reports a value nested 10,000 levels deep without printing it, and uses the default', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10000; i++) deep = [deep];
    const problems: string[] = [];
    const s = normaliseSettings({ languages: deep, minScore: { a: deep } }, problems);
    assert.deepEqual(s.languages, DEFAULT_SETTINGS.languages);
    assert.equal(s.minScore, DEFAULT_SETTINGS.minScore);
    assert.ok(
      problems.some((p) => p.startsWith('factCheck.languages must be') && p.includes('nested too deep')),
      problems.join('; '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('factCheck.minScore must be')),
      problems.join('; '),
    );
  });

  it('fills defaults and reports bad values without failing', () => {
    const problems: string[] = [];
    const s = normaliseSettings(
      { corpus: { folders: 'sources' }, severity: { contradicted: 'Error', unverified: 'info', conflict: 'loud' }, minScore: 2 },
      problems,
    );
    assert.deepEqual(s.corpus.folders, ['sources']);
    assert.equal(s.corpus.includeBundled, true);
    assert.equal(s.severity.contradicted, 'error');
    assert.equal(s.severity.unverified, 'information');
    assert.equal(s.severity.conflict, DEFAULT_SETTINGS.severity.conflict);
    assert.equal(s.minScore, 0.1);
    assert.equal(problems.length, 2, problems.join('; '));
    assert.deepEqual(normaliseSettings(undefined), DEFAULT_SETTINGS);
  });

  it('treats "text" as plain text', () => {
    assert.ok(languageEnabled('text', ['markdown', 'plaintext']));
    assert.ok(languageEnabled('plaintext', ['text']));
    assert.ok(!languageEnabled('python', ['markdown', 'plaintext']));
  });

  it('resolves folder settings one way for server and client: one string is a list, ~ is home, relative is from the workspace', () => {
    const ws = path.join(os.tmpdir(), 'ws');
    const folders = (raw: unknown) => resolveFolders(normaliseSettings({ corpus: { folders: raw } }).corpus.folders, ws);
    assert.deepEqual(folders('~/notes'), [path.join(os.homedir(), 'notes')]);
    assert.deepEqual(folders('sources'), [path.join(ws, 'sources')]);
    assert.deepEqual(folders(['sources/', './sources', '/abs/x', '  ']), [path.join(ws, 'sources'), '/abs/x']);
    assert.deepEqual(folders(['~']), [os.homedir()]);
  });
});
