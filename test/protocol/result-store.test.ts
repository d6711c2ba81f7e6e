/**
 * The server keeps full results (findings with fixes) only for the documents touched last (server/lsp/result-store.ts);
 * the others are analysed again when asked about. In-process: the store's eviction, re-analysis and re-publication.
 * Over the protocol (dist/server.js): hovers, quick fixes and fix-all on documents evicted from the full-result cache
 * answer exactly what they answered before; an evicted document whose analysis changed meanwhile (a file it reads
 * changed on disk, no watcher event) is published again.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, HoverRequest } from 'vscode-languageserver-protocol';
import type { ClientCapabilities, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Finding } from '../../server/core';
import type { Snapshot } from '../../server/lsp/analysis';
import { FULL_RESULTS, ResultStore, diagnosticsDigest } from '../../server/lsp/result-store';
import type { AnalysedInput } from '../../server/lsp/result-store';
import { fsPathToUri } from '../../server/lsp/uri';
import { codeActions } from './code-actions';
import { TestClient, sleep } from './lsp-client';

const TIMEOUT = 120_000;
const WAIT = 15_000;

function finding(text: string, line: number): Finding {
  return {
    ruleId: 'no-sudo',
    severity: 'error',
    message: `sudo in ${text}`,
    range: { start: { line, character: 0 }, end: { line, character: 4 } },
    fixes: [{ title: 'Remove sudo', edits: [{ range: { start: { line, character: 0 }, end: { line, character: 5 } }, newText: '' }] }],
  } as Finding;
}

describe('ResultStore', () => {
  /** A store whose analysis is a pure function of the text (as the core's is), counting its runs. */
  function store(analysis: (input: AnalysedInput) => Finding[] = (i) => [finding(i.text, 1)]) {
    const runs: string[] = [];
    const republished: Snapshot[] = [];
    const s = new ResultStore(
      {
        analyze: (input) => {
          runs.push(input.uri);
          return { uri: input.uri, version: input.version, kind: input.kind, text: input.text, findings: analysis(input) };
        },
        republish: (snapshot) => republished.push(snapshot),
      },
      2,
    );
    return { s, runs, republished };
  }
  const snap = (uri: string, version = 1, text = `text of ${uri}`): Snapshot => ({ uri, version, kind: 'dockerfile', text, findings: [finding(text, 1)] });

  test('keeps full results for the last `capacity` documents touched; evicts the least recent', () => {
    const { s, runs } = store();
    const a = snap('a');
    s.set(a);
    s.set(snap('b'));
    assert.equal(s.get('a'), a, 'kept: the same object, no analysis');
    s.set(snap('c')); // b is now the least recently touched
    assert.equal(s.holdsFull('a'), true);
    assert.equal(s.holdsFull('b'), false);
    assert.equal(s.holdsFull('c'), true);
    assert.equal(s.version('b'), 1, 'an evicted document still knows its analysed version');
    assert.deepEqual(runs, []);
  });

  test('an evicted document is analysed again on demand, with the same input, and is full again', () => {
    const { s, runs, republished } = store();
    const b = snap('b', 7, 'FROM x\nRUN sudo y\n');
    s.set(b);
    s.set(snap('c'));
    s.set(snap('d'));
    assert.equal(s.holdsFull('b'), false);
    const again = s.get('b')!;
    assert.deepEqual(runs, ['b']);
    assert.equal(s.reanalysed, 1);
    assert.deepEqual(again, b, 'same version, text and findings (with their fixes)');
    assert.equal(s.holdsFull('b'), true);
    assert.equal(s.holdsFull('c'), false, 'and the least recent other one was evicted');
    assert.deepEqual(republished, [], 'the same diagnostics: nothing published again');
    s.get('b');
    assert.deepEqual(runs, ['b'], 'kept after that');
  });

  test('a re-analysis that differs from what was published is published again', () => {
    let extra = false;
    const { s, republished } = store((i) => (extra ? [finding(i.text, 1), finding(i.text, 2)] : [finding(i.text, 1)]));
    s.set(snap('a'));
    s.set(snap('b'));
    s.set(snap('c'));
    extra = true; // what the analysis reads changed
    const again = s.get('a')!;
    assert.equal(again.findings.length, 2);
    assert.deepEqual(republished, [again]);
  });

  test('delete forgets a document; the digest is of the published diagnostics', () => {
    const { s } = store();
    s.set(snap('a'));
    s.delete('a');
    assert.equal(s.version('a'), undefined);
    assert.equal(s.get('a'), undefined);
    const x = snap('x');
    assert.equal(diagnosticsDigest(x), diagnosticsDigest({ ...x, findings: [finding(x.text, 1)] }));
    assert.notEqual(diagnosticsDigest(x), diagnosticsDigest({ ...x, version: 2 }), 'the version is part of what was published');
    assert.notEqual(diagnosticsDigest(x), diagnosticsDigest({ ...x, findings: [] }));
  });
});

const CAPS: ClientCapabilities = {
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } } },
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
};

const DOCKERFILE = [
  'FROM ubuntu:latest',
  'RUN sudo apt-get update && apt-get install -y curl',
  'ADD https://example.com/tool.tar.gz /opt/',
  'ENV API_KEY=abc123secretvalue',
  'RUN cd /opt && make',
  'EXPOSE 22',
  '',
].join('\n');
const COMPOSE = ['services:', '  web:', '    image: nginx', '    privileged: true', '    ports:', '      - "80:80"', '  app:', '    build: .', ''].join('\n');

describe('evicted documents over the protocol', { timeout: TIMEOUT }, () => {
  let root: string;
  let client: TestClient;
  let dockerfileUri: string;
  let composeUri: string;

  function latest(uri: string): PublishDiagnosticsParams {
    const p = client.latest(uri);
    assert.ok(p, `diagnostics for ${uri}`);
    return p;
  }

  async function hovers(uri: string, diagnostics: Diagnostic[]): Promise<(Hover | null)[]> {
    const out: (Hover | null)[] = [];
    for (const d of diagnostics) out.push(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start }));
    return out;
  }

  /** Every answer about a document: hovers on each diagnostic, each diagnostic's quick fixes, and fix-all. */
  async function answers(uri: string): Promise<unknown> {
    const { diagnostics } = latest(uri);
    assert.ok(diagnostics.length >= 3, `${diagnostics.length} diagnostics`);
    const quickFixes = [];
    for (const d of diagnostics) quickFixes.push(await codeActions(client, uri, [d]));
    const fixAll = await codeActions(client, uri, [], [CodeActionKind.SourceFixAll]);
    assert.equal(fixAll.length, 1, 'a fix-all action');
    return { hovers: await hovers(uri, diagnostics), quickFixes, fixAll };
  }

  /** Opens more documents than the server keeps full results for, each waited for. */
  async function openOthers(tag: string): Promise<void> {
    for (let i = 0; i < FULL_RESULTS + 2; i++) {
      const uri = fsPathToUri(path.join(root, `other-${tag}-${i}`, 'Dockerfile'));
      const from = client.published.length;
      await client.open(uri, 'dockerfile', `FROM alpine:3.${i}\nRUN sudo echo ${i}\n`);
      await client.waitForDiagnostics(uri, (p) => p.version === 1, WAIT, from);
    }
  }

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-evict-'));
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM alpine:3.20\n');
    dockerfileUri = fsPathToUri(path.join(root, 'web', 'Dockerfile'));
    composeUri = fsPathToUri(path.join(root, 'compose.yaml'));
    client = TestClient.start('stdio');
    await client.initialize({ debounceMs: 0, workspaceScan: false, registry: { enabled: false } }, CAPS);
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('hovers, quick fixes and fix-all on evicted documents answer exactly what they answered before', async () => {
    await client.open(dockerfileUri, 'dockerfile', DOCKERFILE);
    await client.open(composeUri, 'dockercompose', COMPOSE);
    await client.waitForDiagnostics(dockerfileUri, (p) => p.version === 1, WAIT);
    await client.waitForDiagnostics(composeUri, (p) => p.version === 1, WAIT);
    const dockerfileBefore = await answers(dockerfileUri);
    const composeBefore = await answers(composeUri);
    const published = client.published.length;

    await openOthers('a');
    assert.deepEqual(await answers(dockerfileUri), dockerfileBefore);
    await openOthers('b');
    assert.deepEqual(await answers(composeUri), composeBefore);
    await sleep(100);
    const again = client.published.slice(published).filter((p) => p.uri === dockerfileUri || p.uri === composeUri);
    assert.deepEqual(again, [], 'nothing about them was published again');
  });

  test('an evicted document whose analysis changed meanwhile is published again when asked about', async () => {
    const rootUser = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'compose-root-user').length;
    assert.equal(rootUser(latest(composeUri)), 2, 'both services run as root: web (image) and app (its Dockerfile has no USER)');
    await openOthers('c');
    // The Dockerfile the app service builds gains a USER on disk, with no watcher event: only a new analysis sees it.
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n');
    const from = client.published.length;
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: composeUri }, position: { line: 6, character: 2 } });
    const p = await client.waitForDiagnostics(composeUri, (d) => d.version === 1, WAIT, from);
    assert.equal(rootUser(p), 1, 'published again without the app service\'s finding');
    assert.ok(h === null || !JSON.stringify(h).includes('compose-root-user'), 'and the hover answered from the same analysis');
  });

  test('shutdown', async () => {
    assert.equal(await client.stop(), 0);
  });
});
