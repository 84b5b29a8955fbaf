/**
 * The language features in memory (lsp/service.ts): diagnostics, hover, code
 * actions and definition on a real corpus and draft, with no connection and
 * no server process.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createFactCheckService, type FactCheckService } from '../../server/src/lsp/service';
import { SettingsStore } from '../../server/src/lsp/state/settingsStore';

const SOURCE = ' date 2019-04-25\nKim Jong Un met Vladimir Putin for the first time in 2019 in Vladivostok.\n';
const DRAFT = '# Notes\n\nKim Jong Un met Vladimir Putin for the first time in 2018 in Vladivostok.\n';

describe('service: the language features without a connection', () => {
  let dir: string;
  let service: FactCheckService;
  let doc: TextDocument;
  const warnings: string[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-service-'));
    fs.mkdirSync(path.join(dir, 'sources'));
    fs.writeFileSync(path.join(dir, 'sources', 'summit.txt'), SOURCE);
    doc = TextDocument.create(pathToFileURL(path.join(dir, 'draft.md')).href, 'markdown', 1, DRAFT);
    const settings = new SettingsStore(
      () => Promise.resolve({ corpus: { folders: [path.join(dir, 'sources')] } }),
      undefined,
      (m) => warnings.push(m),
    );
    service = createFactCheckService({
      settings: () => settings,
      document: (uri) => (uri === doc.uri ? doc : undefined),
      log: () => undefined,
      warn: (m) => warnings.push(m),
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const at = (text: string) => doc.positionAt(DRAFT.indexOf(text) + 1);

  it('publishes a warning on the contradicted year, with the source value in its data', async () => {
    const diagnostics = await service.diagnostics(doc.uri);
    const year = diagnostics.filter((d) => d.code === 'contradicted-year');
    assert.equal(year.length, 1, JSON.stringify(diagnostics));
    assert.equal(year[0].severity, DiagnosticSeverity.Warning);
    assert.equal(doc.getText(year[0].range), '2018');
    assert.equal(year[0].message, 'Source says 2019, not 2018.');
    assert.equal((year[0].data as { expected?: string }).expected, '2019');
    assert.deepEqual(warnings, []);
  });

  it('hovers with the verdict and the source sentence, the value in bold', async () => {
    const hover = await service.hover({ textDocument: { uri: doc.uri }, position: at('2018') });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /2019/);
    assert.match(value, /\*\*2019\*\*/);
    assert.match(value, /summit\.txt/);
    assert.equal(await service.hover({ textDocument: { uri: doc.uri }, position: at('Notes') }), null, 'no hover on the heading');
  });

  it('offers a quick fix that replaces the year with the source value, from the diagnostic alone', async () => {
    const diagnostics = (await service.diagnostics(doc.uri)).filter((d) => d.code === 'contradicted-year');
    const actions = await service.codeActions({ textDocument: { uri: doc.uri }, range: diagnostics[0].range, context: { diagnostics } });
    const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.edit);
    assert.ok(fix, JSON.stringify(actions));
    const edits = fix.edit!.changes![doc.uri];
    assert.deepEqual(
      edits.map((e) => [doc.getText(e.range), e.newText]),
      [['2018', '2019']],
    );
  });

  it('goes to the source sentence', async () => {
    const location = await service.definition({ textDocument: { uri: doc.uri }, position: at('2018') });
    assert.ok(location);
    assert.equal(location.uri, pathToFileURL(path.join(dir, 'sources', 'summit.txt')).href);
    assert.equal(location.range.start.line, 1);
  });

  it('checks with the defaults when the editor gives no settings, and says nothing is wrong with them', async () => {
    const settings = new SettingsStore(undefined, undefined, (m) => warnings.push(m));
    const bundled = createFactCheckService({
      settings: () => settings,
      document: (uri) => (uri === doc.uri ? doc : undefined),
      log: () => undefined,
      warn: (m) => warnings.push(m),
    });
    // The bundled corpus (the default) has the summit in 2019 too.
    const year = (await bundled.diagnostics(doc.uri)).filter((d) => d.code === 'contradicted-year');
    assert.deepEqual(
      year.map((d) => doc.getText(d.range)),
      ['2018'],
    );
    assert.deepEqual(warnings, []);
  });
});
