import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';

/**
 * Finds the prose of a draft. The result is a *mask*: a copy of the text of
 * the same length in which everything that is not prose (code, front matter,
 * HTML comments, link targets, markup characters, headings) is blanked with
 * spaces. Because offsets are unchanged, every later step reports positions
 * in the original draft without any mapping.
 */

/** A block of prose (a paragraph, list item or table cell) as offsets into the draft. */
export interface ProseBlock {
  start: number;
  end: number;
}

/** The draft's prose: the masked text and its blocks. */
export interface Prose {
  masked: string;
  blocks: ProseBlock[];
}

const IGNORE_NEXT = /<!--\s*fact-check-ignore\s*-->/;
const IGNORE_START = /<!--\s*fact-check-ignore-start\s*-->/;
const IGNORE_END = /<!--\s*fact-check-ignore-end\s*-->/;

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

/** Containers nested deeper than this on one line are not prose (micromark parses such lines in time growing with the square of the depth). */
const MAX_NESTING = 100;
const DEEP_CONTAINERS = new RegExp(`^(?:[ \\t]*(?:>|[-+*]|\\d{1,9}[.)])[ \\t]+){${MAX_NESTING},}.*$`, 'gm');

/** Extracts the prose of a Markdown draft. */
export function markdownProse(text: string): Prose {
  // micromark takes quadratic time on thousands of nested list or quote
  // markers; such a line is blanked (same length) before parsing.
  const parsed = text.replace(DEEP_CONTAINERS, (m) => ' '.repeat(m.length));
  const tree = fromMarkdown(parsed, {
    extensions: [frontmatter(['yaml', 'toml'])],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml'])],
  }) as MdNode;
  const keep = new Uint8Array(text.length);
  const blocks: ProseBlock[] = [];
  let ignoreNext = false;
  let ignoring = false;

  // Inline text to keep: text nodes (their source span, which is what the
  // writer sees even where character references make node text differ), and
  // link text; inline code, HTML, images and link targets are not prose.
  // Walked with an explicit stack: nesting depth is the writer's, not ours.
  const markText = (root: MdNode): void => {
    const stack: MdNode[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (node.type === 'text' && s !== undefined && e !== undefined) keep.fill(1, s, e);
      else if (node.type !== 'inlineCode' && node.type !== 'html' && node.type !== 'image') stack.push(...(node.children ?? []));
    }
  };

  // Blocks in document order, also with an explicit stack (children pushed in reverse).
  const stack: MdNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const s = node.position?.start.offset ?? 0;
    const e = node.position?.end.offset ?? 0;
    switch (node.type) {
      case 'html': {
        const v = node.value ?? '';
        if (IGNORE_START.test(v)) ignoring = true;
        else if (IGNORE_END.test(v)) ignoring = false;
        else if (IGNORE_NEXT.test(v)) ignoreNext = true;
        break;
      }
      case 'paragraph': {
        const skip = ignoring || ignoreNext;
        ignoreNext = false;
        if (skip) break;
        markText(node);
        blocks.push({ start: s, end: e });
        break;
      }
      case 'code':
      case 'yaml':
      case 'toml':
      case 'heading':
      case 'thematicBreak':
      case 'definition':
        // Headings are titles, not claims; the others are not prose at all.
        if (node.type === 'heading') ignoreNext = false;
        break;
      default: {
        const children = node.children ?? [];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
  }

  const chars = text.split('');
  for (let i = 0; i < chars.length; i++) if (!keep[i]) blank(chars, i, i + 1);
  return { masked: chars.join(''), blocks };
}

/** Extracts the prose of a plain-text draft: paragraphs separated by blank lines. */
export function plainProse(text: string): Prose {
  const chars = text.split('');
  const blocks: ProseBlock[] = [];
  const re = /(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)/g;
  let start = 0;
  let ignoreNext = false;
  let ignoring = false;
  const visit = (s: number, e: number): void => {
    const body = text.slice(s, e);
    if (!/\S/.test(body)) return;
    if (IGNORE_START.test(body)) {
      ignoring = true;
      blank(chars, s, e);
      return;
    }
    if (IGNORE_END.test(body)) {
      ignoring = false;
      blank(chars, s, e);
      return;
    }
    if (IGNORE_NEXT.test(body) && body.trim().startsWith('<!--') && body.trim().endsWith('-->')) {
      ignoreNext = true;
      blank(chars, s, e);
      return;
    }
    if (ignoring || ignoreNext) {
      ignoreNext = false;
      blank(chars, s, e);
      return;
    }
    blocks.push({ start: s, end: e });
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    visit(start, m.index);
    start = m.index + m[0].length;
  }
  visit(start, text.length);
  return { masked: chars.join(''), blocks };
}

/** The prose of a draft in the given language (`markdown`, else plain text). */
export function proseOf(text: string, languageId = 'markdown'): Prose {
  return languageId === 'markdown' ? markdownProse(text) : plainProse(text);
}

/** A line that Markdown could read as something other than paragraph text. */
const BLOCK_START = /^\s{0,3}(?:[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|#|>|```|~~~|[=-]+\s*$)/;

/** Characters typing can add or remove inside a sentence without changing the Markdown structure. */
const PLAIN_EDIT = /^[\p{L}\p{N} ,.;:'"’“”%$€£?-]*$/u;

/**
 * The prose of `text` derived from the prose of `before`, when `text` differs
 * from it by plain typing inside one paragraph (letters, digits, spaces and
 * sentence punctuation, away from the paragraph's edges). Re-parsing the whole
 * draft on every keystroke would cost more than checking the edited paragraph;
 * this reuses the previous parse. Undefined when the edit could change the
 * structure, in which case the caller parses again.
 */
export function editProse(before: string, prose: Prose, text: string): Prose | undefined {
  if (before.length !== prose.masked.length) return undefined;
  let p = 0;
  const max = Math.min(before.length, text.length);
  while (p < max && before.charCodeAt(p) === text.charCodeAt(p)) p++;
  let q = 0;
  while (q < max - p && before.charCodeAt(before.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
  const removed = before.slice(p, before.length - q);
  const inserted = text.slice(p, text.length - q);
  if (!PLAIN_EDIT.test(removed) || !PLAIN_EDIT.test(inserted)) return undefined;
  const block = prose.blocks.find((b) => p > b.start && before.length - q < b.end);
  if (!block) return undefined;
  // The edit must sit inside kept prose (not in a link target or inline code),
  // which the mask shows: kept characters are unchanged in it.
  for (let i = p - 1; i <= before.length - q; i++) if (prose.masked[i] !== before[i]) return undefined;
  // Nor may it make its line open a list, heading, quote or fence, or turn it into
  // a heading underline ("1." typed at the start of a wrapped line starts a list).
  const lineStart = text.lastIndexOf('\n', p - 1) + 1;
  const lineEnd = text.indexOf('\n', p);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (BLOCK_START.test(line)) return undefined;
  const delta = text.length - before.length;
  return {
    masked: prose.masked.slice(0, p) + inserted + prose.masked.slice(before.length - q),
    blocks: prose.blocks.map((b) => (b.end <= p ? b : b === block ? { start: b.start, end: b.end + delta } : { start: b.start + delta, end: b.end + delta })),
  };
}
