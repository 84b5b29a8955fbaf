// The extension as a person uses it, through the real `vscode` API: open a
// draft, see the contradiction, hover it, apply the quick fix, change a
// setting, edit a source file on disk, read the status bar.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import {
  EXTENSION_ID,
  codeOf,
  describeDiagnostics,
  factCheckDiagnostics,
  hoverText,
  lineOf,
  ms,
  rangeOf,
  askRunner,
  waitFor,
  waitForDiagnostics,
} from './helpers';

const CONTRADICTED = 'Kim Jong Un met Vladimir Putin for the first time in';
const SUPPORTED = 'The joint statement was co-signed by France, Japan, South Korea and Britain.';
const UNVERIFIED = 'Kim Jong Un was born in 1984.';

interface FactCheckApi {
  statusBarText(): string;
  claimsView(): Promise<{ depth: number; label: string; description: string }[]>;
  reportHtml(): string;
}

let doc: vscode.TextDocument;
let uri: vscode.Uri;
let api: FactCheckApi;

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return folder.uri.fsPath;
}

/** The contradiction on `2018` in the first sentence, if there is one. */
function yearDiagnostic(ds: vscode.Diagnostic[]): vscode.Diagnostic | undefined {
  const year = rangeOf(doc, CONTRADICTED, '2018');
  return ds.find((d) => d.range.intersection(year) !== undefined && codeOf(d).startsWith('contradicted'));
}

function onLine(ds: vscode.Diagnostic[], line: number): vscode.Diagnostic[] {
  return ds.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
}

/**
 * The 1984 claim's "unverified" diagnostic is part of every finished check of
 * the draft, so requiring it alongside an absence proves the absence comes from
 * a completed re-check, not from diagnostics cleared while checking.
 */
function checked(ds: vscode.Diagnostic[]): boolean {
  return onLine(ds, lineOf(doc, UNVERIFIED)).some((d) => codeOf(d).startsWith('unverified'));
}

function statusBar(): string {
  const text = api.statusBarText();
  assert.equal(typeof text, 'string', 'statusBarText() returns a string');
  return text;
}

/** A count in the status bar text ("1 contradicted", "Contradicted: 1"), if it gives one. */
function countOf(text: string, word: string): number | undefined {
  const m = new RegExp(`(\\d+)\\s*(?:\\$\\([\\w-]+\\)\\s*)?${word}`, 'i').exec(text) ?? new RegExp(`${word}\\w*\\W{0,3}(\\d+)`, 'i').exec(text);
  return m ? Number(m[1]) : undefined;
}

function contradictedCount(text: string): number | undefined {
  return countOf(text, 'contradict');
}

let statusWithContradiction = '';

suite('Fact Check for Drafts in VS Code', () => {
  suiteSetup(async function () {
    this.timeout(ms(160_000));
    const ext = vscode.extensions.getExtension<FactCheckApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed in the test instance`);

    uri = vscode.Uri.file(path.join(workspaceRoot(), 'draft.md'));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(doc.languageId, 'markdown');

    // Opening a markdown file activates it; activate() returns the same exports.
    api = await ext.activate();
    assert.ok(ext.isActive, 'the extension is active');
    assert.equal(typeof api?.statusBarText, 'function', 'activate() returns { statusBarText() }');

    await waitForDiagnostics(uri, 'the first fact-check diagnostics of draft.md', (ds) => checked(ds) && yearDiagnostic(ds) !== undefined, 150_000);
  });

  test('underlines 2018 and names 2019 in the message', () => {
    const ds = factCheckDiagnostics(uri);
    const d = yearDiagnostic(ds);
    assert.ok(d, `a contradiction on 2018:\n${describeDiagnostics(ds)}`);
    assert.equal(codeOf(d), 'contradicted-year');
    assert.equal(doc.getText(d.range), '2018', 'the diagnostic covers exactly the year');
    assert.match(d.message, /2019/, "the message names the sources' year");
    assert.notEqual(d.severity, undefined);
  });

  test('leaves the supported claim alone and marks the unverified one', () => {
    const ds = factCheckDiagnostics(uri);
    const supported = onLine(ds, lineOf(doc, SUPPORTED));
    assert.deepEqual(supported, [], `nothing on the supported claim:\n${describeDiagnostics(supported)}`);

    const unverified = onLine(ds, lineOf(doc, UNVERIFIED));
    assert.ok(
      !unverified.some((d) => codeOf(d).startsWith('contradicted')),
      `the unverified claim is not called a contradiction:\n${describeDiagnostics(unverified)}`,
    );
    // The workspace sets factCheck.severity.unverified to "information".
    assert.ok(
      unverified.some((d) => codeOf(d).startsWith('unverified') && d.severity === vscode.DiagnosticSeverity.Information),
      `an unverified (information) diagnostic on "${UNVERIFIED}":\n${describeDiagnostics(ds)}`,
    );
  });

  test('hover on 2018 quotes the Vladivostok source', async () => {
    const year = rangeOf(doc, CONTRADICTED, '2018');
    const position = year.start.translate(0, 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
    const text = hoverText(hovers);
    assert.match(text, /Vladivostok/, `the hover quotes the source:\n${text}`);
    assert.match(text, /2019/, `the hover shows the source's year:\n${text}`);
    assert.match(text, /\b[\w-]+\.txt\b/, `the hover names the source file:\n${text}`);
    // One block: the verdict and what differs first, the sentence quoted once with the value in bold,
    // the sentence (not a column) named, and short enough that "Quick Fix…" stays in view.
    assert.equal(text.split('\n')[0], '**Fact check: Contradicted** — Source says 2019, not 2018.', text);
    assert.ok(text.includes('**2019**'), `the source's value in bold:\n${text}`);
    assert.equal(text.split('in the Russian city of Vladivostok.').length - 1, 1, `the sentence is quoted once:\n${text}`);
    assert.match(text, /· sentence \d+ ·/);
    assert.ok(text.split('\n').length <= 8, `a short hover:\n${text}`);

    // Show the same hover on screen for docs/screenshot.png (code-server run only).
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(year, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.showHover');
    await askRunner({
      kind: 'screenshot',
      name: 'screenshot',
      waitFor: { selector: '.monaco-hover', hasText: 'Vladivostok' },
      alsoWaitFor: ['.squiggly-error, .squiggly-warning, .squiggly-info'],
    });
  });

  test('status bar counts what the Problems panel lists, under a text label', async () => {
    const text = await waitFor(
      'a status bar text with a count',
      () => {
        const t = statusBar();
        return /\d/.test(t) ? t : undefined;
      },
      { explain: () => `status bar: ${JSON.stringify(api.statusBarText())}` },
    );
    assert.match(text, /Fact check/, `a text label, not only an icon: ${JSON.stringify(text)}`);
    const problems = factCheckDiagnostics(uri);
    const n = contradictedCount(text);
    assert.equal(n, problems.filter((d) => codeOf(d).startsWith('contradicted')).length, `contradictions as in Problems: ${JSON.stringify(text)}`);
    assert.equal(n, 1);
    assert.equal(countOf(text, 'supported'), 1, `one supported claim: ${JSON.stringify(text)}`);
    const unverified = problems.filter((d) => codeOf(d).startsWith('unverified')).length;
    assert.ok(unverified >= 1);
    assert.equal(countOf(text, 'unverified'), unverified, `unverified findings as in Problems: ${JSON.stringify(text)}\n${describeDiagnostics(problems)}`);
    statusWithContradiction = text;
  });

  test("the claims view groups the draft's claims by verdict, with the evidence and the sources", async function () {
    this.timeout(ms(60_000));
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('factCheck.claims.focus');
    // The draft was checked in suiteSetup, so the view lists that check.
    const rows = await api.claimsView();
    const labels = rows.map((r) => `${'  '.repeat(r.depth)}${r.label}${r.description ? ` — ${r.description}` : ''}`).join('\n');
    const at = (label: string) => rows.findIndex((r) => r.depth === 0 && r.label.startsWith(label));
    assert.ok(at('Contradicted (1)') >= 0 && at('Unverified (1)') >= 0 && at('Supported (1)') >= 0, labels);
    const claim = rows[at('Contradicted (1)') + 1];
    assert.ok(claim.label.startsWith(CONTRADICTED), labels);
    assert.equal(claim.description, `line ${lineOf(doc, CONTRADICTED) + 1}`);
    const evidence = rows[at('Contradicted (1)') + 2];
    assert.equal(evidence.depth, 2);
    assert.match(evidence.label, /Vladivostok/);
    assert.match(evidence.description, /\.txt · \d{4}-\d{2}-\d{2} · sentence \d+ · contradicts$/);
    const sources = rows.find((r) => r.depth === 0 && r.label.startsWith('Sources ('));
    assert.equal(sources?.label, 'Sources (5 documents)', labels);
    await askRunner({ kind: 'screenshot', name: 'claims-view', waitFor: { selector: '.monaco-list-row', hasText: 'Contradicted (1)' } });
  });

  test('the report opens in a webview with a strict policy, and renders in Chromium', async function () {
    this.timeout(ms(90_000));
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel | undefined>('factCheck.openReport');
    assert.ok(panel, 'a report panel');
    const html = api.reportHtml();
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[^']+'">/);
    assert.doesNotMatch(html, /<script/i);
    assert.equal(panel.webview.options.enableScripts, false);
    assert.match(html, /<h2>draft\.md<\/h2>/);
    assert.match(html, /<mark class="wrong">2018<\/mark>/);
    const tab = await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Fact Check Report'), {
      events: [vscode.window.tabGroups.onDidChangeTabs as vscode.Event<unknown>],
      explain: () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .map((t) => t.label)
          .join(', '),
    });
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the report is a webview');
    // The same page in headless Chromium: what it shows, that it asks for nothing, and docs/report.png.
    const file = path.join(process.env.E2E_CONTROL_DIR ?? workspaceRoot(), 'report.html');
    fs.writeFileSync(file, html);
    const shown = await askRunner<{ ok: boolean; found: Record<string, number>; texts: Record<string, string[]>; requests: string[] }>({
      kind: 'render',
      name: 'report',
      file,
      count: {
        contradicted: '.draft .claim.contradicted',
        unverified: '.draft .claim.unverified',
        supported: '.draft .claim.supported',
        items: 'ol.claims > li',
      },
      text: { wrong: 'mark.wrong', summary: 'ul.summary li', bold: 'blockquote b' },
    });
    if (shown) {
      assert.deepEqual(shown.found, { contradicted: 1, unverified: 1, supported: 1, items: 3 });
      assert.deepEqual(shown.texts.wrong, ['2018']);
      assert.deepEqual(
        shown.texts.summary.map((t) => t.replace(/\s+/g, ' ').trim()),
        ['1 contradicted', '1 unverified', '1 supported'],
      );
      assert.ok(shown.texts.bold.includes('2019'), JSON.stringify(shown.texts.bold));
      assert.deepEqual(shown.requests, [], 'the page loads nothing');
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(doc, { preview: false });
  });

  test('the walkthrough opens on its three steps', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; steps: { title: string }[] }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => s.title),
      ['Choose your sources', 'Open a draft', 'Read a hover'],
    );
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(doc, { preview: false });
  });

  test('severity setting "off" removes the diagnostic, restoring brings it back', async function () {
    this.timeout(ms(120_000));
    const config = () => vscode.workspace.getConfiguration('factCheck');
    const before = config().inspect('severity.contradicted')?.workspaceValue;
    const initial = yearDiagnostic(factCheckDiagnostics(uri));
    assert.ok(initial, 'the contradiction is there to begin with');
    // A severity other than the current one, to see the setting applied.
    const [otherName, other] =
      initial.severity === vscode.DiagnosticSeverity.Warning
        ? (['information', vscode.DiagnosticSeverity.Information] as const)
        : (['warning', vscode.DiagnosticSeverity.Warning] as const);
    try {
      await config().update('severity.contradicted', 'off', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, 'no contradiction with severity "off"', (ds) => checked(ds) && yearDiagnostic(ds) === undefined);

      await config().update('severity.contradicted', otherName, vscode.ConfigurationTarget.Workspace);
      const ds = await waitForDiagnostics(uri, `the contradiction as ${otherName}`, (ds) => yearDiagnostic(ds)?.severity === other);
      assert.match(yearDiagnostic(ds)!.message, /2019/);
    } finally {
      await config().update('severity.contradicted', before, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(
      uri,
      'the contradiction back with its first severity after restoring the setting',
      (ds) => yearDiagnostic(ds)?.severity === initial.severity,
    );
  });

  test('editing a source file on disk changes the result', async function () {
    this.timeout(ms(90_000));
    const folders = vscode.workspace.getConfiguration('factCheck').get<string[]>('corpus.folders') ?? [];
    assert.equal(vscode.workspace.getConfiguration('factCheck').get('corpus.includeBundled'), false, 'the bundled corpus is off');
    assert.ok(folders.length > 0, 'factCheck.corpus.folders points at the workspace copy');
    const dirs = folders.map((f) => (path.isAbsolute(f) ? f : path.join(workspaceRoot(), f)));
    const edited = new Map<string, string>();
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        const text = fs.readFileSync(file, 'utf8');
        if (/\b2019\b/.test(text)) edited.set(file, text);
      }
    }
    assert.ok(edited.size > 0, 'some source file states 2019');
    try {
      // The sources now agree with the draft: 2019 becomes 2018 everywhere.
      for (const [file, text] of edited) fs.writeFileSync(file, text.replace(/\b2019\b/g, '2018'));
      await waitForDiagnostics(uri, 'the contradiction to vanish once the sources say 2018', (ds) => checked(ds) && yearDiagnostic(ds) === undefined, 60_000);
    } finally {
      for (const [file, text] of edited) fs.writeFileSync(file, text);
    }
    const ds = await waitForDiagnostics(uri, 'the contradiction back once the sources say 2019 again', (ds) => yearDiagnostic(ds) !== undefined, 60_000);
    assert.match(yearDiagnostic(ds)!.message, /2019/);
  });

  test('quick fix "Replace with 2019" corrects the draft and clears the diagnostic', async () => {
    const year = rangeOf(doc, CONTRADICTED, '2018');
    const actions =
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, year, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => /2019/.test(a.title) && (a.kind === undefined || vscode.CodeActionKind.QuickFix.contains(a.kind)));
    assert.ok(fix, `a quick fix offering 2019, got: ${JSON.stringify(titles)}`);
    assert.match(fix.title, /^Replace with\W*2019\b/);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), 'its kind is quickfix');
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(fix.edit || fix.command, 'the quick fix carries an edit or a command');

    assert.equal(doc.lineAt(year.start.line).text.slice(year.start.character, year.end.character), '2019');
    assert.match(doc.getText(), /for the first time in 2019, in the Russian city of Vladivostok\./);
    await waitForDiagnostics(
      uri,
      'no contradiction after the fix',
      (ds) => checked(ds) && !ds.some((d) => d.range.start.line === year.start.line && codeOf(d).startsWith('contradicted')),
    );
    await waitFor(
      'the status bar to stop counting a contradiction',
      () => {
        const t = statusBar();
        const n = contradictedCount(t);
        return t !== statusWithContradiction && (n === undefined || n === 0) ? t : undefined;
      },
      { explain: () => `status bar: ${JSON.stringify(api.statusBarText())} (with the contradiction: ${JSON.stringify(statusWithContradiction)})` },
    );
    await doc.save();
  });
});
