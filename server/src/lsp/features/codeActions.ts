/**
 * Code actions: replace a contradicted value with the source's (the preferred
 * quick fix), fix every contradiction in the file (`source.fixAll`), and
 * dismiss a finding. Everything comes from the diagnostic's typed `data` or
 * the stored check; nothing is matched again here.
 */
import { type CancellationToken, type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentChecks } from '../state/documentChecks';
import type { ClaimResult, Mismatch } from '../../core/types';
import { factCheckData } from './diagnostics';
import { Commands, type DismissArgs } from '../../shared/protocol';

/** The kind of the fix-all action: under `source.fixAll`, so "fix all on save" runs it. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.factCheck`;

/** Whether an action of `kind` is wanted by a request limited to `only`. */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * How sure the engine must be that the contradicting source, with its value
 * put in, supports the claim (`ClaimResult.fixSupport`) before "fix all"
 * applies the fix unasked. Below it the fix stays a quick fix of its own.
 */
export const SAFE_FIX_SUPPORT = 0.6;

/**
 * Whether "fix all" may apply a mismatch's fix: it has a replacement, no other
 * source gives another value for the same words, no source supports the
 * draft's value, and the claim with the fix is well supported.
 */
export function isSafeFix(claim: ClaimResult, m: Mismatch): boolean {
  if (m.expected === undefined || m.expected === '' || m.expected === m.found) return false;
  if (claim.conflict || m.alternatives?.length) return false;
  return (claim.fixSupport ?? 0) >= SAFE_FIX_SUPPORT;
}

/**
 * The replacements "fix all" applies (the safe ones, in document order,
 * skipping any that overlap an earlier one), and how many fixes it leaves to
 * the writer.
 */
export async function fixAllEdits(checks: DocumentChecks, uri: string, token?: CancellationToken): Promise<{ edits: TextEdit[]; left: number }> {
  const check = await checks.current(uri, token);
  if (!check) return { edits: [], left: 0 };
  const fixable = check.result.claims.flatMap((c) =>
    c.mismatches.filter((m) => m.expected !== undefined && m.expected !== '' && m.expected !== m.found).map((m) => ({ m, safe: isSafeFix(c, m) })),
  );
  const safe = fixable
    .filter((x) => x.safe)
    .map((x) => x.m)
    .sort((a, b) => a.start - b.start);
  const edits: TextEdit[] = [];
  let end = -1;
  for (const m of safe) {
    if (m.start < end) continue;
    edits.push({ range: m.range, newText: m.expected as string });
    end = m.end;
  }
  return { edits, left: fixable.length - edits.length };
}

/** Handles `textDocument/codeAction`. */
export async function onCodeAction(
  checks: DocumentChecks,
  document: TextDocument | undefined,
  params: CodeActionParams,
  token: CancellationToken,
): Promise<CodeAction[]> {
  if (!document) return [];
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  let fixable = 0;

  for (const d of params.context.diagnostics) {
    const data = factCheckData(d);
    if (!data) continue;
    if (data.expected && wanted(CodeActionKind.QuickFix, only) && data.kind !== 'unverified' && data.kind !== 'conflict') {
      // The diagnostic may be older than the text (it was published for an
      // earlier version); replacing anything but the flagged value would corrupt the draft.
      if (document.getText(d.range) === data.found) {
        fixable++;
        actions.push({
          title: `Replace with "${data.expected}" (as in ${sourceLabel(data.evidence?.path)})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [uri]: [{ range: d.range, newText: data.expected }] } },
        });
      }
    }
    if (wanted(CodeActionKind.QuickFix, only)) actions.push(dismissAction(uri, d, data));
  }

  const wantFixAll = wanted(FIX_ALL_KIND, only);
  // Offer "fix all" next to the quick fixes too, where people look for it.
  const offerAsQuickFix = fixable > 0 && wanted(CodeActionKind.QuickFix, only);
  if (wantFixAll || offerAsQuickFix) {
    const { edits, left } = await fixAllEdits(checks, uri, token);
    if (token.isCancellationRequested) return [];
    const review = left ? ` (${left} more to review one by one)` : '';
    const action = (kind: string): CodeAction => ({
      title: `Fix ${edits.length} contradicted value${edits.length === 1 ? '' : 's'} in this file with the sources' values${review}`,
      kind,
      edit: { changes: { [uri]: edits } },
    });
    if (wantFixAll && edits.length > 0) actions.push(action(FIX_ALL_KIND));
    if (offerAsQuickFix && edits.length > 1) actions.push(action(CodeActionKind.QuickFix));
  }
  return actions;
}

function sourceLabel(p: string | undefined): string {
  if (!p) return 'the source';
  return p.split(/[\\/]/).pop() ?? p;
}

function dismissAction(uri: string, d: Diagnostic, data: NonNullable<ReturnType<typeof factCheckData>>): CodeAction {
  const args: DismissArgs = { uri, kind: data.kind, claim: data.claim, found: data.found, expected: data.expected };
  const what = data.found ? `"${data.found}"` : 'this finding';
  return {
    title: `Dismiss ${what} (fact check)…`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    command: { title: `Dismiss ${what}`, command: Commands.dismiss, arguments: [args] },
  };
}
