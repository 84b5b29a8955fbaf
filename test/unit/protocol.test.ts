import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { assignSplits, readJsonl, type PairRow } from '../../tools/eval/datasets';
import { claimFigures, draftSupport, minimalPairFigures, pairFigures } from '../../tools/eval/measure';
import { claimExamples, trainModel } from '../../tools/eval/train';
import type { CheckResult, ClaimResult } from '../../server/src/core/types';
import { checkPairs } from '../../tools/eval/eval';

/** Pairs written for these tests (test/fixtures/pairs.jsonl): two sources, each draft once faithful and once with one fact changed. */
const PAIRS: PairRow[] = readJsonl<Omit<PairRow, 'dataset' | 'domain' | 'doc' | 'split'>>(join(__dirname, '..', 'fixtures', 'pairs.jsonl')).map((r) => ({
  ...r,
  dataset: 'fixture',
  domain: 'fixture',
  doc: r.source.slice(0, 12),
  split: 'train',
}));

const claim = (verdict: ClaimResult['verdict'], support?: number): ClaimResult => ({
  start: 0,
  end: 1,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  text: 'x',
  verdict,
  evidence: [],
  mismatches: [],
  ...(support !== undefined ? { support } : {}),
});

describe('protocol: the split', () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ dataset: i < 20 ? 'a' : 'b', doc: `doc${i % 10}-${i < 20 ? 'a' : 'b'}` }));

  it('is the same at every run and never splits a document', () => {
    const one = assignSplits(rows);
    const two = assignSplits([...rows].reverse());
    assert.deepEqual([...one].sort(), [...two].sort());
    for (const r of rows) assert.ok(one.has(`${r.dataset}\u0000${r.doc}`));
  });

  it("holds out a fifth of each dataset's documents (rounded up) and keeps most for training", () => {
    const splits = assignSplits(rows);
    for (const d of ['a', 'b']) {
      const mine = [...splits].filter(([k]) => k.startsWith(`${d}\u0000`)).map(([, s]) => s);
      assert.equal(mine.filter((s) => s === 'test').length, 2);
      assert.equal(mine.filter((s) => s === 'dev').length, 2);
      assert.equal(mine.filter((s) => s === 'train').length, 6);
    }
  });
});

describe('protocol: figures', () => {
  it('counts balanced accuracy and contradictions on consistent drafts', () => {
    const rows = [{ label: 'inconsistent' }, { label: 'inconsistent' }, { label: 'consistent' }, { label: 'consistent' }].map(
      (r, i) => ({ ...r, id: String(i), doc: 'd' }) as PairRow,
    );
    const results: CheckResult[] = [
      { claims: [claim('contradicted')] },
      { claims: [claim('supported')] },
      { claims: [claim('supported')] },
      { claims: [claim('contradicted')] },
    ];
    const f = pairFigures(rows, results);
    assert.equal(f.tp, 1);
    assert.equal(f.tn, 1);
    assert.equal(f.falseContradictions, 1);
    assert.equal(f.balancedAccuracy, 0.5);
  });

  it("ranks a minimal pair right only when the edited copy's lowest claim support is below the reference's", () => {
    const rows = ['consistent', 'inconsistent', 'consistent', 'inconsistent'].map(
      (label, i) => ({ id: String(i), pair: String(i >> 1), label, doc: 'd' }) as PairRow,
    );
    const results: CheckResult[] = [
      { claims: [claim('supported', 0.9), claim('supported', 0.6)] },
      { claims: [claim('supported', 0.9), claim('unverified', 0.3)] },
      { claims: [claim('supported', 0.5)] },
      { claims: [claim('supported', 0.5)] },
    ];
    assert.equal(draftSupport(results[1]), 0.3);
    const f = minimalPairFigures(rows, results);
    assert.equal(f.pairs, 2);
    assert.equal(f.ranked, 1);
    assert.equal(f.ties, 1);
  });

  it('counts a contradiction as caught only with the labelled value', () => {
    const m = {
      kind: 'year' as const,
      start: 0,
      end: 4,
      range: claim('supported').range,
      found: '2018',
      expected: '2019',
      evidence: { path: 'a', uri: 'a', range: claim('supported').range, text: '', score: 1, sentenceId: 0, stance: 'contradicts' as const },
    };
    const f = claimFigures(
      [
        { id: 'a', draft: 'x', verdict: 'contradicted', found: '2018', expected: '2019' },
        { id: 'b', draft: 'x', verdict: 'supported' },
      ],
      [{ claims: [{ ...claim('contradicted'), mismatches: [m] }] }, { claims: [{ ...claim('contradicted'), mismatches: [m] }] }],
    );
    assert.equal(f.caught, 1);
    assert.equal(f.rightExpected, 1);
    assert.equal(f.falseAlarms, 1);
  });
});

describe('protocol: training', () => {
  it('labels the claim an edit changed unfaithful and the claims it shares with the reference faithful', () => {
    const ex = claimExamples(PAIRS);
    const of = (id: string): (0 | 1 | undefined)[] => ex.filter((e) => e.draft === id).map((e) => e.label);
    assert.deepEqual(of('h1-og'), [1, 1]);
    assert.deepEqual(of('h1-ed'), [1, 0]);
    assert.deepEqual(of('h2-ed'), [0]);
  });

  it('fits the same weights every time from the same data', () => {
    const ex = claimExamples(PAIRS);
    assert.deepEqual(trainModel(ex), trainModel(claimExamples(PAIRS)));
  });

  it('checks the fixture pairs with the committed model: each edited copy scores below its reference', () => {
    const results = checkPairs(PAIRS);
    const f = minimalPairFigures(PAIRS, results);
    assert.equal(f.pairs, 4);
    assert.equal(f.ranked, 4, JSON.stringify(results.map((r) => r.claims.map((c) => [c.verdict, c.support]))));
  });
});
