/**
 * Cross-file diagnostics over the protocol: a Compose service with `build: .` is judged with its Dockerfile, and the
 * Compose file's diagnostics follow the Dockerfile's editor text (compose-root-user appears, vanishes when the
 * Dockerfile gains a `USER`, and comes back when it is removed). Uses dist/server.js, or `BULWARK_DIST`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EditorHost, MAX_READ_BYTES, readSmallFile } from '../../server/lsp/analysis';
import { fsPathToUri } from '../../server/lsp/uri';
import { TestClient, sleep } from './lsp-client';

const TIMEOUT = 60_000;
const WAIT = 10_000;
const COMPOSE = 'services:\n  app:\n    build: .\n';
const DOCKERFILE = 'FROM alpine:3.20\n';

function codes(p: PublishDiagnosticsParams | undefined): string[] {
  return (p?.diagnostics ?? []).map((d) => String(d.code));
}

describe('cross-file diagnostics (Compose ↔ Dockerfile)', { timeout: TIMEOUT }, () => {
  let root: string;
  let client: TestClient;
  let composeUri: string;
  let dockerfileUri: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-xfile-'));
    fs.writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
    fs.writeFileSync(path.join(root, 'Dockerfile'), DOCKERFILE);
    composeUri = fsPathToUri(path.join(root, 'compose.yaml'));
    dockerfileUri = fsPathToUri(path.join(root, 'Dockerfile'));
    client = TestClient.start('stdio');
    await client.initialize({ debounceMs: 20, workspaceScan: false });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('opening both: the compose file reports compose-root-user from its Dockerfile', async () => {
    await client.open(composeUri, 'dockercompose', COMPOSE);
    await client.open(dockerfileUri, 'dockerfile', DOCKERFILE);
    const p = await client.waitForDiagnostics(composeUri, (d) => codes(d).includes('compose-root-user'), WAIT);
    assert.equal(p.version, 1);
  });

  test('the Dockerfile gains a USER (editor text, unsaved): compose-root-user vanishes; removed again: it comes back', async () => {
    let from = client.published.length;
    await client.change(dockerfileUri, 2, [{ text: `${DOCKERFILE}USER 10001\n` }]);
    // Re-published (same compose version) without the finding; earlier publishes may still arrive in between.
    let p = await client.waitForDiagnostics(composeUri, (d) => !codes(d).includes('compose-root-user'), WAIT, from);
    assert.equal(p.version, 1);
    assert.ok(codes(p).includes('compose-read-only'), 'the compose file\'s other findings stay');
    await sleep(200); // nothing older is published after it
    assert.ok(!codes(client.latest(composeUri)).includes('compose-root-user'));
    // The disk still has no USER: the editor's text won.
    assert.equal(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'), DOCKERFILE);

    from = client.published.length;
    await client.change(dockerfileUri, 3, [{ text: DOCKERFILE }]);
    p = await client.waitForDiagnostics(composeUri, (d) => codes(d).includes('compose-root-user'), WAIT, from);
    assert.equal(p.version, 1);
  });

  test('closing the Dockerfile: the compose file is judged with the disk text', async () => {
    // Disk gains the USER, the editor (open, unchanged) does not: the editor wins until the Dockerfile is closed.
    fs.writeFileSync(path.join(root, 'Dockerfile'), `${DOCKERFILE}USER 10001\n`);
    const from = client.published.length;
    await client.close(dockerfileUri);
    await client.waitForDiagnostics(composeUri, (d) => !codes(d).includes('compose-root-user'), WAIT, from);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('cross-file diagnostics of workspace files (compose file not open)', { timeout: TIMEOUT }, () => {
  let root: string;
  let client: TestClient;
  let composeUri: string;
  let dockerfileUri: string;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-xfile-ws-'));
    fs.writeFileSync(path.join(root, 'compose.yaml'), COMPOSE);
    fs.writeFileSync(path.join(root, 'Dockerfile'), DOCKERFILE);
    composeUri = fsPathToUri(path.join(root, 'compose.yaml'));
    dockerfileUri = fsPathToUri(path.join(root, 'Dockerfile'));
    client = TestClient.start('stdio');
    await client.initialize({ debounceMs: 20 }, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, { rootUri: fsPathToUri(root) });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the scan reports compose-root-user; a watched change of the Dockerfile on disk re-publishes the compose file', async () => {
    await client.waitForDiagnostics(composeUri, (d) => codes(d).includes('compose-root-user'), WAIT);
    const from = client.published.length;
    fs.writeFileSync(path.join(root, 'Dockerfile'), `${DOCKERFILE}USER 10001\n`);
    await client.changeWatchedFiles([{ uri: dockerfileUri, type: FileChangeType.Changed }]);
    const p = await client.waitForDiagnostics(composeUri, (d) => !codes(d).includes('compose-root-user'), WAIT, from);
    assert.equal(p.version, undefined);
  });

  test('editing the open Dockerfile re-publishes the unopened compose file', async () => {
    await client.open(dockerfileUri, 'dockerfile', `${DOCKERFILE}USER 10001\n`);
    const from = client.published.length;
    await client.change(dockerfileUri, 2, [{ text: DOCKERFILE }]);
    await client.waitForDiagnostics(composeUri, (d) => codes(d).includes('compose-root-user'), WAIT, from);
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('EditorHost', () => {
  test('the open text wins over the disk; reads are recorded per analysis, missing files too; large files are not read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-xfile-host-'));
    try {
      const onDisk = path.join(dir, 'Dockerfile');
      const open = path.join(dir, 'Dockerfile.open');
      const big = path.join(dir, 'Dockerfile.big');
      fs.writeFileSync(onDisk, '\ufeffFROM disk\n');
      fs.writeFileSync(open, 'FROM disk\n');
      fs.writeFileSync(big, 'x'.repeat(MAX_READ_BYTES + 1));
      const host = new EditorHost((p) => (p === open ? 'FROM editor\n' : undefined));
      host.startRecording();
      assert.equal(host.readFile(onDisk), 'FROM disk\n');
      assert.equal(host.readFile(open), 'FROM editor\n');
      assert.equal(host.readFile(path.join(dir, 'missing')), undefined);
      assert.equal(host.readFile(big), undefined);
      assert.equal(host.readFile(dir), undefined);
      assert.deepEqual(host.stopRecording().sort(), [dir, onDisk, big, open, path.join(dir, 'missing')].sort());
      assert.equal(readSmallFile(onDisk), 'FROM disk\n');
      assert.deepEqual(host.stopRecording(), []);
      assert.equal(host.exists(onDisk), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
