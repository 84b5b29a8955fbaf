import { strict as assert } from 'node:assert';
import { PLACES, areAntonyms, nameKey } from '../../server/src/core/analysis/lexicon';
import { analyseSentence } from './helpers';

/** The lemma the engine gives a word in a sentence. */
function lemmaOf(sentence: string, word: string): string {
  const l = analyseSentence(sentence).lemmas.find((x) => x.token.lower === word);
  if (!l) throw new Error(`no lemma for ${word} in ${sentence}`);
  return l.lemma;
}

describe('lexicon: areAntonyms', () => {
  it('treats oppose/support as antonyms, both ways', () => {
    assert.ok(areAntonyms('oppose', 'support'));
    assert.ok(areAntonyms('support', 'oppose'));
  });

  it('treats "opposing"/"supporting" as antonyms through their lemmas', () => {
    const a = lemmaOf('The senator was opposing the deal.', 'opposing');
    const b = lemmaOf('The senator was supporting the deal.', 'supporting');
    assert.ok(areAntonyms(a, b), `${a} / ${b}`);
  });

  it('treats deny/admit and "denied"/"admitted" as antonyms', () => {
    assert.ok(areAntonyms('deny', 'admit'));
    const a = lemmaOf('The minister denied the report.', 'denied');
    const b = lemmaOf('The minister admitted the report.', 'admitted');
    assert.ok(areAntonyms(a, b), `${a} / ${b}`);
  });

  it('treats increase/decrease and rise/fall as antonyms', () => {
    assert.ok(areAntonyms('increase', 'decrease'));
    assert.ok(areAntonyms('rise', 'fall'));
  });

  it('finds WordNet antonyms outside the polarity lists (hot/cold, win/lose)', () => {
    assert.ok(areAntonyms('hot', 'cold'));
    assert.ok(areAntonyms('win', 'lose'));
  });

  it('gives a satellite adjective the opposites of its head only when it has one head', () => {
    // "thriving" is similar to "successful" alone; "several" to "some", "single" and two more.
    assert.ok(areAntonyms('thriving', 'unsuccessful'));
    assert.ok(!areAntonyms('several', 'multiple'));
    assert.ok(!areAntonyms('multiple', 'several'));
  });

  it('does not treat a word as its own antonym', () => {
    assert.ok(!areAntonyms('increase', 'increase'));
    assert.ok(!areAntonyms('support', 'support'));
  });

  it('does not treat synonyms or words of one polarity as antonyms', () => {
    assert.ok(!areAntonyms('support', 'back'));
    assert.ok(!areAntonyms('oppose', 'reject'));
    assert.ok(!areAntonyms('rise', 'increase'));
  });

  it('does not treat opposite words on different scales as antonyms', () => {
    // "increase" is a direction, "oppose" a stance: no contradiction between them.
    assert.ok(!areAntonyms('increase', 'oppose'));
    assert.ok(!areAntonyms('support', 'decrease'));
  });

  it('does not treat unrelated words as antonyms', () => {
    assert.ok(!areAntonyms('meet', 'visit'));
    assert.ok(!areAntonyms('bridge', 'river'));
  });
});

describe('lexicon: places', () => {
  it('normalises names for lookup (case, dots, apostrophes, hyphens)', () => {
    assert.equal(nameKey('U.K.'), 'uk');
    assert.equal(nameKey("Côte d'Ivoire"), 'côte divoire');
    assert.equal(nameKey('Guinea-Bissau'), 'guinea bissau');
  });

  it('maps country names, aliases and demonyms to one key', () => {
    for (const n of ['United Kingdom', 'UK', 'U.K.', 'Britain', 'British']) assert.equal(PLACES.get(nameKey(n))?.key, 'gbr', n);
    for (const n of ['North Korea', 'DPRK']) assert.equal(PLACES.get(nameKey(n))?.key, 'prk', n);
    assert.equal(PLACES.get(nameKey('Russian'))?.key, 'rus');
  });

  it('maps capitals to a city key that knows its country', () => {
    const p = PLACES.get(nameKey('Moscow'));
    assert.equal(p?.key, 'city:moscow');
    assert.equal(p?.capitalOf, 'rus');
  });
});
