/**
 * Tests of the TextMate injection in syntaxes/: tokenises sample drafts and
 * sources with vscode-textmate (the engine VS Code uses) and checks the scopes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
type GrammarContribution = { scopeName: string; path: string; language?: string; injectTo?: string[] };
const contributions: GrammarContribution[] = pkg.contributes.grammars;

const files: Record<string, string> = {
  'text.html.markdown': path.join(__dirname, 'fixtures', 'markdown-stub.tmLanguage.json'),
};
for (const g of contributions) files[g.scopeName] = path.join(ROOT, g.path);

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: (scopeName: string) => {
      const file = files[scopeName];
      return Promise.resolve(file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null);
    },
    // As VS Code does from package.json's `injectTo`.
    getInjections: (scopeName: string) => contributions.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
});

/** Tokenises `text` and returns, per line, each token's text and scopes. */
async function tokenize(scope: string, text: string): Promise<{ text: string; scopes: string[] }[][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function scopesOf(lines: { text: string; scopes: string[] }[][], line: number, text: string): string[] {
  const tok = lines[line].find((t) => t.text === text);
  assert.ok(tok, `token ${JSON.stringify(text)} on line ${line}; tokens: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return tok.scopes;
}

describe('grammar injection', () => {
  it('is registered in package.json with files that exist', () => {
    assert.ok(contributions.length >= 2);
    for (const g of contributions) {
      const raw = JSON.parse(fs.readFileSync(path.join(ROOT, g.path), 'utf8'));
      assert.equal(raw.scopeName, g.scopeName, `${g.path} declares ${g.scopeName}`);
    }
    const injection = contributions.find((g) => g.scopeName === 'fact-check.injection');
    assert.deepEqual(injection?.injectTo, ['text.html.markdown', 'text.plain.fact-check']);
  });

  it('marks <!-- fact-check-ignore --> in Markdown', async () => {
    const lines = await tokenize('text.html.markdown', 'Intro.\n<!-- fact-check-ignore -->\nHe met Putin in 2018.');
    const s = scopesOf(lines, 1, 'fact-check-ignore');
    assert.ok(s.includes('keyword.control.directive.fact-check-ignore'), s.join(' '));
    assert.ok(s.includes('meta.directive.fact-check-ignore'));
    assert.ok(scopesOf(lines, 1, '<!--').includes('punctuation.definition.comment.begin.html'));
    assert.ok(!scopesOf(lines, 2, 'He met Putin in 2018.').some((x) => x.includes('fact-check')));
  });

  it('marks the -start and -end forms and keeps a reason as comment text', async () => {
    const lines = await tokenize(
      'text.html.markdown',
      '<!-- fact-check-ignore-start -->\ntext\n<!--fact-check-ignore-end-->\n<!-- fact-check-ignore quoting his error -->',
    );
    assert.ok(scopesOf(lines, 0, 'fact-check-ignore-start').includes('keyword.control.directive.fact-check-ignore'));
    assert.ok(scopesOf(lines, 2, 'fact-check-ignore-end').includes('keyword.control.directive.fact-check-ignore'));
    assert.ok(scopesOf(lines, 3, ' quoting his error ').includes('comment.block.reason.fact-check'));
  });

  it('leaves other HTML comments, lookalikes and code alone', async () => {
    const lines = await tokenize('text.html.markdown', '<!-- a normal comment -->\n<!-- fact-check-ignored -->\n```\n<!-- fact-check-ignore -->\n```');
    for (const l of [0, 1, 3]) {
      for (const t of lines[l]) assert.ok(!t.scopes.some((s) => s.includes('fact-check')), `line ${l}: ${JSON.stringify(t)}`);
    }
    assert.ok(
      lines[0].every((t) => t.scopes.includes('comment.block.html')),
      'the host grammar still colours the comment',
    );
  });

  it('marks the date header on the first line of a plain-text source', async () => {
    const lines = await tokenize(
      'text.plain.fact-check',
      ' date 2023-09-05 SEOUL - North Korean leader Kim Jong Un may soon meet Putin.\n\ndate 2020-01-01 is not a header here.',
    );
    assert.ok(scopesOf(lines, 0, '2023-09-05').includes('constant.numeric.date.fact-check'));
    assert.ok(scopesOf(lines, 0, 'date').includes('keyword.other.date.fact-check'));
    assert.ok(!lines[2].some((t) => t.scopes.some((s) => s.includes('fact-check') && s !== 'text.plain.fact-check')));
  });

  it('marks the date header of a Markdown source, and ignore comments in plain text', async () => {
    const md = await tokenize('text.html.markdown', 'date 2024-02-29 Title\nmore');
    assert.ok(scopesOf(md, 0, '2024-02-29').includes('constant.numeric.date.fact-check'));
    const txt = await tokenize('text.plain.fact-check', 'First.\n<!-- fact-check-ignore -->');
    assert.ok(scopesOf(txt, 1, 'fact-check-ignore').includes('keyword.control.directive.fact-check-ignore'));
  });

  it('matches the real corpus headers', async () => {
    const dir = path.join(ROOT, 'corpus');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const first = fs.readFileSync(path.join(dir, f), 'utf8').split('\n')[0];
      const m = /^\s?date (\d{4}-\d{2}-\d{2})/.exec(first);
      if (!m) continue;
      const lines = await tokenize('text.plain.fact-check', first);
      assert.ok(scopesOf(lines, 0, m[1]).includes('constant.numeric.date.fact-check'), f);
    }
  });
});
