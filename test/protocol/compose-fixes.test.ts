/**
 * Protocol tests of Compose quick fixes, suppressions and fix-all: the built server (dist/server.js) over stdio offers,
 * for each diagnostic of a compose file, the core's fixes then its suppression fixes (test/fixes/suppress-compose.test.ts)
 * with the core's edits; `source.fixAll.bulwark` turns the text into the core's fixAll text; an applied suppression
 * removes its finding. Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CreateFile, Diagnostic } from 'vscode-languageserver-protocol';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { ComposeModel, analyze, fixAll, initializeCore } from '../../server/core';
import { composeSuppressionFixes } from '../../server/core/fixes/suppress-compose';
import { TestClient } from './lsp-client';
import { apply, codeActions, coreOptions, editsTo, findingOf } from './code-actions';

const TIMEOUT = 90_000;

/** What VS Code announces: code action literals, versioned document changes and file creation. */
const CAPS: ClientCapabilities = {
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } } },
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
};

const COMPOSE =
  'version: "3.8"\n' +
  'services:\n' +
  '  web:\n' +
  '    image: nginx:1.27\n' +
  '    privileged: true\n' +
  '    cap_add: [NET_BIND_SERVICE, SYS_ADMIN]\n' +
  '    ports:\n' +
  '      - "8080:80"\n' +
  '    environment:\n' +
  '      POSTGRES_PASSWORD: "s3cr3t-Pa55word-xyz"\n';

let tmp: string;
before(async () => {
  await initializeCore();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-compose-fixes-')));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Compose quick fixes, suppressions and fix-all over stdio', { timeout: TIMEOUT }, () => {
  let client: TestClient;
  before(async () => {
    client = TestClient.start('stdio');
    // Registry look-ups off: the actions are exactly the core's (the pin actions are tested in test/registry/lsp.test.ts).
    await client.initialize({ registry: { enabled: false } }, CAPS);
  });
  after(() => client.kill());

  /** A fresh compose.yaml in its own folder (a fix may create files beside it). */
  function composeUri(name: string): string {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir, { recursive: true });
    return pathToFileURL(path.join(dir, 'compose.yaml')).href;
  }

  test("each diagnostic's actions are the core's fixes then its Ignore line/file fixes, with the core's edits", async () => {
    const uri = composeUri('actions');
    await client.open(uri, 'dockercompose', COMPOSE);
    const published = await client.waitForDiagnostics(uri);
    const findings = analyze(COMPOSE, coreOptions(uri)).findings;
    assert.equal(published.diagnostics.length, findings.length);
    const model = new ComposeModel(COMPOSE);
    const suppressed = new Set<string>();
    for (const d of published.diagnostics) {
      const finding = findingOf(d, findings);
      const actions = await codeActions(client, uri, [d]);
      const suppressions = composeSuppressionFixes(model, finding);
      assert.deepEqual(
        suppressions.map((f) => f.title),
        [`Ignore ${finding.ruleId} for this line`, `Ignore ${finding.ruleId} for this file`],
      );
      const expected = [...(finding.fixes ?? []), ...suppressions];
      assert.deepEqual(actions.map((a) => a.title), expected.map((f) => f.title), String(d.code));
      for (const [i, fix] of expected.entries()) {
        const a = actions[i];
        assert.equal(a.kind, 'quickfix');
        assert.deepEqual(a.diagnostics, [d]);
        assert.equal(a.isPreferred, fix.isPreferred);
        assert.deepEqual(editsTo(a.edit, uri), fix.edits, `${String(d.code)}: "${fix.title}" edits`);
        for (const file of fix.createFiles ?? []) {
          const fileUri = pathToFileURL(file.path).href;
          assert.ok(a.edit!.documentChanges!.some((c) => CreateFile.is(c) && c.uri === fileUri), `"${fix.title}" creates ${file.path}`);
        }
      }
      suppressed.add(finding.ruleId);
    }
    for (const id of ['compose-privileged', 'compose-dangerous-cap', 'compose-cap-drop-all', 'compose-port-all-interfaces', 'compose-secret-in-environment', 'compose-version-obsolete']) {
      assert.ok(suppressed.has(id), `${id} reported and its actions checked`);
    }
    await client.close(uri);
  });

  test('source.fixAll.bulwark turns the compose text into the core\'s fixAll text, in one edit', async () => {
    const uri = composeUri('fix-all');
    await client.open(uri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics(uri);
    const expected = fixAll(COMPOSE, coreOptions(uri));
    assert.notEqual(expected.text, COMPOSE);
    assert.doesNotMatch(expected.text, /^version:/m, 'fix-all removes the obsolete version');
    assert.match(expected.text, /no-new-privileges:true/, 'fix-all adds no-new-privileges');
    for (const only of [['source.fixAll.bulwark'], ['source.fixAll'], ['source']]) {
      const actions = await codeActions(client, uri, [], only);
      assert.equal(actions.length, 1, JSON.stringify(only));
      assert.equal(actions[0].kind, 'source.fixAll.bulwark');
      const edits = editsTo(actions[0].edit, uri);
      assert.equal(edits.length, 1, 'one edit');
      assert.equal(apply(COMPOSE, edits), expected.text);
    }
    await client.close(uri);
  });

  for (const scope of ['line', 'file'] as const) {
    test(`"Ignore compose-privileged for this ${scope}" applied: the finding is gone from the re-published diagnostics`, async () => {
      const uri = composeUri(`suppress-${scope}`);
      await client.open(uri, 'dockercompose', COMPOSE);
      const p = await client.waitForDiagnostics(uri);
      const privileged = p.diagnostics.find((d) => d.code === 'compose-privileged');
      assert.ok(privileged);
      const action = (await codeActions(client, uri, [privileged])).find((a) => a.title === `Ignore compose-privileged for this ${scope}`);
      assert.ok(action && !action.isPreferred);
      const edited = apply(COMPOSE, editsTo(action.edit, uri));
      assert.equal(
        edited,
        scope === 'line'
          ? COMPOSE.replace('    privileged: true\n', '    # bulwark-ignore compose-privileged\n    privileged: true\n')
          : `# bulwark-ignore-file compose-privileged\n${COMPOSE}`,
      );
      const from = client.published.length;
      await client.change(uri, 2, [{ text: edited }]);
      const next = await client.waitForDiagnostics(uri, (x) => x.version === 2, 15000, from);
      assert.ok(!next.diagnostics.some((d) => d.code === 'compose-privileged'));
      // Everything else is still reported (shifted by the inserted line).
      assert.equal(next.diagnostics.length, p.diagnostics.length - 1);
      await client.close(uri);
    });
  }

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});
