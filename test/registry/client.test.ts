/**
 * The registry client against a real registry (Debian's docker-registry on 127.0.0.1): digests of pushed indexes and
 * manifests, platforms, a moved tag seen by the hover and fixed by "refresh", `pinDockerfile`, the session cache,
 * proxies, TLS, and clear errors (not found, unreachable, timeout, disabled).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { initializeCore } from '../../server/core/engine';
import { analyze } from '../../server/core/engine';
import { RegistryClient, MEDIA_TYPES } from '../../server/registry/client';
import { RegistryError } from '../../server/registry/errors';
import { formatImageHover } from '../../server/registry/image-status';
import { imageStatusAt, movedDigests, pinDockerfile, pinStageFix } from '../../server/registry/pin';
import { applyEdits } from '../../server/core/fixes/edits';
import { makeCertificate, pushIndex, pushSingle, Pusher, requireRegistryTools, startRegistry, tempDir } from './harness';
import type { RegistryInstance } from './harness';

const noCreds = { dockerConfigPath: null, proxy: null } as const;

describe('registry client against a real registry', () => {
  let reg: RegistryInstance;
  let pusher: Pusher;
  let index: Awaited<ReturnType<typeof pushIndex>>;
  let list: Awaited<ReturnType<typeof pushIndex>>;

  before(async () => {
    requireRegistryTools();
    await initializeCore();
    reg = await startRegistry();
    pusher = new Pusher(reg.url);
    index = await pushIndex(pusher, 'team/app', '1.0', 'first', 'oci');
    list = await pushIndex(pusher, 'team/legacy', '2', 'legacy', 'docker');
    await pushSingle(pusher, 'team/single', { os: 'linux', architecture: 'riscv64' }, 'single', 'oci', 'edge');
  });
  after(async () => reg?.stop());

  it('resolves a tag to the digest of the pushed OCI index, with its platforms', async () => {
    const client = new RegistryClient(noCreds);
    const r = await client.resolveDigest(`${reg.host}/team/app:1.0`, { platforms: true });
    assert.equal(r.digest, index.digest);
    assert.equal(r.mediaType, MEDIA_TYPES.ociIndex);
    assert.deepEqual(r.platforms, ['linux/amd64', 'linux/arm64/v8']);
    assert.equal(r.registry, reg.host);
    assert.equal(r.repository, 'team/app');
  });

  it('resolves a Docker manifest list to the list digest', async () => {
    const r = await new RegistryClient(noCreds).resolveDigest(`${reg.host}/team/legacy:2`, { platforms: true });
    assert.equal(r.digest, list.digest);
    assert.equal(r.mediaType, MEDIA_TYPES.dockerManifestList);
    assert.deepEqual(r.platforms, ['linux/amd64', 'linux/arm64/v8']);
  });

  it('resolves a single-platform image and reads its platform from the config blob', async () => {
    const r = await new RegistryClient(noCreds).resolveDigest(`${reg.host}/team/single:edge`, { platforms: true });
    assert.equal(r.mediaType, MEDIA_TYPES.ociManifest);
    assert.deepEqual(r.platforms, ['linux/riscv64']);
  });

  it('reports a missing tag or repository clearly', async () => {
    const client = new RegistryClient(noCreds);
    await assert.rejects(client.resolveDigest(`${reg.host}/team/app:9.9`), (e: RegistryError) => {
      assert.equal(e.code, 'not-found');
      assert.match(e.message, /team\/app:9\.9` was not found on 127\.0\.0\.1:\d+/);
      return true;
    });
    await assert.rejects(client.resolveDigest(`${reg.host}/nobody/here:1`), { code: 'not-found' });
  });

  it('pins a Dockerfile to exactly the pushed index digest, keeping flags, stage names and ARG defaults', async () => {
    const text = [
      `ARG BASE=${reg.host}/team/legacy:2`,
      `FROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0 AS build`,
      'RUN true',
      'FROM ${BASE}',
      'COPY --from=build /x /x',
      '',
    ].join('\n');
    const client = new RegistryClient(noCreds);
    const result = await pinDockerfile(text, client);
    assert.deepEqual(result.failed, []);
    assert.equal(result.pinned.length, 2);
    assert.equal(
      result.text,
      [
        `ARG BASE=${reg.host}/team/legacy:2@${list.digest}`,
        `FROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0@${index.digest} AS build`,
        'RUN true',
        'FROM ${BASE}',
        'COPY --from=build /x /x',
        '',
      ].join('\n'),
    );
    assert.deepEqual(analyze(result.text).findings.filter((f) => f.ruleId === 'image-not-pinned'), []);
    // Nothing left to pin: a second run changes nothing.
    const again = await pinDockerfile(result.text, client);
    assert.equal(again.text, result.text);
    assert.equal(again.pinned.length, 0);
  });

  it('keeps CRLF line endings and reports what it cannot pin without touching it', async () => {
    const text = `ARG V=1.0\r\nFROM ${reg.host}/team/app:\${V}\r\nFROM ${reg.host}/team/app:9.9\r\nFROM ${reg.host}/team/legacy:2\r\n`;
    const result = await pinDockerfile(text, new RegistryClient(noCreds));
    assert.equal(result.text, `ARG V=1.0\r\nFROM ${reg.host}/team/app:\${V}\r\nFROM ${reg.host}/team/app:9.9\r\nFROM ${reg.host}/team/legacy:2@${list.digest}\r\n`);
    assert.deepEqual(result.failed.map((f) => [f.line, f.code]), [[1, 'not-pinnable'], [2, 'not-found']]);
    assert.match(result.failed[0].message, /assembled from `V`/);
  });

  it('sees a re-pushed tag move: the hover reports it and the refresh action updates the digest', async () => {
    await pushIndex(pusher, 'team/moving', 'stable', 'v1');
    const client = new RegistryClient(noCreds);
    const first = await pinDockerfile(`FROM ${reg.host}/team/moving:stable\n`, client);
    const pinnedText = first.text;
    const oldDigest = first.pinned[0].digest;

    // Same content, fresh look-up: the hover says the pin matches.
    const same = await imageStatusAt(pinnedText, { line: 0, character: 8 }, client, { lookup: true });
    assert.equal(same?.moved, false);
    assert.match(formatImageHover(same!), /matches the tag/);

    const moved = await pushIndex(pusher, 'team/moving', 'stable', 'v2');
    assert.notEqual(moved.digest, oldDigest);
    // The session cache still has the old answer ...
    assert.equal((await client.resolveDigest(`${reg.host}/team/moving:stable`)).digest, oldDigest);
    // ... a hover on a new client (or after the TTL) sees the move.
    const fresh = new RegistryClient(noCreds);
    const status = await imageStatusAt(pinnedText, { line: 0, character: 8 }, fresh, { lookup: true });
    assert.ok(status);
    assert.equal(status.moved, true);
    assert.equal(status.current?.digest, moved.digest);
    assert.deepEqual(status.current?.platforms, ['linux/amd64', 'linux/arm64/v8']);
    const markdown = formatImageHover(status);
    assert.match(markdown, /the tag has moved/);
    assert.match(markdown, new RegExp(`Digest now \\| \`${moved.digest}\``));
    assert.match(markdown, /Platforms \| linux\/amd64, linux\/arm64\/v8/);
    // Without network, the code action provider knows the tag moved from the hover's look-up.
    assert.deepEqual(movedDigests(pinnedText, fresh).map((m) => [m.pinned, m.current]), [[oldDigest, moved.digest]]);

    // "Refresh digest" bypasses the cache even on the old client.
    const fix = await pinStageFix(pinnedText, 0, client);
    assert.match(fix.title, /^Refresh the digest of 127\.0\.0\.1:\d+\/team\/moving:stable to sha256:/);
    assert.equal(applyEdits(pinnedText, fix.edits), `FROM ${reg.host}/team/moving:stable@${moved.digest}\n`);
    const refreshed = await pinDockerfile(pinnedText, client, { refresh: true });
    assert.equal(refreshed.text, `FROM ${reg.host}/team/moving:stable@${moved.digest}\n`);
    assert.equal(refreshed.pinned[0].previousDigest, oldDigest);
  });

  it('caches look-ups for the session and shares concurrent ones', async () => {
    await pushIndex(pusher, 'team/cached', '1', 'c1');
    const client = new RegistryClient(noCreds);
    const [a, b] = await Promise.all([client.resolveDigest(`${reg.host}/team/cached:1`), client.resolveDigest(`${reg.host}/team/cached:1`)]);
    assert.equal(a, b);
    const next = await pushIndex(pusher, 'team/cached', '1', 'c2');
    assert.equal((await client.resolveDigest(`${reg.host}/team/cached:1`)).digest, a.digest);
    assert.equal(client.cached(`${reg.host}/team/cached:1`)?.digest, a.digest);
    assert.equal((await client.resolveDigest(`${reg.host}/team/cached:1`, { fresh: true })).digest, next.digest);
    const shortTtl = new RegistryClient({ ...noCreds, cacheTtlMs: 1 });
    await shortTtl.resolveDigest(`${reg.host}/team/cached:1`);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(shortTtl.cached(`${reg.host}/team/cached:1`), undefined);
  });

  it('touches no network when disabled', async () => {
    const client = new RegistryClient({ ...noCreds, enabled: false });
    await assert.rejects(client.resolveDigest(`${reg.host}/team/app:1.0`), (e: RegistryError) => {
      assert.equal(e.code, 'disabled');
      assert.match(e.message, /bulwark\.registry\.enabled/);
      return true;
    });
    const status = await imageStatusAt(`FROM ${reg.host}/team/app:1.0\n`, { line: 0, character: 6 }, client, { lookup: true });
    assert.equal(status?.lookupError && (status.lookupError as RegistryError).code, 'disabled');
    assert.match(formatImageHover(status!), /Registry look-up failed: Registry look-ups are turned off/);
  });

  it('goes through an HTTP proxy when one is configured', async () => {
    const seen: string[] = [];
    const proxy = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url!);
      const out = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as net.AddressInfo).port;
      const client = new RegistryClient({ dockerConfigPath: null, proxy: `http://127.0.0.1:${port}` });
      const r = await client.resolveDigest(`${reg.host}/team/app:1.0`);
      assert.equal(r.digest, index.digest);
      assert.ok(seen.some((s) => s.startsWith(`HEAD http://${reg.host}/v2/team/app/manifests/1.0`)), seen.join('\n'));
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('fails clearly and quickly when the registry is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const client = new RegistryClient({ ...noCreds, timeoutMs: 2000 });
    const started = Date.now();
    await assert.rejects(client.resolveDigest(`127.0.0.1:${port}/team/app:1.0`), (e: RegistryError) => {
      assert.equal(e.code, 'unreachable');
      assert.match(e.message, new RegExp(`Cannot reach registry 127\\.0\\.0\\.1:${port}: the connection was refused`));
      return true;
    });
    assert.ok(Date.now() - started < 2000);
  });

  it('gives up on a registry that accepts connections but never answers, within the timeout', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const client = new RegistryClient({ ...noCreds, timeoutMs: 700 });
      const started = Date.now();
      await assert.rejects(client.resolveDigest(`127.0.0.1:${port}/team/app:1.0`), (e: RegistryError) => {
        assert.equal(e.code, 'timeout');
        assert.match(e.message, new RegExp(`Registry 127\\.0\\.0\\.1:${port} did not answer within 700 ms`));
        return true;
      });
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 650 && elapsed < 3000, `took ${elapsed} ms`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('registry client over TLS', () => {
  let reg: RegistryInstance;
  let index: Awaited<ReturnType<typeof pushIndex>>;
  let cert: ReturnType<typeof makeCertificate>;

  before(async () => {
    requireRegistryTools();
    cert = makeCertificate(tempDir('tls'), 'registry');
    reg = await startRegistry({ tls: cert });
    index = await pushIndex(new Pusher(reg.url), 'secure/app', '3', 'tls');
  });
  after(async () => reg?.stop());

  it('resolves over HTTPS with the registry CA trusted', async () => {
    const r = await new RegistryClient({ ...noCreds, ca: cert.certPem }).resolveDigest(`${reg.host}/secure/app:3`);
    assert.equal(r.digest, index.digest);
  });

  it('reports an untrusted certificate as a TLS error and does not fall back to plain HTTP', async () => {
    await assert.rejects(new RegistryClient(noCreds).resolveDigest(`${reg.host}/secure/app:3`), (e: RegistryError) => {
      assert.equal(e.code, 'tls');
      assert.match(e.message, /TLS connection to registry 127\.0\.0\.1:\d+ failed: .*self.signed/i);
      assert.match(e.message, /NODE_EXTRA_CA_CERTS/);
      return true;
    });
  });

  it('tunnels HTTPS through a CONNECT proxy', async () => {
    const tunnels: string[] = [];
    const open: net.Socket[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client: net.Socket, head) => {
      tunnels.push(String(req.url));
      open.push(client);
      const [host, port] = String(req.url).split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const port = (proxy.address() as net.AddressInfo).port;
      const client = new RegistryClient({ dockerConfigPath: null, proxy: `http://127.0.0.1:${port}`, ca: cert.certPem });
      const r = await client.resolveDigest(`${reg.host}/secure/app:3`);
      assert.equal(r.digest, index.digest);
      assert.ok(tunnels.includes(reg.host), tunnels.join(','));
    } finally {
      for (const s of open) s.destroy();
      await new Promise((r) => proxy.close(r));
    }
  });
});
