import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusStore, type IndexingEvent } from '../../server/src/lsp/state/corpusStore';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/shared/settings';

describe('corpus store: loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-store-'));
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `s${i}.txt`), `Source ${i} says the bridge opened in ${1900 + i}.\n`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const settings = (): Settings => ({ ...DEFAULT_SETTINGS, corpus: { ...DEFAULT_SETTINGS.corpus, folders: [dir], includeBundled: false } });

  it('shares one load between askers, and tells how far indexing got', async () => {
    const store = new CorpusStore(() => undefined);
    store.cacheDir = path.join(dir, '.cache');
    const events: IndexingEvent[] = [];
    store.onIndexing = (e) => events.push(e);
    const [a, b] = await Promise.all([store.load(settings(), dir), store.load(settings(), dir)]);
    assert.equal(a, b);
    assert.equal(a.corpus.documents.length, 20);
    assert.deepEqual([events[0].phase, events[events.length - 1].phase], ['begin', 'end']);
    assert.equal(events.filter((e) => e.phase === 'report').length, 20);
  });

  it('does not keep a load that a change to its folder made stale: its askers get the files as they are now', async () => {
    const store = new CorpusStore(() => undefined);
    store.cacheDir = path.join(dir, '.cache');
    const loading = store.load(settings(), dir);
    // Saved while the folder is being indexed.
    const added = path.join(dir, 'late.txt');
    fs.writeFileSync(added, 'A late source says the tunnel opened in 1999.\n');
    assert.equal(store.invalidate(added), true, 'a load in progress counts as dropped, so drafts are checked again');
    const entry = await loading;
    assert.equal(entry.corpus.documents.length, 21);
    assert.equal(await store.load(settings(), dir), entry, 'and that corpus is the one kept');
  });
});
