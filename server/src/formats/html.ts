/**
 * The fact-check report: one self-contained HTML page (no scripts, no remote
 * styles or fonts) with a summary, each draft's text with its claims coloured
 * by verdict and the values that differ marked, and every claim's finding with
 * its evidence quoted, its document, date and place. The CLI writes it
 * (`--format html`); the editor shows the same page in a webview.
 */
import type { ClaimWithDismissals } from '../core/dismissals';
import type { Evidence, Verdict } from '../core/types';
import { documentName, gapReasons, mismatchSummary, wordIndex } from '../core/verdict/findings';

/** One checked draft of a report. */
export interface ReportDraft {
  /** The draft's name as shown (a path relative to the workspace or the current folder). */
  path: string;
  text: string;
  claims: ClaimWithDismissals[];
}

/** Options of {@link reportHtml}. */
export interface ReportOptions {
  /** When the report was made, as shown (ISO date and time). */
  generated: string;
  /**
   * The nonce of the page's one inline style, named in its content security
   * policy (a webview needs it; a file opened in a browser does not mind it).
   */
  nonce: string;
  /** The page's title. */
  title?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const VERDICTS: Verdict[] = ['contradicted', 'unverified', 'supported'];
const LABEL: Record<Verdict, string> = { contradicted: 'Contradicted', unverified: 'Unverified', supported: 'Supported' };

const STYLE = `
:root { color-scheme: light dark; --contradicted: #c62828; --unverified: #8a6d00; --supported: #2e7d32; --mark: rgba(198, 40, 40, .18); --gap: rgba(138, 109, 0, .16); --ok: rgba(46, 125, 50, .12); }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #8884; }
.meta { color: #888; font-size: .85rem; }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; padding: 0; list-style: none; }
.summary li { padding: .4rem .8rem; border-radius: .4rem; border: 1px solid #8884; }
.count { font-weight: 600; font-size: 1.2rem; margin-right: .3rem; }
.contradicted .count, .verdict.contradicted { color: var(--contradicted); }
.unverified .count, .verdict.unverified { color: var(--unverified); }
.supported .count, .verdict.supported { color: var(--supported); }
.draft { white-space: pre-wrap; border: 1px solid #8884; border-radius: .4rem; padding: 1rem; font-family: ui-serif, Georgia, serif; }
a.claim { color: inherit; text-decoration: none; border-radius: .2rem; } a.claim:hover { outline: 1px solid #8888; }
.claim.contradicted { background: var(--mark); } .claim.unverified { background: var(--gap); } .claim.supported { background: var(--ok); }
mark.wrong { background: none; color: var(--contradicted); font-weight: 700; text-decoration: underline wavy; }
span.gap { text-decoration: underline dotted var(--unverified); text-decoration-thickness: 2px; }
ol.claims { padding-left: 1.5rem; } ol.claims > li { margin: 1rem 0; }
.verdict { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; margin-right: .5rem; }
blockquote { margin: .4rem 0; padding: .2rem .8rem; border-left: 3px solid #8886; }
blockquote b { color: var(--supported); }
.where { color: #888; font-size: .85rem; }
`;

/** The whole report page. */
export function reportHtml(drafts: readonly ReportDraft[], options: ReportOptions): string {
  const all = drafts.flatMap((d) => d.claims);
  const count = (v: Verdict, claims: readonly ClaimWithDismissals[]) => claims.filter((c) => c.verdict === v).length;
  const title = options.title ?? 'Fact check report';
  const summary = VERDICTS.map((v) => `<li class="${v}"><span class="count">${count(v, all)}</span> ${LABEL[v].toLowerCase()}</li>`).join('');
  const body = drafts.map((d, i) => draftSection(d, i)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${escapeHtml(options.nonce)}'">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(options.nonce)}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${drafts.length} draft${drafts.length === 1 ? '' : 's'}, ${all.length} claim${all.length === 1 ? '' : 's'} · made ${escapeHtml(options.generated)}</p>
<ul class="summary">${summary}</ul>
${body || '<p>No drafts were checked.</p>'}
</body>
</html>
`;
}

function draftSection(d: ReportDraft, index: number): string {
  const counts = VERDICTS.map((v) => `${d.claims.filter((c) => c.verdict === v).length} ${v}`).join(' · ');
  const items = d.claims.map((c, k) => claimItem(c, `c${index}-${k}`)).join('\n');
  return `<section>
<h2>${escapeHtml(d.path)}</h2>
<p class="meta">${counts}</p>
<div class="draft">${markedText(d, index)}</div>
${d.claims.length ? `<ol class="claims">\n${items}\n</ol>` : '<p>No checkable claims.</p>'}
</section>`;
}

/** The draft's text with each claim in a span of its verdict, wrong values and unsupported parts marked inside. */
function markedText(d: ReportDraft, index: number): string {
  const out: string[] = [];
  let at = 0;
  d.claims.forEach((c, k) => {
    if (c.start < at) return;
    out.push(escapeHtml(d.text.slice(at, c.start)));
    const inner = [
      ...c.mismatches.map((m) => ({ start: m.start, end: m.end, open: '<mark class="wrong">', close: '</mark>' })),
      ...(c.verdict === 'unverified' ? (c.gaps ?? []) : []).map((g) => ({ start: g.start, end: g.end, open: '<span class="gap">', close: '</span>' })),
    ].sort((a, b) => a.start - b.start);
    let p = c.start;
    const parts: string[] = [];
    for (const x of inner) {
      if (x.start < p || x.end > c.end || x.end <= x.start || (x.start === c.start && x.end === c.end && c.verdict === 'unverified')) continue;
      parts.push(escapeHtml(d.text.slice(p, x.start)), x.open, escapeHtml(d.text.slice(x.start, x.end)), x.close);
      p = x.end;
    }
    parts.push(escapeHtml(d.text.slice(p, c.end)));
    out.push(`<a href="#c${index}-${k}" class="claim ${c.verdict}" title="${escapeHtml(LABEL[c.verdict])}">${parts.join('')}</a>`);
    at = c.end;
  });
  out.push(escapeHtml(d.text.slice(at)));
  return out.join('');
}

function claimItem(c: ClaimWithDismissals, id: string): string {
  const lines: string[] = [];
  const what =
    c.verdict === 'contradicted' ? c.mismatches.map((m) => `${mismatchSummary(m)}.`).join(' ') : c.verdict === 'unverified' ? gapReasons(c).join(' ') : '';
  lines.push(`<li id="${id}"><span class="verdict ${c.verdict}">${LABEL[c.verdict]}</span>${escapeHtml(c.text)}`);
  if (what) lines.push(`<div>${escapeHtml(what)}</div>`);
  if (c.conflict) lines.push(`<div>Sources disagree: ${escapeHtml(c.conflict.note)}</div>`);
  for (const x of c.dismissed ?? [])
    lines.push(`<div><em>Dismissed${x.found ? ` (${escapeHtml(x.found)})` : ''}: ${escapeHtml(x.reason || 'no reason given')}</em></div>`);
  const best = c.mismatches[0]?.evidence ?? c.evidence[0];
  if (best) {
    const value = c.mismatches.find((m) => m.evidence.sentenceId === best.sentenceId)?.expected;
    lines.push(`<blockquote>${quoted(best.text, value)}</blockquote>`, `<div class="where">${escapeHtml(place(best))}</div>`);
  }
  lines.push('</li>');
  return lines.join('\n');
}

/** A source sentence with the source's value in bold. */
function quoted(text: string, value: string | undefined): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const at = value ? wordIndex(t, value) : -1;
  if (!value || at < 0) return escapeHtml(t);
  return `${escapeHtml(t.slice(0, at))}<b>${escapeHtml(t.slice(at, at + value.length))}</b>${escapeHtml(t.slice(at + value.length))}`;
}

/** The document, date, line, sentence and stance of a source sentence. */
function place(e: Evidence): string {
  const parts = [documentName(e.path)];
  if (e.date) parts.push(e.date);
  parts.push(`line ${e.range.start.line + 1}`);
  if (e.sentence !== undefined) parts.push(`sentence ${e.sentence}`);
  parts.push(e.stance);
  return parts.join(' · ');
}
