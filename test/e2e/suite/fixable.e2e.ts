/// <reference types="mocha" />
/**
 * Quick fixes applied in the editor. Two kinds of checks:
 * - every finding the CLI marks `fixable` in the fixture workspace offers quick fixes, and each of them, applied,
 *   removes a finding at that place (generic: it covers each new fix as soon as a rule offers one on a fixture
 *   file; the API returns code actions without their diagnostics, so an action is judged by the findings there);
 * - the exact cases of quick-fixes.ts: the action's title and the whole resulting text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  cliLint,
  cliRange,
  codeActionsAt,
  codeOf,
  describeActions,
  formatFinding,
  isCodeAction,
  openFile,
  setText,
  waitForActivation,
  waitForDiagnostics,
  workspaceFile,
} from './helpers';
import { report } from './index';
import { QUICK_FIX_CASES } from './quick-fixes';
import { waitForVerdict } from './verdict';

const FIXTURE_FILES = ['Dockerfile', 'compose.yaml', 'services/api/Dockerfile'];

suite('Quick fixes in the editor', () => {
  suiteSetup(async () => {
    await openFile('Dockerfile');
    await waitForActivation();
  });

  test('every quick fix offered at a fixable finding applies and removes a finding there', async () => {
    const verdicts = cliLint(...FIXTURE_FILES);
    let applied = 0;
    // Several findings share a range (a Compose service's name): each action offered there is applied once.
    const tried = new Set<string>();
    for (const [relative, file] of verdicts) {
      const doc = await openFile(relative);
      const original = doc.getText();
      await waitForVerdict(doc.uri, file.findings);
      for (const f of file.findings.filter((x) => x.fixable)) {
        const range = cliRange(f);
        // Code actions come back without their diagnostics: an action at this range (a fix, or a way to silence a
        // finding) must remove one of the findings that overlap it.
        const targets = file.findings.filter((g) => cliRange(g).intersection(range) !== undefined);
        // Disabled actions (digest pinning while registry look-ups are off, scripts/e2e/editor.ts) cannot be applied.
        const titles = (await codeActionsAt(doc.uri, range, vscode.CodeActionKind.QuickFix)).filter((a) => !(isCodeAction(a) && a.disabled)).map((a) => a.title);
        assert.ok(titles.length > 0, `${relative}: ${formatFinding(f)} is fixable but no quick fix is offered`);
        for (const title of titles) {
          const key = `${relative}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${title}`;
          if (tried.has(key)) continue;
          tried.add(key);
          // Edits are tied to the document version they were computed for: ask again after each restore.
          const action = (await codeActionsAt(doc.uri, range, vscode.CodeActionKind.QuickFix)).find(
            (a): a is vscode.CodeAction => isCodeAction(a) && a.title === title,
          );
          assert.ok(action, `"${title}" is no longer offered for ${formatFinding(f)}`);
          await applyCodeAction(action);
          assert.notEqual(doc.getText(), original, `"${title}" changed nothing`);
          await waitForDiagnostics(doc.uri, `"${title}" to remove ${targets.map((t) => t.rule).join(' or ')}`, (ds) =>
            targets.some((t) => !ds.some((d) => codeOf(d) === t.rule && d.message === t.message)),
          );
          await setText(doc, original);
          await waitForVerdict(doc.uri, file.findings, 'the diagnostics of the restored text');
          applied++;
        }
      }
    }
    report(`      (${applied} quick fix(es) applied)`);
  }).timeout(300_000);

  for (const c of QUICK_FIX_CASES) {
    test(`${c.name}: "${c.title}" (${c.rule})`, async () => {
      const doc = await openFile(c.file);
      const original = doc.getText();
      const folders = newFolders(c.creates ?? []);
      try {
        await setText(doc, c.before);
        const ds = await waitForDiagnostics(doc.uri, `${c.rule}`, (xs) => xs.some((d) => codeOf(d) === c.rule));
        const d = ds.find((x) => codeOf(x) === c.rule)!;
        const actions = await codeActionsAt(doc.uri, d.range, vscode.CodeActionKind.QuickFix);
        const action = actions.find((a): a is vscode.CodeAction => isCodeAction(a) && a.title === c.title);
        assert.ok(action, `no quick fix titled "${c.title}" for ${c.rule}; offered: ${describeActions(actions)}`);
        assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
        await applyCodeAction(action);
        assert.equal(doc.getText(), c.after);
        await waitForDiagnostics(doc.uri, `${c.rule} to be fixed`, (xs) => !xs.some((x) => codeOf(x) === c.rule));
        for (const file of c.creates ?? []) {
          // Created on disk, filled in the editor (unsaved).
          const created = await vscode.workspace.openTextDocument(workspaceFile(file.path));
          assert.equal(created.getText(), file.content, `${file.path} content`);
        }
      } finally {
        await setText(doc, original);
        await removeCreated(c.creates ?? [], folders);
      }
    });
  }
});

/** The top-level folders of `files` that do not exist yet (a case creating files there removes them afterwards). */
function newFolders(files: { path: string }[]): string[] {
  const tops = new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.slice(0, f.path.indexOf('/'))));
  return [...tops].filter((t) => !fs.existsSync(workspaceFile(t).fsPath));
}

/** Deletes the files a case created, and the folders it created for them, so later tests see the fixture. */
async function removeCreated(files: { path: string }[], folders: string[]): Promise<void> {
  if (files.length === 0) return;
  const edit = new vscode.WorkspaceEdit();
  for (const f of files) edit.deleteFile(workspaceFile(f.path), { ignoreIfNotExists: true });
  for (const folder of folders) edit.deleteFile(workspaceFile(folder), { recursive: true, ignoreIfNotExists: true });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('could not remove the files a fix created');
}
