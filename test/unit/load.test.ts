import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledCorpusDir, decode, readSourceFolders } from '../../server/src/node/sources';
import { tempDir } from './helpers';

describe('load: readSourceFolders', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const write = (rel: string, data: string | Buffer): string => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return p;
  };

  it('loads .txt, .md and .markdown files from a folder and its subfolders, in name order', () => {
    write('b.txt', 'Second document.');
    write('a.md', 'First document.');
    write('sub/c.markdown', 'Third document.');
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      sources.map((s) => s.path.replace(/\\/g, '/')),
      ['a.md', 'b.txt', 'sub/c.markdown'],
    );
    assert.equal(sources[0].text, 'First document.');
    assert.equal(sources[0].uri, fs.realpathSync(path.join(dir, 'a.md')));
  });

  it('ignores files with other extensions and hidden files inside folders', () => {
    write('keep.txt', 'Kept.');
    write('image.png', 'not really a png');
    write('data.json', '{"a": 1}');
    write('.hidden.txt', 'Hidden.');
    write('.git/notes.txt', 'Hidden folder.');
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['keep.txt'],
    );
    assert.deepEqual(problems, []);
  });

  it('reads a file given directly, whatever its extension', () => {
    const p = write('notes.log', 'A log of facts.');
    const { sources, problems } = readSourceFolders([p], { cwd: dir });
    assert.deepEqual(problems, []);
    assert.deepEqual(
      sources.map((s) => [s.path, s.text]),
      [['notes.log', 'A log of facts.']],
    );
  });

  it('reports a missing folder with its path and reason, and still loads the others', () => {
    write('ok/a.txt', 'Loaded.');
    const { sources, problems } = readSourceFolders(['missing', 'ok'], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.text),
      ['Loaded.'],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'missing');
    assert.match(problems[0].message, /not found/);
    assert.match(problems[0].message, /ENOENT/);
  });

  it('reports an empty file and skips it, loading the rest', () => {
    write('empty.txt', '');
    write('blank.txt', '  \n\t\n');
    write('full.txt', 'Loaded.');
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['full.txt'],
    );
    assert.deepEqual(problems.map((p) => [p.path, p.message]).sort(), [
      ['blank.txt', 'skipped: empty file'],
      ['empty.txt', 'skipped: empty file'],
    ]);
  });

  it('reports a binary file and skips it, loading the rest', () => {
    write('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    write('full.txt', 'Loaded.');
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['full.txt'],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'binary.txt');
    assert.match(problems[0].message, /binary/);
  });

  it('reads a symlink loop once, without hanging or duplicating files', function () {
    write('a.txt', 'Loaded once.');
    try {
      fs.symlinkSync(dir, path.join(dir, 'loop'), 'dir');
    } catch {
      this.skip(); // symlinks not permitted here (e.g. Windows without privileges)
    }
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.text),
      ['Loaded once.'],
    );
    assert.deepEqual(problems, []);
  });

  it('reports a dangling symlink with its path and reason', function () {
    write('a.txt', 'Loaded.');
    try {
      fs.symlinkSync(path.join(dir, 'nowhere.txt'), path.join(dir, 'dangling.txt'));
    } catch {
      this.skip();
    }
    const { sources, problems } = readSourceFolders([dir], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['a.txt'],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'dangling.txt');
    assert.match(problems[0].message, /cannot resolve/);
  });

  it('reads a folder listed twice only once', () => {
    write('a.txt', 'Loaded.');
    const { sources } = readSourceFolders([dir, dir], { cwd: dir });
    assert.equal(sources.length, 1);
  });

  it('shows paths outside the working folder as absolute paths', () => {
    write('a.txt', 'Loaded.');
    const { sources } = readSourceFolders([dir], { cwd: path.join(dir, 'elsewhere') });
    assert.equal(sources[0].path, path.join(dir, 'a.txt'));
  });

  it('caps the number of files and says so', () => {
    write('a.txt', 'One.');
    write('b.txt', 'Two.');
    write('c.txt', 'Three.');
    const { sources, problems } = readSourceFolders([dir], { cwd: dir, maxFiles: 2 });
    assert.equal(sources.length, 2);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /capped at 2 files/);
  });

  it('caps the total size and says so', () => {
    write('a.txt', 'x'.repeat(100));
    write('b.txt', 'y'.repeat(100));
    const { sources, problems } = readSourceFolders([dir], { cwd: dir, maxBytes: 150 });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['a.txt'],
    );
    assert.match(problems[0].message, /capped/);
  });

  it('strips a UTF-8 byte order mark', () => {
    write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Text.')]));
    assert.equal(readSourceFolders([dir], { cwd: dir }).sources[0].text, 'Text.');
  });
});

describe('load: decode', () => {
  it('keeps a NUL past the first 8 KB as a replacement character, the text the same length (as the database must store it)', () => {
    const head = 'In 2019 Kim met Putin. '.repeat(400);
    const text = decode(Buffer.concat([Buffer.from(head + 'Vladi'), Buffer.from([0]), Buffer.from('vostok.')]));
    assert.equal(text, `${head}Vladi\uFFFDvostok.`);
    assert.equal(text.length, head.length + 'Vladi?vostok.'.length);
  });

  it('decodes UTF-8 text', () => {
    assert.equal(decode(Buffer.from('Kim 😀 Putin', 'utf8')), 'Kim 😀 Putin');
  });

  it('rejects content with NUL bytes as binary', () => {
    assert.equal(decode(Buffer.from([0x41, 0x00, 0x42])), undefined);
  });

  it('rejects content that is mostly invalid UTF-8 as binary', () => {
    assert.equal(decode(Buffer.alloc(400, 0xff)), undefined);
  });

  it('keeps text with a few invalid bytes, as replacement characters', () => {
    const text = decode(Buffer.concat([Buffer.from('Mostly fine text here. '.repeat(10)), Buffer.from([0xff])]));
    assert.ok(text?.endsWith('\uFFFD'));
  });
});

describe('load: bundledCorpusDir', () => {
  it('finds the corpus folder shipped with the repository', () => {
    const dir = bundledCorpusDir();
    assert.equal(path.basename(dir), 'corpus');
    assert.ok(fs.existsSync(path.join(dir, '000_259cea779c2763bf.txt')));
  });
});
