import { strict as assert } from 'node:assert';
import { Checker } from '../../server/src/core/verdict/checker';
import { Corpus } from '../../server/src/core/corpus/corpus';
import { bundledCorpusDir, readSourceFolders } from '../../server/src/node/sources';
import { escapeHtml, reportHtml } from '../../server/src/formats/html';

describe('report: the self-contained HTML page', () => {
  const checker = new Checker(Corpus.fromSources(readSourceFolders([bundledCorpusDir()]).sources));
  const text =
    'Kim Jong Un met Vladimir Putin for the first time in 2018, in the Russian city of Vladivostok.\n\n' +
    'The joint statement was co-signed by France, Japan, South Korea and Britain.\n\n' +
    'Kim Jong Un was born in 1984. <script>alert(1)</script>\n';
  const claims = checker.check(text, { languageId: 'markdown' }).claims;
  const html = reportHtml([{ path: 'drafts/<kim>.md', text, claims }], { generated: '2026-12-01T12:00:00Z', nonce: 'abc123' });

  it('loads nothing and runs nothing: no script, no remote or local resource, a policy that allows only its own style', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\s(src|href)="(?!#)/i, 'links only within the page');
    assert.doesNotMatch(html, /@import|url\(/i);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123'">`));
    assert.ok(html.includes('<style nonce="abc123">'));
  });

  it('escapes the draft and its name', () => {
    assert.ok(html.includes('drafts/&#60;kim&#62;.md'));
    assert.ok(html.includes('&#60;script&#62;') && html.includes('&#60;/script&#62;'), 'the tag is shown as text');
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('sums up the verdicts, colours each claim of the text by verdict and marks the wrong value', () => {
    const n = (v: string) => claims.filter((c) => c.verdict === v).length;
    assert.ok(n('contradicted') === 1 && n('supported') >= 1 && n('unverified') >= 1, JSON.stringify(claims.map((c) => c.verdict)));
    for (const v of ['contradicted', 'unverified', 'supported']) {
      assert.ok(html.includes(`<li class="${v}"><span class="count">${n(v)}</span> ${v}</li>`), `the summary counts ${v}`);
      assert.equal(html.split(`class="claim ${v}"`).length - 1, n(v), `${v} claims are coloured in the text`);
    }
    assert.match(html, /class="claim contradicted"[^>]*>Kim Jong Un met Vladimir Putin for the first time in <mark class="wrong">2018<\/mark>/);
    assert.match(html, /<span class="gap">1984<\/span>/);
  });

  it('quotes the evidence with the value in bold, its document, date and place', () => {
    assert.ok(html.includes('<div>Source says 2019, not 2018.</div>'));
    assert.ok(html.includes('<blockquote>He met Putin in <b>2019</b> for the first time in the Russian city of Vladivostok.</blockquote>'));
    assert.match(html, /<div class="where">000_259cea779c2763bf\.txt · 2023-09-05 · line \d+ · sentence \d+ · contradicts<\/div>/);
  });
});
