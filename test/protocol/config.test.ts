/**
 * Configuration over the protocol: a temporary workspace of two folders, the built server (dist/server.js, or
 * `BULWARK_DIST`), and a client that answers `workspace/configuration` and sends watched-file events itself (as an
 * editor's file watcher would). `.bulwark.yaml` and `.hadolint.yaml` (created, changed, edited unsaved, per folder)
 * change the results of open and unopened files; invalid configuration gets diagnostics on the file itself;
 * `bulwark.rules` and `bulwark.enable` come from `workspace/configuration`; excluded files vanish; an untrusted
 * workspace does not honour a configuration asking for registry access.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigurationItem, DiagnosticSeverity, DidChangeConfigurationNotification, FileChangeType } from 'vscode-languageserver-protocol';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { fsPathToUri } from '../../server/lsp/uri';
import { TestClient } from './lsp-client';

const TIMEOUT = 120_000;
const BAD = 'FROM ubuntu\nRUN sudo apt-get update\n';

const CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
};

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** The severity of the diagnostic with this code, or undefined when there is none. */
function severityOf(p: PublishDiagnosticsParams, code: string): DiagnosticSeverity | undefined {
  return p.diagnostics.find((d) => d.code === code)?.severity;
}

const has = (code: string) => (p: PublishDiagnosticsParams) => severityOf(p, code) !== undefined;
const lacks = (code: string) => (p: PublishDiagnosticsParams) => severityOf(p, code) === undefined;
const at = (code: string, severity: DiagnosticSeverity) => (p: PublishDiagnosticsParams) => severityOf(p, code) === severity;

/** A server on a workspace of folders `a` and `b`, with settings served per folder. */
function workspaceFixture(prefix: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  const sections = new Map<string, unknown>();
  const client = TestClient.start('stdio');
  client.configuration = (item: ConfigurationItem) => (item.section === 'bulwark' && item.scopeUri ? (sections.get(item.scopeUri) ?? null) : null);
  const folders = [
    { uri: fsPathToUri(a), name: 'a' },
    { uri: fsPathToUri(b), name: 'b' },
  ];
  return { root, a, b, sections, client, folders };
}

describe('configuration files and settings', { timeout: TIMEOUT }, () => {
  const { root, a, b, sections, client, folders } = workspaceFixture('bulwark-conf-');
  const uri = (...parts: string[]): string => fsPathToUri(path.join(...parts));
  const aDocker = uri(a, 'Dockerfile');
  const aSvc = uri(a, 'svc/Dockerfile');
  const aGen = uri(a, 'gen/Dockerfile');
  const bDocker = uri(b, 'Dockerfile');
  const aConfig = path.join(a, '.bulwark.yaml');
  const bHadolint = path.join(b, '.hadolint.yaml');
  /** Waits for a publication (after `from`) of `u` that `accept`s. */
  const next = (u: string, accept: (p: PublishDiagnosticsParams) => boolean, from: number) =>
    client.waitForDiagnostics(u, accept, undefined, from);
  const event = (file: string, type: FileChangeType) => client.changeWatchedFiles([{ uri: fsPathToUri(file), type }]);

  before(async () => {
    for (const file of [path.join(a, 'Dockerfile'), path.join(a, 'svc/Dockerfile'), path.join(a, 'gen/Dockerfile'), path.join(b, 'Dockerfile')]) {
      write(file, BAD);
    }
    await client.initialize({}, CAPABILITIES, { workspaceFolders: folders });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the initial scan uses the defaults; config files are watched', async () => {
    for (const u of [aDocker, aSvc, aGen, bDocker]) await client.waitForDiagnostics(u, at('no-sudo', DiagnosticSeverity.Error));
    const watch = await client.waitFor(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watchers');
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.{bulwark,hadolint}.{yaml,yml}'), globs.join(' '));
  });

  test('a .bulwark.yaml created in folder a changes its unopened files, not folder b', async () => {
    const from = client.published.length;
    write(aConfig, 'rules:\n  no-sudo: off\n');
    await event(aConfig, FileChangeType.Created);
    await next(aDocker, lacks('no-sudo'), from);
    await next(aSvc, lacks('no-sudo'), from);
    await client.connection.sendRequest('bulwark/summary'); // a barrier: the event has been handled
    assert.deepEqual(client.published.slice(from).filter((p) => p.uri === bDocker), [], 'folder b is not re-published');
    assert.ok(has('no-sudo')(client.latest(bDocker)!));
  });

  test('an open file follows a .bulwark.yaml changed on disk', async () => {
    await client.open(aSvc, 'dockerfile', BAD, 1);
    await client.waitForDiagnostics(aSvc, (p) => p.version === 1 && lacks('no-sudo')(p));
    const from = client.published.length;
    write(aConfig, 'rules:\n  no-sudo: warning\n');
    await event(aConfig, FileChangeType.Changed);
    const open = await next(aSvc, at('no-sudo', DiagnosticSeverity.Warning), from);
    assert.equal(open.version, 1, 'the open document is re-published at its version');
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Warning), from);
  });

  test('a change that leaves the options as they were does not re-publish the open file', async () => {
    const from = client.published.length;
    write(aConfig, '# the same rules, commented\nrules:\n  no-sudo: warning\n');
    await event(aConfig, FileChangeType.Changed);
    await client.connection.sendRequest('bulwark/summary'); // a barrier: the event has been handled
    assert.deepEqual(client.published.slice(from).filter((p) => p.uri === aSvc), []);
  });

  test("an open .bulwark.yaml's unsaved edits count; closing it goes back to the disk", async () => {
    const configUri = fsPathToUri(aConfig);
    let from = client.published.length;
    await client.open(configUri, 'yaml', 'rules:\n  no-sudo: info\n', 1);
    await next(aSvc, at('no-sudo', DiagnosticSeverity.Information), from);
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Information), from);
    from = client.published.length;
    await client.change(configUri, 2, [{ text: 'rules:\n  no-sudo: error\n' }]);
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Error), from);
    from = client.published.length;
    await client.close(configUri);
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Warning), from);
    await next(aSvc, at('no-sudo', DiagnosticSeverity.Warning), from);
  });

  test('an invalid .bulwark.yaml gets a diagnostic on itself (edited in the editor, then on disk)', async () => {
    const configUri = fsPathToUri(aConfig);
    let from = client.published.length;
    await client.open(configUri, 'yaml', 'rules:\n  no-sudo: warning\n  no-such-rule: error\n', 1);
    const unknown = await next(configUri, (p) => p.diagnostics.length > 0, from);
    assert.equal(unknown.diagnostics.length, 1, JSON.stringify(unknown.diagnostics));
    assert.equal(unknown.diagnostics[0].range.start.line, 2);
    assert.match(String(unknown.diagnostics[0].message), /no-such-rule/);
    assert.equal(unknown.diagnostics[0].source, 'bulwark');
    from = client.published.length;
    await client.change(configUri, 2, [{ text: 'rules:\n  no-sudo: loud\n' }]);
    const invalid = await next(configUri, (p) => p.diagnostics.some((d) => /loud/.test(String(d.message))), from);
    assert.equal(invalid.diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(invalid.diagnostics[0].range.start.line, 1);
    // The invalid value is ignored: the default severity again.
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Error), from);
    from = client.published.length;
    await client.change(configUri, 3, [{ text: 'rules:\n  no-sudo: warning\n' }]);
    await next(configUri, (p) => p.diagnostics.length === 0, from);
    await client.close(configUri);

    // On disk, never opened: a YAML syntax error.
    from = client.published.length;
    write(aConfig, 'rules: [\n');
    await event(aConfig, FileChangeType.Changed);
    const syntax = await next(configUri, (p) => p.diagnostics.length > 0, from);
    assert.equal(syntax.diagnostics[0].severity, DiagnosticSeverity.Error);
  });

  test('a .hadolint.yaml in folder b (created, changed, invalid) changes its files', async () => {
    let from = client.published.length;
    write(bHadolint, 'ignored:\n  - DL3004\n');
    await event(bHadolint, FileChangeType.Created);
    await next(bDocker, lacks('no-sudo'), from);
    from = client.published.length;
    write(bHadolint, 'override:\n  info:\n    - DL3004\n');
    await event(bHadolint, FileChangeType.Changed);
    await next(bDocker, at('no-sudo', DiagnosticSeverity.Information), from);
    from = client.published.length;
    write(bHadolint, 'ignored: 3\n');
    await event(bHadolint, FileChangeType.Changed);
    const problems = await next(fsPathToUri(bHadolint), (p) => p.diagnostics.length > 0, from);
    assert.match(String(problems.diagnostics[0].message), /ignored/);
    await next(bDocker, at('no-sudo', DiagnosticSeverity.Error), from);
    // Deleted: its diagnostics are cleared.
    from = client.published.length;
    fs.rmSync(bHadolint);
    await event(bHadolint, FileChangeType.Deleted);
    await next(fsPathToUri(bHadolint), (p) => p.diagnostics.length === 0, from);
  });

  test('bulwark.rules from workspace/configuration changes results; a bad value is reported once', async () => {
    const from = client.published.length;
    sections.set(fsPathToUri(b), { rules: { 'image-latest-tag': 'off', DL3004: 'info', 'not-a-rule': 'error' } });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const p = await next(bDocker, (d) => lacks('image-latest-tag')(d) && at('no-sudo', DiagnosticSeverity.Information)(d), from);
    assert.ok(has('image-not-pinned')(p), 'other rules still run');
    // Folder a's .bulwark.yaml (invalid YAML now) and defaults: unchanged.
    assert.ok(has('image-latest-tag')(client.latest(aDocker)!));
    const messages = () => client.notifications.filter((n) => n.method === 'window/showMessage' && /not-a-rule/.test(JSON.stringify(n.params)));
    await client.waitFor(() => (messages().length > 0 ? true : undefined), 'the settings problem as a window message');
    // Every file of folder b resolves again on a rescan: still one message.
    await client.connection.sendRequest('bulwark/analyzeWorkspace');
    assert.equal(messages().length, 1);
    assert.match(client.logs.map((l) => l.message).join('\n'), /bulwark\.rules: .*not-a-rule/);
  });

  test('a .bulwark.yaml exclude removes unopened files from the workspace; removing it brings them back', async () => {
    let from = client.published.length;
    write(aConfig, 'exclude:\n  - gen/**\n');
    await event(aConfig, FileChangeType.Changed);
    await next(aGen, (p) => p.diagnostics.length === 0, from);
    assert.ok(has('no-sudo')(client.latest(aDocker)!));
    from = client.published.length;
    write(aConfig, 'rules: {}\n');
    await event(aConfig, FileChangeType.Changed);
    await next(aGen, has('no-sudo'), from);
  });

  test('bulwark.enable: false clears the folder (open and unopened files); true brings it back', async () => {
    let from = client.published.length;
    sections.set(fsPathToUri(a), { enable: false });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await next(aDocker, (p) => p.diagnostics.length === 0, from);
    await next(aGen, (p) => p.diagnostics.length === 0, from);
    const open = await next(aSvc, (p) => p.diagnostics.length === 0, from);
    assert.equal(open.version, 1);
    assert.ok(has('no-sudo')(client.latest(bDocker)!), 'folder b is still analysed');
    from = client.published.length;
    sections.set(fsPathToUri(a), { enable: true });
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await next(aDocker, has('no-sudo'), from);
    await next(aSvc, has('no-sudo'), from);
  });

  test('Analyze Workspace re-reads a configuration file changed without a watcher event', async () => {
    const from = client.published.length;
    write(aConfig, 'rules:\n  no-sudo: info\n');
    await client.connection.sendRequest('bulwark/analyzeWorkspace');
    await next(aDocker, at('no-sudo', DiagnosticSeverity.Information), from);
    await next(aSvc, at('no-sudo', DiagnosticSeverity.Information), from);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('configuration in an untrusted workspace', { timeout: TIMEOUT }, () => {
  const { root, a, client, folders } = workspaceFixture('bulwark-untrusted-');
  const config = path.join(a, '.bulwark.yaml');

  before(async () => {
    write(path.join(a, 'Dockerfile'), BAD);
    write(config, 'rules:\n  no-sudo: warning\nregistry:\n  enabled: true\n');
    await client.initialize({ workspaceTrusted: false }, CAPABILITIES, { workspaceFolders: folders });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("the workspace's rule settings apply; its request for registry access is not honoured and says so", async () => {
    await client.waitForDiagnostics(fsPathToUri(path.join(a, 'Dockerfile')), at('no-sudo', DiagnosticSeverity.Warning));
    const p = await client.waitForDiagnostics(fsPathToUri(config), (d) => d.diagnostics.length > 0);
    assert.equal(p.diagnostics.length, 1);
    assert.equal(p.diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(String(p.diagnostics[0].message), /untrusted workspace/);
    assert.equal(p.diagnostics[0].range.start.line, 3, 'on the `enabled` key');
  });

  test('granting trust re-resolves: the note goes away', async () => {
    const from = client.published.length;
    await client.connection.sendNotification('bulwark/workspaceTrusted', { trusted: true });
    await client.waitForDiagnostics(fsPathToUri(config), (d) => d.diagnostics.length === 0, undefined, from);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});
