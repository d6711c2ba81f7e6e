/**
 * Authentication against real registries: htpasswd (Basic) and token auth (the registry verifies JWTs signed by a
 * token server this test runs, as Docker Hub's auth service does for registry-1.docker.io). With credentials from a
 * Docker config the look-ups work; without, or with wrong ones, they fail with a clear message; credential helpers are
 * reported, not run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { RegistryClient } from '../../server/registry/client';
import type { RegistryError } from '../../server/registry/errors';
import { pushIndex, Pusher, requireRegistryTools, startRegistry, startTokenServer, tempDir } from './harness';
import type { RegistryInstance, TokenServer } from './harness';

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('basic-auth (htpasswd) registry', () => {
  let reg: RegistryInstance;
  let index: Awaited<ReturnType<typeof pushIndex>>;

  before(async () => {
    requireRegistryTools();
    reg = await startRegistry({ htpasswd: { user: 'alice', password: 's3cret-pass' } });
    const pusher = new Pusher(reg.url, async () => `Basic ${basic('alice', 's3cret-pass')}`);
    index = await pushIndex(pusher, 'corp/base', '12', 'basic');
  });
  after(async () => reg?.stop());

  it('resolves with credentials from the Docker config (base64 auth)', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg.host]: { auth: basic('alice', 's3cret-pass') } } } });
    const r = await client.resolveDigest(`${reg.host}/corp/base:12`, { platforms: true });
    assert.equal(r.digest, index.digest);
    assert.deepEqual(r.platforms, ['linux/amd64', 'linux/arm64/v8']);
  });

  it('reads the config file from $DOCKER_CONFIG, with username/password and an http:// key', async () => {
    const dir = tempDir('dockercfg');
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${reg.host}/v2/`]: { username: 'alice', password: 's3cret-pass' } } }));
    const client = new RegistryClient({ proxy: null, env: { DOCKER_CONFIG: dir } });
    assert.equal((await client.resolveDigest(`${reg.host}/corp/base:12`)).digest, index.digest);
  });

  it('fails cleanly without credentials', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfigPath: null });
    await assert.rejects(client.resolveDigest(`${reg.host}/corp/base:12`), (e: RegistryError) => {
      assert.equal(e.code, 'unauthorized');
      assert.match(e.message, new RegExp(`Registry 127\\.0\\.0\\.1:\\d+ requires credentials for 127\\.0\\.0\\.1:\\d+/corp/base:12 \\(HTTP 401\\).*docker login 127\\.0\\.0\\.1:\\d+`));
      return true;
    });
  });

  it('fails cleanly with a wrong password, naming where the credentials came from', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg.host]: { auth: basic('alice', 'wrong') } } } });
    await assert.rejects(client.resolveDigest(`${reg.host}/corp/base:12`), (e: RegistryError) => {
      assert.equal(e.code, 'unauthorized');
      assert.match(e.message, /rejected the credentials for 127\.0\.0\.1:\d+ from the Docker config/);
      assert.doesNotMatch(e.message, /wrong/);
      return true;
    });
  });

  it('reports a credential helper instead of running it', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg.host]: {} }, credsStore: 'desktop' } });
    await assert.rejects(client.resolveDigest(`${reg.host}/corp/base:12`), (e: RegistryError) => {
      assert.equal(e.code, 'credential-helper');
      assert.match(e.message, /credential helper "docker-credential-desktop", which Bulwark does not run \(credential helper not supported\)/);
      return true;
    });
    const perRegistry = new RegistryClient({ proxy: null, dockerConfig: { credHelpers: { [reg.host]: 'ecr-login' } } });
    await assert.rejects(perRegistry.resolveDigest(`${reg.host}/corp/base:12`), /docker-credential-ecr-login/);
  });
});

describe('token-auth registry (bearer token flow)', () => {
  let reg: RegistryInstance;
  let tokens: TokenServer;
  let publicIndex: Awaited<ReturnType<typeof pushIndex>>;
  let privateIndex: Awaited<ReturnType<typeof pushIndex>>;

  before(async () => {
    requireRegistryTools();
    const dir = tempDir('token');
    tokens = await startTokenServer(dir, { bob: 'hunter2-pass' }, { 'refresh-abc': 'bob' });
    reg = await startRegistry({ token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certFile: tokens.cert.certFile } });
    const pusher = new Pusher(reg.url, async (repo) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}`);
    publicIndex = await pushIndex(pusher, 'public/tool', '1', 'pub');
    privateIndex = await pushIndex(pusher, 'private/app', '2', 'priv');
  });
  after(async () => {
    await reg?.stop();
    await tokens?.stop();
  });

  it('gets an anonymous token for a public repository, and reuses it', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfigPath: null });
    const before = tokens.requests.length;
    const r = await client.resolveDigest(`${reg.host}/public/tool:1`, { platforms: true });
    assert.equal(r.digest, publicIndex.digest);
    assert.deepEqual(r.platforms, ['linux/amd64', 'linux/arm64/v8']);
    const asked = tokens.requests.slice(before);
    assert.equal(asked.length, 1, JSON.stringify(asked));
    assert.deepEqual(asked[0], { method: 'GET', scope: ['repository:public/tool:pull'], user: undefined });
    await client.resolveDigest(`${reg.host}/public/tool:1`, { fresh: true });
    assert.equal(tokens.requests.length, before + 1, 'the token is cached for its lifetime');
  });

  it('counts a token\'s lifetime from its issued_at: a token issued long ago is not reused', async () => {
    tokens.issuedAgoSeconds = 295; // expires_in 300: (almost) expired when it arrives
    try {
      const client = new RegistryClient({ proxy: null, dockerConfigPath: null });
      const before = tokens.requests.length;
      assert.equal((await client.resolveDigest(`${reg.host}/public/tool:1`)).digest, publicIndex.digest);
      assert.equal((await client.resolveDigest(`${reg.host}/public/tool:1`, { fresh: true })).digest, publicIndex.digest);
      assert.equal(tokens.requests.length, before + 2, 'a new token for the second look-up');
    } finally {
      tokens.issuedAgoSeconds = 0;
    }
  });

  it('gets a token with Basic credentials for a private repository', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [`https://${reg.host}`]: { auth: basic('bob', 'hunter2-pass') } } } });
    const r = await client.resolveDigest(`${reg.host}/private/app:2`);
    assert.equal(r.digest, privateIndex.digest);
    assert.equal(tokens.requests[tokens.requests.length - 1].user, 'bob');
  });

  it('exchanges an identity token (OAuth2 refresh token) for an access token', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg.host]: { identitytoken: 'refresh-abc' } } } });
    const r = await client.resolveDigest(`${reg.host}/private/app:2`);
    assert.equal(r.digest, privateIndex.digest);
    assert.equal(tokens.requests[tokens.requests.length - 1].method, 'POST');
  });

  it('falls back to the GET token request when the token server does not do OAuth2 (POST answers 404)', async () => {
    // A token endpoint in front of the test's token server that, like servers without OAuth2, answers POST with 404.
    const posts: string[] = [];
    const front = http.createServer((req, res) => {
      if (req.method === 'POST') {
        posts.push(req.url ?? '');
        req.resume();
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"details":"not found"}');
        return;
      }
      const upstream = http.request(`${tokens.url}${req.url}`, { method: 'GET', headers: { ...(req.headers.authorization ? { Authorization: req.headers.authorization } : {}) } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.end();
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    const frontUrl = `http://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
    const reg2 = await startRegistry({ token: { realm: `${frontUrl}/token`, service: tokens.service, issuer: tokens.issuer, certFile: tokens.cert.certFile } });
    try {
      const pushed = await pushIndex(new Pusher(reg2.url, async (repo) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}`), 'private/oauthless', '1', 'oauthless');
      const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg2.host]: { username: 'bob', password: 'hunter2-pass', identitytoken: 'refresh-abc' } } } });
      const before = tokens.requests.length;
      const r = await client.resolveDigest(`${reg2.host}/private/oauthless:1`);
      assert.equal(r.digest, pushed.digest);
      assert.deepEqual(posts, ['/token'], 'the OAuth2 POST was tried first');
      assert.deepEqual(tokens.requests.slice(before), [{ method: 'GET', scope: ['repository:private/oauthless:pull'], user: 'bob' }]);
    } finally {
      await reg2.stop();
      await new Promise<void>((r) => front.close(() => r()));
    }
  });

  it('fails cleanly without credentials for a private repository', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfigPath: null });
    await assert.rejects(client.resolveDigest(`${reg.host}/private/app:2`), (e: RegistryError) => {
      assert.equal(e.code, 'unauthorized');
      assert.match(e.message, /requires credentials for 127\.0\.0\.1:\d+\/private\/app:2/);
      return true;
    });
  });

  it('fails cleanly when the token service rejects the credentials', async () => {
    const client = new RegistryClient({ proxy: null, dockerConfig: { auths: { [reg.host]: { username: 'bob', password: 'nope' } } } });
    await assert.rejects(client.resolveDigest(`${reg.host}/private/app:2`), (e: RegistryError) => {
      assert.equal(e.code, 'unauthorized');
      assert.match(e.message, /^The token service http:\/\/127\.0\.0\.1:\d+ rejected the credentials for 127\.0\.0\.1:\d+ from the Docker config \(HTTP 401\)/);
      return true;
    });
  });
});
