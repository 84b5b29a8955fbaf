import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import type { FileIndex } from '../../server/src/core/corpus/corpus';
import { IndexCache, decodeFileIndex, defaultCacheDir, encodeFileIndex, nodeCorpusOptions } from '../../server/src/node/indexCache';

const SOURCES = [
  {
    path: 'a.txt',
    text: ' date 2023-09-13\nKim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday.\nThe summit was their first since 2019. It lasted four hours.\n',
  },
  { path: 'b.txt', text: 'The bridge in Lyon opened in 1998 and cost 40 million euros.\nComments:\nI think it was 1999.\n' },
];

describe('index cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-index-cache-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a file index', () => {
    const f: FileIndex = {
      starts: Int32Array.from([0, 10]),
      ends: Int32Array.from([9, 20]),
      lowTrust: Uint8Array.from([0, 1]),
      termStart: Int32Array.from([0, 2, 3]),
      termIds: Int32Array.from([0, 1, 0]),
      vocab: ['kim', '@rus'],
    };
    assert.deepEqual(decodeFileIndex(encodeFileIndex(f)), f);
    assert.equal(decodeFileIndex(Buffer.from('not an index')), undefined);
  });

  it('loads an unchanged corpus from the cache with identical results', () => {
    const first = Corpus.fromSources(SOURCES, undefined, { cache: new IndexCache(dir) });
    assert.equal(first.build.cacheHits, 0);
    assert.equal(first.build.cacheWrites, 2);
    const again = Corpus.fromSources(SOURCES, undefined, { cache: new IndexCache(dir) });
    assert.equal(again.build.cacheHits, 2);
    assert.deepEqual(again.stats, first.stats);
    for (let i = 0; i < first.stats.sentences; i++) {
      assert.deepEqual(again.sentence(i), first.sentence(i));
      assert.deepEqual(again.analysis(i).terms, first.analysis(i).terms);
      assert.deepEqual(again.analysis(i).values, first.analysis(i).values);
    }
    const draft = 'Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome in 2022. The bridge in Lyon opened in 1998.';
    assert.deepEqual(new Checker(again).check(draft), new Checker(first).check(draft));
  });

  it('re-indexes only a changed file', () => {
    Corpus.fromSources(SOURCES, undefined, { cache: new IndexCache(dir) });
    const changed = [SOURCES[0], { path: 'b.txt', text: SOURCES[1].text.replace('1998', '1997') }];
    const c = Corpus.fromSources(changed, undefined, { cache: new IndexCache(dir) });
    assert.equal(c.build.cacheHits, 1);
    assert.equal(c.build.cacheWrites, 1);
  });

  it('keys entries by indexing mode', () => {
    const cache = new IndexCache(dir, 'test');
    assert.notEqual(cache.key('same text', 'exact'), cache.key('same text', 'fast'));
  });

  it('fast indexing finds the same sentences and trust as exact indexing', () => {
    const exact = Corpus.fromSources(SOURCES, undefined, { indexing: 'exact' });
    const fast = Corpus.fromSources(SOURCES, undefined, { indexing: 'fast' });
    assert.deepEqual(fast.sentenceList(), exact.sentenceList());
  });

  it('can be turned off from the environment', () => {
    assert.equal(defaultCacheDir({ FACT_CHECK_CACHE: 'off' }), undefined);
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'fact-check'));
    assert.equal(defaultCacheDir({ FACT_CHECK_CACHE_DIR: '/y' }), '/y');
  });

  it('gives a Node caller the disk cache and the indexing mode of the environment, unless told otherwise', () => {
    const env = { FACT_CHECK_CACHE_DIR: dir, FACT_CHECK_INDEXING: 'fast' };
    const opts = nodeCorpusOptions({}, env);
    assert.ok(opts.cache instanceof IndexCache);
    assert.equal(opts.indexing, 'fast');
    assert.equal(nodeCorpusOptions({ indexing: 'exact' }, env).indexing, 'exact');
    assert.equal(nodeCorpusOptions({ cacheDir: false }, env).cache, undefined);
    assert.equal(nodeCorpusOptions({}, { FACT_CHECK_CACHE: 'off' }).cache, undefined);
    assert.equal(Corpus.fromSources(SOURCES, undefined, nodeCorpusOptions({}, env)).build.mode, 'fast');
  });
});
