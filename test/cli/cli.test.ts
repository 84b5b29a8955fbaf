import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'corpus');
const MISSION = 'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.';
const MISSION_LINE = 'draft.md:3:54 warning Source says 2019, not 2018 (corpus/000_259cea779c2763bf.txt:23) contradicted-year';

/** The stderr has one reason line (plus the usage line for usage errors) and no stack trace. */
function assertOneLineReason(err: string, reason: RegExp): void {
  const lines = err.split('\n').filter((l) => l.length > 0 && !l.startsWith('usage:'));
  assert.equal(lines.length, 1, `one reason line, got: ${JSON.stringify(err)}`);
  assert.match(lines[0], /^fact-check: /);
  assert.match(lines[0], reason);
  assert.doesNotMatch(err, /^\s+at /m, 'no stack trace');
}

describe('cli', function () {
  let ws: string; // a workspace with corpus/ (a copy of the bundled corpus) and drafts
  const tmp: string[] = [];
  const mk = (): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-cli-'));
    tmp.push(d);
    return d;
  };

  before(function () {
    this.timeout(120000);
    ws = mk();
    fs.cpSync(BUNDLED, path.join(ws, 'corpus'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'draft.md'), `# Notes\n\n${MISSION}\n`);
    fs.writeFileSync(path.join(ws, 'good.md'), '# Notes\n\nKim Jong Un met Vladimir Putin for the first time in 2019, in the Russian city of Vladivostok.\n');
    fs.writeFileSync(path.join(ws, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    fs.mkdirSync(path.join(ws, 'empty-corpus'));
  });

  after(() => {
    for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('text output', () => {
    it('prints a contradiction as "file:line:col warning message code" and exits 1', () => {
      const r = cli(['--corpus', 'corpus', 'draft.md'], ws);
      assert.equal(r.code, 1);
      const lines = r.out.trimEnd().split('\n');
      assert.equal(lines[0], MISSION_LINE);
      assert.equal(lines[lines.length - 1], '1 claims: 0 supported, 1 contradicted, 0 unverified');
      assert.equal(r.err, '');
    });

    it('uses the bundled corpus when no --corpus is given', () => {
      const r = cli(['draft.md'], ws);
      assert.equal(r.code, 1);
      const first = r.out.split('\n')[0].replace(/\\/g, '/');
      assert.match(first, /^draft\.md:3:54 warning Source says 2019, not 2018 \(.*corpus\/000_259cea779c2763bf\.txt:23\) contradicted-year$/);
    });

    it('exits 0 when nothing is contradicted', () => {
      const r = cli(['--corpus', 'corpus', 'good.md'], ws);
      assert.equal(r.code, 0);
      assert.doesNotMatch(r.out, /warning/);
      assert.match(r.out, /1 claims: 1 supported, 0 contradicted, 0 unverified/);
    });

    it('reports unverified claims as info lines without failing', () => {
      const d = mk();
      fs.writeFileSync(path.join(d, 'draft.txt'), 'The bakery sold croissants to tourists in Lisbon on Tuesday.\n');
      const r = cli(['--corpus', path.join(ws, 'corpus'), 'draft.txt'], d);
      assert.equal(r.code, 0);
      assert.match(r.out, /^draft\.txt:1:1 info Unverified: .* unverified-claim$/m);
    });

    it('prints usage with --help and the version with --version, exiting 0', () => {
      const h = cli(['--help'], ws);
      assert.equal(h.code, 0);
      assert.match(h.out, /^usage: fact-check/);
      const v = cli(['--version'], ws);
      assert.equal(v.code, 0);
      assert.match(v.out, /^\d+\.\d+\.\d+\n$/);
    });
  });

  describe('json output', () => {
    it('has corpus stats and, per file, claims with range, text, verdict, evidence and mismatches', () => {
      const r = cli(['--format', 'json', '--corpus', 'corpus', 'draft.md'], ws);
      assert.equal(r.code, 1);
      const j = JSON.parse(r.out);
      assert.deepEqual(j.corpus, { documents: 5, sentences: j.corpus.sentences });
      assert.ok(Number.isInteger(j.corpus.sentences) && j.corpus.sentences > 0);
      assert.equal(j.files.length, 1);
      assert.equal(j.files[0].path, 'draft.md');
      const claim = j.files[0].claims[0];
      assert.deepEqual(claim.range, { start: { line: 2, character: 0 }, end: { line: 2, character: MISSION.length } });
      assert.equal(claim.text, MISSION);
      assert.equal(claim.verdict, 'contradicted');
      assert.ok(Array.isArray(claim.evidence) && claim.evidence.length > 0);
      for (const e of claim.evidence) {
        assert.equal(typeof e.path, 'string');
        assert.equal(typeof e.text, 'string');
        assert.equal(typeof e.score, 'number');
        assert.ok(['supports', 'contradicts', 'related'].includes(e.stance));
        assert.ok(e.range.start && e.range.end);
      }
      assert.equal(claim.mismatches.length, 1);
      const m = claim.mismatches[0];
      assert.equal(m.kind, 'year');
      assert.deepEqual(m.range, { start: { line: 2, character: 53 }, end: { line: 2, character: 57 } });
      assert.equal(m.found, '2018');
      assert.equal(m.expected, '2019');
      assert.equal(m.evidence.path.replace(/\\/g, '/'), 'corpus/000_259cea779c2763bf.txt');
      assert.equal(m.evidence.range.start.line, 22);
      // A contradicted claim is not supported by its sources: its support is low.
      assert.equal(typeof claim.support, 'number');
      assert.ok(claim.support >= 0 && claim.support < 0.5, `support ${claim.support}`);
      assert.equal(claim.gaps, undefined);
    });

    it('gives an unverified claim its support and the gaps no source supports, with true reasons', () => {
      const d = mk();
      fs.writeFileSync(path.join(d, 'draft.md'), 'Kim Jong Un was born in 1984.\n');
      const j = JSON.parse(cli(['--format', 'json', '--corpus', path.join(ws, 'corpus'), 'draft.md'], d).out);
      const claim = j.files[0].claims[0];
      assert.equal(claim.verdict, 'unverified');
      assert.ok(claim.support >= 0 && claim.support <= 1);
      const gap = claim.gaps.find((g: { text: string }) => g.text === '1984');
      assert.ok(gap, JSON.stringify(claim.gaps));
      assert.equal(gap.reason, 'No source mentions 1984.');
      assert.deepEqual(gap.range, { start: { line: 0, character: 24 }, end: { line: 0, character: 28 } });
      assert.equal(claim.reason, 'No source mentions 1984.');
    });

    it('prints an empty claims list for a draft without claims', () => {
      const d = mk();
      fs.writeFileSync(path.join(d, 'draft.md'), '# Only a heading\n\n```\ncode 2018\n```\n');
      const r = cli(['--format=json', '--corpus', path.join(ws, 'corpus'), 'draft.md'], d);
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out).files, [{ path: 'draft.md', claims: [] }]);
    });
  });

  describe('html output', () => {
    it('writes one self-contained page with the draft, its claims by verdict and the evidence', () => {
      const r = cli(['--format', 'html', '--corpus', 'corpus', 'draft.md'], ws);
      assert.equal(r.code, 1, 'the exit code still says a claim is contradicted');
      assert.match(r.out, /^<!DOCTYPE html>/);
      assert.doesNotMatch(r.out, /<script|<link|\ssrc=/i);
      assert.match(r.out, /<h2>draft\.md<\/h2>/);
      assert.match(r.out, /<mark class="wrong">2018<\/mark>/);
      assert.ok(r.out.includes('<b>2019</b>'), 'the source value in bold');
      // A fresh nonce for the one inline style, named in the page's policy.
      const nonce = /style-src 'nonce-([^']+)'/.exec(r.out)?.[1];
      assert.ok(nonce && r.out.includes(`<style nonce="${nonce}">`));
    });
  });

  describe('sarif output', () => {
    it('is SARIF 2.1.0 with a result per contradiction, its rule, region and fix', () => {
      const r = cli(['--format', 'sarif', '--corpus', 'corpus', 'draft.md'], ws);
      assert.equal(r.code, 1);
      const s = JSON.parse(r.out);
      assert.equal(s.version, '2.1.0');
      assert.equal(s.runs.length, 1);
      const results = s.runs[0].results;
      assert.equal(results.length, 1);
      const res = results[0];
      assert.equal(res.ruleId, 'contradicted-year');
      assert.equal(res.level, 'warning');
      assert.equal(res.message.text, 'Source says 2019, not 2018 (corpus/000_259cea779c2763bf.txt:23)');
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'draft.md');
      assert.deepEqual(loc.region, { startLine: 3, startColumn: 54, endLine: 3, endColumn: 58 });
      assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '2019');
      assert.ok(s.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'contradicted-year'));
    });
  });

  describe('hostile file names', () => {
    it('prints control characters in file names as visible escapes, on stdout and stderr, and percent-encodes SARIF uris', () => {
      const d = mk();
      fs.cpSync(BUNDLED, path.join(d, 'src'), { recursive: true });
      const draft = 'a#b%41 c\n::error file=x::injected\u001b]0;pwned\u0007.md';
      fs.writeFileSync(path.join(d, draft), `${MISSION}\n`);
      fs.writeFileSync(path.join(d, 'src', 'bin\n::error file=y::injected.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
      const r = cli(['--corpus', 'src', draft], d);
      assert.equal(r.code, 1);
      for (const stream of [r.out, r.err]) {
        assert.doesNotMatch(stream, /\u001b|\u0007/, 'no escape sequence reaches the terminal');
        assert.ok(
          stream.split('\n').every((l) => !l.startsWith('::error')),
          `no injected line: ${JSON.stringify(stream)}`,
        );
      }
      assert.match(r.out, /^a#b%41 c\\n::error file=x::injected\\u001b\]0;pwned\\u0007\.md:1:54 warning Source says 2019/m);
      assert.match(r.err, /bin\\n::error file=y::injected\.txt: /);
      const s = JSON.parse(cli(['--format', 'sarif', '--corpus', 'src', draft], d).out);
      assert.equal(
        s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
        'a%23b%2541%20c%0A%3A%3Aerror%20file%3Dx%3A%3Ainjected%1B%5D0%3Bpwned%07.md',
      );
    });
  });

  describe('exit code 2', () => {
    it('rejects an unknown flag with a one-line reason and the usage', () => {
      const r = cli(['--bogus', 'draft.md'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /unknown option --bogus/);
      assert.match(r.err, /^usage: /m);
      assert.equal(r.out, '');
    });

    it('rejects an unknown format and an out-of-range --min-score', () => {
      assert.equal(cli(['--format', 'xml', 'draft.md'], ws).code, 2);
      const r = cli(['--min-score', '2', 'draft.md'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /--min-score/);
    });

    it('rejects a call without a draft', () => {
      const r = cli([], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /no draft/);
    });

    it('fails on a missing draft file with a one-line reason', () => {
      const r = cli(['--corpus', 'corpus', 'no-such-draft.md'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /cannot read no-such-draft\.md \(ENOENT\)/);
      assert.equal(r.out, '');
    });

    it('fails on a binary draft with a one-line reason', () => {
      const r = cli(['--corpus', 'corpus', 'binary.md'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /binary\.md is a binary file/);
    });

    it('fails on an empty corpus folder with a one-line reason', () => {
      const r = cli(['--corpus', 'empty-corpus', 'draft.md'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /no readable source documents in empty-corpus/);
      assert.equal(r.out, '');
    });

    it('fails on a missing corpus folder, naming the folder', () => {
      const r = cli(['--corpus', 'no-such-corpus', 'draft.md'], ws);
      assert.equal(r.code, 2);
      assert.match(r.err, /^fact-check: no-such-corpus: corpus folder not found/m);
      assert.doesNotMatch(r.err, /^\s+at /m);
    });

    it('fails on a draft that is a folder', () => {
      const r = cli(['--corpus', 'corpus', 'empty-corpus'], ws);
      assert.equal(r.code, 2);
      assertOneLineReason(r.err, /is a folder/);
    });
  });

  describe('--corpus', () => {
    const claimed2018 = 'Kim Jong Un met Vladimir Putin for the first time in 2018 in the Russian city of Vladivostok.';

    it('replaces the bundled corpus', () => {
      const d = mk();
      fs.mkdirSync(path.join(d, 'mine'));
      fs.writeFileSync(path.join(d, 'mine', 'note.txt'), claimed2018);
      fs.writeFileSync(path.join(d, 'draft.md'), `${MISSION}\n`);
      const r = cli(['--format', 'json', '--corpus', 'mine', 'draft.md'], d);
      assert.equal(r.code, 0);
      const j = JSON.parse(r.out);
      assert.deepEqual(j.corpus, { documents: 1, sentences: 1 });
      const c = j.files[0].claims[0];
      assert.equal(c.verdict, 'supported');
      assert.ok(c.evidence.every((e: { path: string }) => e.path.replace(/\\/g, '/') === 'mine/note.txt'));
    });

    it('is repeatable: every folder given is loaded', () => {
      const d = mk();
      fs.mkdirSync(path.join(d, 'one'));
      fs.mkdirSync(path.join(d, 'two'));
      fs.writeFileSync(path.join(d, 'one', 'a.txt'), 'The bakery on Rua Augusta sold croissants to tourists in Lisbon.');
      fs.writeFileSync(path.join(d, 'two', 'b.txt'), 'Kim Jong Un met Vladimir Putin for the first time in 2019 in the Russian city of Vladivostok.');
      fs.writeFileSync(path.join(d, 'draft.md'), `${MISSION}\n`);
      const r = cli(['--format', 'json', '--corpus', 'one', '--corpus=two', 'draft.md'], d);
      assert.equal(r.code, 1);
      const j = JSON.parse(r.out);
      assert.equal(j.corpus.documents, 2);
      const m = j.files[0].claims[0].mismatches[0];
      assert.deepEqual([m.found, m.expected, m.evidence.path.replace(/\\/g, '/')], ['2018', '2019', 'two/b.txt']);
    });

    it('reports unreadable sources on stderr and still checks with the rest', () => {
      const d = mk();
      fs.mkdirSync(path.join(d, 'src'));
      fs.writeFileSync(path.join(d, 'src', 'empty.txt'), '');
      fs.writeFileSync(path.join(d, 'src', 'b.txt'), 'Kim Jong Un met Vladimir Putin for the first time in 2019 in the Russian city of Vladivostok.');
      fs.writeFileSync(path.join(d, 'draft.md'), `${MISSION}\n`);
      const r = cli(['--corpus', 'src', 'draft.md'], d);
      assert.equal(r.code, 1);
      assert.match(r.err, /^fact-check: src[\\/]empty\.txt: skipped: empty file$/m);
      assert.match(r.out, /contradicted-year/);
    });
  });

  describe('dismissals', () => {
    it('honours a dismissal in .fact-check/dismissed.json: no warning and exit 0', () => {
      const d = mk();
      fs.cpSync(path.join(ws, 'draft.md'), path.join(d, 'draft.md'));
      fs.mkdirSync(path.join(d, '.fact-check'));
      fs.writeFileSync(
        path.join(d, '.fact-check', 'dismissed.json'),
        JSON.stringify({ version: 1, dismissed: [{ claim: MISSION, found: '2018', kind: 'year', reason: 'fiction' }] }),
      );
      const r = cli(['--corpus', path.join(ws, 'corpus'), 'draft.md'], d);
      assert.equal(r.code, 0);
      assert.doesNotMatch(r.out, /warning/);
      assert.match(r.out, /0 contradicted/);
      const j = JSON.parse(cli(['--format', 'json', '--corpus', path.join(ws, 'corpus'), 'draft.md'], d).out);
      assert.deepEqual(j.files[0].claims[0].mismatches, []);
      assert.notEqual(j.files[0].claims[0].verdict, 'contradicted');
    });

    it('finds the dismissal file in a folder above the draft', () => {
      const d = mk();
      fs.mkdirSync(path.join(d, 'chapters'));
      fs.cpSync(path.join(ws, 'draft.md'), path.join(d, 'chapters', 'draft.md'));
      fs.mkdirSync(path.join(d, '.fact-check'));
      fs.writeFileSync(path.join(d, '.fact-check', 'dismissed.json'), JSON.stringify([{ claim: MISSION, found: '2018', reason: 'fiction' }]));
      assert.equal(cli(['--corpus', path.join(ws, 'corpus'), 'chapters/draft.md'], d).code, 0);
    });

    it('reports a dismissal file that is a link (here to /dev/zero) in one line and checks without it', () => {
      const d = mk();
      fs.cpSync(BUNDLED, path.join(d, 'corpus'), { recursive: true });
      fs.writeFileSync(path.join(d, 'draft.md'), `${MISSION}\n`);
      fs.mkdirSync(path.join(d, '.fact-check'));
      fs.symlinkSync('/dev/zero', path.join(d, '.fact-check', 'dismissed.json'));
      const r = cli(['--corpus', 'corpus', 'draft.md'], d);
      assert.equal(r.code, 1, 'the contradiction is still reported');
      assertOneLineReason(r.err, /dismissed\.json: not read \(it is a symbolic link\); checking without dismissals/);
    });

    it('does not dismiss a finding of a rewritten claim', () => {
      const d = mk();
      fs.cpSync(path.join(ws, 'draft.md'), path.join(d, 'draft.md'));
      fs.mkdirSync(path.join(d, '.fact-check'));
      fs.writeFileSync(
        path.join(d, '.fact-check', 'dismissed.json'),
        JSON.stringify({ dismissed: [{ claim: 'Some other sentence.', found: '2018', reason: 'x' }] }),
      );
      assert.equal(cli(['--corpus', path.join(ws, 'corpus'), 'draft.md'], d).code, 1);
    });
  });

  describe('bin/fact-check.js (built)', () => {
    before(function () {
      this.timeout(120000);
      execFileSync(process.execPath, [path.join(ROOT, 'tools', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
      assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js built');
    });

    it('prints the contradiction line and exits 1 when run as a process', () => {
      const p = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fact-check.js'), '--corpus', 'corpus', 'draft.md'], { cwd: ws, encoding: 'utf8' });
      assert.equal(p.status, 1, p.stderr);
      assert.equal(p.stdout.split('\n')[0], MISSION_LINE);
      assert.equal(p.stderr, '');
    });

    it('exits 2 with a one-line reason and no stack trace for an unknown flag', () => {
      const p = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'fact-check.js'), '--nope'], { cwd: ws, encoding: 'utf8' });
      assert.equal(p.status, 2);
      assertOneLineReason(p.stderr, /unknown option --nope/);
    });
  });
});
