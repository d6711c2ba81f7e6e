/** Helpers of the code-action protocol tests: requests, the edits an action makes, and applying them. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CodeAction, CodeActionRequest, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzeOptions, Finding } from '../../server/core';
import { uriToFsPath } from '../../server/lsp/uri';
import type { TestClient } from './lsp-client';

const fsHost = { exists: (p: string) => fs.existsSync(p) };

/** The options the server analyzes a file's text with (the file's path, the disk as host). */
export function coreOptions(uri: string): AnalyzeOptions {
  const p = uriToFsPath(uri);
  return { host: fsHost, ...(p ? { path: p } : {}) };
}

/** The text edits a WorkspaceEdit makes to `uri`, whichever shape it has. */
export function editsTo(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action has an edit');
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? [])
    .filter((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === uri)
    .flatMap((c) => c.edits as TextEdit[]);
}

/** Applies LSP edits with vscode-languageserver-textdocument (an implementation independent of the core's). */
export function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), edits);
}

/** The code actions for `diagnostics` (at the first one's range), of the kinds in `only`. */
export async function codeActions(client: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return (result ?? []) as CodeAction[];
}

/** The finding of `findings` a diagnostic stands for. */
export function findingOf(d: Diagnostic, findings: Finding[]): Finding {
  const f = findings.find(
    (x) =>
      x.ruleId === d.code &&
      x.range.start.line === d.range.start.line &&
      x.range.start.character === d.range.start.character &&
      x.range.end.line === d.range.end.line &&
      x.range.end.character === d.range.end.character,
  );
  assert.ok(f, `no core finding for ${String(d.code)}`);
  return f;
}
