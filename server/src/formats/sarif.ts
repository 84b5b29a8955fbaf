/** The SARIF 2.1.0 report of the CLI (`--format sarif`), for code-scanning tools. */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findingCode } from '../core/verdict/findings';
import type { ClaimResult } from '../core/types';
import { shownPath, type FileReport, type ReportContext } from './report';
import { describe } from './text';

/** The tool as SARIF names it. */
export interface SarifTool {
  version: string;
  /** Where each rule (finding code) is explained. */
  docs: string;
}

/**
 * A path as a URI reference for SARIF (RFC 3986): each segment
 * percent-encoded, so "a#b%41 c.md" stays one file; an absolute path becomes
 * a file: URI.
 */
export function pathUri(p: string): string {
  const slashed = p.split('\\').join('/');
  if (isAbsolute(p)) return pathToFileURL(p).href;
  return slashed
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** The SARIF 2.1.0 report: one result per finding, with the source as a related location and the fix where there is one. */
export function sarifReport(files: FileReport[], tool: SarifTool, context: ReportContext): string {
  const show = (p: string): string => shownPath(p, context);
  const rules = new Map<string, string>();
  const results: object[] = [];
  const region = (r: ClaimResult['range']): object => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  for (const f of files) {
    for (const c of f.result.claims) {
      for (const m of c.mismatches) {
        const id = findingCode(m.kind);
        rules.set(id, `The draft's ${m.kind} differs from what the sources say.`);
        results.push({
          ruleId: id,
          level: 'warning',
          message: { text: describe(m, context) },
          locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(f.path) }, region: region(m.range) } }],
          relatedLocations: [
            {
              id: 1,
              message: { text: m.evidence.text },
              physicalLocation: { artifactLocation: { uri: pathUri(show(m.evidence.path)) }, region: region(m.evidence.range) },
            },
          ],
          ...(m.expected !== undefined
            ? {
                fixes: [
                  {
                    description: { text: `Replace with ${m.expected}` },
                    artifactChanges: [
                      { artifactLocation: { uri: pathUri(f.path) }, replacements: [{ deletedRegion: region(m.range), insertedContent: { text: m.expected } }] },
                    ],
                  },
                ],
              }
            : {}),
        });
      }
      if (c.verdict === 'unverified') {
        rules.set('unverified-claim', 'No source speaks to this claim.');
        results.push({
          ruleId: 'unverified-claim',
          level: 'note',
          message: { text: `Unverified: ${c.reason ?? 'no source speaks to this claim'}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(f.path) }, region: region(c.range) } }],
        });
      }
    }
  }
  return (
    JSON.stringify(
      {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: 'fact-check',
                version: tool.version,
                informationUri: tool.docs,
                rules: [...rules].map(([id, text]) => ({ id, shortDescription: { text }, helpUri: tool.docs })),
              },
            },
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}
