/**
 * The language server's registry features against a real registry (Debian's docker-registry on 127.0.0.1, plain HTTP,
 * which the client allows for loopback hosts only): the built dist/server.js over stdio, driven like an editor.
 *
 * - "Pin to digest" on image-not-pinned / compose-image-not-pinned: listed without an edit (no network), resolved
 *   (`codeAction/resolve`) to exactly the pushed index digest; clients without resolve support get a server command
 *   that applies the edit with `workspace/applyEdit`.
 * - A re-pushed tag: the hover reports the moved digest, and "Refresh digest" updates it.
 * - The "pin file" command; basic-auth and token-auth registries with credentials from $DOCKER_CONFIG, and a clean
 *   failure without.
 * - Unreachable and silent registries: a clear window/showMessage error, no edit, within the timeout.
 * - Registry disabled, or the workspace untrusted: a TCP server counting connections sees none.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditRequest,
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  CodeActionResolveRequest,
  Diagnostic,
  ExecuteCommandRequest,
  HoverRequest,
  MarkupContent,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../protocol/lsp-client';
import { freePort, pushIndex, Pusher, requireRegistryTools, startRegistry, startTokenServer, tempDir } from './harness';
import type { RegistryInstance, TokenServer } from './harness';

const TIMEOUT = { timeout: 90_000 };

const CODE_ACTION = {
  codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
  dataSupport: true,
  disabledSupport: true,
};
/** What VS Code announces: resolve support for the edit, versioned edits, applyEdit. */
const RESOLVING: ClientCapabilities = {
  textDocument: { codeAction: { ...CODE_ACTION, resolveSupport: { properties: ['edit'] } }, hover: { contentFormat: ['markdown'] } },
  workspace: { workspaceEdit: { documentChanges: true }, applyEdit: true },
};
/** A client without codeAction/resolve: the action carries a server command instead. */
const COMMANDS_ONLY: ClientCapabilities = {
  textDocument: { codeAction: { codeActionLiteralSupport: CODE_ACTION.codeActionLiteralSupport } },
  workspace: { applyEdit: true },
};

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

/** A Docker config folder for the server process (never the machine's own). */
function dockerConfig(auths: Record<string, unknown> = {}): string {
  const dir = tempDir('lsp-dockercfg');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths }));
  return dir;
}

interface Session {
  client: TestClient;
  applied: ApplyWorkspaceEditParams[];
}

/** Starts the server with `DOCKER_CONFIG` set for it (the env is inherited at spawn time). */
async function startServer(initOptions: Record<string, unknown>, caps: ClientCapabilities, configDir = dockerConfig()): Promise<Session> {
  const saved = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = configDir;
  let client: TestClient;
  try {
    client = TestClient.start();
  } finally {
    if (saved === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = saved;
  }
  const applied: ApplyWorkspaceEditParams[] = [];
  client.connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
    applied.push(p);
    return { applied: true };
  });
  await client.initialize({ workspaceScan: false, debounceMs: 0, ...initOptions }, caps);
  return { client, applied };
}

function editsTo(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'an edit');
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).filter((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === uri).flatMap((c) => c.edits as TextEdit[]);
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 1, text), edits);
}

async function diagnosticsOf(client: TestClient, uri: string, rule: string): Promise<Diagnostic[]> {
  const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === rule));
  return p.diagnostics.filter((d) => d.code === rule);
}

async function actions(client: TestClient, uri: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  return (result ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

async function hover(client: TestClient, uri: string, line: number, character: number): Promise<string> {
  const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  return h ? (h.contents as MarkupContent).value : '';
}

function messages(client: TestClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
}

/** Pin action for the diagnostic, resolved; returns the new text (or undefined when the resolved action has no edit). */
async function pinByResolve(client: TestClient, uri: string, text: string, diagnostic: Diagnostic): Promise<string | undefined> {
  const pin = (await actions(client, uri, diagnostic.range, [diagnostic])).find((a) => a.title.startsWith('Pin '));
  assert.ok(pin, 'a pin action is offered');
  assert.equal(pin.edit, undefined, 'listing the action computes no edit');
  const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, pin);
  return resolved.edit ? apply(text, editsTo(resolved.edit, uri)) : undefined;
}

describe('language server: pin to digest against a real registry', () => {
  let reg: RegistryInstance;
  let pusher: Pusher;
  let app: Awaited<ReturnType<typeof pushIndex>>;
  const sessions: TestClient[] = [];
  const session = async (init: Record<string, unknown>, caps: ClientCapabilities, configDir?: string) => {
    const s = await startServer(init, caps, configDir);
    sessions.push(s.client);
    return s;
  };

  before(async () => {
    requireRegistryTools();
    reg = await startRegistry();
    pusher = new Pusher(reg.url);
    app = await pushIndex(pusher, 'team/app', '1.0', 'first', 'oci');
  });
  after(async () => {
    for (const c of sessions) c.kill();
    await reg?.stop();
  });

  it('the quick fix pins a FROM to exactly the pushed index digest (codeAction/resolve), keeping --platform and AS', TIMEOUT, async () => {
    const { client } = await session({}, RESOLVING);
    const uri = 'file:///lsp-pin/Dockerfile';
    const text = `FROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0 AS build\nRUN true\n`;
    await client.open(uri, 'dockerfile', text);
    const [diagnostic] = await diagnosticsOf(client, uri, 'image-not-pinned');
    const pinned = await pinByResolve(client, uri, text, diagnostic);
    assert.equal(pinned, `FROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0@${app.digest} AS build\nRUN true\n`);
    assert.deepEqual(messages(client), []);
  });

  it('a re-pushed tag: the hover reports the moved digest and "Refresh digest" updates it', TIMEOUT, async () => {
    const first = await pushIndex(pusher, 'team/moving', '3', 'one', 'docker');
    const { client } = await session({ registry: { recheckMs: 0 } }, RESOLVING);
    const uri = 'file:///lsp-refresh/Dockerfile';
    let text = `ARG BASE=${reg.host}/team/moving:3@${first.digest}\nFROM \${BASE}\n`;
    await client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics(uri);
    const same = await hover(client, uri, 0, 12);
    assert.match(same, new RegExp(`\\| Registry \\| \`${reg.host.replace(/\./g, '\\.')}\` \\|`));
    assert.match(same, /\| Repository \| `team\/moving` \|/);
    assert.match(same, /\| Tag \| `3` \|/);
    assert.match(same, new RegExp(`\\| Digest now \\| \`${first.digest}\` \\|`));
    assert.match(same, /matches the tag/);
    assert.match(same, /\| Platforms \| linux\/amd64, linux\/arm64\/v8 \|/);
    const imageRange: Range = { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } };
    assert.deepEqual((await actions(client, uri, imageRange)).map((a) => a.title), [], 'no refresh while the tag matches');

    const second = await pushIndex(pusher, 'team/moving', '3', 'two', 'docker');
    assert.notEqual(second.digest, first.digest);
    const moved = await hover(client, uri, 1, 7);
    assert.match(moved, /the tag has moved/);
    assert.match(moved, new RegExp(`\\| Digest now \\| \`${second.digest}\` \\|`));

    const [refresh] = await actions(client, uri, imageRange);
    assert.ok(refresh, 'a refresh action at the ARG default');
    assert.match(refresh.title, new RegExp(`^Refresh the digest of ${reg.host.replace(/\./g, '\\.')}/team/moving:3: its tag moved to ${second.digest.slice(0, 19)}`));
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, refresh);
    text = apply(text, editsTo(resolved.edit, uri));
    assert.equal(text, `ARG BASE=${reg.host}/team/moving:3@${second.digest}\nFROM \${BASE}\n`);
  });

  it('pins compose images (quotes, comments, ${VAR:-default}) and shows their hover', TIMEOUT, async () => {
    const { client } = await session({}, RESOLVING);
    const uri = 'file:///lsp-compose/compose.yaml';
    const text = `services:\n  web:\n    image: "${reg.host}/team/app:1.0" # front\n  api:\n    image: \${API_IMAGE:-${reg.host}/team/app:1.0}\n`;
    await client.open(uri, 'yaml', text);
    const diagnostics = await diagnosticsOf(client, uri, 'compose-image-not-pinned');
    assert.equal(diagnostics.length, 2);
    const titles = (await actions(client, uri, diagnostics[1].range, [diagnostics[1]])).map((a) => a.title);
    assert.equal(titles[0], `Pin ${reg.host}/team/app:1.0 to its current digest (the default of \${API_IMAGE})`);
    const web = await pinByResolve(client, uri, text, diagnostics[0]);
    assert.equal(web, `services:\n  web:\n    image: "${reg.host}/team/app:1.0@${app.digest}" # front\n  api:\n    image: \${API_IMAGE:-${reg.host}/team/app:1.0}\n`);
    const api = await pinByResolve(client, uri, text, diagnostics[1]);
    assert.equal(api, `services:\n  web:\n    image: "${reg.host}/team/app:1.0" # front\n  api:\n    image: \${API_IMAGE:-${reg.host}/team/app:1.0@${app.digest}}\n`);
    const shown = await hover(client, uri, 2, 14);
    assert.match(shown, new RegExp(`\\| Digest now \\| \`${app.digest}\` \\|`));
    // The rule's explanation is still there, below the image facts.
    assert.match(shown, /---[\s\S]*without a digest/);
  });

  it('a compose image whose tag moved: the hover says so and "Refresh digest" follows it, keeping the quotes', TIMEOUT, async () => {
    const first = await pushIndex(pusher, 'team/compose-moving', 'v1', 'c1', 'oci');
    const { client } = await session({ registry: { recheckMs: 0 } }, RESOLVING);
    const uri = 'file:///lsp-compose-refresh/docker-compose.yml';
    const text = `services:\n  web:\n    image: '${reg.host}/team/compose-moving:v1@${first.digest}'\n`;
    await client.open(uri, 'yaml', text);
    await client.waitForDiagnostics(uri);
    assert.match(await hover(client, uri, 2, 14), /matches the tag/);
    const second = await pushIndex(pusher, 'team/compose-moving', 'v1', 'c2', 'oci');
    assert.match(await hover(client, uri, 2, 14), /the tag has moved/);
    const [refresh] = await actions(client, uri, { start: { line: 2, character: 14 }, end: { line: 2, character: 14 } });
    assert.match(refresh?.title ?? '', /^Refresh the digest of .*compose-moving:v1: its tag moved/);
    const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, refresh);
    assert.equal(apply(text, editsTo(resolved.edit, uri)), `services:\n  web:\n    image: '${reg.host}/team/compose-moving:v1@${second.digest}'\n`);
  });

  it('without codeAction/resolve the action runs a server command that applies the edit', TIMEOUT, async () => {
    const { client, applied } = await session({}, COMMANDS_ONLY);
    const uri = 'file:///lsp-command/Dockerfile';
    const text = `FROM ${reg.host}/team/app:1.0\n`;
    await client.open(uri, 'dockerfile', text);
    const [diagnostic] = await diagnosticsOf(client, uri, 'image-not-pinned');
    const pin = (await actions(client, uri, diagnostic.range, [diagnostic])).find((a) => a.title.startsWith('Pin '));
    assert.ok(pin?.command, 'the action carries a command');
    assert.equal(pin.edit, undefined);
    const ok = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: pin.command.command, arguments: pin.command.arguments });
    assert.equal(ok, true);
    assert.equal(applied.length, 1);
    assert.equal(apply(text, editsTo(applied[0].edit, uri)), `FROM ${reg.host}/team/app:1.0@${app.digest}\n`);
  });

  it('the pin-file command pins every image of the document in one edit and reports failures', TIMEOUT, async () => {
    const { client, applied } = await session({}, RESOLVING);
    const uri = 'file:///lsp-file/Dockerfile';
    const text = `FROM ${reg.host}/team/app:1.0 AS a\nFROM ${reg.host}/team/missing:1 AS b\nFROM ${reg.host}/team/app:1.0\n`;
    await client.open(uri, 'dockerfile', text);
    await client.waitForDiagnostics(uri);
    const outcome = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulwark.server.pinFile', arguments: [uri] })) as {
      applied: boolean;
      pinned: unknown[];
      failed: Array<{ line: number; code: string }>;
    };
    assert.equal(outcome.applied, true);
    assert.equal(outcome.pinned.length, 2);
    assert.deepEqual(outcome.failed.map((f) => [f.line, f.code]), [[1, 'not-found']]);
    assert.equal(
      apply(text, editsTo(applied[0].edit, uri)),
      `FROM ${reg.host}/team/app:1.0@${app.digest} AS a\nFROM ${reg.host}/team/missing:1 AS b\nFROM ${reg.host}/team/app:1.0@${app.digest}\n`,
    );
    await client.waitFor(() => (messages(client).length ? true : undefined), 'a message');
    assert.match(messages(client)[0], /pinned 2 images; 1 could not be pinned: line 2 .*team\/missing:1.*was not found/);
  });

  it('an unreachable registry and a silent one: a clear error, no edit, within the timeout', TIMEOUT, async () => {
    const closed = await freePort();
    // Accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as net.AddressInfo).port;
    try {
      const { client } = await session({ registry: { timeoutMs: 1500 } }, RESOLVING);
      const uri = 'file:///lsp-down/Dockerfile';
      const text = `FROM 127.0.0.1:${closed}/team/app:1.0 AS a\nFROM 127.0.0.1:${silentPort}/team/app:1.0 AS b\n`;
      await client.open(uri, 'dockerfile', text);
      const diagnostics = await diagnosticsOf(client, uri, 'image-not-pinned');
      assert.equal(await pinByResolve(client, uri, text, diagnostics[0]), undefined);
      await client.waitFor(() => (messages(client).length >= 1 ? true : undefined), 'an error message');
      assert.match(messages(client)[0], new RegExp(`cannot pin the image\\. Cannot reach registry 127\\.0\\.0\\.1:${closed}: the connection was refused`));
      assert.equal(await pinByResolve(client, uri, text, diagnostics[1]), undefined);
      await client.waitFor(() => (messages(client).length >= 2 ? true : undefined), 'a second error message');
      assert.match(messages(client)[1], new RegExp(`Registry 127\\.0\\.0\\.1:${silentPort} did not (answer|accept a connection) within 1500 ms`));
      assert.ok(sockets.length > 0, 'the silent registry was asked');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

describe('language server: registries with basic auth', () => {
  let reg: RegistryInstance;
  let digest: string;
  const sessions: TestClient[] = [];
  before(async () => {
    requireRegistryTools();
    reg = await startRegistry({ htpasswd: { user: 'alice', password: 's3cret-pass' } });
    const pushed = await pushIndex(new Pusher(reg.url, async () => `Basic ${basic('alice', 's3cret-pass')}`), 'corp/base', '12', 'auth');
    digest = pushed.digest;
  });
  after(async () => {
    for (const c of sessions) c.kill();
    await reg?.stop();
  });

  const text = () => `FROM ${reg?.host}/corp/base:12\n`;

  it('pins with credentials from the Docker config in $DOCKER_CONFIG', TIMEOUT, async () => {
    const s = await startServer({}, RESOLVING, dockerConfig({ [reg.host]: { auth: basic('alice', 's3cret-pass') } }));
    sessions.push(s.client);
    const uri = 'file:///lsp-auth/Dockerfile';
    await s.client.open(uri, 'dockerfile', text());
    const [d] = await diagnosticsOf(s.client, uri, 'image-not-pinned');
    assert.equal(await pinByResolve(s.client, uri, text(), d), `FROM ${reg.host}/corp/base:12@${digest}\n`);
  });

  it('fails cleanly without credentials, and says how to add them', TIMEOUT, async () => {
    const s = await startServer({}, RESOLVING, dockerConfig());
    sessions.push(s.client);
    const uri = 'file:///lsp-noauth/Dockerfile';
    await s.client.open(uri, 'dockerfile', text());
    const [d] = await diagnosticsOf(s.client, uri, 'image-not-pinned');
    assert.equal(await pinByResolve(s.client, uri, text(), d), undefined);
    await s.client.waitFor(() => (messages(s.client).length ? true : undefined), 'an error message');
    assert.match(messages(s.client)[0], /requires credentials .*\(HTTP 401\).*docker login/);
  });
});

describe('language server: a token-auth (bearer) registry', () => {
  let reg: RegistryInstance;
  let tokens: TokenServer;
  let digest: string;
  const sessions: TestClient[] = [];
  before(async () => {
    requireRegistryTools();
    tokens = await startTokenServer(tempDir('lsp-token'), { carol: 'carol-pass' });
    reg = await startRegistry({ token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certFile: tokens.cert.certFile } });
    digest = (await pushIndex(new Pusher(reg.url, async (repo) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}`), 'private/svc', '5', 'lsp-token')).digest;
  });
  after(async () => {
    for (const c of sessions) c.kill();
    await reg?.stop();
    await tokens?.stop();
  });

  it('pins a compose image with a token got with the Docker config credentials; without them, a clean error', TIMEOUT, async () => {
    const text = `services:\n  svc:\n    image: ${reg.host}/private/svc:5\n`;
    const withCreds = await startServer({}, RESOLVING, dockerConfig({ [reg.host]: { auth: basic('carol', 'carol-pass') } }));
    sessions.push(withCreds.client);
    const uri = 'file:///lsp-token/compose.yaml';
    await withCreds.client.open(uri, 'yaml', text);
    const [d] = await diagnosticsOf(withCreds.client, uri, 'compose-image-not-pinned');
    assert.equal(await pinByResolve(withCreds.client, uri, text, d), `services:\n  svc:\n    image: ${reg.host}/private/svc:5@${digest}\n`);
    assert.equal(tokens.requests.at(-1)?.user, 'carol');

    const anonymous = await startServer({}, RESOLVING, dockerConfig());
    sessions.push(anonymous.client);
    await anonymous.client.open(uri, 'yaml', text);
    const [d2] = await diagnosticsOf(anonymous.client, uri, 'compose-image-not-pinned');
    assert.equal(await pinByResolve(anonymous.client, uri, text, d2), undefined);
    await anonymous.client.waitFor(() => (messages(anonymous.client).length ? true : undefined), 'an error message');
    assert.match(messages(anonymous.client)[0], /requires credentials for .*private\/svc:5 \(HTTP 401\).*docker login/);
  });
});

describe('language server: no connection unless allowed', () => {
  let server: net.Server;
  let connections = 0;
  let port = 0;
  const sessions: TestClient[] = [];
  before(async () => {
    server = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  after(async () => {
    for (const c of sessions) c.kill();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** Everything that could look an image up: hover, listing actions, resolving one, both commands. */
  async function tryEverything(init: Record<string, unknown>): Promise<{ client: TestClient; actionsListed: CodeAction[] }> {
    const s = await startServer({ ...init, registry: { ...(init.registry as object), timeoutMs: 2000 } }, RESOLVING);
    sessions.push(s.client);
    const { client } = s;
    const uri = `file:///lsp-gate-${sessions.length}/Dockerfile`;
    const text = `FROM 127.0.0.1:${port}/team/app:1.0\n`;
    await client.open(uri, 'dockerfile', text);
    const [d] = await diagnosticsOf(client, uri, 'image-not-pinned');
    await hover(client, uri, 0, 8);
    const listed = await actions(client, uri, d.range, [d]);
    const crafted: CodeAction = { title: 'Pin', data: { bulwarkPin: { uri, stage: 0, refresh: false } } };
    await client.connection.sendRequest(CodeActionResolveRequest.type, crafted);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulwark.server.pinImage', arguments: [crafted.data] });
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'bulwark.server.pinFile', arguments: [uri] });
    return { client, actionsListed: listed };
  }

  it('with registry.enabled false: nothing connects; the action is shown disabled with the reason', TIMEOUT, async () => {
    const before = connections;
    const { client, actionsListed } = await tryEverything({ registry: { enabled: false } });
    assert.equal(connections, before);
    const pin = actionsListed.find((a) => a.title.startsWith('Pin '));
    assert.match(pin?.disabled?.reason ?? '', /Registry look-ups are off/);
    await client.waitFor(() => (messages(client).length >= 3 ? true : undefined), 'three error messages');
    for (const m of messages(client)) assert.match(m, /Registry look-ups are off/);
  });

  it('in an untrusted workspace: nothing connects', TIMEOUT, async () => {
    const before = connections;
    await tryEverything({ workspaceTrusted: false });
    assert.equal(connections, before);
  });

  it('(control) enabled and trusted: the same steps do connect to the counting server', TIMEOUT, async () => {
    const before = connections;
    await tryEverything({});
    assert.ok(connections > before, 'the counter sees the look-ups');
  });
});
