import type { Connection, DidChangeTextDocumentParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What `TextDocuments.listen` registers its handlers on. */
type DocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/**
 * The connection as `TextDocuments.listen` sees it, with document
 * notifications whose `textDocument.uri` is not a string dropped (and said
 * once in the log). A client that sends `{"uri": 42}` is broken, but the
 * server must keep serving the documents it can name: without this, such a
 * notification reaches the document store and every handler that reads the
 * uri as text, and the first of them throws.
 */
export function validDocumentEvents(
  connection: Connection,
  log: (message: string) => void,
  /** Called after the document store applied a change (the edits' positions say where the writer is typing). */
  afterChange?: (params: DidChangeTextDocumentParams) => void,
): DocumentConnection {
  let said = false;
  const valid = (params: unknown): boolean => {
    const doc = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument;
    if (typeof doc?.uri === 'string') return true;
    if (!said) log(`Ignored a document notification without a text uri (${doc?.uri === null ? 'null' : typeof doc?.uri}); further ones are ignored silently.`);
    said = true;
    return false;
  };
  return {
    onDidOpenTextDocument: (h) => connection.onDidOpenTextDocument((p) => (valid(p) ? h(p) : undefined)),
    onDidChangeTextDocument: (h) =>
      connection.onDidChangeTextDocument((p) => {
        if (!valid(p)) return;
        void h(p);
        afterChange?.(p);
      }),
    onDidCloseTextDocument: (h) => connection.onDidCloseTextDocument((p) => (valid(p) ? h(p) : undefined)),
    onWillSaveTextDocument: (h) => connection.onWillSaveTextDocument((p) => (valid(p) ? h(p) : undefined)),
    onWillSaveTextDocumentWaitUntil: (h) => connection.onWillSaveTextDocumentWaitUntil((p, token) => (valid(p) ? h(p, token) : [])),
    onDidSaveTextDocument: (h) => connection.onDidSaveTextDocument((p) => (valid(p) ? h(p) : undefined)),
  };
}
