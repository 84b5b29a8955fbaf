import * as assert from 'node:assert/strict';
import weights from '../../server/src/core/model/weights.json';
import { FEATURES, SIGNS } from '../../server/src/core/model/features';
import { fit, fitSigned, predict } from '../../server/src/core/model/logistic';
import { supportModel } from '../../server/src/core/model/support';
import { Checker, writtenShare } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';

describe('model: the support model', () => {
  it('is trained for the features the engine computes, and keeps every weight on its known side', () => {
    assert.deepEqual(weights.features, [...FEATURES]);
    const m = supportModel();
    FEATURES.forEach((f, i) => {
      const sign = SIGNS[f] ?? 0;
      assert.ok(sign * m.weights[i] >= 0, `${f}: weight ${m.weights[i]} against sign ${sign}`);
    });
    assert.ok(m.threshold > 0 && m.threshold < 1 && m.contradictionThreshold > 0 && m.contradictionThreshold < 1);
  });

  it('says where its weights came from', () => {
    const p = weights.provenance as Record<string, unknown>;
    assert.equal(p.command, 'npm run train');
    assert.ok(p.split && p.data);
  });

  it('gives a claim its source states word for word more support than one with a word the source never uses', () => {
    const checker = new Checker(Corpus.fromSources([{ path: 'a.txt', text: 'The council approved the new harbour budget on Tuesday after a long debate.' }]));
    const same = checker.check('The council approved the new harbour budget on Tuesday after a long debate.').claims[0];
    const other = checker.check('The council approved the new airport budget on Tuesday after a long debate.').claims[0];
    assert.equal(same.verdict, 'supported');
    assert.ok(same.support! > other.support!, `${same.support} vs ${other.support}`);
    assert.ok(same.support! >= 0 && same.support! <= 1);
  });

  it('does not count it against a claim that its evidence takes more sentences of the document', () => {
    // A sentence joins an evidence set only to state more of the claim, so a
    // larger set is never, by itself, a reason for less support.
    const m = supportModel();
    const at = FEATURES.indexOf('evidence-size');
    const one = new Float64Array(FEATURES.length).fill(0.5);
    const three = Float64Array.from(one);
    one[at] = 1 / 3;
    three[at] = 1;
    assert.ok(m.support(three) >= m.support(one), `${m.support(three)} vs ${m.support(one)}`);
  });
});

describe('model: logistic regression', () => {
  // y follows x0; x1 is noise that happens to correlate negatively with y in this sample.
  const xs = [
    [1, 1],
    [1, 0],
    [0, 1],
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 0],
    [0, 1],
  ];
  const ys = [1, 1, 0, 0, 1, 0, 1, 0];
  const ws = ys.map(() => 1);

  it('is deterministic: the same data gives the same weights', () => {
    assert.deepEqual(fit(xs, ys, ws), fit(xs, ys, ws));
  });

  it('learns the direction of a feature', () => {
    const m = fit(xs, ys, ws);
    assert.ok(m.weights[0] > 0);
    assert.ok(predict(m, [1, 0]) > predict(m, [0, 0]));
  });

  it('holds at zero a weight that the data would put on the wrong side of its sign', () => {
    const free = fit(xs, ys, ws);
    assert.ok(free.weights[1] < 0);
    const signed = fitSigned(xs, ys, ws, { signs: [1, 1] });
    assert.equal(signed.weights[1], 0);
    assert.ok(signed.weights[0] > 0);
  });
});

describe('writtenShare: how much a document reads as written text', () => {
  it('counts speaker labels and first- or second-person words as speech, over the first 200 sentences only', () => {
    assert.equal(writtenShare([]), 1);
    assert.equal(writtenShare(['The bridge opened in 1998.', 'It cost 40 million euros.']), 1);
    assert.equal(writtenShare(['Ann: the bridge opened in 1998.', 'I think it cost more.', 'The bridge is long.', 'It has four lanes.']), 0.5);
    const many = [...Array<string>(200).fill('The bridge is long.'), ...Array<string>(200).fill('We crossed it.')];
    assert.equal(writtenShare(many), 1, 'sentences after the first 200 are not read');
  });
});
