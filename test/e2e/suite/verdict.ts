/**
 * Comparing what the editor shows with what the CLI reports for the same file: codes, ranges, severities and
 * messages must be the same (the README promises "the editor and the pipeline give the same verdict").
 */
import * as vscode from 'vscode';
import { CliFinding, bulwarkDiagnostics, cliLint, formatDiagnostic, formatFinding, waitForDiagnostics } from './helpers';

function editorLines(ds: readonly vscode.Diagnostic[]): string[] {
  return ds.map((d) => `${formatDiagnostic(d)} ${d.message}`).sort();
}

function cliLines(fs: readonly CliFinding[]): string[] {
  return fs.map((f) => `${formatFinding(f)} ${f.message}`).sort();
}

export function sameVerdict(ds: readonly vscode.Diagnostic[], fs: readonly CliFinding[]): boolean {
  const a = editorLines(ds);
  const b = cliLines(fs);
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** The CLI's findings for one workspace file (path relative to the workspace root, with `/`). */
export function cliFindings(relative: string): CliFinding[] {
  const file = cliLint(relative).get(relative);
  if (!file) throw new Error(`the CLI did not report on ${relative}`);
  return file.findings;
}

/**
 * Waits until the editor's Bulwark diagnostics for `uri` equal the CLI's `findings`; on time-out the error
 * shows both sides.
 */
export async function waitForVerdict(uri: vscode.Uri, findings: readonly CliFinding[], what = 'the CLI verdict'): Promise<vscode.Diagnostic[]> {
  try {
    return await waitForDiagnostics(uri, what, (ds) => sameVerdict(ds, findings));
  } catch (e) {
    const editor = editorLines(bulwarkDiagnostics(uri)).join('\n  ');
    const cli = cliLines(findings).join('\n  ');
    throw new Error(`${(e as Error).message.split('; last seen')[0]}\n editor:\n  ${editor || '(none)'}\n CLI:\n  ${cli || '(none)'}`);
  }
}
