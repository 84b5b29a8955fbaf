/**
 * Loading sources from disk under every kind of bad input: each unusable file
 * is reported once, with its path and the reason, and the rest is loaded.
 * Also the trust policy that keeps an untrusted workspace's settings from
 * reading outside it, and the settings' normalisation.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSourceFolders } from '../../server/src/node/sources';
import { allowedFolders } from '../../server/src/lsp/state/corpusStore';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../../server/src/shared/settings';
import { tempDir } from './helpers';

describe('robustness: corpus loading', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('fact-check-load-');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, data: string | Buffer): string => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
    return p;
  };
  const load = (options: Parameters<typeof readSourceFolders>[1] = {}) => readSourceFolders([dir], { cwd: dir, ...options });
  const problemOf = (problems: { path: string; message: string }[], file: string) => {
    const found = problems.filter((p) => p.path === file);
    assert.equal(found.length, 1, `one problem for ${file}: ${JSON.stringify(problems)}`);
    return found[0].message;
  };

  /**
   * Replaces fs.readFileSync for one path while `f` runs. The loader calls it
   * through the `node:fs` module object, so patching that object reaches it
   * (the `import * as fs` namespace here is a copy).
   */
  function withRead<T>(target: string, replacement: (original: typeof fs.readFileSync, p: fs.PathOrFileDescriptor) => Buffer, f: () => T): T {
    const nodeFs = require('node:fs') as { readFileSync: typeof fs.readFileSync };
    const original = nodeFs.readFileSync;
    const real = fs.realpathSync(target);
    nodeFs.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
      p === real ? replacement(original, p) : (original as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fs.readFileSync;
    try {
      return f();
    } finally {
      nodeFs.readFileSync = original;
    }
  }

  it('reports an unreadable file (permission denied) and loads the rest', () => {
    write('ok.txt', 'Loaded.');
    const locked = write('locked.txt', 'Secret.');
    let result;
    if (process.getuid?.() === 0 || process.platform === 'win32') {
      // Root reads everything: simulate the permission error the loader would get.
      result = withRead(
        locked,
        () => {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        },
        () => load(),
      );
    } else {
      fs.chmodSync(locked, 0o000);
      result = load();
      fs.chmodSync(locked, 0o644);
    }
    assert.deepEqual(
      result.sources.map((s) => s.path),
      ['ok.txt'],
    );
    assert.equal(problemOf(result.problems, 'locked.txt'), 'cannot read: permission denied (EACCES)');
  });

  it('reports an unreadable folder and loads the rest', function () {
    if (process.getuid?.() === 0 || process.platform === 'win32') this.skip(); // root lists every folder
    write('ok.txt', 'Loaded.');
    write('locked/a.txt', 'Hidden.');
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const { sources, problems } = load();
      assert.deepEqual(
        sources.map((s) => s.path),
        ['ok.txt'],
      );
      assert.match(problemOf(problems, 'locked'), /permission denied/);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('reports a file deleted while the corpus is read and loads the rest', () => {
    write('a.txt', 'Loaded.');
    const doomed = write('b.txt', 'Deleted under our feet.');
    write('c.txt', 'Also loaded.');
    const { sources, problems } = withRead(
      doomed,
      (original, p) => {
        fs.rmSync(doomed);
        return original(p);
      },
      () => load(),
    );
    assert.deepEqual(
      sources.map((s) => s.path),
      ['a.txt', 'c.txt'],
    );
    assert.equal(problemOf(problems, 'b.txt'), 'cannot read: deleted while the corpus was being read (ENOENT)');
  });

  it('counts the bytes read, not the size listed, when a file grows after it was listed', () => {
    const growing = write('grows.txt', 'small');
    write('z.txt', 'Loaded.');
    const { sources, problems } = withRead(
      growing,
      () => Buffer.from('x '.repeat(200)),
      () => load({ maxBytes: 300 }),
    );
    assert.deepEqual(
      sources.map((s) => s.path),
      [],
    );
    assert.match(problemOf(problems, 'grows.txt'), /capped at 0 MB/);
  });

  it('reads a file with invalid UTF-8, saying how many sequences were replaced', () => {
    write(
      'latin1.txt',
      Buffer.concat([
        Buffer.from('The caf'),
        Buffer.from([0xe9]),
        Buffer.from(' opened in 2019 and closed in 2020, na'),
        Buffer.from([0xef]),
        Buffer.from('vely.'),
      ]),
    );
    write('fine.txt', 'Valid text with a real \uFFFD replacement character.');
    const { sources, problems } = load();
    assert.deepEqual(
      sources.map((s) => s.path),
      ['fine.txt', 'latin1.txt'],
    );
    assert.equal(sources[1].text, 'The caf\uFFFD opened in 2019 and closed in 2020, na\uFFFDvely.');
    assert.equal(problemOf(problems, 'latin1.txt'), 'read with 2 invalid UTF-8 byte sequences shown as \uFFFD (is it saved in another encoding?)');
    assert.equal(problems.length, 1, 'a valid file with a U+FFFD of its own is not reported');
  });

  it('skips a binary file, an all-invalid file and empty files, each with its reason', () => {
    write('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    write('noise.txt', Buffer.from([0xff, 0xfe, 0xfd, 0xc0, 0xc1]));
    write('empty.md', '');
    write('bom-only.txt', Buffer.from([0xef, 0xbb, 0xbf]));
    write('good.md', 'Loaded.');
    const { sources, problems } = load();
    assert.deepEqual(
      sources.map((s) => s.path),
      ['good.md'],
    );
    assert.match(problemOf(problems, 'image.txt'), /binary/);
    assert.match(problemOf(problems, 'noise.txt'), /binary/);
    assert.match(problemOf(problems, 'empty.md'), /empty/);
    assert.match(problemOf(problems, 'bom-only.txt'), /empty/);
  });

  it('skips a 50 MB file with its size and loads the rest', () => {
    write('small.txt', 'Loaded.');
    // A real file of text just over the limit (written, not sparse).
    const big = path.join(dir, 'big.txt');
    const chunk = Buffer.from('In 2019 Kim Jong Un met Vladimir Putin in Vladivostok. '.repeat(1024 * 16));
    const fd = fs.openSync(big, 'w');
    let written = 0;
    while (written <= 50 * 1024 * 1024) written += fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const t0 = performance.now();
    const { sources, problems } = load();
    assert.ok(performance.now() - t0 < 2000, 'the size is judged without reading the file');
    assert.deepEqual(
      sources.map((s) => s.path),
      ['small.txt'],
    );
    assert.equal(problemOf(problems, 'big.txt'), 'skipped: 51 MB is over the 50 MB limit for one source file');
  });

  it('reports symbolic link loops and dangling links, reads a folder linking to itself once', function () {
    write('a.txt', 'Loaded once.');
    try {
      fs.symlinkSync(path.join(dir, 'loop2.txt'), path.join(dir, 'loop1.txt'));
      fs.symlinkSync(path.join(dir, 'loop1.txt'), path.join(dir, 'loop2.txt'));
      fs.symlinkSync(path.join(dir, 'nothing.txt'), path.join(dir, 'dangling.txt'));
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.symlinkSync(dir, path.join(dir, 'sub', 'up'), 'dir');
    } catch {
      this.skip();
    }
    const { sources, problems } = load();
    assert.deepEqual(
      sources.map((s) => s.text),
      ['Loaded once.'],
    );
    assert.equal(problemOf(problems, 'loop1.txt'), 'cannot resolve: symbolic link loop (ELOOP)');
    assert.equal(problemOf(problems, 'loop2.txt'), 'cannot resolve: symbolic link loop (ELOOP)');
    assert.equal(problemOf(problems, 'dangling.txt'), 'cannot resolve: the symbolic link points to nothing (ENOENT)');
    assert.equal(problems.length, 3);
  });

  it('skips a named pipe instead of blocking on it', function () {
    if (process.platform === 'win32') this.skip();
    write('a.txt', 'Loaded.');
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    } catch {
      this.skip();
    }
    assert.deepEqual(
      load().sources.map((s) => s.path),
      ['a.txt'],
    );
    const direct = readSourceFolders([path.join(dir, 'pipe.txt')], { cwd: dir });
    assert.equal(problemOf(direct.problems, 'pipe.txt'), 'skipped: not a regular file or folder');
  });

  it('reports a missing folder and a file where a folder was expected', () => {
    write('a.txt', 'Loaded.');
    const { sources, problems } = readSourceFolders(['missing', 'a.txt'], { cwd: dir });
    assert.deepEqual(
      sources.map((s) => s.path),
      ['a.txt'],
    );
    assert.equal(problemOf(problems, 'missing'), 'corpus folder not found (ENOENT)');
  });

  it('caps the files of a huge folder with one problem that names the setting to raise', () => {
    for (let i = 0; i < 300; i++) write(`f${String(i).padStart(3, '0')}.txt`, `Note ${i}.`);
    const { sources, problems } = load({ maxFiles: 100, limitNames: { files: 'factCheck.corpus.maxFiles' } });
    assert.equal(sources.length, 100);
    assert.deepEqual(problems, [
      { path: 'f100.txt', message: 'skipped with the files after it: the corpus is capped at 100 files (raise factCheck.corpus.maxFiles to read more)' },
    ]);
  });

  it('reads nothing outside `within`, links included', function () {
    const inside = path.join(dir, 'ws');
    const outside = path.join(dir, 'elsewhere');
    write('ws/a.txt', 'Inside.');
    write('elsewhere/secret.txt', 'Outside.');
    try {
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(inside, 'link.txt'));
      fs.symlinkSync(outside, path.join(inside, 'dirlink'), 'dir');
    } catch {
      this.skip();
    }
    const { sources, problems } = readSourceFolders([inside, outside], { cwd: dir, within: [inside] });
    assert.deepEqual(
      sources.map((s) => s.text),
      ['Inside.'],
    );
    assert.deepEqual(problems.map((p) => p.path).sort(), ['elsewhere', 'ws/dirlink', 'ws/link.txt'], 'each way out is reported');
    for (const p of problems) assert.match(p.message, /outside the workspace, and the workspace is not trusted/);
  });
});

describe('robustness: trust policy for corpus folders', () => {
  let root: string;
  let ws: string;
  let out: string;
  before(() => {
    root = fs.realpathSync(tempDir('fact-check-trust-'));
    ws = path.join(root, 'ws');
    out = path.join(root, 'out');
    fs.mkdirSync(path.join(ws, 'sources'), { recursive: true });
    fs.mkdirSync(out);
    fs.symlinkSync(out, path.join(ws, 'link'), 'dir');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const settings = (folders: string[], userFolders?: string[]): Settings => ({
    ...DEFAULT_SETTINGS,
    corpus: { ...DEFAULT_SETTINGS.corpus, folders, ...(userFolders ? { userFolders } : {}) },
  });
  const untrusted = () => ({ trusted: false, roots: [ws] });

  it("reads every folder in a trusted workspace when the client does not say which settings are the user's", () => {
    const a = allowedFolders(settings(['../out', out, 'sources']), ws, { trusted: true, roots: [ws] });
    assert.deepEqual(a.folders, [out, path.join(ws, 'sources')]);
    assert.deepEqual(a.refused, []);
    assert.equal(a.within, undefined);
  });

  it("in a trusted workspace, refuses a workspace folder that climbs out through .., but not the user's own or an absolute path", () => {
    const fromWorkspace = allowedFolders(settings(['../out', 'sources/../../out', 'sources'], []), ws, { trusted: true, roots: [ws] });
    assert.deepEqual(fromWorkspace.folders, [path.join(ws, 'sources')]);
    assert.equal(fromWorkspace.refused.length, 2);
    assert.match(fromWorkspace.refused[0].message, /relative path that leads out of the workspace/);
    const fromUser = allowedFolders(settings(['../out', out], ['../out']), ws, { trusted: true, roots: [ws] });
    assert.deepEqual(fromUser.folders, [out]);
    assert.deepEqual(fromUser.refused, []);
  });

  it('refuses workspace folders that escape an untrusted workspace through .., an absolute path, ~ or a link', () => {
    const home = path.relative(os.homedir(), out);
    for (const f of ['../out', out, 'sources/../../out', `~/${home}`, 'link', 'link/', './link/.']) {
      const a = allowedFolders(settings([f]), ws, untrusted());
      assert.deepEqual(a.folders, [], `${f} is not read`);
      assert.equal(a.refused.length, 1, `${f} is refused`);
      assert.match(a.refused[0].message, /outside the workspace, and the workspace is not trusted/);
      assert.ok(a.refused[0].message.includes(JSON.stringify(f)), 'the message quotes the setting');
      // Trust helps only where trust would let the folder be read: never for a relative path out through "..".
      const trusted = allowedFolders(settings([f], []), ws, { trusted: true, roots: [ws] });
      if (trusted.folders.length) assert.match(a.refused[0].message, /Trust the workspace/, `${f}: trusting would read it`);
      else {
        assert.doesNotMatch(a.refused[0].message, /Trust the workspace/, `${f}: trusting would not read it`);
        assert.match(a.refused[0].message, /move the folder inside the workspace, or add it to factCheck\.corpus\.folders in your user settings/);
      }
    }
  });

  it("allows folders inside an untrusted workspace, and the user's own folders anywhere", () => {
    const a = allowedFolders(settings(['sources', './sources/../sources', '../out'], ['../out']), ws, untrusted());
    assert.deepEqual(a.folders, [path.join(ws, 'sources'), out]);
    assert.deepEqual(a.refused, []);
    assert.deepEqual(a.within, [ws, out], "files may come from the workspace and the user's folders only");
  });

  it("uses the document's folder as the workspace when there is no workspace folder", () => {
    const a = allowedFolders(settings(['sources', '../out']), ws, { trusted: false, roots: [] });
    assert.deepEqual(a.folders, [path.join(ws, 'sources')]);
    assert.equal(a.refused.length, 1);
  });
});

describe('robustness: settings normalisation', () => {
  it('has defaults for the corpus caps and reads good values', () => {
    assert.equal(DEFAULT_SETTINGS.corpus.maxFiles, 20000);
    assert.equal(DEFAULT_SETTINGS.corpus.maxMegabytes, 200);
    const s = normaliseSettings({ corpus: { maxFiles: 10, maxMegabytes: 1.5 } });
    assert.equal(s.corpus.maxFiles, 10);
    assert.equal(s.corpus.maxMegabytes, 1.5);
  });

  it('reports every value of the wrong type or out of range, naming the setting and the value, and uses the default', () => {
    const bad: [unknown, string][] = [
      [{ corpus: { maxFiles: 0 } }, 'factCheck.corpus.maxFiles must be a whole number from 1 to 1000000 (got 0)'],
      [{ corpus: { maxFiles: 2.5 } }, 'factCheck.corpus.maxFiles must be a whole number from 1 to 1000000 (got 2.5)'],
      [{ corpus: { maxMegabytes: '200' } }, 'factCheck.corpus.maxMegabytes must be a number from 1 to 100000 (got "200")'],
      [{ corpus: { includeBundled: 'no' } }, 'factCheck.corpus.includeBundled must be true or false (got "no")'],
      [{ corpus: { folders: [1, 2] } }, 'factCheck.corpus.folders must be a list of folder paths (got [1,2])'],
      [{ corpus: 'sources' }, 'factCheck.corpus must be an object of settings (got "sources")'],
      [{ severity: ['error'] }, 'factCheck.severity must be an object of settings (got ["error"])'],
      [{ minScore: Number.NaN }, 'factCheck.minScore must be a number from 0 to 1 (got null)'],
      [{ maxDraftSize: -1 }, 'factCheck.maxDraftSize must be a number 0 or more (got -1)'],
      [{ languages: [null] }, 'factCheck.languages must be a list of language ids (got [null])'],
      [42, 'factCheck settings must be an object (got 42)'],
      [{ minScore: 'x'.repeat(500) }, `factCheck.minScore must be a number from 0 to 1 (got "${'x'.repeat(58)}…)`],
    ];
    for (const [raw, message] of bad) {
      const problems: string[] = [];
      const s = normaliseSettings(raw, problems);
      assert.deepEqual(problems, [message], JSON.stringify(raw));
      assert.deepEqual({ ...s, corpus: { ...s.corpus } }, DEFAULT_SETTINGS, `defaults for ${JSON.stringify(raw).slice(0, 80)}`);
    }
  });

  it('never throws, whatever the client sends', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const raw of [
      undefined,
      null,
      0,
      '',
      [],
      [1],
      true,
      () => 1,
      Symbol('x'),
      cyclic,
      { corpus: cyclic, minScore: cyclic },
      { corpus: { folders: cyclic } },
    ]) {
      const problems: string[] = [];
      const s = normaliseSettings(raw, problems);
      assert.equal(s.corpus.maxFiles, 20000);
    }
  });

  it("takes the user's folders from the client's _scopes, ignoring anything that is not a string", () => {
    assert.deepEqual(normaliseSettings({ _scopes: { userFolders: ['a', 3, null, 'b'] } }).corpus.userFolders, ['a', 'b']);
    assert.equal(normaliseSettings({}).corpus.userFolders, undefined);
  });
});
