import { strict as assert } from 'node:assert';
import { Corpus, TRUST_ARTICLE, TRUST_COMMENT } from '../../server/src/core/corpus/corpus';

describe('corpus: building from sources', () => {
  it('reads the " date YYYY-MM-DD" header as the document date, not as a sentence', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: ' date 2023-09-05 SEOUL - Kim met Putin in Vladivostok.' }]);
    assert.equal(corpus.documents[0].date, '2023-09-05');
    assert.equal(corpus.sentenceList().length, 1);
    assert.ok(!corpus.sentenceList()[0].text.includes('2023-09-05'));
    assert.ok(corpus.sentenceList()[0].text.startsWith('SEOUL'));
  });

  it('leaves the date undefined for documents without a header', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: 'Kim met Putin in Vladivostok.' }]);
    assert.equal(corpus.documents[0].date, undefined);
  });

  it('resolves relative dates in a dated document against its date', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: ' date 2023-09-05 Kim met Putin last month in Vladivostok.' }]);
    const month = corpus.analysis(0).values.find((v) => v.type === 'month');
    assert.deepEqual([month?.year, month?.month], [2023, 8]);
  });

  it('records each sentence with exact offsets and a range into its document', () => {
    const text = 'First line here.\r\nSecond line 😀 has two. Sentences in it.\n';
    const corpus = Corpus.fromSources([{ path: 'a.txt', text }]);
    assert.equal(corpus.sentenceList().length, 3);
    for (const s of corpus.sentenceList()) assert.equal(text.slice(s.start, s.end), s.text);
    const last = corpus.sentenceList()[2];
    assert.equal(last.text, 'Sentences in it.');
    assert.deepEqual(last.range.start, { line: 1, character: text.split('\r\n')[1].indexOf('Sentences') });
  });

  it('never lets a sentence span two lines', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: 'A headline without a stop\nThe body starts here.' }]);
    assert.deepEqual(
      corpus.sentenceList().map((s) => s.text),
      ['A headline without a stop', 'The body starts here.'],
    );
  });

  it('uses the given path and defaults the uri to it', () => {
    const corpus = Corpus.fromSources([
      { path: 'a.txt', text: 'Kim met Putin.' },
      { path: 'b.txt', uri: 'file:///x/b.txt', text: 'Xi met Putin.' },
    ]);
    assert.deepEqual(
      corpus.documents.map((d) => [d.path, d.uri, d.index]),
      [
        ['a.txt', 'a.txt', 0],
        ['b.txt', 'file:///x/b.txt', 1],
      ],
    );
    assert.deepEqual(corpus.stats, { documents: 2, sentences: 2 });
    assert.deepEqual(corpus.documents[1].sentenceIds, [1]);
  });

  it('trusts article text fully and reader comments after an "I\'m a bot" line less', () => {
    const text = "The bridge opened in 1998.\nI'm a bot, and this action was performed automatically.\nThe bridge opened in 2001.\n";
    const corpus = Corpus.fromSources([{ path: 'a.txt', text }]);
    const trust = Object.fromEntries(corpus.sentenceList().map((s) => [s.text, s.trust]));
    assert.equal(trust['The bridge opened in 1998.'], TRUST_ARTICLE);
    assert.equal(trust['The bridge opened in 2001.'], TRUST_COMMENT);
    assert.ok(TRUST_COMMENT < TRUST_ARTICLE);
  });

  it('trusts text after a "Comments" line less', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: 'The bridge opened in 1998.\nComments (2):\nThe bridge opened in 2001.' }]);
    assert.deepEqual(
      corpus
        .sentenceList()
        .filter((s) => s.text.startsWith('The bridge'))
        .map((s) => s.trust),
      [TRUST_ARTICLE, TRUST_COMMENT],
    );
  });

  it('trusts first-person sentences less even in the article body', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: 'I think the bridge opened in 2001.\nThe bridge opened in 1998.' }]);
    assert.deepEqual(
      corpus.sentenceList().map((s) => s.trust),
      [TRUST_COMMENT, TRUST_ARTICLE],
    );
  });

  it('stops adding documents once cancelled', () => {
    const corpus = Corpus.fromSources([{ path: 'a.txt', text: 'Kim met Putin.' }], { isCancellationRequested: true });
    assert.equal(corpus.documents.length, 0);
    // The index is still usable (frozen) after a cancelled build.
    assert.deepEqual(corpus.index.candidates(['kim']), []);
  });
});
