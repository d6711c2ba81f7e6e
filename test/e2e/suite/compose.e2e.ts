/// <reference types="mocha" />
/**
 * A Compose file in the real editor. Compose rules come in a later issue: until then the server accepts the file
 * and reports what the CLI reports for it (nothing yet); this suite then checks the findings, their hovers, and
 * that the server keeps serving the Dockerfile. Fixture: test/e2e/workspace/compose.yaml.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cliRange, codeOf, hoverText, hoversAt, openFile, setText, waitForActivation, waitForDiagnostics } from './helpers';
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
