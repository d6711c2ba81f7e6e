/**
 * Workspace analysis over the protocol: a temporary workspace of two folders, the built server (dist/server.js, or
 * `BULWARK_DIST`), and a client that answers `workspace/configuration`, accepts registrations and progress tokens,
 * and sends watched-file events itself (as an editor's file watcher would).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ConfigurationItem,
  DidChangeConfigurationNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  PublishDiagnosticsParams,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import { fsPathToUri } from '../../server/lsp/uri';
import { TestClient } from './lsp-client';

const TIMEOUT = 120_000;
const BAD = 'FROM ubuntu\nRUN sudo apt-get update\n';
const CLEAN = 'FROM scratch\nCOPY app /app\n';

interface Counts {
  total: { error: number; warning: number; info: number };
  security: { error: number; warning: number; info: number };
  files: number;
  securityFiles: number;
  workspaceFiles: number;
  scanning: boolean;
}

interface ScanAnswer {
  files: number;
  analyzed: number;
  skipped: number;
  truncated: boolean;
  cancelled: boolean;
  durationMs: number;
  counts: Counts;
}

function codes(p: PublishDiagnosticsParams | undefined): string[] {
  return (p?.diagnostics ?? []).map((d) => String(d.code));
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('workspace analysis', { timeout: TIMEOUT }, () => {
  let root: string;
  let a: string;
  let b: string;
  let client: TestClient;
  /** Settings served to the server, by folder URI. */
  const bulwarkSection = new Map<string, unknown>();
  const filesExclude = new Map<string, unknown>();
  const uri = (...parts: string[]): string => fsPathToUri(path.join(...parts));

  /** Rescans (a barrier too: earlier notifications have been handled when it answers). */
  const rescan = (): Promise<ScanAnswer> => client.connection.sendRequest<ScanAnswer>('bulwark/analyzeWorkspace');
  const publishedFor = (u: string, from = 0): PublishDiagnosticsParams[] => client.published.slice(from).filter((p) => p.uri === u);

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-ws-'));
    a = path.join(root, 'folder-a');
    b = path.join(root, 'folder b'); // a space: URIs are percent-encoded
    write(path.join(a, 'Dockerfile'), BAD);
    write(path.join(a, 'services/api/Dockerfile'), BAD);
    write(path.join(a, 'services/web/Dockerfile'), BAD);
    write(path.join(a, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    write(path.join(a, 'README.md'), '# not analysed\n');
    write(path.join(a, '.gitignore'), 'ignored/\n*.generated.Dockerfile\n');
    write(path.join(a, 'ignored/Dockerfile'), BAD);
    write(path.join(a, 'x.generated.Dockerfile'), BAD);
    write(path.join(a, 'sub/.gitignore'), '*.Dockerfile\n!keep.Dockerfile\n');
    write(path.join(a, 'sub/keep.Dockerfile'), BAD);
    write(path.join(a, 'sub/drop.Dockerfile'), BAD);
    write(path.join(a, 'node_modules/pkg/Dockerfile'), BAD);
    write(path.join(a, '.git/Dockerfile'), BAD);
    write(path.join(a, 'vendor/lib/Dockerfile'), BAD); // bulwark.exclude
    write(path.join(a, 'hidden/Dockerfile'), BAD); // files.exclude
    write(path.join(a, 'big/Dockerfile'), `${BAD}${'# padding\n'.repeat(1000)}`); // over maxFileBytes
    write(path.join(a, 'binary/Dockerfile'), 'FROM ubuntu\0\0\0RUN sudo x\n');
    write(path.join(b, 'app/Containerfile'), BAD);
    write(path.join(b, 'app/Dockerfile.dev'), BAD);
    bulwarkSection.set(fsPathToUri(a), { exclude: ['vendor/**'] });
    filesExclude.set(fsPathToUri(a), { '**/hidden': true, '**/.svn': true, '**/off': false });
    client = TestClient.start('stdio');
    client.configuration = (item: ConfigurationItem) => {
      const scope = item.scopeUri ?? '';
      if (item.section === 'bulwark') return bulwarkSection.get(scope) ?? null;
      if (item.section === 'files.exclude') return filesExclude.get(scope) ?? null;
      return null;
    };
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize: workspace folders are supported', async () => {
    const result = await client.initialize(
      { progressThreshold: 3, maxFileBytes: 4096, findingCounts: true },
      {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
      },
      {
        workspaceFolders: [
          { uri: fsPathToUri(a), name: 'folder-a' },
          { uri: fsPathToUri(b), name: 'folder b' },
        ],
      },
    );
    assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  test('the initial scan publishes unopened files of both folders', async () => {
    for (const u of [
      uri(a, 'Dockerfile'),
      uri(a, 'services/api/Dockerfile'),
      uri(a, 'services/web/Dockerfile'),
      uri(a, 'sub/keep.Dockerfile'),
      uri(b, 'app/Containerfile'),
      uri(b, 'app/Dockerfile.dev'),
    ]) {
      const p = await client.waitForDiagnostics(u, (d) => codes(d).includes('no-sudo'));
      assert.equal(p.version, undefined, 'a file from disk has no document version');
      const sudo = p.diagnostics.find((d) => d.code === 'no-sudo')!;
      assert.deepEqual(sudo.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    }
  });

  test('the scan ends and its counts arrive as bulwark/findingCounts', async () => {
    const counts = await client.waitFor(() => {
      const n = client.notifications.filter((x) => x.method === 'bulwark/findingCounts').at(-1);
      const c = n?.params as Counts | undefined;
      return c && !c.scanning && c.files >= 6 ? c : undefined;
    }, 'finding counts after the scan');
    // 6 Dockerfiles with findings + compose.yaml + big + binary (in the set, not analysed).
    assert.equal(counts.workspaceFiles, 9);
    assert.ok(counts.files >= 6, JSON.stringify(counts)); // compose.yaml may have findings once Compose rules exist
    assert.ok(counts.securityFiles >= 6, JSON.stringify(counts));
    assert.ok(counts.security.error >= 6, JSON.stringify(counts)); // no-sudo is a security error
    assert.ok(counts.total.error + counts.total.warning + counts.total.info >= counts.security.error);
  });

  test('ignored, excluded, skipped and unrelated files are not published', () => {
    for (const rel of [
      'ignored/Dockerfile',
      'x.generated.Dockerfile',
      'sub/drop.Dockerfile',
      'node_modules/pkg/Dockerfile',
      '.git/Dockerfile',
      'vendor/lib/Dockerfile',
      'hidden/Dockerfile',
      'big/Dockerfile',
      'binary/Dockerfile',
      'README.md',
    ]) {
      assert.deepEqual(publishedFor(uri(a, rel)), [], `${rel} should not be published`);
    }
    const logs = client.logs.map((l) => l.message).join('\n');
    assert.match(logs, /skipped .*big.Dockerfile: larger than 4 KB/);
    assert.match(logs, /skipped .*binary.Dockerfile: binary/);
  });

  test('the settings were read per folder', () => {
    const items = client.configurationRequests.flat();
    for (const folder of [a, b]) {
      for (const section of ['files.exclude', 'bulwark']) {
        assert.ok(items.some((i) => i.scopeUri === fsPathToUri(folder) && i.section === section), `${section} for ${folder}`);
      }
    }
  });

  test('progress: a token is created, then begin, report and end', async () => {
    await client.waitFor(
      () => client.notifications.some((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'end') || undefined,
      'the end of the progress',
    );
    assert.equal(client.progressTokens.length >= 1, true);
    const token = client.progressTokens[0];
    const values = client.notifications
      .filter((n) => n.method === '$/progress' && (n.params as { token: unknown }).token === token)
      .map((n) => (n.params as { value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }).value);
    const begin = values[0] as WorkDoneProgressBegin;
    assert.equal(begin.kind, 'begin');
    assert.equal(begin.title, 'Bulwark');
    assert.equal(begin.message, 'analyzing 9 files');
    assert.ok(values.some((v) => v.kind === 'report' && v.percentage === 100), JSON.stringify(values));
    assert.equal(values.at(-1)!.kind, 'end');
  });

  test('the server watches Dockerfile and Compose names and the settings', async () => {
    const watch = await client.waitFor(
      () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'the watched-files registration',
    );
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/{Dockerfile,Containerfile,dockerfile,containerfile}'), globs.join(' '));
    assert.ok(globs.some((g) => g.includes('compose')));
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  test('a created file appears', async () => {
    const file = path.join(a, 'new/Containerfile');
    write(file, BAD);
    await client.changeWatchedFiles([{ uri: fsPathToUri(file), type: FileChangeType.Created }]);
    const p = await client.waitForDiagnostics(fsPathToUri(file), (d) => codes(d).includes('no-sudo'));
    assert.equal(p.version, undefined);
  });

  test('a created file that is ignored or excluded does not appear', async () => {
    const ignored = path.join(a, 'ignored/other/Dockerfile');
    const excluded = path.join(a, 'vendor/x.Dockerfile');
    write(ignored, BAD);
    write(excluded, BAD);
    await client.changeWatchedFiles([
      { uri: fsPathToUri(ignored), type: FileChangeType.Created },
      { uri: fsPathToUri(excluded), type: FileChangeType.Created },
    ]);
    await rescan();
    assert.deepEqual(publishedFor(fsPathToUri(ignored)), []);
    assert.deepEqual(publishedFor(fsPathToUri(excluded)), []);
  });

  test('a changed file is re-analysed', async () => {
    const u = uri(a, 'services/web/Dockerfile');
    const from = client.published.length;
    write(path.join(a, 'services/web/Dockerfile'), CLEAN);
    await client.changeWatchedFiles([{ uri: u, type: FileChangeType.Changed }]);
    const p = await client.waitForDiagnostics(u, (d) => !codes(d).includes('no-sudo'), undefined, from);
    assert.deepEqual(codes(p).filter((c) => c === 'no-sudo'), []);
  });

  test("a deleted file's diagnostics are cleared", async () => {
    const file = path.join(a, 'services/api/Dockerfile');
    const from = client.published.length;
    fs.rmSync(file);
    await client.changeWatchedFiles([{ uri: fsPathToUri(file), type: FileChangeType.Deleted }]);
    const p = await client.waitForDiagnostics(fsPathToUri(file), () => true, undefined, from);
    assert.deepEqual(p.diagnostics, []);
  });

  test('a deleted folder clears the files below it', async () => {
    const dir = path.join(b, 'app');
    const from = client.published.length;
    fs.rmSync(dir, { recursive: true });
    await client.changeWatchedFiles([{ uri: fsPathToUri(dir), type: FileChangeType.Deleted }]);
    for (const name of ['Containerfile', 'Dockerfile.dev']) {
      const p = await client.waitForDiagnostics(uri(dir, name), () => true, undefined, from);
      assert.deepEqual(p.diagnostics, []);
    }
  });

  test("an open file: the editor's text wins over the disk; closing re-publishes the disk analysis", async () => {
    const u = uri(a, 'Dockerfile');
    const edited = 'FROM ubuntu:22.04\nRUN sudo apt-get update\nRUN sudo ls\n';
    await client.open(u, 'dockerfile', edited, 1);
    const open = await client.waitForDiagnostics(u, (d) => d.version === 1);
    assert.equal(codes(open).filter((c) => c === 'no-sudo').length, 2);

    // A change on disk while the file is open: the editor's version stays.
    const from = client.published.length;
    write(path.join(a, 'Dockerfile'), CLEAN);
    await client.changeWatchedFiles([{ uri: u, type: FileChangeType.Changed }]);
    await rescan();
    assert.deepEqual(publishedFor(u, from), [], 'nothing replaces the open document while it is open');

    // Closing: the disk analysis (CLEAN, no sudo) replaces the editor's.
    await client.close(u);
    const closed = await client.waitForDiagnostics(u, (d) => d.version === undefined, undefined, from);
    assert.deepEqual(codes(closed).filter((c) => c === 'no-sudo'), []);
    assert.ok(closed.diagnostics.length > 0, 'the disk analysis still has findings (COPY without .dockerignore…)');
  });

  test('closing a file that is not in the workspace clears it', async () => {
    const u = uri(a, 'vendor/lib/Dockerfile');
    await client.open(u, 'dockerfile', BAD, 1);
    await client.waitForDiagnostics(u, (d) => d.version === 1 && codes(d).includes('no-sudo'));
    const from = client.published.length;
    await client.close(u);
    const p = await client.waitForDiagnostics(u, () => true, undefined, from);
    assert.deepEqual(p.diagnostics, []);
  });

  test('bulwark/analyzeWorkspace rescans: a file added or removed without an event is picked up', async () => {
    const added = path.join(b, 'late/Dockerfile');
    write(added, BAD);
    const gone = path.join(a, 'sub/keep.Dockerfile');
    fs.rmSync(gone);
    const from = client.published.length;
    const answer = await rescan();
    assert.equal(answer.cancelled, false);
    assert.equal(answer.truncated, false);
    // Dockerfile, services/web, new/Containerfile, compose.yaml, big, binary (a); late (b).
    assert.equal(answer.files, 7);
    assert.equal(answer.counts.workspaceFiles, 7);
    assert.equal(answer.skipped, 2);
    assert.ok(codes(publishedFor(fsPathToUri(added), from).at(-1)).includes('no-sudo'));
    assert.deepEqual(publishedFor(fsPathToUri(gone), from).at(-1)?.diagnostics, []);
    const summary = await client.connection.sendRequest<Counts>('bulwark/summary');
    assert.deepEqual(summary, answer.counts);
  });

  test('a settings change re-applies bulwark.exclude', async () => {
    bulwarkSection.set(fsPathToUri(a), { exclude: ['vendor/**', 'new'] });
    const from = client.published.length;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const p = await client.waitForDiagnostics(uri(a, 'new/Containerfile'), () => true, undefined, from);
    assert.deepEqual(p.diagnostics, [], 'a folder matched by bulwark.exclude leaves the workspace');
  });

  test('a .gitignore change rescans', async () => {
    const from = client.published.length;
    write(path.join(b, '.gitignore'), 'late/\n');
    await client.changeWatchedFiles([{ uri: uri(b, '.gitignore'), type: FileChangeType.Created }]);
    await client.waitForDiagnostics(uri(b, 'late/Dockerfile'), (d) => d.diagnostics.length === 0, undefined, from);
  });

  test('removing a workspace folder clears its files; adding one scans it', async () => {
    const c = path.join(root, 'folder-c');
    write(path.join(c, 'Dockerfile'), BAD);
    write(path.join(b, 'late2/Dockerfile'), BAD);
    await client.changeWatchedFiles([{ uri: uri(b, 'late2/Dockerfile'), type: FileChangeType.Created }]);
    await client.waitForDiagnostics(uri(b, 'late2/Dockerfile'), (d) => codes(d).includes('no-sudo'));
    const from = client.published.length;
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: fsPathToUri(c), name: 'folder-c' }], removed: [{ uri: fsPathToUri(b), name: 'folder b' }] },
    });
    await client.waitForDiagnostics(uri(c, 'Dockerfile'), (d) => codes(d).includes('no-sudo'), undefined, from);
    const p = await client.waitForDiagnostics(uri(b, 'late2/Dockerfile'), () => true, undefined, from);
    assert.deepEqual(p.diagnostics, []);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('workspace analysis without workspace folders support', { timeout: TIMEOUT }, () => {
  let root: string;
  let client: TestClient;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-root-'));
    write(path.join(root, 'Dockerfile'), BAD);
    write(path.join(root, 'skip/Dockerfile'), BAD);
    write(path.join(root, '.gitignore'), '/skip\n');
    client = TestClient.start('stdio');
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('rootUri is scanned; no progress, registrations or counts the client did not ask for', async () => {
    await client.initialize(undefined, {}, { rootUri: fsPathToUri(root) });
    await client.waitForDiagnostics(fsPathToUri(path.join(root, 'Dockerfile')), (d) => codes(d).includes('no-sudo'));
    const answer = await client.connection.sendRequest<ScanAnswer>('bulwark/analyzeWorkspace');
    assert.equal(answer.files, 1);
    assert.deepEqual(client.published.filter((p) => p.uri.includes('/skip/')), []);
    assert.deepEqual(client.progressTokens, []);
    assert.deepEqual(client.registrations, []);
    assert.deepEqual(client.configurationRequests, []);
    assert.deepEqual(client.notifications.filter((n) => n.method.startsWith('bulwark/') || n.method === '$/progress'), []);
  });

  test('bulwark/rules lists the catalog with documentation links', async () => {
    const rules = await client.connection.sendRequest<{ id: string; title: string; category: string; docUrl: string }[]>('bulwark/rules');
    const sudo = rules.find((r) => r.id === 'no-sudo');
    assert.ok(sudo);
    assert.equal(sudo.category, 'security');
    assert.match(sudo.docUrl, /no-sudo\.md$/);
    assert.ok(rules.length >= 20);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});
