import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { applyDismissals, isDismissed, parseDismissals } from '../../server/src/core/dismissals';
import { dismissalsPath, findDismissalsRoot, readDismissals, writeDismissal } from '../../server/src/node/dismissalsFile';
import type { CheckResult, ClaimResult, Evidence } from '../../server/src/core/types';
import { tempDir } from './helpers';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
const evidence = (stance: Evidence['stance']): Evidence => ({ path: 'a.txt', uri: 'a.txt', range, text: 'Source.', score: 0.9, sentenceId: 0, stance });
const CLAIM = 'Kim met Putin in 2018.';

function contradicted(extra: Partial<ClaimResult> = {}): ClaimResult {
  const ev = evidence('contradicts');
  return {
    start: 0,
    end: CLAIM.length,
    range,
    text: CLAIM,
    verdict: 'contradicted',
    evidence: [ev],
    mismatches: [{ kind: 'year', start: 17, end: 21, range, found: '2018', expected: '2019', evidence: ev }],
    ...extra,
  };
}

describe('dismissals', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('reads no dismissals when the file is missing', () => {
    assert.deepEqual(readDismissals(dir), []);
  });

  it('writes a dismissal and reads it back, replacing a duplicate', () => {
    writeDismissal(dir, { claim: CLAIM, found: '2018', kind: 'year', reason: 'fiction' });
    writeDismissal(dir, { claim: CLAIM, found: '2018', kind: 'year', reason: 'fiction, really' });
    const ds = readDismissals(dir);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].reason, 'fiction, really');
    assert.ok(fs.existsSync(dismissalsPath(dir)));
  });

  it('accepts a bare array and names the file in errors for malformed JSON', () => {
    assert.equal(parseDismissals('[{"claim": "A.", "found": "1", "reason": "r"}]').length, 1);
    assert.throws(() => parseDismissals('{nope', 'x.json'), /x\.json: not valid JSON/);
    assert.throws(() => parseDismissals('{"other": 1}', 'x.json'), /expected/);
    assert.deepEqual(parseDismissals('[{"found": "1"}]'), []);
  });

  it('finds the workspace root with a .fact-check folder above a draft', () => {
    fs.mkdirSync(path.join(dir, '.fact-check'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    assert.equal(findDismissalsRoot(path.join(dir, 'a', 'b')), dir);
  });

  it('removes a dismissed mismatch and un-contradicts the claim', () => {
    const result: CheckResult = { claims: [contradicted()] };
    const out = applyDismissals(result, [{ claim: 'Kim met  Putin\nin 2018.', found: '2018', kind: 'year', reason: 'fiction' }]);
    const c = out.claims[0];
    assert.equal(c.verdict, 'unverified');
    assert.deepEqual(c.mismatches, []);
    assert.match(c.reason ?? '', /Dismissed: fiction/);
    assert.deepEqual(c.dismissed, [{ kind: 'year', found: '2018', reason: 'fiction' }]);
    // The input is left unchanged.
    assert.equal(result.claims[0].verdict, 'contradicted');
  });

  it('makes a claim supported when a dismissed contradiction leaves supporting evidence', () => {
    const out = applyDismissals({ claims: [contradicted({ evidence: [evidence('contradicts'), evidence('supports')] })] }, [
      { claim: CLAIM, found: '2018', reason: 'r' },
    ]);
    assert.equal(out.claims[0].verdict, 'supported');
  });

  it('does not apply a dismissal of another kind, another value or a rewritten claim', () => {
    const claims = [contradicted()];
    for (const d of [
      { claim: CLAIM, found: '2018', kind: 'date' as const, reason: 'r' },
      { claim: CLAIM, found: '2017', reason: 'r' },
      { claim: 'Kim met Putin in Moscow in 2018.', found: '2018', reason: 'r' },
    ]) {
      assert.equal(applyDismissals({ claims }, [d]).claims[0].verdict, 'contradicted', JSON.stringify(d));
    }
  });

  it('lists a dismissed unverified finding without changing the verdict', () => {
    const claim: ClaimResult = { start: 0, end: CLAIM.length, range, text: CLAIM, verdict: 'unverified', evidence: [], mismatches: [], reason: 'No source.' };
    const out = applyDismissals({ claims: [claim] }, [{ claim: CLAIM, found: '', kind: 'unverified', reason: 'known' }]);
    assert.equal(out.claims[0].verdict, 'unverified');
    assert.ok(isDismissed(out.claims[0], 'unverified'));
  });
});

describe('dismissals: a hostile workspace', () => {
  const made: { cleanup: () => void }[] = [];
  after(() => made.forEach((t) => t.cleanup()));
  const fresh = (): string => {
    const t = tempDir();
    made.push(t);
    return t.dir;
  };
  const outside = fresh;
  const workspace = (): string => {
    const dir = fresh();
    fs.mkdirSync(path.join(dir, '.fact-check'));
    return dir;
  };
  const file = (dir: string): string => path.join(dir, '.fact-check', 'dismissed.json');

  it('refuses a dismissal file that links to a device, a file outside or is a FIFO, without reading it', () => {
    const secretDir = outside();
    const secret = path.join(secretDir, 'passwd');
    fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    for (const target of ['/dev/zero', '/dev/stdin', secret]) {
      const dir = workspace();
      fs.symlinkSync(target, file(dir));
      assert.throws(
        () => readDismissals(dir),
        (e: Error) => /symbolic link/.test(e.message) && !e.message.includes('root:x'),
        target,
      );
    }
    const dir = workspace();
    execFileSync('mkfifo', [file(dir)]);
    assert.throws(() => readDismissals(dir), /not a regular file/);
  });

  it('refuses a .fact-check folder that is a link, for reading and for writing', () => {
    const elsewhere = outside();
    fs.writeFileSync(path.join(elsewhere, 'dismissed.json'), '{"dismissed": []}');
    const dir = fresh();
    fs.symlinkSync(elsewhere, path.join(dir, '.fact-check'));
    assert.throws(() => readDismissals(dir), /symbolic link/);
    assert.throws(() => writeDismissal(dir, { claim: 'Kim met Putin in 2018.', found: '2018', reason: 'r' }));
    assert.equal(fs.readFileSync(path.join(elsewhere, 'dismissed.json'), 'utf8'), '{"dismissed": []}', 'nothing written outside');
  });

  it('does not follow a link planted where the temporary file used to go', () => {
    const dir = workspace();
    const victim = path.join(outside(), 'victim.txt');
    fs.writeFileSync(victim, 'keep me');
    // The temporary name used to be fixed (file.<pid>.tmp): a link planted there had its target overwritten.
    fs.symlinkSync(victim, `${file(dir)}.${process.pid}.tmp`);
    writeDismissal(dir, { claim: 'Kim met Putin in 2018.', found: '2018', reason: 'r' });
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me');
    assert.equal(readDismissals(dir).length, 1);
  });

  it('names a broken file without echoing its content', () => {
    const dir = workspace();
    fs.writeFileSync(file(dir), 'root:x:0:0:root:/root:/bin/bash\n');
    assert.throws(
      () => readDismissals(dir),
      (e: Error) => /not valid JSON/.test(e.message) && !e.message.includes('root'),
    );
  });
});
