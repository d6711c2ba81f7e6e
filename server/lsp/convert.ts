/**
 * Pure translations between the core's shapes (Finding, Fix) and LSP's (Diagnostic, Hover, CodeAction).
 * No connection, no state: unit-tested directly in test/protocol/convert.test.ts.
 */
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { Position, Range, TextEdit } from 'vscode-languageserver';
import { LineIndex, detectKind, ruleDocUrl } from '../core';
import type { FileCreation, FileKind, Finding, Fix, FixAllResult, Severity, TextEdit as CoreEdit } from '../core';
import { explainFinding } from '../core/explain';
import { comparePositions } from '../core/text';
import { fsPathToUri, uriPath } from './uri';

/** `Diagnostic.source` of everything this server publishes. */
export const SOURCE = 'bulwark';

/** Language ids (lower-cased) that name our file kinds in VS Code, Neovim, Helix, Emacs… */
const LANGUAGE_KINDS: Record<string, FileKind> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  dockercompose: 'compose',
  'docker-compose': 'compose',
  compose: 'compose',
  'yaml.docker-compose': 'compose', // Neovim's compound filetype
};

/**
 * The kind of a document, by its language id or else by its file name (compose files usually arrive as
 * `yaml`); undefined for documents this server leaves alone.
 */
export function documentKind(languageId: string, uri: string): FileKind | undefined {
  return LANGUAGE_KINDS[languageId.toLowerCase()] ?? detectKind(uriPath(uri));
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a Bulwark diagnostic carries back to the server in a code-action request. */
export interface DiagnosticData {
  ruleId: string;
  /** Index of the finding in the analysis of `version` that produced the diagnostic. */
  index: number;
  /** Document version the diagnostic was computed for. */
  version?: number;
  /** How many fixes the finding offers (0: no code action). */
  fixes: number;
}

function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function toDiagnostic(finding: Finding, index: number, version?: number): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, index, fixes: finding.fixes?.length ?? 0 };
  if (version !== undefined) data.version = version;
  return {
    range: copyRange(finding.range),
    severity: SEVERITIES[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    data,
  };
}

export function toDiagnostics(findings: readonly Finding[], version?: number): Diagnostic[] {
  return findings.map((f, i) => toDiagnostic(f, i, version));
}

/** The diagnostic's data when it is one of ours, else undefined. */
export function bulwarkData(diagnostic: Diagnostic): Partial<DiagnosticData> | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return data && typeof data === 'object' ? data : {};
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

export function sameRange(a: Range, b: Range): boolean {
  return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

/**
 * The finding of an analysis that a diagnostic stands for: by the index in its data when the diagnostic
 * comes from the same version, otherwise (stale diagnostic, or a client that dropped `data`) by rule id
 * and exact range.
 */
export function findingForDiagnostic(
  diagnostic: Diagnostic,
  findings: readonly Finding[],
  version?: number,
): Finding | undefined {
  const data = bulwarkData(diagnostic);
  if (!data) return undefined;
  const ruleId = data.ruleId ?? (typeof diagnostic.code === 'string' ? diagnostic.code : undefined);
  if (!ruleId) return undefined;
  if (typeof data.index === 'number' && data.version === version) {
    const f = findings[data.index];
    if (f && f.ruleId === ruleId && sameRange(f.range, diagnostic.range)) return f;
  }
  return findings.find((f) => f.ruleId === ruleId && sameRange(f.range, diagnostic.range));
}

/** The code-action kind of Bulwark's fix-all (a sub-kind of `source.fixAll`, so either name requests it). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.bulwark`;

/** Title of the fix-all code action. */
export const FIX_ALL_TITLE = 'Fix all auto-fixable Bulwark problems';

/** How the client takes workspace edits. */
export interface EditOptions {
  /** The document version the edits were computed for (versioned edits with `documentChanges`). */
  version?: number;
  /** The client supports `documentChanges` (versioned TextDocumentEdits). */
  documentChanges?: boolean;
  /** The client supports the `create` resource operation: fixes that create files may be offered. */
  createFiles?: boolean;
}

/**
 * Whether a requested kind (an entry of `context.only`) asks for `kind`: the same kind or a parent of it
 * (`source` asks for `source.fixAll.bulwark`). The empty kind asks for everything.
 */
export function kindRequested(requested: string, kind: string): boolean {
  return requested === '' || requested === kind || kind.startsWith(`${requested}.`);
}

function copyEdits(edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: copyRange(e.range), newText: e.newText }));
}

/**
 * Edits to `uri` (and files to create beside it) as a WorkspaceEdit; undefined when the fix creates files and the
 * client cannot create them. Files are created with `ignoreIfExists` (a fix creates a file only when the core saw
 * none) and filled by a TextDocumentEdit on the new, empty file.
 */
export function toWorkspaceEdit(
  uri: string,
  edits: readonly CoreEdit[],
  createFiles: readonly FileCreation[] = [],
  options: EditOptions = {},
): WorkspaceEdit | undefined {
  const textEdits = copyEdits(edits);
  if (createFiles.length) {
    if (!options.createFiles) return undefined;
    const changes: WorkspaceEdit['documentChanges'] = [];
    for (const file of createFiles) {
      const fileUri = fsPathToUri(file.path);
      changes.push(CreateFile.create(fileUri, { ignoreIfExists: true }));
      if (file.content) {
        const start = { line: 0, character: 0 };
        changes.push(
          TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(fileUri, null), [
            { range: { start, end: start }, newText: file.content },
          ]),
        );
      }
    }
    if (textEdits.length) {
      changes.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, options.version ?? null), textEdits));
    }
    return { documentChanges: changes };
  }
  return options.documentChanges && options.version !== undefined
    ? { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, options.version), textEdits)] }
    : { changes: { [uri]: textEdits } };
}

/** A quick fix for one fix of a finding; undefined when the client cannot apply it (files to create). */
export function toCodeAction(fix: Fix, diagnostic: Diagnostic, uri: string, options: EditOptions = {}): CodeAction | undefined {
  const edit = toWorkspaceEdit(uri, fix.edits, fix.createFiles, options);
  if (!edit) return undefined;
  const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred !== undefined) action.isPreferred = fix.isPreferred;
  return action;
}

/**
 * Quick fixes for one finding: one CodeAction per fix (those the client can apply), editing `uri`. With `version`
 * and `documentChanges` the edit is versioned, so the client refuses to apply it to a document that changed.
 */
export function toCodeActions(
  finding: Finding,
  diagnostic: Diagnostic,
  uri: string,
  options: EditOptions = {},
  fixes: readonly Fix[] = finding.fixes ?? [],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const fix of fixes) {
    const action = toCodeAction(fix, diagnostic, uri, options);
    if (action) actions.push(action);
  }
  return actions;
}

/**
 * The smallest single edit turning `before` into `after` (common prefix and suffix kept), never splitting a CRLF
 * pair or a surrogate pair; undefined when the texts are equal. One small edit keeps the cursor and undo history
 * friendlier than replacing the whole document.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const splits = (text: string, at: number) => {
    const a = text.charCodeAt(at - 1);
    const b = text.charCodeAt(at);
    return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
  };
  while (prefix > 0 && (splits(before, prefix) || splits(after, prefix))) prefix--;
  while (suffix > 0 && (splits(before, before.length - suffix) || splits(after, after.length - suffix))) suffix--;
  const index = new LineIndex(before);
  return {
    range: { start: index.positionAt(prefix), end: index.positionAt(before.length - suffix) },
    newText: after.slice(prefix, after.length - suffix),
  };
}

/**
 * The fix-all source action for a document: the core's `fixAll` result as one edit (plus the files it creates, when
 * the client can create files); undefined when there is nothing to apply.
 */
export function toFixAllAction(uri: string, text: string, result: FixAllResult, options: EditOptions = {}): CodeAction | undefined {
  const edit = minimalEdit(text, result.text);
  const files = options.createFiles ? result.createFiles : [];
  if (!edit && files.length === 0) return undefined;
  const workspaceEdit = toWorkspaceEdit(uri, edit ? [edit] : [], files, options);
  if (!workspaceEdit) return undefined;
  return CodeAction.create(FIX_ALL_TITLE, workspaceEdit, FIX_ALL_KIND);
}

/** Whether `pos` is inside the half-open range (an empty range contains its own position). */
export function rangeContains(range: Range, pos: Position): boolean {
  if (comparePositions(pos, range.start) < 0) return false;
  const toEnd = comparePositions(pos, range.end);
  return toEnd < 0 || (toEnd === 0 && comparePositions(range.start, range.end) === 0);
}

export function findingsAt(findings: readonly Finding[], pos: Position): Finding[] {
  return findings.filter((f) => rangeContains(f.range, pos));
}

/**
 * Hover for a position: each finding there explained (separated by a rule), over the findings' range
 * (their common part when several overlap); null when no finding covers the position.
 */
export function toHover(findings: readonly Finding[], pos: Position): Hover | null {
  const here = findingsAt(findings, pos);
  if (here.length === 0) return null;
  let start = here[0].range.start;
  let end = here[0].range.end;
  for (const f of here.slice(1)) {
    if (comparePositions(f.range.start, start) > 0) start = f.range.start;
    if (comparePositions(f.range.end, end) < 0) end = f.range.end;
  }
  if (comparePositions(end, start) < 0) end = start;
  return {
    contents: { kind: MarkupKind.Markdown, value: here.map(explainFinding).join('\n\n---\n\n') },
    range: copyRange({ start, end }),
  };
}
