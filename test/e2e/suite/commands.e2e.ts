/// <reference types="mocha" />
/**
 * The commands of the extension (client/extension.ts), run through `vscode.commands.executeCommand` as the command
 * palette runs them, each judged by what it visibly does: the document's text, the diagnostics, the open tabs, the
 * scan result the status bar is fed from. The expected values come from the CLI (dist/cli.js) on the same files.
 *
 * Not observable from the extension host: the status bar item's text (VS Code has no API that reads another
 * extension's status bar items; the item shows the security count of the same `bulwark/findingCounts` data that
 * Analyze Workspace returns, checked here) and the messages shown by showInformationMessage / window/showMessage.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { bulwarkDiagnostics, cli, codeOf, cliLint, cliRules, openFile, setText, waitFor, waitForActivation, waitForDiagnostics, workspaceFile, workspaceRoot } from './helpers';
import { cliFindings, waitForVerdict } from './verdict';

interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** The answer of `bulwark.analyzeWorkspace` (the server's `bulwark/analyzeWorkspace` result). */
interface ScanResult {
  files: number;
  analyzed: number;
  cancelled: boolean;
  counts: { total: SeverityCounts; security: SeverityCounts; files: number; securityFiles: number; workspaceFiles: number };
}

/** The outcome of the server command `bulwark.server.pinFile` (server/lsp/registry.ts). */
interface PinFileOutcome {
  applied: boolean;
  pinned: unknown[];
  upToDate: unknown[];
  failed: unknown[];
}

/** A Dockerfile written to disk by the Analyze Workspace test (never opened), removed afterwards. */
const NEW_FILE = 'scanned/Dockerfile';
const NEW_FILE_TEXT = 'FROM alpine:3.20\nRUN sudo apk add curl\n';

/**
 * What `bulwark lint --fix` makes of `relative` with the text `text`: run on a scratch copy of the workspace (so that
 * configuration and build context are the same), which is then removed.
 */
function cliFixed(relative: string, text: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-e2e-fix-'));
  try {
    fs.cpSync(workspaceRoot().fsPath, copy, { recursive: true });
    const file = path.join(copy, ...relative.split('/'));
    fs.writeFileSync(file, text);
    cli(['lint', '--fix', '--exit-zero', relative], copy);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

function zero(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

/** Every tab of every editor group. */
function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

suite('Commands', () => {
  suiteSetup(async () => {
    await openFile('Dockerfile');
    await waitForActivation();
  });

  for (const relative of ['Dockerfile', 'compose.yaml']) {
    test(`Bulwark: Fix All in File on ${relative} gives the text of the CLI's --fix`, async () => {
      const doc = await openFile(relative);
      const original = doc.getText();
      try {
        await waitForVerdict(doc.uri, cliFindings(relative));
        const expected = cliFixed(relative, original);
        assert.notEqual(expected, original, `the fixture ${relative} should have safe fixes`);
        await vscode.commands.executeCommand('bulwark.fixAllInFile');
        await waitFor(
          `Fix All to change ${relative}`,
          () => (doc.getText() === expected ? true : undefined),
          () => JSON.stringify(doc.getText()),
        );
        assert.equal(doc.getText(), expected);
      } finally {
        await setText(doc, original);
        await waitForVerdict(doc.uri, cliFindings(relative), 'the diagnostics of the restored text');
      }
    });
  }

  test('Bulwark: Analyze Workspace analyses a new file on disk and answers the counts the CLI gives', async () => {
    const target = workspaceFile(NEW_FILE);
    fs.mkdirSync(path.dirname(target.fsPath), { recursive: true });
    fs.writeFileSync(target.fsPath, NEW_FILE_TEXT);
    try {
      const result = await vscode.commands.executeCommand<ScanResult>('bulwark.analyzeWorkspace');
      assert.ok(result && typeof result === 'object', `the command answered ${JSON.stringify(result)}`);
      assert.equal(result.cancelled, false);

      // The file was never opened: its diagnostics come from the scan (or the file watcher), as the CLI reports it.
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString()), `${NEW_FILE} is open`);
      const findings = cliFindings(NEW_FILE);
      assert.ok(findings.length > 0, `${NEW_FILE} should have findings`);
      await waitForVerdict(target, findings, 'diagnostics of a file created on disk and never opened');

      // The counts the status bar shows: security findings of the whole workspace, as the CLI counts them.
      const security = new Set(cliRules().filter((r) => r.category === 'security').map((r) => r.id));
      const files = cliLint();
      const expected = zero();
      let securityFiles = 0;
      for (const file of files.values()) {
        const own = file.findings.filter((f) => security.has(f.rule));
        for (const f of own) expected[f.severity]++;
        if (own.length > 0) securityFiles++;
      }
      assert.ok(files.has(NEW_FILE), 'the CLI lints the new file too');
      assert.equal(result.counts.workspaceFiles, files.size, 'Dockerfiles and Compose files in the workspace');
      assert.deepEqual(result.counts.security, expected, 'security findings by severity');
      assert.equal(result.counts.securityFiles, securityFiles, 'files with security findings');
    } finally {
      fs.rmSync(path.dirname(target.fsPath), { recursive: true, force: true });
      // A rescan (or the watcher) forgets the deleted file.
      await vscode.commands.executeCommand('bulwark.analyzeWorkspace');
      await waitForDiagnostics(target, 'the deleted file to have no diagnostics', (ds) => ds.length === 0);
    }
  });

  test('Bulwark: Show Rule Documentation with a rule id opens its page in a Markdown preview', async () => {
    const rule = cliRules().find((r) => r.id === 'no-sudo');
    assert.ok(rule, 'the CLI lists no-sudo');
    const page = `${rule.id}.md`;
    const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview') && t.label.includes(page);
    assert.ok(!allTabs().some(isPreview), 'a preview of the page is already open');
    await vscode.commands.executeCommand('bulwark.showRuleDocumentation', rule.id);
    try {
      const tab = await waitFor(`a Markdown preview of ${page}`, () => allTabs().find(isPreview), () => allTabs().map((t) => t.label).join(', '));
      assert.ok(tab.isActive, 'the preview is the active tab of its group');
      // The preview renders the shipped page, which it reads as a text document: the rule's own page, with its title.
      const doc = await waitFor(
        `the document of ${page}`,
        () => vscode.workspace.textDocuments.find((d) => path.basename(d.uri.fsPath) === page),
        () => vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', '),
      );
      assert.equal(path.basename(path.dirname(doc.uri.fsPath)), 'rules');
      assert.ok(doc.getText().includes(`# ${rule.id}`), 'the page is headed by the rule id');
      assert.ok(doc.getText().includes(rule.title), `the page shows the rule's title "${rule.title}"`);
    } finally {
      await vscode.window.tabGroups.close(allTabs().filter(isPreview));
    }
  });

  test('Bulwark: Pin Image Digests in File edits nothing while registry look-ups are off', async () => {
    // scripts/e2e/editor.ts sets bulwark.registry.enabled to false; the fixture's `FROM ubuntu` is not pinned.
    assert.equal(vscode.workspace.getConfiguration('bulwark').get('registry.enabled'), false);
    const doc = await openFile('Dockerfile');
    await waitForVerdict(doc.uri, cliFindings('Dockerfile'));
    assert.ok(bulwarkDiagnostics(doc.uri).some((d) => codeOf(d) === 'image-not-pinned'));
    const text = doc.getText();
    const version = doc.version;
    await vscode.commands.executeCommand('bulwark.pinImageDigests');
    await vscode.commands.executeCommand('bulwark.refreshImageDigests');
    // The server command behind them answers what it did: nothing pinned, nothing looked up (no failure either:
    // a look-up without network would have failed), no edit.
    const outcome = await vscode.commands.executeCommand<PinFileOutcome>('bulwark.server.pinFile', doc.uri.toString(), { refresh: false });
    assert.deepEqual(outcome, { applied: false, pinned: [], upToDate: [], failed: [] });
    assert.equal(doc.getText(), text);
    assert.equal(doc.version, version, 'the document was not edited');
  });
});
