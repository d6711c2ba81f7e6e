/// <reference types="mocha" />
/**
 * A Dockerfile in the real editor: diagnostics (codes, ranges, severities, source), hover explanations, code
 * actions, and diagnostics following edits. Fixture: test/e2e/workspace/Dockerfile
 *   FROM ubuntu
 *   RUN sudo apt-get update
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  CliFinding,
  EXTENSION_ID,
  SOURCE,
  bulwarkDiagnostics,
  cliRange,
  cliRuleTitles,
  codeActionsAt,
  codeOf,
  describeActions,
  formatDiagnostic,
  formatFinding,
  hoverText,
  hoversAt,
  isCodeAction,
  openFile,
  setText,
  waitForActivation,
  waitForDiagnostics,
} from './helpers';
import { cliFindings, waitForVerdict } from './verdict';

const FILE = 'Dockerfile';

suite('Dockerfile in the editor', () => {
  let doc: vscode.TextDocument;
  let original: string;
  let cli: CliFinding[];

  suiteSetup(async () => {
    doc = await openFile(FILE);
    original = doc.getText();
    await waitForActivation();
    cli = cliFindings(FILE);
    await waitForVerdict(doc.uri, cli);
  });

  suiteTeardown(async () => {
    if (doc && doc.getText() !== original) await setText(doc, original);
  });

  test('opens as a dockerfile and activates Bulwark', () => {
    assert.equal(doc.languageId, 'dockerfile');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  test('`sudo` is an error diagnostic from source "bulwark" with code no-sudo, on the word itself', () => {
    const sudo = bulwarkDiagnostics(doc.uri).filter((d) => codeOf(d) === 'no-sudo');
    assert.equal(sudo.length, 1, `one no-sudo diagnostic expected, got ${sudo.map(formatDiagnostic).join(', ')}`);
    const d = sudo[0];
    assert.equal(d.source, SOURCE);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [1, 4, 1, 8]);
    assert.equal(doc.getText(d.range), 'sudo');
    assert.match(d.message, /sudo/);
  });

  test('the base image findings: severities and ranges on `ubuntu`', () => {
    const byCode = new Map(bulwarkDiagnostics(doc.uri).map((d) => [codeOf(d), d]));
    for (const [code, severity] of [
      ['image-latest-tag', vscode.DiagnosticSeverity.Warning],
      ['image-not-pinned', vscode.DiagnosticSeverity.Warning],
      ['no-root-user', vscode.DiagnosticSeverity.Warning],
    ] as const) {
      const d = byCode.get(code);
      assert.ok(d, `${code} expected`);
      assert.equal(d.severity, severity, code);
      assert.equal(doc.getText(d.range), 'ubuntu', code);
    }
    const health = byCode.get('no-healthcheck');
    assert.ok(health, 'no-healthcheck expected');
    assert.equal(health.severity, vscode.DiagnosticSeverity.Information);
  });

  test('shows exactly what the CLI reports for the same file (codes, ranges, severities, messages)', async () => {
    // suiteSetup already waited for this; asserting again keeps the claim visible in the report.
    await waitForVerdict(doc.uri, cli);
    assert.ok(cli.length >= 5, `the fixture should produce at least 5 findings, the CLI reports ${cli.length}`);
  });

  test('every diagnostic links to its rule page', () => {
    for (const d of bulwarkDiagnostics(doc.uri)) {
      const code = d.code;
      assert.ok(code && typeof code === 'object', `${formatDiagnostic(d)} has no code link`);
      assert.match(code.target.toString(), new RegExp(`${code.value}(\\.md)?([#?].*)?$`), formatDiagnostic(d));
    }
  });

  test('hovering `sudo` explains the finding: title, rule id, message, why, how to fix, link', async () => {
    const d = bulwarkDiagnostics(doc.uri).find((x) => codeOf(x) === 'no-sudo');
    assert.ok(d);
    const text = hoverText(await hoversAt(doc.uri, new vscode.Position(1, 6)));
    const title = cliRuleTitles().get('no-sudo');
    assert.ok(title, 'the CLI lists no-sudo');
    for (const part of [title, '`no-sudo`', d.message, 'Why it matters', 'How to fix', 'Rule documentation']) {
      assert.ok(text.includes(part), `hover should contain ${JSON.stringify(part)}; got:\n${text}`);
    }
  });

  test('a hover over several findings explains each of them', async () => {
    const text = hoverText(await hoversAt(doc.uri, new vscode.Position(0, 7))); // inside `ubuntu`
    for (const id of ['image-latest-tag', 'image-not-pinned', 'no-root-user']) {
      assert.ok(text.includes(`\`${id}\``), `hover on ubuntu should explain ${id}; got:\n${text}`);
    }
  });

  test('no Bulwark explanation where there is no finding', async () => {
    // The first non-blank character that no finding covers (e.g. the `RUN` keyword).
    let free: vscode.Position | undefined;
    for (let line = 0; line < doc.lineCount && !free; line++) {
      const text = doc.lineAt(line).text;
      for (let ch = 0; ch < text.length && !free; ch++) {
        const p = new vscode.Position(line, ch);
        if (text[ch].trim() && !cli.some((f) => cliRange(f).contains(p))) free = p;
      }
    }
    assert.ok(free, 'the fixture should have text outside every finding');
    const text = hoverText(await hoversAt(doc.uri, free));
    assert.ok(!text.includes('Why it matters'), `unexpected Bulwark hover at ${free.line + 1}:${free.character + 1}:\n${text}`);
  });

  test('code actions: quick fixes with edits wherever the CLI reports a fixable finding', async () => {
    // The editor's API hands back code actions without the diagnostics they fix, so a range is judged by all the
    // findings it overlaps (ranges of different findings here either coincide or are apart).
    for (const f of cli) {
      const range = cliRange(f);
      const here = cli.filter((g) => cliRange(g).intersection(range) !== undefined);
      const actions = await codeActionsAt(doc.uri, range, vscode.CodeActionKind.QuickFix);
      const what = `${formatFinding(f)} (with ${here.map((g) => g.rule).join(', ')}): ${describeActions(actions)}`;
      for (const a of actions) {
        assert.ok(isCodeAction(a) && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind), `not a quick fix: ${what}`);
        // Registry look-ups are off here (scripts/e2e/editor.ts): "Pin … to its current digest" is offered disabled, saying why.
        if (a.disabled) assert.match(`${a.title}: ${a.disabled.reason}`, /^Pin .*: Registry look-ups are off/, `an unexpected disabled action: ${what}`);
        else assert.ok(a.edit, `not a quick fix with an edit: ${what}`);
      }
      if (here.some((g) => g.fixable)) assert.ok(actions.length > 0, `a fixable finding offers no quick fix: ${what}`);
    }
  });

  test('diagnostics follow edits: a removed `sudo` disappears, a shifted line moves the ranges, undoing restores them', async () => {
    await setText(doc, original.replace('sudo ', ''));
    const after = await waitForDiagnostics(doc.uri, 'no-sudo to disappear', (ds) => !ds.some((d) => codeOf(d) === 'no-sudo'));
    assert.ok(after.some((d) => codeOf(d) === 'image-latest-tag'), 'the other findings stay');

    await setText(doc, `# a comment line\n${original}`);
    const shifted = await waitForDiagnostics(doc.uri, 'no-sudo on line 3', (ds) =>
      ds.some((d) => codeOf(d) === 'no-sudo' && d.range.start.line === 2 && d.range.start.character === 4),
    );
    assert.ok(
      shifted.filter((d) => codeOf(d) === 'image-latest-tag').every((d) => d.range.start.line === 1),
      `image-latest-tag should move to line 2: ${shifted.map(formatDiagnostic).join(', ')}`,
    );

    // Typing, character by character, then settling: only the last version counts.
    await setText(doc, original);
    for (const ch of 'RUN sudo id\n') {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length), ch);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    await waitForDiagnostics(doc.uri, 'two no-sudo diagnostics after typing a second RUN sudo', (ds) =>
      ds.filter((d) => codeOf(d) === 'no-sudo').length === 2,
    );

    await setText(doc, original);
    await waitForVerdict(doc.uri, cli, 'the original diagnostics after restoring the text');
  });
});
