/// <reference types="mocha" />
/**
 * A Compose file in the real editor: it shows exactly what the CLI reports for it, each finding's hover explains it,
 * its service that builds the workspace's Dockerfile is judged with that Dockerfile (compose-root-user follows the
 * Dockerfile's unsaved text), fix-all on save applies the safe Compose fixes, and the server keeps serving the
 * Dockerfile. Fixture: test/e2e/workspace/compose.yaml (`web` builds `.`, whose Dockerfile sets no USER). The exact
 * Compose quick-fix cases are in quick-fixes.ts (run by fixable.e2e.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, cliRange, codeActionsAt, codeOf, describeActions, hoverText, hoversAt, isCodeAction, openFile, setText, waitForActivation, waitForDiagnostics } from './helpers';
import { cliFindings, waitForVerdict } from './verdict';

const FILE = 'compose.yaml';

suite('Compose file in the editor', () => {
  suiteSetup(async () => {
    await openFile('Dockerfile');
    await waitForActivation();
  });

  test('opens as dockercompose (the language Bulwark contributes)', async () => {
    const doc = await openFile(FILE);
    assert.equal(doc.languageId, 'dockercompose');
  });

  test('shows exactly what the CLI reports for it', async () => {
    const doc = await openFile(FILE);
    await waitForVerdict(doc.uri, cliFindings(FILE));
  });

  test("each finding's hover explains it; elsewhere no Bulwark hover", async () => {
    const doc = await openFile(FILE);
    for (const f of cliFindings(FILE)) {
      const text = hoverText(await hoversAt(doc.uri, cliRange(f).start));
      assert.ok(text.includes(`\`${f.rule}\``) && text.includes(f.message), `hover at ${f.rule} should explain it; got:\n${text}`);
    }
    const line = doc.getText().split('\n').findIndex((l) => l.trim().startsWith('services:'));
    const text = hoverText(await hoversAt(doc.uri, new vscode.Position(Math.max(line, 0), 2)));
    assert.ok(!text.includes('Why it matters'), `unexpected Bulwark hover on "services:":\n${text}`);
  });

  test('cross-file: compose-root-user appears, vanishes when the Dockerfile (unsaved) gains a USER, comes back', async () => {
    const compose = await openFile(FILE);
    const hasRootUser = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'compose-root-user');
    assert.ok(cliFindings(FILE).some((f) => f.rule === 'compose-root-user'), 'the CLI reports compose-root-user for the fixture');
    await waitForDiagnostics(compose.uri, 'compose-root-user from the Dockerfile', hasRootUser);
    const dockerfile = await openFile('Dockerfile', false);
    const original = dockerfile.getText();
    try {
      await setText(dockerfile, `${original}USER 10001\n`);
      const ds = await waitForDiagnostics(compose.uri, 'compose-root-user to vanish', (xs) => !hasRootUser(xs) && xs.length > 0);
      assert.ok(ds.some((d) => codeOf(d) === 'compose-privileged'), "the compose file's other findings stay");
    } finally {
      await setText(dockerfile, original);
    }
    await waitForDiagnostics(compose.uri, 'compose-root-user to come back', hasRootUser);
    await waitForVerdict(compose.uri, cliFindings(FILE));
  });

  test('source.fixAll.bulwark applies the safe Compose fixes (obsolete version, no-new-privileges in block and flow lists)', async () => {
    const doc = await openFile(FILE);
    const original = doc.getText();
    const before =
      'version: "3.8"\nservices:\n  web:\n    build: .\n    ports:\n      - "8080:80"\n  cache:\n    image: redis:7.4\n    security_opt: [label=disable]\n';
    try {
      await setText(doc, before);
      await waitForDiagnostics(doc.uri, 'compose-version-obsolete', (ds) => ds.some((d) => codeOf(d) === 'compose-version-obsolete'));
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await codeActionsAt(doc.uri, whole, vscode.CodeActionKind.SourceFixAll);
      const fixAll = actions.find((a): a is vscode.CodeAction => isCodeAction(a) && a.kind?.value === 'source.fixAll.bulwark');
      assert.ok(fixAll, `no source.fixAll.bulwark action; offered: ${describeActions(actions)}`);
      await applyCodeAction(fixAll);
      assert.equal(
        doc.getText(),
        'services:\n  web:\n    build: .\n    ports:\n      - "8080:80"\n    security_opt:\n      - "no-new-privileges:true"\n' +
          '  cache:\n    image: redis:7.4\n    security_opt: [label=disable, "no-new-privileges:true"]\n',
      );
      await waitForDiagnostics(doc.uri, 'the fixed findings to vanish', (ds) =>
        ds.length > 0 && !ds.some((d) => codeOf(d) === 'compose-version-obsolete' || codeOf(d) === 'compose-no-new-privileges'),
      );
    } finally {
      await setText(doc, original);
    }
    await waitForVerdict(doc.uri, cliFindings(FILE));
  });

  test('after the compose file, the server still analyses Dockerfile edits', async () => {
    const doc = await openFile('Dockerfile');
    const original = doc.getText();
    try {
      await setText(doc, `${original}RUN sudo true\n`);
      await waitForDiagnostics(doc.uri, 'a second no-sudo', (ds) => ds.filter((d) => codeOf(d) === 'no-sudo').length === 2);
    } finally {
      await setText(doc, original);
    }
    await waitForVerdict(doc.uri, cliFindings('Dockerfile'));
  });
});
