import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { editProse, markdownProse, plainProse, proseOf, type Prose } from '../../server/src/core/analysis/draft';

/** The prose that survives masking, with runs of blanks collapsed. */
function visible(p: Prose): string {
  return p.masked.replace(/\s+/g, ' ').trim();
}

function blockTexts(text: string, p: Prose): string[] {
  return p.blocks.map((b) => text.slice(b.start, b.end));
}

describe('draft: Markdown prose', () => {
  it('keeps plain paragraphs as prose blocks', () => {
    const md = 'First paragraph 2019.\n\nSecond paragraph 2020.\n';
    const p = markdownProse(md);
    assert.deepEqual(blockTexts(md, p), ['First paragraph 2019.', 'Second paragraph 2020.']);
    assert.equal(p.masked, md);
  });

  it('keeps the masked text the same length as the draft, line breaks in place', () => {
    const md = '---\ntitle: A\n---\n\n# Head\r\n\r\nText with `code` and [link](http://x).\r\n\r\n```\nx = 1\n```\n';
    const p = markdownProse(md);
    assert.equal(p.masked.length, md.length);
    for (let i = 0; i < md.length; i++) {
      if (md[i] === '\n' || md[i] === '\r') assert.equal(p.masked[i], md[i], `line break at ${i} kept`);
      else assert.ok(p.masked[i] === md[i] || p.masked[i] === ' ', `character ${i} is either kept or blanked`);
    }
  });

  it('does not treat fenced or indented code blocks as prose', () => {
    const md = 'Before 2001.\n\n```js\nconst year = 2002;\n```\n\n    indented 2003\n\nAfter 2004.\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'Before 2001. After 2004.');
    assert.deepEqual(blockTexts(md, p), ['Before 2001.', 'After 2004.']);
  });

  it('does not treat YAML or TOML front matter as prose', () => {
    const yaml = '---\ntitle: Kim met Putin in 2018\n---\n\nBody 2019.\n';
    assert.equal(visible(markdownProse(yaml)), 'Body 2019.');
    const toml = '+++\ntitle = "Kim met Putin in 2018"\n+++\n\nBody 2019.\n';
    assert.equal(visible(markdownProse(toml)), 'Body 2019.');
  });

  it('does not treat HTML comments as prose', () => {
    const md = '<!-- Kim met Putin in 2018 -->\n\nBody 2019.\n';
    assert.equal(visible(markdownProse(md)), 'Body 2019.');
  });

  it('does not treat headings as prose', () => {
    const md = '# Kim met Putin in 2018\n\n## Setext too\n\nBody 2019.\n\nTitle 2017\n==========\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'Body 2019.');
    assert.deepEqual(blockTexts(md, p), ['Body 2019.']);
  });

  it('keeps link text but not the link target', () => {
    const md = 'They met in [Vladivostok in 2019](https://example.com/2018/putin "Title 2017").\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'They met in Vladivostok in 2019 .');
    assert.ok(!p.masked.includes('2018'));
    assert.ok(!p.masked.includes('2017'));
  });

  it('does not treat inline code as prose', () => {
    const md = 'Run `fact-check 2018` to check 2019.\n';
    assert.equal(visible(markdownProse(md)), 'Run to check 2019.');
  });

  it('does not treat link reference definitions or images as prose', () => {
    const md = 'See [the report][r] from 2019 and ![chart of 2018](c.png).\n\n[r]: https://example.com/2017\n';
    const p = markdownProse(md);
    assert.ok(p.masked.includes('the report'));
    assert.ok(!p.masked.includes('2017'));
    assert.ok(!p.masked.includes('2018'));
  });

  it('keeps list items and emphasised text as prose, without the markup', () => {
    const md = '- Kim met *Putin* in **2019**.\n- Second item 2020.\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'Kim met Putin in 2019 . Second item 2020.');
    assert.equal(p.blocks.length, 2);
  });

  it('skips the next paragraph after <!-- fact-check-ignore -->', () => {
    const md = 'Kept 2001.\n\n<!-- fact-check-ignore -->\nIgnored 2002.\n\nKept again 2003.\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'Kept 2001. Kept again 2003.');
    assert.deepEqual(blockTexts(md, p), ['Kept 2001.', 'Kept again 2003.']);
  });

  it('skips only one paragraph after <!-- fact-check-ignore -->, even with a blank line before it', () => {
    const md = '<!-- fact-check-ignore -->\n\nIgnored 2002.\n\nKept 2003.\n';
    assert.equal(visible(markdownProse(md)), 'Kept 2003.');
  });

  it('skips a region between fact-check-ignore-start and fact-check-ignore-end', () => {
    const md = 'Before 2001.\n\n<!-- fact-check-ignore-start -->\n\nInside 2002.\n\nInside too 2003.\n\n<!-- fact-check-ignore-end -->\n\nAfter 2004.\n';
    const p = markdownProse(md);
    assert.equal(visible(p), 'Before 2001. After 2004.');
    assert.deepEqual(blockTexts(md, p), ['Before 2001.', 'After 2004.']);
  });

  it('keeps character references as written in the draft', () => {
    const md = 'Smith &amp; Jones met in 2019.\n';
    assert.equal(markdownProse(md).masked, md);
  });
});

describe('draft: plain-text prose', () => {
  it('splits plain text into paragraphs at blank lines (LF, CRLF, CR)', () => {
    const text = 'One 2001.\nstill one.\n\nTwo 2002.\r\n\r\nThree 2003.\r\rFour 2004.';
    const p = plainProse(text);
    assert.deepEqual(blockTexts(text, p), ['One 2001.\nstill one.', 'Two 2002.', 'Three 2003.', 'Four 2004.']);
    assert.equal(p.masked, text);
  });

  it('treats Markdown syntax in plain text as text', () => {
    const text = '# Not a heading 2001\n\n`not code 2002`';
    const p = plainProse(text);
    assert.equal(p.masked, text);
    assert.equal(p.blocks.length, 2);
  });

  it('honours fact-check-ignore comments in plain text and keeps the length', () => {
    const text =
      'Kept 2001.\n\n<!-- fact-check-ignore -->\n\nSkipped 2002.\n\n<!-- fact-check-ignore-start -->\n\nRegion 2003.\n\n<!-- fact-check-ignore-end -->\n\nKept 2004.';
    const p = plainProse(text);
    assert.equal(p.masked.length, text.length);
    assert.deepEqual(blockTexts(text, p), ['Kept 2001.', 'Kept 2004.']);
    assert.ok(!p.masked.includes('2002') && !p.masked.includes('2003'));
  });

  it('chooses Markdown or plain text by language id', () => {
    const text = '# Heading 2001\n\nBody 2002.';
    assert.equal(proseOf(text, 'markdown').blocks.length, 1);
    assert.equal(proseOf(text, 'plaintext').blocks.length, 2);
    assert.equal(proseOf(text, 'something-else').blocks.length, 2);
  });
});

describe('draft: editProse (re-using the previous parse while typing)', () => {
  const base = [
    '---',
    'title: t',
    '---',
    '',
    '# Heading',
    '',
    'Kim met [Putin](http://example.com/2018) in **2019** and `code 1` here.',
    'A wrapped line of the same paragraph, with numbers 1 and 2.',
    '',
    '- item one says 1999',
    '- item two',
    '',
    '```',
    'fenced 2018',
    '```',
    '',
    '<!-- fact-check-ignore -->',
    'Ignored paragraph.',
    '',
    'Last paragraph: Vladivostok, 2019.',
    '',
  ].join('\n');

  it('gives exactly what a full parse gives, whenever it applies', () => {
    let applied = 0;
    fc.assert(
      fc.property(
        fc.nat(base.length),
        fc.nat(6),
        fc.oneof(fc.stringMatching(/^[a-z0-9 ,.]{0,6}$/), fc.stringMatching(/^[a-z0-9 ,.\-#*>`[\]()\n1]{0,6}$/)),
        (at, del, ins) => {
          const next = base.slice(0, at) + ins + base.slice(Math.min(base.length, at + del));
          const derived = editProse(base, markdownProse(base), next);
          if (derived) {
            applied++;
            assert.deepEqual(derived, markdownProse(next));
          }
        },
      ),
      { numRuns: 800 },
    );
    // The property says something only if the shortcut was taken often enough.
    assert.ok(applied >= 50, `applied ${applied} times`);
  });

  it('applies to plain typing inside a sentence', () => {
    const at = base.indexOf('numbers 1') + 'numbers '.length;
    const next = base.slice(0, at) + '3' + base.slice(at + 1);
    assert.ok(editProse(base, markdownProse(base), next));
  });

  it('declines an edit that starts a list on a wrapped line', () => {
    const at = base.indexOf('A wrapped line');
    const next = base.slice(0, at) + '1. ' + base.slice(at);
    assert.equal(editProse(base, markdownProse(base), next), undefined);
  });

  it('declines an edit inside a link target or inline code', () => {
    const inUrl = base.indexOf('2018)');
    assert.equal(editProse(base, markdownProse(base), base.slice(0, inUrl) + '9' + base.slice(inUrl + 1)), undefined);
    const inCode = base.indexOf('code 1') + 5;
    assert.equal(editProse(base, markdownProse(base), base.slice(0, inCode) + '7' + base.slice(inCode + 1)), undefined);
  });
});
