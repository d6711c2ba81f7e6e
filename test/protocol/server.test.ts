/**
 * Protocol tests: the built server (dist/server.js) as an editor sees it, over JSON-RPC on stdio (and node
 * IPC). Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CodeAction,
  CodeActionRequest,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  HoverRequest,
  MarkupContent,
  Position,
  Range,
  TextDocumentSyncKind,
  TextDocumentSyncOptions,
} from 'vscode-languageserver-protocol';
import { getRule, ruleDocUrl } from '../../server/core';
import { TestClient, sleep } from './lsp-client';

const TIMEOUT = 60_000;
const BAD = 'FROM ubuntu\nRUN sudo apt-get update\n';
const SUDO_RANGE: Range = { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } };

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

function before_(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function covers(r: Range, p: Position): boolean {
  const empty = r.start.line === r.end.line && r.start.character === r.end.character;
  return !before_(p, r.start) && (before_(p, r.end) || (empty && p.line === r.start.line && p.character === r.start.character));
}

/** A position of `text` that no diagnostic covers. */
function uncovered(text: string, diagnostics: Diagnostic[]): Position {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line].length; character++) {
      const p = { line, character };
      if (!diagnostics.some((d) => covers(d.range, p))) return p;
    }
  }
  throw new Error('every position is covered by a diagnostic');
}

function hoverText(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

/** Every diagnostic is a well-formed Bulwark diagnostic of a known rule. */
function assertWellFormed(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    assert.equal(d.source, 'bulwark');
    assert.equal(typeof d.code, 'string');
    assert.ok(getRule(String(d.code)), `unknown rule ${String(d.code)}`);
    assert.equal(d.codeDescription?.href, ruleDocUrl(String(d.code)));
    assert.ok(([DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information] as number[]).includes(d.severity!));
    assert.equal((d.data as { ruleId: string }).ruleId, d.code);
    assert.ok(typeof d.message === 'string' && d.message.length > 0);
  }
}

describe('language server over stdio', { timeout: TIMEOUT }, () => {
  let client: TestClient;
  const dockerfile = 'file:///tmp/bulwark-protocol/app/Dockerfile';

  before(() => {
    client = TestClient.start('stdio');
  });
  after(() => client.kill());

  test('initialize advertises incremental sync, hover and code actions', async () => {
    // Registry look-ups off: a hover on an image must not reach Docker Hub from the tests.
    const result = await client.initialize({ registry: { enabled: false } }, {
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    });
    const sync = result.capabilities.textDocumentSync as TextDocumentSyncOptions;
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(result.capabilities.hoverProvider, true);
    assert.deepEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.bulwark'], resolveProvider: true });
    assert.equal(result.serverInfo?.name, 'bulwark');
  });

  test('publishes diagnostics on open', async () => {
    await client.open(dockerfile, 'dockerfile', BAD, 1);
    const p = await client.waitForDiagnostics(dockerfile);
    assert.equal(p.version, 1);
    assertWellFormed(p.diagnostics);
    const sudo = p.diagnostics.find((d) => d.code === 'no-sudo');
    assert.ok(sudo, `no-sudo missing from ${codes(p.diagnostics).join(', ')}`);
    assert.deepEqual(sudo.range, SUDO_RANGE);
    assert.equal(sudo.severity, DiagnosticSeverity.Error);
    assert.equal(sudo.codeDescription?.href, ruleDocUrl('no-sudo'));
    assert.match(String(sudo.message), /sudo/);
    // Other rules' findings on this file; each checked for shape above, more rules may join.
    for (const c of ['image-latest-tag', 'no-root-user']) assert.ok(codes(p.diagnostics).includes(c), `${c} missing`);
    const latest = p.diagnostics.find((d) => d.code === 'image-latest-tag')!;
    assert.deepEqual(latest.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
  });

  test('hover over a finding explains it; elsewhere there is none', async () => {
    const meta = getRule('no-sudo')!.meta;
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: { line: 1, character: 5 },
    });
    const text = hoverText(h);
    assert.ok(text.includes(meta.title), text);
    assert.ok(text.includes(meta.rationale), text);
    assert.ok(text.includes('no-sudo'));
    assert.deepEqual(h!.range, SUDO_RANGE);

    const diagnostics = client.published.filter((p) => p.uri === dockerfile).at(-1)!.diagnostics;
    const outside = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: uncovered(BAD, diagnostics),
    });
    assert.equal(outside, null);
  });

  test('hover where several findings overlap separates them with a rule', async () => {
    const p = client.published.filter((x) => x.uri === dockerfile).at(-1)!;
    const onImage = p.diagnostics.filter((d) => covers(d.range, { line: 0, character: 6 }));
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: { line: 0, character: 6 },
    });
    const text = hoverText(h);
    // The image's facts first (registry look-ups are off here), then each finding.
    assert.match(text, /^\*\*ubuntu\*\*\n[\s\S]*\| Registry \| `docker\.io` \|[\s\S]*Registry look-ups are off/);
    for (const d of onImage) assert.ok(text.includes(getRule(String(d.code))!.meta.title), String(d.code));
    assert.equal(text.split('\n---\n').length, onImage.length + 1);
  });

  test('an incremental change updates the diagnostics, version-correct', async () => {
    const from = client.published.length;
    // Delete "sudo " from "RUN sudo apt-get update".
    await client.change(dockerfile, 2, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, text: '' }]);
    const p = await client.waitForDiagnostics(dockerfile, (x) => x.version === 2, 15000, from);
    assert.ok(!codes(p.diagnostics).includes('no-sudo'), codes(p.diagnostics).join(', '));
    assertWellFormed(p.diagnostics);
    const versions = client.published.slice(from).filter((x) => x.uri === dockerfile).map((x) => x.version);
    assert.deepEqual(versions, [2]);
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: { line: 1, character: 5 },
    });
    assert.ok(h === null || !hoverText(h).includes('no-sudo'));
  });

  test('a hover right after a change (inside the debounce) sees the new version', async () => {
    const from = client.published.length;
    await client.change(dockerfile, 3, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'sudo ' }]);
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: { line: 1, character: 5 },
    });
    assert.ok(hoverText(h).includes('no-sudo'));
    const p = await client.waitForDiagnostics(dockerfile, (x) => x.version === 3, 15000, from);
    assert.ok(codes(p.diagnostics).includes('no-sudo'));
    await sleep(400);
    assert.deepEqual(
      client.published.slice(from).filter((x) => x.uri === dockerfile).map((x) => x.version),
      [3],
      'published once for version 3',
    );
  });

  test('code actions: every Bulwark diagnostic gets its fixes then the two suppressions; foreign ones get nothing', async () => {
    const p = client.published.filter((x) => x.uri === dockerfile).at(-1)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: dockerfile },
      range: SUDO_RANGE,
      context: { diagnostics: p.diagnostics },
    })) as CodeAction[];
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.ok(a.diagnostics?.length === 1 && a.diagnostics[0].source === 'bulwark');
    }
    for (const d of p.diagnostics) {
      const titles = actions.filter((a) => a.diagnostics![0].code === d.code && a.diagnostics![0].range.start.line === d.range.start.line).map((a) => a.title);
      assert.deepEqual(titles.slice(-2), [`Ignore ${String(d.code)} for this line`, `Ignore ${String(d.code)} for this file`]);
    }
    const foreign = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: dockerfile },
      range: SUDO_RANGE,
      context: { diagnostics: [{ range: SUDO_RANGE, message: 'x', source: 'hadolint', code: 'DL3004' }] },
    });
    assert.deepEqual(foreign, []);
    const sourceOnly = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: dockerfile },
      range: SUDO_RANGE,
      context: { diagnostics: p.diagnostics, only: ['source.organizeImports'] },
    });
    assert.deepEqual(sourceOnly, [], 'neither quick fixes nor fix-all for another source kind');
  });

  test('didClose clears the diagnostics', async () => {
    const from = client.published.length;
    await client.close(dockerfile);
    const p = await client.waitForDiagnostics(dockerfile, () => true, 15000, from);
    assert.deepEqual(p.diagnostics, []);
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: dockerfile },
      position: { line: 1, character: 5 },
    });
    assert.equal(h, null);
  });

  test('a compose file is recognised by name (as yaml); other yaml is left alone', async () => {
    const compose = 'file:///tmp/bulwark-protocol/app/compose.yaml';
    const other = 'file:///tmp/bulwark-protocol/app/config.yaml';
    const marker = 'file:///tmp/bulwark-protocol/app/marker.Dockerfile';
    const from = client.published.length;
    await client.open(other, 'yaml', 'services:\n  web:\n    image: nginx\n');
    await client.open(compose, 'yaml', 'services:\n  web:\n    image: nginx\n    privileged: true\n');
    await client.open(marker, 'plaintext', 'FROM alpine:3.20\n');
    const p = await client.waitForDiagnostics(compose, () => true, 15000, from);
    assert.equal(p.version, 1);
    assertWellFormed(p.diagnostics);
    // Opens are handled in order: once the later Dockerfile (recognised by name) is published, the
    // unrelated yaml would have been too.
    await client.waitForDiagnostics(marker, () => true, 15000, from);
    assert.equal(client.published.filter((x) => x.uri === other).length, 0);
    for (const uri of [compose, other, marker]) await client.close(uri);
  });

  test('untitled documents with a Dockerfile language id are analysed', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'dockerfile', BAD);
    const p = await client.waitForDiagnostics(uri);
    assert.ok(codes(p.diagnostics).includes('no-sudo'));
    await client.close(uri);
  });

  test('garbage and binary documents publish without crashing the server', async (t) => {
    const bytes = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919 + 13) % 256)).join('');
    const garbage = [
      bytes,
      '\0\0\0\u0001ELF\u0002\u0001\u0001\0',
      'FROM \uD800\uDC00\uD800 ubuntu\nRUN \uFFFF sudo \u202E x\n',
      'RUN <<EOF\nsudo rm -rf /\n',
      "FROM alpine\nRUN echo 'unterminated \\\n",
      'FROM alpine\nRUN \\',
      '# escape=`\nFROM alpine\nRUN echo `',
      'FROM alpine\nRUN ["sudo", "ls"\n',
      '\r\n\r\n\r',
      '',
    ];
    for (const [i, text] of garbage.entries()) {
      const uri = `file:///tmp/bulwark-protocol/garbage/${i}/Dockerfile`;
      await client.open(uri, 'dockerfile', text);
      const p = await client.waitForDiagnostics(uri);
      assert.equal(p.version, 1);
      assertWellFormed(p.diagnostics);
      await client.close(uri);
    }
    assert.equal(client.child.exitCode, null, 'server still running');
    // A rule that throws is logged (once per rule) and the others still publish; surface it for the report.
    for (const log of client.logs) t.diagnostic(`server log: ${log.message.slice(0, 400)}`);
    const h = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///tmp/bulwark-protocol/garbage/0/Dockerfile' },
      position: { line: 0, character: 0 },
    });
    assert.equal(h, null);
  });

  test('a document with 100 000-character lines is analysed within seconds', async () => {
    // Analysis is synchronous: a slow one holds up every request behind it (e.g. a regex with a
    // variable-length lookbehind is quadratic on one long line).
    const uri = 'file:///tmp/bulwark-protocol/long/Dockerfile';
    const started = Date.now();
    await client.open(uri, 'dockerfile', `FROM alpine\nENV BLOB=${'A'.repeat(100_000)}\nRUN echo ${'a'.repeat(100_000)} [trusted=yes]\n`);
    await client.waitForDiagnostics(uri, () => true, 45_000);
    const ms = Date.now() - started;
    assert.ok(ms < 10_000, `analysis of a document with two 100 000-character lines took ${ms} ms`);
    const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.ok(h === null || typeof h === 'object');
    await client.close(uri);
  });

  test('percent-encoded and odd file URIs are accepted', async () => {
    const uri = 'file:///tmp/bulwark%20protocol/%E2%9C%93/Dockerfile.prod';
    await client.open(uri, 'plaintext', BAD);
    const p = await client.waitForDiagnostics(uri);
    assert.ok(codes(p.diagnostics).includes('no-sudo'));
    await client.close(uri);
  });

  test('shutdown + exit ends the process with code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('debounce', { timeout: TIMEOUT }, () => {
  let client: TestClient;
  before(async () => {
    client = TestClient.start('stdio');
    await client.initialize({ debounceMs: 300 });
  });
  after(() => client.kill());

  test('open publishes at once; ten quick changes publish only the last version', async () => {
    const uri = 'file:///tmp/bulwark-protocol/debounce/Dockerfile';
    let text = 'FROM alpine:3.20\n';
    await client.open(uri, 'dockerfile', text);
    const first = await client.waitForDiagnostics(uri);
    assert.equal(first.version, 1);

    for (let v = 2; v <= 11; v++) {
      const line = text.split('\n').length - 1;
      const added = v === 11 ? 'RUN sudo ls\n' : `RUN echo ${v}\n`;
      await client.change(uri, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: added }]);
      text += added;
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 11);
    const sudo = last.diagnostics.find((d) => d.code === 'no-sudo');
    assert.ok(sudo);
    assert.deepEqual(sudo.range, { start: { line: 10, character: 4 }, end: { line: 10, character: 8 } });
    await sleep(900);
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 11],
    );
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over node IPC', { timeout: TIMEOUT }, () => {
  let client: TestClient;
  before(() => {
    client = TestClient.start('ipc');
  });
  after(() => client.kill());

  test('initialize, diagnostics, shutdown', async () => {
    const result = await client.initialize();
    assert.equal(result.capabilities.codeActionProvider, true, 'no code-action literal support: plain `true`');
    const uri = 'file:///tmp/bulwark-protocol/ipc/Containerfile';
    await client.open(uri, 'dockerfile', BAD);
    const p = await client.waitForDiagnostics(uri);
    assert.ok(codes(p.diagnostics).includes('no-sudo'));
    assert.equal(await client.stop(), 0);
  });
});
