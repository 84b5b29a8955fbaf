/**
 * Protocol-level tests of the language server: each starts the built server
 * (`node dist/server.js --stdio`, run `node tools/build.mjs` first) and
 * talks LSP to it as an editor would. Waits are on events with deadlines.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, Location, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClaimsResult, FactCheckDiagnosticData, ReportResult, SourcesResult, WorkspaceCheckSummary } from '../../server/src/shared/protocol';
import { pathToUri, ROOT, SERVER, TestClient } from './client';

const DRAFT = 'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.\n';
const SOURCE_FILE = '000_259cea779c2763bf.txt';
const EVIDENCE = 'He met Putin in 2019 for the first time in the Russian city of Vladivostok.';
/** Where `2018` is in {@link DRAFT}. */
const AT_2018 = { line: 0, character: DRAFT.indexOf('2018') + 1 };

const isYear = (d: Diagnostic) => d.code === 'contradicted-year';

/** A fresh workspace with a copy of the bundled corpus as its own corpus folder. */
function makeWorkspace(): { dir: string; corpus: string; draft: string; uri: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fact-check-lsp-'));
  const corpus = path.join(dir, 'sources');
  fs.cpSync(path.join(ROOT, 'corpus'), corpus, { recursive: true });
  const draft = path.join(dir, 'drafts', 'draft.md');
  fs.mkdirSync(path.dirname(draft), { recursive: true });
  fs.writeFileSync(draft, DRAFT);
  return { dir, corpus, draft, uri: pathToUri(draft) };
}

/** Applies LSP text edits to a text, as an editor does. */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x:', 'markdown', 1, text), edits);
}

describe('language server over stdio', function () {
  this.timeout(60000);
  let ws: ReturnType<typeof makeWorkspace>;
  let client: TestClient;

  before(function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`node tools/build.mjs\` first`);
  });

  beforeEach(() => {
    ws = makeWorkspace();
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(ws.dir, { recursive: true, force: true });
  });

  /** Starts a client on the temporary workspace; by default only the copied corpus is used. */
  async function start(settings: Record<string, unknown> = {}, extra: Parameters<typeof TestClient.start>[0] = {}) {
    client = await TestClient.start({
      workspaceFolder: ws.dir,
      settings: { corpus: { folders: ['sources'], includeBundled: false }, ...settings },
      ...extra,
    });
    return client;
  }

  it('puts a diagnostic on the wrong year, naming the source value', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const diags = await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear), 1);
    const d = diags.find(isYear)!;
    assert.equal(DRAFT.slice(d.range.start.character, d.range.end.character), '2018');
    assert.equal(d.range.start.line, 0);
    assert.equal(d.source, 'fact-check');
    assert.equal(d.severity, 2 /* Warning */);
    assert.equal(d.codeDescription?.href, 'https://github.com/fact-check-for-drafts/fact-check-for-drafts#diagnostic-codes');
    // One short line; the source sentence is in the related information, once.
    assert.equal(d.message, 'Source says 2019, not 2018.');
    const rel = d.relatedInformation?.[0];
    assert.ok(rel, 'related information points at the evidence');
    assert.equal(d.relatedInformation?.length, 1);
    assert.match(rel.message, new RegExp(`^Source: "${EVIDENCE.replace(/[.]/g, '\\.')}" \\(${SOURCE_FILE}, 2023-09-05, sentence \\d+\\)$`), rel.message);
    assert.equal(rel.location.uri, pathToUri(path.join(ws.corpus, SOURCE_FILE)));
    const sourceLines = fs.readFileSync(path.join(ws.corpus, SOURCE_FILE), 'utf8').split(/\r?\n/);
    assert.ok(sourceLines[rel.location.range.start.line].includes(EVIDENCE));
    const data = d.data as FactCheckDiagnosticData;
    assert.equal(data.found, '2018');
    assert.equal(data.expected, '2019');
    assert.equal(data.kind, 'year');
    assert.equal(data.claim.trim(), DRAFT.trim());
    assert.ok(typeof data.support === 'number' && data.support >= 0 && data.support < 0.5, `support ${data.support}`);
    // The status notification counts the claim as contradicted.
    await client.waitFor('status', () => client.status.get(ws.uri)?.contradicted === 1);
  });

  it('hover on the year quotes the Vladivostok source with its name, date and a link', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: AT_2018 });
    assert.ok(hover, 'a hover');
    const md = (hover.contents as MarkupContent).value;
    // The verdict and what differs, on the first line.
    assert.equal(md.split('\n')[0], '**Fact check: Contradicted** — Source says 2019, not 2018.');
    // The source sentence quoted once, with the source's value in bold.
    assert.ok(md.includes(`> ${EVIDENCE.replace('2019', '**2019**')}`), md);
    assert.equal(md.split('Vladivostok.').length - 1, 1, `the sentence is quoted once:\n${md}`);
    assert.ok(md.includes('2023-09-05'), 'the source date');
    assert.match(md, /· sentence \d+ ·/, 'the sentence, not a column');
    // The link opens the source with exactly that sentence selected (VS Code's #L<line>,<col>-L<line>,<col>).
    const link = new RegExp(`${pathToUri(path.join(ws.corpus, SOURCE_FILE)).replace(/[.]/g, '\\.')}#L(\\d+),(\\d+)-L(\\d+),(\\d+)`).exec(md);
    assert.ok(link, `a link that selects the sentence:\n${md}`);
    const source = TextDocument.create('x:', 'plaintext', 1, fs.readFileSync(path.join(ws.corpus, SOURCE_FILE), 'utf8'));
    const [l1, c1, l2, c2] = link.slice(1).map(Number);
    assert.equal(source.getText({ start: { line: l1 - 1, character: c1 - 1 }, end: { line: l2 - 1, character: c2 - 1 } }), EVIDENCE);
    // Other evidence is listed by name on one line, so the hover stays short.
    assert.match(md, /^Other sources \(\d+\): \[/m);
    assert.ok(md.split('\n').length <= 8, `a short hover:\n${md}`);
    // Nothing to hover outside any claim.
    client.change(ws.uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n\n' }]);
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: { line: 2, character: 0 } });
    assert.equal(none, null);
  });

  it('hover works on a supported claim too', async () => {
    await start();
    const text = 'Kim Jong Un met Vladimir Putin for the first time in 2019 in the Russian city of Vladivostok.\n';
    client.open(ws.uri, text);
    await client.waitFor('status', () => client.status.get(ws.uri)?.state === 'checked');
    const s = client.status.get(ws.uri)!;
    assert.equal(s.contradicted, 0);
    assert.equal(s.supported, 1);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: { line: 0, character: 5 } });
    const md = (hover!.contents as MarkupContent).value;
    assert.match(md, /Supported/);
    assert.ok(md.includes(EVIDENCE));
  });

  it('the preferred quick fix turns 2018 into 2019; fix-all does too', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const diags = await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear), 1);
    const d = diags.find(isYear)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: ws.uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    const edits = fix.edit!.changes![ws.uri];
    assert.equal(applyEdits(DRAFT, edits), DRAFT.replace('2018', '2019'));
    assert.ok(
      actions.some((a) => a.command?.command === 'factCheck.dismiss'),
      'a dismiss action',
    );

    const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: ws.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll.length, 1);
    assert.ok(fixAll[0].kind!.startsWith('source.fixAll'));
    assert.equal(applyEdits(DRAFT, fixAll[0].edit!.changes![ws.uri]), DRAFT.replace('2018', '2019'));
  });

  it('offers no replacement when the diagnostic is stale (the text changed)', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const d = (await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear), 1)).find(isYear)!;
    const at = d.range;
    const v = client.change(ws.uri, [{ range: at, text: '1999' }]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: ws.uri },
      range: at,
      context: { diagnostics: [d] },
    });
    assert.ok(!actions.some((a) => a.isPreferred), 'no replace action over text that is no longer 2018');
    await client.waitForDiagnostics(ws.uri, () => true, v);
  });

  it('go to definition lands on the evidence in the 000_ source file', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const loc = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: ws.uri }, position: AT_2018 });
    assert.ok(loc);
    assert.equal(loc.uri, pathToUri(path.join(ws.corpus, SOURCE_FILE)));
    const lines = fs.readFileSync(path.join(ws.corpus, SOURCE_FILE), 'utf8').split(/\r?\n/);
    assert.ok(lines[loc.range.start.line].includes(EVIDENCE));
  });

  it('the sources request lists the claim and its evidence', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const r = await client.request<SourcesResult>('factCheck/sources', { textDocument: { uri: ws.uri }, position: AT_2018 });
    assert.equal(r.claim?.verdict, 'contradicted');
    assert.equal(r.sources[0].text, EVIDENCE);
    assert.equal(r.sources[0].stance, 'contradicts');
  });

  it('a settings change (severity off) removes the diagnostic, and back', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
    client.setSettings({ ...client.settings, severity: { contradicted: 'off' } });
    await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
    client.setSettings({ ...client.settings, severity: { contradicted: 'error' } });
    const d = await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear));
    assert.equal(d.find(isYear)!.severity, 1 /* Error */);
  });

  it('unverified claims are Information by default and can be turned off', async () => {
    await start();
    const text = 'The museum in Ulaanbaatar sold 4,812 tickets on 3 March 1987, its director Batbayar said.\n';
    client.open(ws.uri, text);
    const d = await client.waitForDiagnostics(ws.uri, (x) => x.some((y) => y.code === 'unverified-claim'));
    assert.equal(d.find((y) => y.code === 'unverified-claim')!.severity, 3 /* Information */);
    client.setSettings({ ...client.settings, severity: { unverified: 'off' } });
    await client.waitForDiagnostics(ws.uri, (x) => !x.some((y) => y.code === 'unverified-claim'));
  });

  it('editing a corpus file changes the result (server watches with fs.watch)', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
    const file = path.join(ws.corpus, SOURCE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(EVIDENCE, EVIDENCE.replace('2019', '2018')));
    await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
    await client.waitFor('supported status', () => client.status.get(ws.uri)?.supported === 1);
    // Deleting the source leaves nothing to contradict or support the claim.
    fs.rmSync(file);
    await client.waitFor('unverified status', () => client.status.get(ws.uri)?.supported === 0);
  });

  it('a corpus folder missing at start, or deleted and made again, is read when it appears (server watches with fs.watch)', async () => {
    const saved = path.join(ws.dir, 'saved-sources');
    fs.renameSync(ws.corpus, saved);
    await start();
    client.open(ws.uri, DRAFT);
    await client.waitFor('unverified status without sources', () => client.status.get(ws.uri)?.contradicted === 0);
    fs.cpSync(saved, ws.corpus, { recursive: true });
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
    fs.rmSync(ws.corpus, { recursive: true });
    await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
    fs.cpSync(saved, ws.corpus, { recursive: true });
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
  });

  it('editing a corpus file changes the result (client watches, didChangeWatchedFiles)', async () => {
    await start({}, { clientWatchesFiles: true });
    client.open(ws.uri, DRAFT);
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
    await client.waitFor('watcher registration', () => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    const watchers = (reg.registerOptions as { watchers: { globPattern: unknown }[] }).watchers;
    assert.ok(JSON.stringify(watchers).includes(pathToUri(ws.corpus)), JSON.stringify(watchers));
    const file = path.join(ws.corpus, SOURCE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(EVIDENCE, EVIDENCE.replace('2019', '2018')));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(file), type: 2 }] });
    await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
  });

  it('a dismissed finding stays dismissed after an unrelated edit, and the file is shared', async () => {
    await start();
    client.open(ws.uri, DRAFT);
    const d = (await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear))).find(isYear)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: ws.uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const dismiss = actions.find((a) => a.command?.command === 'factCheck.dismiss')!;
    const args = { ...(dismiss.command!.arguments![0] as object), reason: 'Checked with the author' };
    await client.request('workspace/executeCommand', { command: 'factCheck.dismiss', arguments: [args] });
    await client.waitForDiagnostics(ws.uri, (x) => !x.some(isYear));
    const stored = JSON.parse(fs.readFileSync(path.join(ws.dir, '.fact-check', 'dismissed.json'), 'utf8'));
    assert.equal(stored.dismissed[0].found, '2018');
    assert.equal(stored.dismissed[0].reason, 'Checked with the author');

    // An edit elsewhere (a new first paragraph) moves the claim but keeps it dismissed.
    const v = client.change(ws.uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'A new opening paragraph about the weather.\n\n' },
    ]);
    const after = await client.waitForDiagnostics(ws.uri, () => true, v);
    assert.ok(!after.some(isYear), JSON.stringify(after));
    assert.ok(!after.some((x) => x.code === 'unverified-claim' && (x.data as FactCheckDiagnosticData).claim.includes('2018')));
    assert.equal(client.status.get(ws.uri)?.dismissed, 1);

    // Rewriting the claim itself brings the finding back.
    const v2 = client.change(ws.uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'North Korean leader ' }]);
    await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear), v2);
  });

  it('asks for a reason when the dismiss command has none (standalone editors)', async () => {
    await start({}, { pickAction: (_m, actions) => actions[0] });
    client.open(ws.uri, DRAFT);
    const d = (await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear))).find(isYear)!;
    const data = d.data as FactCheckDiagnosticData;
    await client.request('workspace/executeCommand', {
      command: 'factCheck.dismiss',
      arguments: [{ uri: ws.uri, kind: data.kind, claim: data.claim, found: data.found }],
    });
    await client.waitForDiagnostics(ws.uri, (x) => !x.some(isYear));
    const stored = JSON.parse(fs.readFileSync(path.join(ws.dir, '.fact-check', 'dismissed.json'), 'utf8'));
    assert.match(stored.dismissed[0].reason, /source/i);
  });

  it('drops checks of old versions: the last publish is for the newest version', async () => {
    await start();
    const versions: (number | undefined)[] = [];
    client.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      versions.push(p.version);
      client.diagnostics.set(p.uri, p);
    });
    client.open(ws.uri, DRAFT);
    let v = 1;
    for (let i = 0; i < 5; i++) {
      v = client.change(ws.uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `Line ${i}.\n` }]);
    }
    // Poll the recorded publishes through the client's own wait (re-evaluated on status messages).
    await client.waitFor('final status', () => client.status.get(ws.uri)?.version === v);
    assert.equal(versions[versions.length - 1], v);
    for (let i = 1; i < versions.length; i++) assert.ok((versions[i] ?? 0) >= (versions[i - 1] ?? 0), `publishes in order: ${versions.join(', ')}`);
    assert.ok(versions.length < 6, `intermediate versions were skipped: ${versions.join(', ')}`);
  });

  it('reads plain text under the language id "text" (Neovim, Helix)', async () => {
    await start();
    const uri = pathToUri(path.join(ws.dir, 'drafts', 'notes.txt'));
    client.open(uri, DRAFT, 'text');
    await client.waitForDiagnostics(uri, (d) => d.some(isYear));
    // A language not in factCheck.languages is not checked.
    const other = pathToUri(path.join(ws.dir, 'drafts', 'x.py'));
    client.open(other, DRAFT, 'python');
    await client.waitFor('status off', () => client.status.get(other)?.state === 'off');
    assert.equal(client.diagnostics.get(other)?.diagnostics.length ?? 0, 0);
  });

  it('a draft over maxDraftSize is skipped with a clear message, and the server keeps serving', async () => {
    await start({ maxDraftSize: 50 });
    client.open(ws.uri, DRAFT);
    await client.waitFor('skipped status', () => client.status.get(ws.uri)?.state === 'skipped');
    await client.waitFor('warning', () => client.messages.some((m) => /maxDraftSize/.test(m.message)));
    client.setSettings({ ...client.settings, maxDraftSize: 1_000_000 });
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
  });

  it('bad settings and a missing corpus folder give a message, not a dead server', async () => {
    await start({ corpus: { folders: ['sources', 'no-such-folder'], includeBundled: false }, minScore: 'high', severity: { contradicted: 'loud' } });
    client.open(ws.uri, DRAFT);
    const d = await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear));
    assert.equal(d.find(isYear)!.severity, 2, 'falls back to the default severity');
    await client.waitFor('messages', () =>
      ['no-such-folder', 'minScore', 'severity.contradicted'].every((w) => client.messages.some((m) => m.message.includes(w))),
    );
  });

  it('a broken dismissal file is reported and ignored', async () => {
    fs.mkdirSync(path.join(ws.dir, '.fact-check'));
    fs.writeFileSync(path.join(ws.dir, '.fact-check', 'dismissed.json'), '{ not json');
    await start();
    client.open(ws.uri, DRAFT);
    await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear));
    await client.waitFor('message', () => client.messages.some((m) => m.message.includes('dismissed.json')));
  });

  it('check workspace reports drafts that are not open, but not the corpus', async () => {
    await start();
    const summary = await client.request<WorkspaceCheckSummary>('workspace/executeCommand', { command: 'factCheck.checkWorkspace' });
    assert.equal(summary.files, 1, 'only drafts/draft.md; the sources folder is skipped');
    assert.equal(summary.contradicted, 1);
    const d = await client.waitForDiagnostics(ws.uri, (x) => x.some(isYear));
    assert.equal(d.find(isYear)!.range.start.character, DRAFT.indexOf('2018'));
  });

  it('reload corpus re-reads the folders', async () => {
    await start({}, { clientWatchesFiles: true });
    client.open(ws.uri, DRAFT);
    await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
    // Changed behind the server's back (no watcher event is sent): only a reload sees it.
    const file = path.join(ws.corpus, SOURCE_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(EVIDENCE, EVIDENCE.replace('2019', '2018')));
    const r = await client.request<{ documents: number }>('workspace/executeCommand', { command: 'factCheck.reloadCorpus' });
    assert.equal(r.documents, fs.readdirSync(ws.corpus).length);
    await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
  });
  describe('the editor stays quiet and honest (issue 12)', () => {
    const UNSUPPORTED = 'Kim Jong Un traveled to Russia by armoured train in 2019, his aides said on Tuesday at the UN.';

    /** Counts published diagnostics as the Problems panel lists them. */
    const problems = (ds: Diagnostic[]) => ({
      contradicted: ds.filter((d) => String(d.code).startsWith('contradicted')).length,
      unverified: ds.filter((d) => d.code === 'unverified-claim').length,
      conflicts: ds.filter((d) => d.code === 'sources-conflict').length,
    });

    it('underlines what no source supports, each part with its own one-line reason, not the whole sentence', async () => {
      await start();
      const text = `${UNSUPPORTED}\n`;
      client.open(ws.uri, text);
      const ds = await client.waitForDiagnostics(ws.uri, (d) => d.some((x) => x.code === 'unverified-claim'));
      const unverified = ds.filter((d) => d.code === 'unverified-claim');
      assert.ok(unverified.length >= 2, `one diagnostic per unsupported part: ${JSON.stringify(unverified.map((d) => d.message))}`);
      const at = (d: Diagnostic) => text.slice(d.range.start.character, d.range.end.character);
      for (const d of unverified) {
        assert.equal(d.range.start.line, 0);
        assert.ok(at(d).length < UNSUPPORTED.length, `"${at(d)}" is narrower than the sentence`);
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        assert.doesNotMatch(message, /No source confirms this claim/, 'no doubled wording');
        assert.equal(message.split('\n').length, 1);
      }
      const year = unverified.find((d) => at(d) === '2019');
      assert.ok(year, `the year is underlined on its own: ${unverified.map(at).join(' | ')}`);
      assert.equal(year.message, 'The sources mention 2019, but not about this.');
    });

    it('gives a title line, a caption and an opinion nothing', async () => {
      await start();
      client.open(
        ws.uri,
        'Notes from the press conference\n\nKim Jong Un and Vladimir Putin\n\nIt is hard to think of another sport that rewards its stars so lavishly.\n',
      );
      await client.waitFor('checked', () => client.status.get(ws.uri)?.state === 'checked');
      assert.deepEqual(client.diagnostics.get(ws.uri)?.diagnostics, []);
      assert.deepEqual([client.status.get(ws.uri)?.supported, client.status.get(ws.uri)?.unverified], [0, 0]);
    });

    it('counts in the status what the Problems panel lists, conflicts apart, dismissed findings in neither', async () => {
      await start();
      const text = `${DRAFT}\n${UNSUPPORTED}\n`;
      client.open(ws.uri, text);
      const ds = await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear) && d.some((x) => x.code === 'unverified-claim'));
      await client.waitFor('status', () => client.status.get(ws.uri)?.version === 1);
      const s = client.status.get(ws.uri)!;
      assert.deepEqual({ contradicted: s.contradicted, unverified: s.unverified, conflicts: s.conflicts }, problems(ds));
      assert.ok((s.unverified ?? 0) > 1, 'each unsupported part is a finding');
      // Dismissing the unverified claim takes its findings out of both.
      const d = ds.find((x) => x.code === 'unverified-claim')!;
      const data = d.data as FactCheckDiagnosticData;
      await client.request('workspace/executeCommand', {
        command: 'factCheck.dismiss',
        arguments: [{ uri: ws.uri, kind: data.kind, claim: data.claim, found: data.found, reason: 'checked by phone' }],
      });
      const after = await client.waitForDiagnostics(ws.uri, (x) => !x.some((y) => y.code === 'unverified-claim') && x.some(isYear));
      await client.waitFor('status without the dismissed', () => client.status.get(ws.uri)?.unverified === 0);
      const t = client.status.get(ws.uri)!;
      assert.deepEqual({ contradicted: t.contradicted, unverified: t.unverified, conflicts: t.conflicts }, problems(after));
      assert.ok(t.dismissed > 0);
      // A finding whose severity is off has no count.
      client.setSettings({ ...client.settings, severity: { unverified: 'off' } });
      await client.waitFor('no unverified count', () => client.status.get(ws.uri)?.state === 'checked' && !('unverified' in client.status.get(ws.uri)!));
    });

    /** The mission sentence without its closing stop. */
    const HALF = DRAFT.trim().replace(/\.$/, '');

    /**
     * Starts a server with `typingPause`, opens `text` and, once it is checked,
     * types {@link HALF} at the start as one edit; returns the new version.
     */
    async function typeHalfSentence(typingPause: number, text = '\n'): Promise<number> {
      await start({ typingPause });
      client.open(ws.uri, text);
      await client.waitFor('first check', () => client.status.get(ws.uri)?.version === 1);
      return client.change(ws.uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: HALF }]);
    }

    it('holds back the findings of an unfinished sentence being typed until it is finished', async () => {
      // A long pause, so the held state is seen however slow the machine; finishing the sentence shows the finding at once.
      const v2 = await typeHalfSentence(60000);
      const held = await client.waitForDiagnostics(ws.uri, () => true, v2);
      assert.deepEqual(held, [], 'nothing while the sentence is typed');
      await client.waitFor('status of the typed version', () => client.status.get(ws.uri)?.version === v2);
      assert.equal(client.status.get(ws.uri)?.contradicted, 0, 'the status bar does not jump either');
      // The hover still answers for the claim.
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri }, position: AT_2018 });
      assert.match((hover!.contents as MarkupContent).value, /Contradicted/);
      const v3 = client.change(ws.uri, [{ range: { start: { line: 0, character: HALF.length }, end: { line: 0, character: HALF.length } }, text: '.' }]);
      await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear), v3, 10000);
      await client.waitFor('the status counts it', () => client.status.get(ws.uri)?.version === v3 && client.status.get(ws.uri)?.contradicted === 1);
    });

    it('shows the held findings as soon as the cursor moves out of the unfinished sentence', async () => {
      const v2 = await typeHalfSentence(60000, '\n\nKim Jong Un was born in 1984.\n');
      const held = await client.waitForDiagnostics(ws.uri, () => true, v2);
      assert.ok(!held.some(isYear), 'held while typed');
      // A move within the sentence keeps it held; a move to another line shows it.
      client.notify('factCheck/selection', { uri: ws.uri, offset: 5 });
      // Answered after the notification was handled (messages are handled in order).
      await client.request('textDocument/hover', { textDocument: { uri: ws.uri }, position: { line: 0, character: 5 } });
      assert.ok(!client.diagnostics.get(ws.uri)!.diagnostics.some(isYear), 'still held after a move within the sentence');
      client.notify('factCheck/selection', { uri: ws.uri, offset: HALF.length + 3 });
      await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear), v2, 10000);
    });

    it('shows the held findings once the writer pauses', async () => {
      const v2 = await typeHalfSentence(300);
      await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear), v2, 10000);
      await client.waitFor('the status counts it', () => client.status.get(ws.uri)?.version === v2 && client.status.get(ws.uri)?.contradicted === 1);
    });

    it('uses the bundled corpus only while no source folder is configured, and says so', async () => {
      await start({ corpus: { folders: [] } });
      client.open(ws.uri, DRAFT);
      await client.waitForDiagnostics(ws.uri, (d) => d.some(isYear));
      await client.waitFor('bundled status', () => client.status.get(ws.uri)?.bundledOnly === true);
      // A folder of the writer's own replaces the samples, even with includeBundled on.
      const mine = path.join(ws.dir, 'mine');
      fs.mkdirSync(mine);
      fs.writeFileSync(path.join(mine, 'notes.txt'), 'The city council met on Tuesday to discuss the budget.\n');
      client.setSettings({ corpus: { folders: ['mine'], includeBundled: true } });
      await client.waitForDiagnostics(ws.uri, (d) => !d.some(isYear));
      await client.waitFor('own sources status', () => client.status.get(ws.uri)?.state === 'checked' && client.status.get(ws.uri)?.bundledOnly === undefined);
      assert.equal(client.status.get(ws.uri)?.contradicted, 0);
    });

    it('fix all applies only unambiguous fixes, says how many, and leaves the others as quick fixes', async () => {
      const own = path.join(ws.dir, 'own');
      fs.mkdirSync(own);
      fs.writeFileSync(
        path.join(own, 'a.txt'),
        'The Ulaanbaatar city museum sold 4,812 tickets on its opening day, its director Batbayar said.\n\nThe new bridge over the Tuul river opened in 2016 after four years of work.\n',
      );
      fs.writeFileSync(path.join(own, 'b.txt'), 'The Ulaanbaatar city museum sold 5,100 tickets on its opening day, its director Batbayar said.\n');
      await start({ corpus: { folders: ['own'] } });
      const text =
        'The Ulaanbaatar city museum sold 4,000 tickets on its opening day, its director Batbayar said.\n\nThe new bridge over the Tuul river opened in 2014 after four years of work.\n';
      client.open(ws.uri, text);
      const ds = await client.waitForDiagnostics(ws.uri, (d) => d.filter((x) => String(x.code).startsWith('contradicted')).length === 2);
      const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: ws.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      assert.equal(fixAll.length, 1);
      // Two sources give two different ticket counts: that fix is the writer's choice.
      assert.equal(fixAll[0].title, "Fix 1 contradicted value in this file with the sources' values (1 more to review one by one)");
      assert.equal(applyEdits(text, fixAll[0].edit!.changes![ws.uri]), text.replace('2014', '2016'));
      const tickets = ds.find((d) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character) === '4,000')!;
      const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: ws.uri },
        range: tickets.range,
        context: { diagnostics: [tickets] },
      });
      assert.ok(
        quick.some((a) => a.isPreferred && a.title.startsWith('Replace with "4,812"')),
        quick.map((a) => a.title).join(' | '),
      );
      assert.equal(tickets.message, 'Source says 4,812, not 4,000; another source says 5,100.');
    });

    it('reports work-done progress while a corpus is indexed, and "indexing n%" for the status bar', async () => {
      // Test hooks show progress from the first file, so a modest corpus is enough.
      const many = path.join(ws.dir, 'many');
      fs.mkdirSync(many);
      for (let i = 0; i < 200; i++)
        fs.writeFileSync(path.join(many, `s${i}.txt`), `Report ${i}: the council of district ${i} met on Tuesday and approved ${i + 3} new bus routes.\n`);
      await start({ corpus: { folders: ['many'] } }, { env: { FACT_CHECK_TEST_HOOKS: '1', FACT_CHECK_CACHE: 'off' } });
      client.open(ws.uri, DRAFT);
      await client.waitFor('progress end', () => client.progress.some((p) => p.value.kind === 'end'));
      const [token] = client.progressTokens;
      assert.ok(token !== undefined, 'the server asked to create a progress token');
      const kinds = client.progress.filter((p) => p.token === token).map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
      const begin = client.progress.find((p) => p.value.kind === 'begin')!.value;
      assert.equal(begin.title, 'Fact check: indexing sources');
      assert.match(begin.message ?? '', /^\d+ of 200 source files$/);
      const pcts = client.progress.filter((p) => p.value.percentage !== undefined).map((p) => p.value.percentage!);
      assert.deepEqual(
        pcts,
        [...pcts].sort((a, b) => a - b),
        'percentages only grow',
      );
      await client.waitFor('indexing done', () => client.indexing.some((p) => !p.indexing));
      assert.ok(
        client.indexing.some((p) => p.indexing && p.total === 200),
        'the status bar is told while indexing',
      );
      await client.waitFor('checked', () => client.status.get(ws.uri)?.state === 'checked');
    });

    it('lists every claim with its verdict, summary and best evidence, and the sources with their counts, for the claims view', async () => {
      await start();
      const supported = 'Kim Jong Un met Vladimir Putin for the first time in 2019 in the Russian city of Vladivostok.';
      client.open(ws.uri, `${DRAFT}\n${supported}\n\n${UNSUPPORTED}\n`);
      const r = await client.request<ClaimsResult>('factCheck/claims', { textDocument: { uri: ws.uri } });
      assert.equal(r.state, 'checked');
      assert.deepEqual(
        r.claims.map((c) => c.verdict),
        ['contradicted', 'supported', 'unverified'],
      );
      const [wrong, right, open] = r.claims;
      assert.equal(wrong.summary, 'Source says 2019, not 2018.');
      assert.equal(wrong.evidence?.text, EVIDENCE);
      assert.equal(wrong.evidence?.stance, 'contradicts');
      assert.match(right.summary, new RegExp(`^Supported by ${SOURCE_FILE.replace('.', '\\.')}, 2023-09-05, sentence \\d+\\.$`));
      assert.equal(right.range.start.line, 2);
      assert.equal(open.summary, 'The sources mention 2019, but not about this.');
      assert.deepEqual(r.sources, [{ folder: ws.corpus, documents: 5 }]);
    });

    it("makes the report page of the workspace's drafts, not of its sources, with the nonce it is given", async () => {
      await start();
      const r = await client.request<ReportResult>('workspace/executeCommand', { command: 'factCheck.report', arguments: [{ nonce: 'n0nce' }] });
      assert.equal(r.drafts, 1, 'the one draft; the five sources are not drafts');
      assert.ok(r.html.includes(`style-src 'nonce-n0nce'`) && r.html.includes('<style nonce="n0nce">'));
      assert.match(r.html, new RegExp(`<h2>drafts${path.sep === '/' ? '/' : '\\\\'}draft\\.md</h2>`));
      assert.match(r.html, /<mark class="wrong">2018<\/mark>/);
    });

    it('keeps a domain name inside its sentence: one claim, not two', async () => {
      await start();
      client.open(ws.uri, 'Kim Jong Un told ESPN.com that he met Vladimir Putin in Vladivostok.\n');
      const r = await client.request<ClaimsResult>('factCheck/claims', { textDocument: { uri: ws.uri } });
      assert.deepEqual(
        r.claims.map((c) => c.text),
        ['Kim Jong Un told ESPN.com that he met Vladimir Putin in Vladivostok.'],
      );
    });

    it('tells an untrusted workspace what works for a relative folder out of it (trust would not)', async () => {
      fs.mkdirSync(path.join(ws.dir, '..', `${path.basename(ws.dir)}-out`), { recursive: true });
      await start({ corpus: { folders: [`../${path.basename(ws.dir)}-out`] } }, { initializationOptions: { trusted: false } });
      client.open(ws.uri, DRAFT);
      await client.waitFor('the refusal', () => client.messages.some((m) => /not read/.test(m.message)));
      const m = client.messages.find((x) => /not read/.test(x.message))!.message;
      assert.doesNotMatch(m, /Trust the workspace/);
      assert.match(m, /move the folder inside the workspace, or add it to factCheck\.corpus\.folders in your user settings/);
      fs.rmSync(path.join(ws.dir, '..', `${path.basename(ws.dir)}-out`), { recursive: true, force: true });
    });

    it('does not check a source file as a draft', async () => {
      await start();
      const source = path.join(ws.corpus, SOURCE_FILE);
      const uri = pathToUri(source);
      client.open(uri, fs.readFileSync(source, 'utf8'), 'plaintext');
      await client.waitFor('source status', () => client.status.get(uri)?.state === 'off');
      assert.match(client.status.get(uri)!.message!, /one of the sources/);
      assert.deepEqual(client.diagnostics.get(uri)?.diagnostics ?? [], []);
    });
  });
});

describe('fact-check-ls command line', () => {
  it('explains itself when started without a transport', () => {
    const r = require('node:child_process').spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
  });
});
