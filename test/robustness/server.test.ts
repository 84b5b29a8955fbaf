/**
 * The language server under bad input, injected faults and load, over stdio
 * (`node dist/server.js --stdio`, built by `node tools/build.mjs`): every
 * problem gets a message, the rest keeps working, nothing crashes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DebugMemoryResult, FactCheckDiagnosticData } from '../../server/src/shared/protocol';
import { TestClient } from '../lsp/client';
import { assertBuilt, isYear, makeWorkspace, MISSION, sleep, stats, tempDir } from './helpers';

/** Marker strings of the server's test hooks (server/src/server.ts). */
const FAULT_CLAIM = 'FACT-CHECK-TEST-FAULT-CLAIM';
const FAULT_DRAFT = 'FACT-CHECK-TEST-FAULT-DRAFT';
const HOOKS = { FACT_CHECK_TEST_HOOKS: '1' };

/** A diagnostic's message as text (LSP 3.18 allows Markdown content too). */
const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/** Every diagnostic's range lies inside `text` and covers the text its data says it found. */
function assertDiagnosticsMatch(text: string, diags: Diagnostic[]): void {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  for (const d of diags) {
    const start = doc.offsetAt(d.range.start);
    const end = doc.offsetAt(d.range.end);
    assert.deepEqual(doc.positionAt(start), d.range.start, `range start ${JSON.stringify(d.range.start)} lies inside the draft`);
    assert.deepEqual(doc.positionAt(end), d.range.end, `range end ${JSON.stringify(d.range.end)} lies inside the draft`);
    const data = d.data as FactCheckDiagnosticData;
    if (data.found) assert.equal(text.slice(start, end), data.found, `${String(d.code)}: the range covers the value found`);
  }
}

describe('robustness: language server', function () {
  this.timeout(90000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: TestClient | undefined;
  const extra: string[] = [];

  before(assertBuilt);
  beforeEach(() => {
    ws = makeWorkspace();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(ws.dir, { recursive: true, force: true });
    for (const d of extra.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  async function start(settings: Record<string, unknown> = {}, options: Parameters<typeof TestClient.start>[0] = {}): Promise<TestClient> {
    client = await TestClient.start({
      workspaceFolder: ws.dir,
      settings: { corpus: { folders: ['sources'], includeBundled: false }, ...settings },
      ...options,
    });
    return client;
  }

  /** Waits for the server to answer a request: proof that it is alive and not stuck. */
  async function assertAlive(c: TestClient): Promise<void> {
    const uri = ws.uri('alive.md');
    c.open(uri, MISSION);
    await c.waitForDiagnostics(uri, (d) => d.some(isYear));
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: MISSION.indexOf('2018') + 1 } });
    assert.ok(hover, 'the server answers a hover');
    assert.equal(c.proc.exitCode, null, 'the server is still running');
  }

  describe('drafts', () => {
    it('checks empty, CRLF, BOM, emoji, binary, 1 MB-line, nested and table drafts with exact UTF-16 ranges', async () => {
      const c = await start({ maxDraftSize: 3_000_000 });
      const drafts: Record<string, string> = {
        'empty.md': '',
        'crlf-bom-emoji.md': `\uFEFF😀 Notes 👩‍👩‍👧 on the summit.\r\n\r\n𝕏 ${MISSION.replace('Kim', 'Kim 🇰🇵')}\r\n`,
        'binary.md': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1') + `\n\n${MISSION}\n`,
        'long-line.md': `${'x'.repeat(1_100_000)}\n\n${MISSION}\n`,
        'nested.md': `${'> '.repeat(60)}${MISSION}\n\n${'  '.repeat(50)}- ${MISSION}\n`,
        'table.md': `| claim | note |\n| --- | --- |\n${`| ${MISSION} | 5% |\n`.repeat(2000)}`,
        'plain.txt': `\uFEFF${MISSION}\r\r${MISSION}`,
      };
      for (const [name, text] of Object.entries(drafts)) c.open(ws.uri(name), text, name.endsWith('.txt') ? 'plaintext' : 'markdown');
      for (const [name, text] of Object.entries(drafts)) {
        const uri = ws.uri(name);
        const diags = await c.waitForDiagnostics(uri, (d) => name === 'empty.md' || d.some(isYear), 1);
        assertDiagnosticsMatch(text, diags);
        await c.waitFor(`${name} is checked`, () => c.status.get(uri)?.version === 1 && c.status.get(uri)?.state === 'checked');
        if (name !== 'empty.md')
          assert.ok(
            diags.some((d) => isYear(d) && (d.data as FactCheckDiagnosticData).found === '2018'),
            `${name}: the year is found`,
          );
      }
      await assertAlive(c);
    });

    it('says once that a 5 MB draft is over the size limit, however often it is edited, and checks it once it is shorter', async () => {
      const c = await start();
      const uri = ws.uri('big.md');
      const big = `${MISSION}\n\n${'Lorem ipsum dolor sit amet. '.repeat((5 * 1024 * 1024) / 28)}`;
      c.open(uri, big);
      await c.waitFor('skipped', () => c.status.get(uri)?.state === 'skipped');
      const sizeMessages = () => c.messages.filter((m) => m.message.includes('maxDraftSize')).length;
      await c.waitFor('size message', () => sizeMessages() === 1);
      for (let i = 0; i < 5; i++) {
        const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
        await c.waitFor(`version ${v} skipped`, () => c.status.get(uri)?.version === v && c.status.get(uri)?.state === 'skipped');
      }
      assert.equal(sizeMessages(), 1, 'the size message is shown once, not on every edit');
      assert.ok(c.status.get(uri)?.message?.includes('maxDraftSize'), 'the status says why');
      // Shrunk below the limit: checked again.
      const v = c.change(uri, [{ text: MISSION }]);
      await c.waitForDiagnostics(uri, (d) => d.some(isYear), v);
      await assertAlive(c);
    });

    it('survives Markdown nested thousands of levels deep (the check fails or succeeds, the server stays up)', async () => {
      const c = await start();
      const uri = ws.uri('deep.md');
      c.open(uri, `${'> '.repeat(6000)}${MISSION}\n\n${'2018. '.repeat(5000)}\n`);
      await c.waitFor('a result', () => ['checked', 'error'].includes(c.status.get(uri)?.state ?? ''));
      console.log(`      (deeply nested draft: ${c.status.get(uri)?.state}${c.status.get(uri)?.message ? `: ${c.status.get(uri)?.message}` : ''})`);
      if (c.status.get(uri)?.state === 'error') {
        await c.waitFor('error message', () => c.messages.some((m) => m.message.includes('deep.md') && m.message.includes('failed')));
      }
      await assertAlive(c);
    });
  });

  describe('protocol', () => {
    it('ignores document notifications whose uri is not a string, and keeps serving', async () => {
      const c = await start();
      for (const uri of [{ path: '/x.md' }, 42, null, undefined]) {
        void c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: MISSION } });
        void c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: MISSION }] });
        void c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      void c.connection.sendNotification('textDocument/didOpen', {});
      await assertAlive(c);
    });
  });

  describe('settings', () => {
    it('reports each setting of the wrong type or out of range once, and uses the defaults', async () => {
      const c = await start({
        corpus: { folders: 42, includeBundled: 'yes', maxFiles: -3, maxMegabytes: 'lots' },
        severity: { contradicted: 'loud', unverified: 7 },
        minScore: 7,
        maxDraftSize: 'big',
        languages: 'markdown',
      });
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      // Defaults: the bundled corpus (folders [] and includeBundled true), severity warning.
      const d = await c.waitForDiagnostics(uri, (x) => x.some(isYear));
      assert.equal(d.find(isYear)!.severity, 2);
      const names = [
        'corpus.folders',
        'corpus.includeBundled',
        'corpus.maxFiles',
        'corpus.maxMegabytes',
        'severity.contradicted',
        'severity.unverified',
        'minScore',
        'maxDraftSize',
        'languages',
      ];
      await c.waitFor(
        () => `a message for each of ${names.join(', ')}; got ${JSON.stringify(c.messages.map((m) => m.message))}`,
        () => names.every((n) => c.messages.some((m) => m.message.includes(`factCheck.${n} must be`))),
      );
      // A second draft reads the same settings: no new messages.
      const before = c.messages.length;
      c.open(ws.uri('second.md'), MISSION);
      await c.waitForDiagnostics(ws.uri('second.md'), (x) => x.some(isYear));
      assert.equal(c.messages.length, before, 'each problem is reported once');
      for (const n of names) assert.equal(c.messages.filter((m) => m.message.includes(`factCheck.${n} must be`)).length, 1, `one message for ${n}`);
    });

    it('survives a configuration answer nested 10,000 levels deep: defaults, one message, still serving', async () => {
      // vscode-jsonrpc on the client side cannot serialise this either, so the
      // server gets an error answer or the value; it must cope with both
      // (normaliseSettings's own test covers the value itself).
      const c = await start();
      let deep: unknown = 'x';
      for (let i = 0; i < 10000; i++) deep = [deep];
      c.settings = { corpus: { folders: ['sources'], includeBundled: false }, languages: deep, minScore: { a: deep } };
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitForDiagnostics(uri, (x) => x.some(isYear));
      await c.waitFor(
        () => `a message about the settings; got ${JSON.stringify(c.messages)}`,
        () => c.messages.some((m) => m.message.includes('factCheck.languages must be') || m.message.includes('Could not read settings')),
      );
      await assertAlive(c);
    });

    it('checks with the defaults, saying so once, when the client never answers workspace/configuration', async () => {
      const c = await start({}, { neverAnswerConfiguration: true });
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      // The defaults read the bundled corpus, which contradicts the mission's 2018.
      await c.waitForDiagnostics(uri, (x) => x.some(isYear), undefined, 30000);
      c.open(ws.uri('second.md'), MISSION);
      await c.waitForDiagnostics(ws.uri('second.md'), (x) => x.some(isYear), undefined, 30000);
      assert.equal(c.messages.filter((m) => m.message.includes('did not answer workspace/configuration')).length, 1, JSON.stringify(c.messages));
    });

    it('reads settings that are not an object at all as defaults, with a message', async () => {
      const c = await start();
      c.settings = 'nonsense' as unknown as Record<string, unknown>;
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitForDiagnostics(uri, (x) => x.some(isYear));
      await c.waitFor('message', () => c.messages.some((m) => m.message.includes('must be an object')));
    });
  });

  describe('corpus', () => {
    it('names each unusable source and its reason in the log, warns once, and uses the rest', async function () {
      const s = ws.corpus;
      fs.writeFileSync(path.join(s, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
      fs.writeFileSync(
        path.join(s, 'latin1.txt'),
        Buffer.concat([Buffer.from('Kim Jong Un visited the caf'), Buffer.from([0xe9]), Buffer.from(' in Vladivostok in 2019.\n')]),
      );
      fs.writeFileSync(path.join(s, 'empty.txt'), '');
      fs.writeFileSync(path.join(s, 'whitespace.md'), ' \n\t\n');
      const huge = path.join(s, 'huge.txt');
      fs.writeFileSync(huge, '');
      fs.truncateSync(huge, 51 * 1024 * 1024); // sparse: 51 MB on paper, nothing on disk
      let links = true;
      try {
        fs.symlinkSync(path.join(s, 'loop-b.txt'), path.join(s, 'loop-a.txt'));
        fs.symlinkSync(path.join(s, 'loop-a.txt'), path.join(s, 'loop-b.txt'));
        fs.symlinkSync(s, path.join(s, 'self'), 'dir');
      } catch {
        links = false;
      }
      const c = await start({ corpus: { folders: ['sources', 'missing-folder'], includeBundled: false } });
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitForDiagnostics(uri, (d) => d.some(isYear));
      const expected: [string, RegExp][] = [
        ['missing-folder', /not found/],
        ['binary.txt', /binary/],
        ['latin1.txt', /invalid UTF-8/],
        ['empty.txt', /empty/],
        ['whitespace.md', /empty/],
        ['huge.txt', /51 MB is over the 50 MB limit/],
        ...(links
          ? ([
              ['loop-a.txt', /symbolic link loop/],
              ['loop-b.txt', /symbolic link loop/],
            ] as [string, RegExp][])
          : []),
      ];
      for (const [file, reason] of expected) {
        const line = c.logs.find((l) => l.startsWith('Corpus problem:') && l.includes(file));
        assert.ok(line, `the log names ${file}: ${JSON.stringify(c.logs.filter((l) => l.startsWith('Corpus problem')))}`);
        assert.match(line, reason);
      }
      const warnings = c.messages.filter((m) => m.message.includes('see the output log'));
      assert.equal(warnings.length, 1, 'one notification for all corpus problems');
      assert.ok(!c.logs.some((l) => /Corpus problem: .*self/.test(l)), 'a folder linking to itself is read once, silently');
      assert.ok(
        c.logs.some((l) => /Corpus loaded: [1-9]\d* documents/.test(l)),
        'the good sources are loaded',
      );
    });

    it('caps a folder of 100,000 files at factCheck.corpus.maxFiles with one message, and still checks', async function () {
      this.timeout(120000);
      const many = tempDir('fact-check-many-');
      extra.push(many);
      for (let i = 0; i < 100_000; i++)
        fs.writeFileSync(path.join(many, `f${String(i).padStart(6, '0')}.txt`), `Note ${i}: the meeting was in ${1900 + (i % 120)}.\n`);
      const c = await start({ corpus: { folders: ['sources', many], includeBundled: false } });
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      const t0 = performance.now();
      await c.waitForDiagnostics(uri, (d) => d.some(isYear));
      const loadMs = performance.now() - t0;
      const capped = c.messages.filter((m) => m.message.includes('capped at'));
      assert.equal(capped.length, 1, 'one message about the cap');
      assert.match(capped[0].message, /capped at 20,000 files \(raise factCheck\.corpus\.maxFiles to read more\)/);
      assert.equal(
        c.logs.filter((l) => l.startsWith('Corpus problem:') && l.includes('capped at')).length,
        1,
        'one problem about the cap, not one per skipped file',
      );
      // A smaller cap from the settings applies at once.
      c.setSettings({ corpus: { folders: ['sources', many], includeBundled: false, maxFiles: 100 } });
      await c.waitFor('new cap message', () => c.messages.some((m) => m.message.includes('capped at 100 files')));
      await c.waitForDiagnostics(uri, (d) => d.some(isYear));
      console.log(`      (100,000-file folder: first diagnostics after ${loadMs.toFixed(0)} ms, 20,000 files read)`);
    });
  });

  describe('faults', () => {
    it('a claim that makes the engine throw costs only that claim; a draft that does costs only that draft', async () => {
      const c = await start({}, { env: HOOKS });
      const uri = ws.uri('draft.md');
      const text = `${MISSION}\n\nKim Jong Un met Vladimir Putin in 2023 in ${FAULT_CLAIM} Vladivostok.\n\n${MISSION.replace('2018', '2017')}\n`;
      c.open(uri, text);
      const diags = await c.waitForDiagnostics(uri, (d) => d.filter(isYear).length === 2);
      assertDiagnosticsMatch(text, diags);
      const failed = diags.find((d) => messageOf(d).includes('injected fault on this claim'));
      assert.ok(failed, `the failed claim is shown as unverified with the reason: ${JSON.stringify(diags.map((d) => d.message))}`);
      assert.equal(failed.code, 'unverified-claim');
      assert.equal(failed.range.start.line, 2);

      const bad = ws.uri('bad.md');
      c.open(bad, `${MISSION} ${FAULT_DRAFT}`);
      await c.waitFor('error status', () => c.status.get(bad)?.state === 'error');
      await c.waitFor('error message', () => c.messages.some((m) => m.message.includes('bad.md') && m.message.includes('injected fault on this draft')));
      assert.deepEqual(c.diagnostics.get(bad)?.diagnostics ?? [], []);
      // The other draft and the server are unaffected; the failed draft recovers when fixed.
      await assertAlive(c);
      const v = c.change(bad, [{ text: MISSION }]);
      await c.waitForDiagnostics(bad, (d) => d.some(isYear), v);
    });
  });

  describe('workspace trust', () => {
    /** A corpus outside the workspace: a copy of the bundled corpus next to it. */
    function outside(): string {
      const dir = tempDir('fact-check-outside-');
      extra.push(dir);
      fs.cpSync(ws.corpus, path.join(dir, 'corpus'), { recursive: true });
      return path.join(dir, 'corpus');
    }
    const untrusted = { initializationOptions: { trusted: false } };
    const refusal = (c: TestClient) => c.messages.find((m) => m.message.includes('not trusted'));

    it('does not read a workspace-set folder outside an untrusted workspace (.., symlink), and says why', async () => {
      const out = outside();
      const rel = path.relative(ws.dir, out);
      assert.ok(rel.startsWith('..'));
      fs.symlinkSync(out, path.join(ws.dir, 'linked'), 'dir');
      const c = await start({ corpus: { folders: [rel], includeBundled: false } }, untrusted);
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitFor('refusal', () => !!refusal(c));
      const d = await c.waitForDiagnostics(uri, () => true, 1);
      assert.ok(!d.some(isYear), 'nothing from outside the workspace is used');
      assert.match(refusal(c)!.message, /outside the workspace/);
      assert.match(refusal(c)!.message, /user settings/, 'the message says how to allow it');
      assert.ok(refusal(c)!.message.includes(out), 'the message names the folder');

      // A link inside the workspace to a folder outside it is outside too.
      c.messages.length = 0;
      c.setSettings({ corpus: { folders: ['linked'], includeBundled: false } });
      await c.waitFor('refusal of the linked folder', () => !!refusal(c));
      const other = ws.uri('other.md');
      c.open(other, MISSION);
      assert.ok(!(await c.waitForDiagnostics(other, () => true, 1)).some(isYear));
    });

    it('reads folders inside an untrusted workspace, but not files linked from outside', async () => {
      const out = outside();
      fs.rmSync(path.join(ws.corpus, '000_259cea779c2763bf.txt'));
      fs.symlinkSync(path.join(out, '000_259cea779c2763bf.txt'), path.join(ws.corpus, 'leak.txt'));
      const c = await start({ corpus: { folders: ['sources'], includeBundled: false } }, untrusted);
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitFor('log', () => c.logs.some((l) => l.includes('leak.txt') && l.includes('outside the workspace')));
      const d = await c.waitForDiagnostics(uri, () => true, 1);
      assert.ok(!d.some(isYear), 'the linked file is not read');
      assert.ok(
        c.logs.some((l) => /Corpus loaded: 4 documents/.test(l)),
        'the other sources are read',
      );
      // Trusted, the link is followed.
      void c.connection.sendNotification('factCheck/trust', { trusted: true });
      await c.waitForDiagnostics(uri, (x) => x.some(isYear));
    });

    it("reads a folder outside the workspace when it comes from the user's own settings", async () => {
      const out = outside();
      const c = await start({ corpus: { folders: [out], includeBundled: false }, _scopes: { userFolders: [out] } }, untrusted);
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitForDiagnostics(uri, (d) => d.some(isYear));
      assert.ok(!refusal(c));
      // The same folder claimed by the workspace alone is refused.
      c.setSettings({ corpus: { folders: [out], includeBundled: false }, _scopes: { userFolders: [] } });
      await c.waitForDiagnostics(uri, (d) => !d.some(isYear));
      assert.ok(refusal(c));
    });

    it('reads the outside folder once trust is granted, and always in a trusted workspace', async () => {
      const out = outside();
      const rel = path.relative(ws.dir, out);
      const c = await start({ corpus: { folders: [rel], includeBundled: false } }, untrusted);
      const uri = ws.uri('draft.md');
      c.open(uri, MISSION);
      await c.waitFor('refusal', () => !!refusal(c));
      void c.connection.sendNotification('factCheck/trust', { trusted: true });
      await c.waitForDiagnostics(uri, (d) => d.some(isYear));
      await c.stop();
      // Clients that say nothing about trust (other editors) are trusted.
      const d = await start({ corpus: { folders: [rel], includeBundled: false } });
      d.open(uri, MISSION);
      await d.waitForDiagnostics(uri, (x) => x.some(isYear));
      assert.ok(!refusal(d));
    });
  });

  describe('load', () => {
    /** A draft of a dozen paragraphs; typing happens at the end of the last one. */
    const paragraphs = [
      MISSION,
      'North Korean leader Kim Jong Un arrived in Vladivostok by armoured train.',
      'The talks lasted about four hours, officials said.',
      'Russia and North Korea signed no agreements at the summit.',
      'Putin said Kim had briefed him on his talks with the United States.',
      'Kim Jong Un invited Vladimir Putin to visit North Korea.',
      'The two leaders met on Russky Island.',
      'Kim left Russia two days later.',
      'Analysts said the meeting was a show of support.',
      'The summit was the first between the two men.',
      'The last paragraph is where the writer types',
    ];
    const base = paragraphs.join('\n\n');
    const hoverAt = { line: 0, character: MISSION.indexOf('2018') + 1 };

    it('answers a cancelled request at once while a long draft is being checked, and the check goes on to its diagnostics', async () => {
      const c = await start();
      const uri = ws.uri('long.md');
      // About 60,000 words in paragraphs that are all new to the checker: seconds of work.
      const long = Array.from(
        { length: 3000 },
        (_, i) => `In ${1900 + (i % 120)} the council of district ${i} met Kim Jong Un and Vladimir Putin in Vladivostok, said ${i % 7} officials.`,
      ).join('\n\n');
      c.open(uri, long);
      const source = new CancellationTokenSource();
      const answered = c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }, source.token).then(
        (hover) => hover,
        (e: Error) => e,
      );
      source.cancel();
      // Settled before the check of the draft is done (its diagnostics come later), with no hover.
      const got = await answered;
      assert.ok(got === null || got instanceof Error, `a cancelled request gets no hover: ${JSON.stringify(got)}`);
      assert.equal(c.diagnostics.get(uri), undefined, 'the check was still running when the cancelled request was answered');
      await c.waitForDiagnostics(uri, (d) => d.length > 0, 1, 120000);
    });

    it('stays responsive during a burst of 1,000 didChange notifications in one second, and ends on the right diagnostics', async () => {
      // No wait for the typed (unfinished) sentence: its last diagnostics must equal a fresh check's.
      const c = await start({ typingPause: 0 });
      const uri = ws.uri('burst.md');
      c.open(uri, base);
      await c.waitForDiagnostics(uri, (d) => d.some(isYear), 1);
      const typed = ' and in 2019 the talks went on, said five officials in Moscow.'.repeat(20).slice(0, 1000);
      const lastLine = paragraphs.length * 2 - 2;
      let col = paragraphs[paragraphs.length - 1].length;
      const latencies: number[] = [];
      const hovers: Promise<void>[] = [];
      let version = 1;
      const t0 = performance.now();
      for (let tick = 0; tick < 200; tick++) {
        for (let k = 0; k < 5; k++) {
          const ch = typed[tick * 5 + k];
          version = c.change(uri, [{ range: { start: { line: lastLine, character: col }, end: { line: lastLine, character: col } }, text: ch }]);
          col++;
        }
        if (tick % 10 === 5) {
          const h0 = performance.now();
          hovers.push(
            c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: hoverAt }).then((h) => {
              latencies.push(performance.now() - h0);
              assert.ok(h && JSON.stringify(h.contents).includes('2019'), `the hover during the burst shows the source: ${JSON.stringify(h)}`);
            }),
          );
        }
        // 200 ticks of 5 ms: 1,000 changes in about a second.
        const next = t0 + (tick + 1) * 5;
        await sleep(Math.max(0, next - performance.now()));
      }
      const burstMs = performance.now() - t0;
      await Promise.all(hovers);
      const final = await c.waitForDiagnostics(uri, () => true, version);
      const finalText = base + typed;
      assertDiagnosticsMatch(finalText, final);
      // The same text opened fresh gives the same diagnostics.
      const fresh = ws.uri('fresh.md');
      c.open(fresh, finalText);
      const expected = await c.waitForDiagnostics(fresh, () => true, 1);
      const shape = (ds: Diagnostic[]) =>
        ds.map((d) => ({ range: d.range, code: d.code, message: messageOf(d) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      assert.deepEqual(shape(final), shape(expected), 'the final diagnostics are those of the final text');
      const s = stats(latencies);
      console.log(
        `      (1,000 changes in ${burstMs.toFixed(0)} ms; ${latencies.length} hovers during the burst: median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms)`,
      );
      assert.ok(latencies.length >= 15, 'hovers were sent during the burst');
      // A blocked server answers after the burst, seconds later; 400 ms leaves room for a shared, loaded machine.
      assert.ok(s.max < 400, `every hover during the burst is answered within 400 ms (max ${s.max.toFixed(1)} ms)`);
    });

    it('keeps memory flat over 10,000 edits (no per-version leak)', async function () {
      this.timeout(120000);
      const c = await start({}, { env: HOOKS, execArgv: ['--expose-gc'] });
      const uri = ws.uri('memory.md');
      c.open(uri, base);
      await c.waitForDiagnostics(uri, (d) => d.some(isYear), 1);
      const lastLine = paragraphs.length * 2 - 2;
      const end = paragraphs[paragraphs.length - 1].length;
      const word = ' in 2019';
      let version = 1;
      let checked = 0;
      /** Types a word at the end of the last paragraph and deletes it again, checking now and then. */
      const edits = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const k = i % (word.length * 2);
          const at = k < word.length ? end + k : end + word.length * 2 - k - 1;
          const change =
            k < word.length
              ? { range: { start: { line: lastLine, character: at }, end: { line: lastLine, character: at } }, text: word[k] }
              : { range: { start: { line: lastLine, character: at }, end: { line: lastLine, character: at + 1 } }, text: '' };
          version = c.change(uri, [change]);
          // A hover every 20 edits makes the server check that version (and keep its result).
          if (i % 20 === 19) {
            await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
            checked++;
          }
        }
        await c.waitForDiagnostics(uri, () => true, version);
      };
      const memory = () => c.request<DebugMemoryResult>('factCheck/debugMemory', {});
      await edits(2000); // warm-up: caches fill, code is optimised
      checked = 0;
      const before = await memory();
      assert.ok(before.gc, 'the server ran a garbage collection before measuring');
      const t0 = performance.now();
      await edits(10_000);
      const ms = performance.now() - t0;
      const after = await memory();
      const growth = (after.heapUsed - before.heapUsed) / 1048576;
      console.log(
        `      (10,000 edits, ${checked} versions checked on demand, in ${ms.toFixed(0)} ms; heap ${(before.heapUsed / 1048576).toFixed(1)} → ${(after.heapUsed / 1048576).toFixed(1)} MB, ${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB; rss ${(before.rss / 1048576).toFixed(0)} → ${(after.rss / 1048576).toFixed(0)} MB)`,
      );
      assert.ok(growth < 8, `heap growth over 10,000 edits stays under 8 MB (got ${growth.toFixed(2)} MB)`);
      const finalDiags = c.diagnostics.get(uri)!.diagnostics;
      assertDiagnosticsMatch(base, finalDiags);
    });
  });
});
