/**
 * Pure translations between the core's shapes (Finding, Fix) and LSP's (Diagnostic, Hover, CodeAction).
 * No connection, no state: unit-tested directly in test/protocol/convert.test.ts.
 */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { Position, Range } from 'vscode-languageserver';
import { detectKind, ruleDocUrl } from '../core';
import type { FileKind, Finding, Severity } from '../core';
import { explainFinding } from '../core/explain';
import { uriPath } from './uri';

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

/**
 * Quick fixes for one finding: one CodeAction per fix, editing `uri`. With `version` and
 * `documentChanges` the edit is versioned, so the client refuses to apply it to a document that changed.
 */
export function toCodeActions(
  finding: Finding,
  diagnostic: Diagnostic,
  uri: string,
  options: { version?: number; documentChanges?: boolean } = {},
): CodeAction[] {
  return (finding.fixes ?? []).map((fix) => {
    const edits = fix.edits.map((e) => ({ range: copyRange(e.range), newText: e.newText }));
    const edit: WorkspaceEdit =
      options.documentChanges && options.version !== undefined
        ? { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, options.version), edits)] }
        : { changes: { [uri]: edits } };
    const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (fix.isPreferred !== undefined) action.isPreferred = fix.isPreferred;
    return action;
  });
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
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
