/**
 * Hover on a checked claim: the verdict, what differs, the best source
 * sentence quoted once, and a link that opens the source at that sentence.
 */
import { type Hover, type HoverParams, MarkupKind, type CancellationToken } from 'vscode-languageserver/node';
import type { ClaimWithDismissals } from '../../core/dismissals';
import type { Evidence, Mismatch } from '../../core/types';
import type { DocumentChecks } from '../state/documentChecks';
import { claimAt, evidenceOf } from './claimAt';
import { gapReasons, mismatchSummary, wordIndex } from '../../core/verdict/findings';
import { sourceName } from './diagnostics';
import { toFileUri } from '../state/workspace';

/** How many other sources the hover lists (by name, one line) under the best one. */
const MAX_OTHER_SOURCES = 4;
/** A quoted source sentence longer than this is cut around the highlighted value, so the hover stays short. */
const MAX_QUOTE = 280;

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/**
 * A link that opens `e`'s document with the sentence selected: VS Code reads
 * `#L<line>,<column>-L<line>,<column>` (1-based) on links it opens.
 */
export function evidenceLink(e: Evidence): string {
  const { start, end } = e.range;
  return `${toFileUri(e.uri || e.path)}#L${start.line + 1},${start.character + 1}-L${end.line + 1},${end.character + 1}`;
}

const STANCE: Record<Evidence['stance'], string> = {
  supports: 'supports',
  contradicts: 'contradicts',
  related: 'related',
};

/**
 * A source sentence as a Markdown quote, with `value` (the source's side of
 * what differs) in bold; a long sentence is cut to the part around the value.
 */
export function quoteWithValue(text: string, value?: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  let at = value ? wordIndex(t, value) : -1;
  if (t.length > MAX_QUOTE) {
    const from = at < 0 ? 0 : Math.max(0, Math.min(at - MAX_QUOTE / 2, t.length - MAX_QUOTE));
    const cut = t.slice(from, from + MAX_QUOTE);
    t = `${from > 0 ? '…' : ''}${cut}${from + MAX_QUOTE < t.length ? '…' : ''}`;
    at = value ? wordIndex(t, value) : -1;
  }
  if (at < 0 || !value) return `> ${escapeMarkdown(t)}`;
  return `> ${escapeMarkdown(t.slice(0, at))}**${escapeMarkdown(t.slice(at, at + value.length))}**${escapeMarkdown(t.slice(at + value.length))}`;
}

/** The document, date, sentence and stance of a source, with a link that opens it at the sentence. */
function sourceLine(e: Evidence): string {
  const meta = [`[${escapeMarkdown(sourceName(e))}](${evidenceLink(e)})`];
  if (e.date) meta.push(e.date);
  if (e.sentence !== undefined) meta.push(`sentence ${e.sentence}`);
  meta.push(STANCE[e.stance]);
  return meta.join(' · ');
}

/**
 * The Markdown of a claim's hover, one block kept short enough that VS Code's
 * "Quick Fix…" link stays in view: the verdict and what differs on one line,
 * the best source sentence quoted once with the value in bold, its document,
 * date and sentence (a column is useless in a source written as one long
 * line), and the other sources by name only.
 */
export function hoverMarkdown(claim: ClaimWithDismissals, mismatch?: Mismatch): string {
  const verdict = claim.verdict === 'contradicted' ? 'Contradicted' : claim.verdict === 'supported' ? 'Supported' : 'Unverified';
  const focus = mismatch ? [mismatch] : claim.mismatches;
  const what = focus.map((m) => `${mismatchSummary(m)}.`);
  if (claim.verdict === 'unverified') {
    // Each gap says what no source supports; the same reason is said once.
    what.push(...gapReasons(claim));
  }
  const lines = [`**Fact check: ${verdict}**${what.length ? ` — ${escapeMarkdown(what.join(' '))}` : ''}`];
  if (claim.conflict) lines.push('', `Sources disagree: ${escapeMarkdown(claim.conflict.note)}`);
  for (const d of claim.dismissed ?? []) {
    lines.push('', `_Dismissed${d.found ? ` (${escapeMarkdown(d.found)})` : ''}: ${escapeMarkdown(d.reason || 'no reason given')}_`);
  }
  const sources = evidenceOf(claim, mismatch);
  const [best, ...others] = sources;
  if (!best) {
    lines.push('', '_No source sentence is close to this claim._');
    return lines.join('\n');
  }
  const highlight = focus.find((m) => m.evidence.sentenceId === best.sentenceId && m.evidence.uri === best.uri)?.expected;
  lines.push('', quoteWithValue(best.text, highlight), '', `— ${sourceLine(best)}`);
  if (others.length) {
    const shown = others.slice(0, MAX_OTHER_SOURCES).map((e) => `[${escapeMarkdown(sourceName(e))}](${evidenceLink(e)}) (${STANCE[e.stance]})`);
    const more = others.length > MAX_OTHER_SOURCES ? `, and ${others.length - MAX_OTHER_SOURCES} more` : '';
    lines.push('', `Other sources (${others.length}): ${shown.join(', ')}${more}`);
  }
  return lines.join('\n');
}

/** Handles `textDocument/hover`. */
export async function onHover(checks: DocumentChecks, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const check = await checks.current(params.textDocument.uri, token);
  if (!check || token.isCancellationRequested) return null;
  const hit = claimAt(check, params.position);
  if (!hit) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(hit.claim, hit.mismatch) },
    range: hit.mismatch?.range ?? hit.claim.range,
  };
}
