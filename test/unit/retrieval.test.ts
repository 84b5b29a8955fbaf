import { strict as assert } from 'node:assert';
import { NearTerms, TermIndex } from '../../server/src/core/corpus/retrieval';

function index(docs: string[][]): TermIndex {
  const idx = new TermIndex();
  docs.forEach((terms, id) => idx.add(id, terms));
  idx.freeze();
  return idx;
}

describe('retrieval: TermIndex', () => {
  it('gives rare terms a higher idf than common ones, and unseen terms the highest', () => {
    const idx = index([['common', 'rare'], ['common'], ['common'], ['common']]);
    assert.ok(idx.idf('rare') > idx.idf('common'));
    assert.ok(idx.idf('never-seen') > idx.idf('rare'));
    // The formula: log(1 + (N + 1) / (df + 0.5)).
    assert.ok(Math.abs(idx.idf('common') - Math.log(1 + 5 / 4.5)) < 1e-12);
  });

  it('counts a term once per sentence for its document frequency', () => {
    const a = index([['x', 'x', 'x'], ['y']]);
    const b = index([['x'], ['y']]);
    assert.equal(a.idf('x'), b.idf('x'));
  });

  it('ranks a sentence matching a rare term above sentences matching only common terms', () => {
    const idx = index([
      ['meet', 'leader'],
      ['meet', 'leader'],
      ['meet', 'leader', 'vladivostok'],
      ['meet', 'leader'],
    ]);
    const c = idx.candidates(['meet', 'leader', 'vladivostok']);
    assert.equal(c[0].id, 2);
    assert.ok(c[0].overlap > c[1].overlap);
  });

  it('ranks by idf-weighted overlap: one rare match beats two common ones', () => {
    const docs: string[][] = [];
    for (let i = 0; i < 20; i++) docs.push(['common1', 'common2']);
    docs.push(['rare']);
    const idx = index(docs);
    const c = idx.candidates(['common1', 'common2', 'rare']);
    assert.equal(c[0].id, 20);
  });

  it('breaks ties by sentence id and honours the limit', () => {
    const idx = index([['a'], ['a'], ['a'], ['a']]);
    assert.deepEqual(
      idx.candidates(['a'], 2).map((x) => x.id),
      [0, 1],
    );
  });

  it('returns no candidates for terms it has never seen', () => {
    assert.deepEqual(index([['a']]).candidates(['zzz']), []);
  });

  it('refuses queries before it is frozen', () => {
    const idx = new TermIndex();
    idx.add(0, ['a']);
    assert.throws(() => idx.candidates(['a']), /freeze/);
  });

  it('reports its size and vocabulary', () => {
    const idx = index([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    assert.equal(idx.sentenceCount, 2);
    assert.equal(idx.vocabularySize, 3);
  });
});

describe('retrieval: NearTerms', () => {
  const near = (vocabulary: string[]) => new NearTerms(() => vocabulary);

  it('finds a corpus word that a misspelt word nearly matches', () => {
    const hits = near(['vladivostok', 'summit', 'bakery']).of('vladivostock');
    assert.ok(hits.has('vladivostok'));
    assert.ok((hits.get('vladivostok') ?? 0) > 0.75);
  });

  it('does not match unrelated words', () => {
    assert.equal(near(['summit', 'vladivostok']).of('croissant').size, 0);
  });

  it('does not take a short word inside a longer one for a near match', () => {
    assert.equal(near(['tradecraft']).of('trade').size, 0);
  });

  it('ignores place keys, quoted words and very short words', () => {
    const n = near(['@rus', 'q:hold', 'cat']);
    assert.equal(n.of('@ru').size, 0);
    assert.equal(n.of('q:hols').size, 0);
    assert.equal(n.of('cot').size, 0);
  });

  it('reads the vocabulary once and remembers each word it looked up', () => {
    let reads = 0;
    const n = new NearTerms(() => {
      reads++;
      return ['armored', 'armoured'];
    });
    const first = n.of('armourd');
    assert.equal(n.of('armourd'), first);
    n.of('armorred');
    assert.equal(reads, 1);
  });
});
