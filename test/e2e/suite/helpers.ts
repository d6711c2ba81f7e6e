/**
 * Helpers for the extension-host suite. Everything the suite does to the editor goes through the public
 * `vscode` API; the expected findings come from Bulwark's own CLI (`dist/cli.js lint --format json`), so the
 * suite also checks that the editor and the pipeline give the same verdict. Every wait is bounded.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The project root (this file runs from out/test/e2e/suite/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const EXTENSION_ID = 'bulwark.bulwark';
export const SOURCE = 'bulwark';

/** How long a single wait may take before the test fails with what it saw. */
export const WAIT_MS = 15_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e suite needs the fixture workspace open (test/e2e/workspace or a copy of it)');
  return folder.uri;
}

export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` (and re-checks on every diagnostics change) until it returns a value other than undefined;
 * fails after `timeoutMs` with `describe()` of the last state.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  describe: () => string = () => '',
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let changed: () => void = () => undefined;
  const sub = vscode.languages.onDidChangeDiagnostics(() => changed());
  try {
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) {
        const state = describe();
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state ? `; last seen: ${state}` : ''}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    sub.dispose();
  }
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function bulwarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

const SEVERITY_NAMES: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function severityName(s: vscode.DiagnosticSeverity): string {
  return SEVERITY_NAMES[s] ?? String(s);
}

/** `no-sudo@2:5-2:9 error` — one line per diagnostic, 1-based like the CLI, for messages and comparisons. */
export function formatDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)}@${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${severityName(d.severity)}`;
}

export function describeDiagnostics(uri: vscode.Uri): () => string {
  return () => JSON.stringify(bulwarkDiagnostics(uri).map(formatDiagnostic));
}

/** Opens a workspace file as a text document (the language server gets didOpen) and shows it. */
export async function openFile(relative: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(relative));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Waits until Bulwark has published diagnostics for `uri` that satisfy `accept` (default: any, even none). */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
    () => {
      const ds = bulwarkDiagnostics(uri);
      return accept(ds) ? ds : undefined;
    },
    describeDiagnostics(uri),
    timeoutMs,
  );
}

export async function waitForActivation(timeoutMs = WAIT_MS): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this editor`);
  return waitFor(`${EXTENSION_ID} to activate`, () => (ext.isActive ? ext : undefined), () => 'not active', timeoutMs);
}

// ---- The CLI's verdict ------------------------------------------------------------------------------------------

export interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface CliFile {
  path: string;
  kind: string;
  findings: CliFinding[];
}

/** Runs `dist/cli.js` with this process's own Node in `cwd` (default: the workspace root); returns its stdout. */
export function cli(args: string[], cwd = workspaceRoot().fsPath): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: WAIT_MS,
    // In desktop VS Code process.execPath is Electron: make it behave as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `bulwark lint --format json --exit-zero` on workspace files (none: the whole workspace). */
export function cliLint(...relatives: string[]): Map<string, CliFile> {
  const out = cli(['lint', '--format', 'json', '--exit-zero', ...relatives]);
  const report = JSON.parse(out) as { version: number; files: CliFile[] };
  return new Map(report.files.map((f) => [f.path.split(path.sep).join('/'), f]));
}

export function cliRange(f: CliFinding): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
}

const SEVERITIES: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function cliSeverity(f: CliFinding): vscode.DiagnosticSeverity {
  return SEVERITIES[f.severity];
}

/** `no-sudo@2:5-2:9 error` for a CLI finding (same shape as formatDiagnostic). */
export function formatFinding(f: CliFinding): string {
  return `${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity}`;
}

export interface CliRule {
  id: string;
  title: string;
  category: string;
}

/** The rules as the CLI lists them (`bulwark rules --format json`). */
export function cliRules(): CliRule[] {
  const out = cli(['rules', '--format', 'json']);
  return (JSON.parse(out) as { rules: CliRule[] }).rules;
}

/** The rules' titles as the CLI lists them. */
export function cliRuleTitles(): Map<string, string> {
  return new Map(cliRules().map((r) => [r.id, r.title]));
}

// ---- Hovers and code actions ------------------------------------------------------------------------------------

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

export async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

/** Every code action the editor offers for `range` (all providers, all kinds). */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind?.value)) ?? []
  );
}

export function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return !('command' in a && typeof a.command === 'string');
}

/** `title [kind] for code@range, …` — for failure messages. */
export function describeActions(actions: readonly (vscode.CodeAction | vscode.Command)[]): string {
  if (actions.length === 0) return '(no code actions)';
  return actions
    .map((a) =>
      isCodeAction(a)
        ? `"${a.title}" [${a.kind?.value ?? 'no kind'}] for ${(a.diagnostics ?? []).map((d) => `${d.source}:${codeOf(d)}`).join(', ') || 'no diagnostic'}`
        : `command "${a.title}"`,
    )
    .join('; ');
}

export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    throw new Error(`the edit of "${action.title}" was not applied`);
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Replaces the document's whole text (unsaved) and returns the document. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<vscode.TextDocument> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${doc.uri.toString()}`);
  return doc;
}
