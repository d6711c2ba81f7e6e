/**
 * The language server's own outputs never show a secret it found: the real server (dist/server.js over stdio) gets a
 * workspace holding every secret kind the rules detect (test/helpers/secret-cases.ts) in Dockerfiles and Compose files,
 * plus configuration files naming a secret where a value is expected, and is driven through everything that can log:
 * the workspace scan, open, edits, hover on every finding, quick fixes, fix-all and resolve of every action, the pin
 * commands (registry look-ups off: no network), `bulwark/analyzeWorkspace`, `$/setTrace` verbose, a settings change,
 * watched-file events, close. Every `window/logMessage`, `window/showMessage`, `telemetry/event`, `$/logTrace` and
 * other notification, and the process's stderr, must not hold any secret value.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAction,
  CodeActionResolveRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver/node';
import { initializeCore } from '../../server/core/engine';
import { composeRules, dockerfileRules } from '../../server/core/rules';
import { maskSecretsIn } from '../../server/core/secrets';
import { Analyzer } from '../../server/lsp/analysis';
import { FIX_ALL_KIND } from '../../server/lsp/convert';
import { maskConsole } from '../../server/lsp/log-guard';
import { PIN_FILE_COMMAND, PIN_IMAGE_COMMAND } from '../../server/lsp/registry';
import { ANALYZE_WORKSPACE_REQUEST } from '../../server/lsp/summary';
import { fsPathToUri } from '../../server/lsp/uri';
import { FAKE } from '../helpers/fake-secrets';
import { CASES } from '../helpers/secret-cases';
import { privateKey } from '../helpers/fake-secrets';
import { codeActions } from '../protocol/code-actions';
import { TestClient } from '../protocol/lsp-client';

const SECRETS = CASES.map((c) => ({ kind: c.kind, value: c.value }));

/** Every secret value found in `text`, by kind. */
function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s.value)).map((s) => s.kind);
}

describe('server logs never show a detected secret', () => {
  let root: string;
  let client: TestClient;
  const files: { uri: string; languageId: string; text: string }[] = [];

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-secret-logs-'));
    CASES.forEach((c, i) => {
      const dir = path.join(root, `case-${i}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'Dockerfile'), c.dockerfile);
      fs.writeFileSync(path.join(dir, 'compose.yaml'), c.compose);
      files.push({ uri: fsPathToUri(path.join(dir, 'Dockerfile')), languageId: 'dockerfile', text: c.dockerfile });
      files.push({ uri: fsPathToUri(path.join(dir, 'compose.yaml')), languageId: 'dockercompose', text: c.compose });
    });
    // Configuration files with a secret where a rule name, a severity or a registry is expected: their problems are
    // logged and shown (window/showMessage).
    fs.writeFileSync(
      path.join(root, '.bulwark.yaml'),
      `rules:\n  ${FAKE.githubClassic}: error\n  no-sudo: ${FAKE.npm}\nfailOn: ${FAKE.apiKey}\nexclude: ${FAKE.gitlab}\n`,
    );
    fs.writeFileSync(path.join(root, 'case-0', '.hadolint.yaml'), `ignored:\n  - ${FAKE.slackToken}\nfailure-threshold: ${FAKE.google}\n`);
    client = TestClient.start('stdio');
    // Settings with secrets in them too (an unknown rule, a bad severity).
    client.configuration = (item) => (item.section === 'bulwark' ? { rules: { [FAKE.awsKeyId]: 'error', 'no-sudo': FAKE.pypi }, trustedRegistries: [FAKE.jwt] } : null);
  });

  after(() => {
    client?.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('open, edit, hover, code actions, resolve, commands, workspace analysis, trace, settings and file events', async () => {
    await client.initialize(
      { debounceMs: 0, registry: { enabled: false }, findingCounts: true, progressThreshold: 0 },
      {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        },
        textDocument: {
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
            resolveSupport: { properties: ['edit'] },
            dataSupport: true,
            disabledSupport: true,
          },
        },
        window: { workDoneProgress: true },
      },
      { workspaceFolders: [{ uri: fsPathToUri(root), name: 'secrets' }], trace: 'verbose' },
    );
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    // The initial workspace scan publishes every file from disk.
    await client.waitFor(() => (files.every((f) => client.latest(f.uri)) ? true : undefined), 'the workspace scan', 60_000);

    let secretFindings = 0;
    let actionsSeen = 0;
    for (const f of files) {
      const from = client.published.length;
      await client.open(f.uri, f.languageId, f.text, 1);
      let published: PublishDiagnosticsParams = await client.waitForDiagnostics(f.uri, (p) => p.version === 1, 15_000, from);
      // An edit (a line appended) and its re-analysis.
      const lines = f.text.split('\n').length - 1;
      const edited = client.published.length;
      await client.change(f.uri, 2, [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: '# edited\n' }]);
      published = await client.waitForDiagnostics(f.uri, (p) => p.version === 2, 15_000, edited);
      secretFindings += published.diagnostics.filter((d) => /secret|password|token|credential|key/i.test(`${String(d.code)} ${d.message}`)).length;
      for (const d of published.diagnostics) {
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: f.uri }, position: d.range.start });
        const actions = [...(await codeActions(client, f.uri, [d])), ...(await codeActions(client, f.uri, [d], ['quickfix']))];
        for (const a of actions) await client.connection.sendRequest(CodeActionResolveRequest.type, a).catch(() => undefined);
        actionsSeen += actions.length;
      }
      const fixAll: CodeAction[] = await codeActions(client, f.uri, [], [FIX_ALL_KIND]);
      for (const a of fixAll) await client.connection.sendRequest(CodeActionResolveRequest.type, a).catch(() => undefined);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: PIN_FILE_COMMAND, arguments: [f.uri, { refresh: true }] }).catch(() => undefined);
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: PIN_IMAGE_COMMAND, arguments: [{ uri: f.uri, line: 0 }] }).catch(() => undefined);
    }
    assert.ok(secretFindings >= CASES.length * 2, `secret findings published: ${secretFindings}`);
    assert.ok(actionsSeen > 0, 'code actions were offered');

    await client.connection.sendRequest(ANALYZE_WORKSPACE_REQUEST);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.changeWatchedFiles(files.map((f) => ({ uri: f.uri, type: FileChangeType.Changed })));
    await client.changeWatchedFiles([{ uri: fsPathToUri(path.join(root, '.bulwark.yaml')), type: FileChangeType.Changed }]);
    for (const f of files) await client.close(f.uri);
    // A request answered after all of the above: every notification they caused has been received.
    await client.connection.sendRequest(ANALYZE_WORKSPACE_REQUEST);
    assert.equal(await client.stop(), 0);

    assert.ok(client.logs.length > 0, 'the server logged something (the scan, the configuration problems)');
    const shown: string[] = [];
    for (const l of client.logs) if (leaks(l.message).length) shown.push(`window/logMessage (${leaks(l.message).join(', ')}): ${l.message}`);
    for (const n of client.notifications) {
      const json = JSON.stringify(n.params);
      if (leaks(json).length) shown.push(`${n.method} (${leaks(json).join(', ')}): ${json.slice(0, 400)}`);
    }
    // Diagnostics too: the configuration files' problems quote the values written there.
    const configUri = fsPathToUri(path.join(root, '.bulwark.yaml'));
    assert.ok(client.published.some((p) => p.uri === configUri && p.diagnostics.length > 0), 'the .bulwark.yaml problems are published');
    for (const p of client.published) {
      const json = JSON.stringify(p.diagnostics);
      if (leaks(json).length) shown.push(`publishDiagnostics ${p.uri} (${leaks(json).join(', ')}): ${p.diagnostics.filter((d) => leaks(JSON.stringify(d)).length).map((d) => JSON.stringify(d)).join(' ').slice(0, 1500)}`);
    }
    if (leaks(client.stderr).length) shown.push(`stderr (${leaks(client.stderr).join(', ')}): ${client.stderr.slice(0, 2000)}`);
    assert.deepEqual(shown, []);
  });
});

describe('secrets in log messages are masked', () => {
  it('maskSecretsIn: every kind, bare or quoted, is masked; rule ids, paths, globs and digests stay', () => {
    for (const c of CASES) {
      for (const text of [`Unknown rule \`${c.value}\`: it is not a rule.`, `failed: ${c.value} is invalid`, `\`${c.value}\` is not a valid severity`]) {
        const masked = maskSecretsIn(text);
        if (c.kind === 'password' || c.kind === 'apiKey' || c.kind === 'url-password' || c.kind === 'privateKey') {
          // Without a telling name or shape (a key's body line without its BEGIN line) these are found only when quoted.
          if (!text.includes('`')) continue;
        }
        assert.ok(!masked.includes(c.value), `${c.kind}: ${masked}`);
      }
    }
    assert.ok(!maskSecretsIn(`key: ${privateKey()}`).includes(FAKE.privateKeyBody[0]));
    const plain =
      'Unknown rule `no-sduo`; did you mean `no-sudo`? `**/vendor/*.yaml`, `./secrets/db.txt`, `secrets/db.txt`, `overrides[0]`, ' +
      '`registry.corp:5000`, `DL3008`, `Dockerfile.prod`, `https://example.com/x` in `nginx@sha256:' + 'ab12'.repeat(16) + '`.';
    assert.equal(maskSecretsIn(plain), plain);
  });

  it('a rule that throws with the document text in its error: the server log line is masked', async () => {
    await initializeCore();
    const logged: string[] = [];
    const sink = (m: string) => logged.push(m);
    const connection = { console: { error: sink, warn: sink, info: sink, log: sink, debug: sink } } as unknown as Connection;
    maskConsole(connection);
    // As in server/lsp/main.ts: the analyzer logs through the (masked) connection console.
    const analyzer = new Analyzer((m) => connection.console.error(m));
    const thrower = (ctx: { model: { text: string } }) => {
      throw new SyntaxError(`Unexpected token in ${JSON.stringify(ctx.model.text)}`);
    };
    const rules = [dockerfileRules.find((r) => r.meta.id === 'no-sudo')!, composeRules.find((r) => r.meta.id === 'compose-privileged')!];
    const originals = rules.map((r) => r.check);
    for (const r of rules) (r as { check: unknown }).check = thrower;
    try {
      CASES.forEach((c, i) => {
        analyzer.run({ uri: `file:///w/${i}/Dockerfile`, version: 1, kind: 'dockerfile', text: c.dockerfile });
        analyzer.run({ uri: `file:///w/${i}/compose.yaml`, version: 1, kind: 'compose', text: c.compose });
      });
    } finally {
      rules.forEach((r, i) => ((r as { check: unknown }).check = originals[i]));
    }
    assert.ok(logged.some((m) => m.includes('no-sudo') && m.includes('Unexpected token')), logged.join('\n'));
    // Logged once per rule id: the first Dockerfile and the first Compose file; drive each kind through its own analyzer too.
    const all: string[] = [...logged];
    for (const c of CASES) {
      const one: string[] = [];
      const conn = { console: { error: (m: string) => one.push(m), warn: sink, info: sink, log: sink, debug: sink } } as unknown as Connection;
      maskConsole(conn);
      const a = new Analyzer((m) => conn.console.error(m));
      for (const r of rules) (r as { check: unknown }).check = thrower;
      try {
        a.run({ uri: 'file:///w/Dockerfile', version: 1, kind: 'dockerfile', text: c.dockerfile });
        a.run({ uri: 'file:///w/compose.yaml', version: 1, kind: 'compose', text: c.compose });
      } finally {
        rules.forEach((r, i) => ((r as { check: unknown }).check = originals[i]));
      }
      assert.equal(one.length, 2, one.join('\n'));
      all.push(...one);
      for (const m of one) assert.ok(!m.includes(c.value), `${c.kind}: the log shows the secret: ${m.slice(0, 300)}`);
    }
    assert.deepEqual(leaks(all.join('\n')), []);
  });
});
