/**
 * A real OCI registry for the registry tests: Debian's `docker-registry` (the CNCF Distribution registry, installed by
 * scripts/registry/setup.sh) on 127.0.0.1 with a temporary config and storage; optionally with htpasswd (basic) auth,
 * token auth (a token server in this process signs JWTs with a key made for the run: the registry itself verifies
 * them), or TLS. Images are pushed with plain Distribution API calls: blobs (a config and a gzipped tar layer),
 * manifests, and multi-arch indexes. Nothing here imitates the registry.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export const REGISTRY_BIN = process.env.BULWARK_REGISTRY_BIN ?? 'docker-registry';

/** Fails (never skips) with a clear message when the test tools are not installed. */
export function requireRegistryTools(): void {
  const missing: string[] = [];
  for (const [tool, args] of [[REGISTRY_BIN, ['--version']], ['htpasswd', ['-h']], ['openssl', ['version']]] as const) {
    const r = spawnSync(tool, args as readonly string[] as string[], { stdio: 'ignore' });
    if (r.error) missing.push(tool);
  }
  if (missing.length) {
    throw new Error(
      `The registry tests need ${missing.join(', ')} (Debian packages docker-registry, apache2-utils, openssl). Run \`bash scripts/registry/setup.sh\` (CI runs it before npm test).`,
    );
  }
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bulwark-${prefix}-`));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Certificate {
  keyFile: string;
  certFile: string;
  keyPem: string;
  certPem: string;
  /** DER, base64 (for a JWT `x5c` header). */
  certDerBase64: string;
}

/** A self-signed certificate for 127.0.0.1/localhost, made with openssl. */
export function makeCertificate(dir: string, name: string): Certificate {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=bulwark-test-${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const certPem = fs.readFileSync(certFile, 'utf8');
  const der = new crypto.X509Certificate(certPem).raw;
  return { keyFile, certFile, keyPem: fs.readFileSync(keyFile, 'utf8'), certPem, certDerBase64: der.toString('base64') };
}

export interface RegistryInstance {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` (https with TLS). */
  url: string;
  dir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  htpasswd?: { user: string; password: string };
  token?: { realm: string; service: string; issuer: string; certFile: string };
  tls?: Certificate;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a registry on a free loopback port and waits until it answers `/v2/`. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RegistryInstance> {
  const dir = tempDir('registry');
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${crypto.randomBytes(16).toString('hex')}`,
  ];
  if (opts.tls) lines.push('  tls:', `    certificate: ${opts.tls.certFile}`, `    key: ${opts.tls.keyFile}`);
  if (opts.htpasswd) {
    const file = path.join(dir, 'htpasswd');
    const r = spawnSync('htpasswd', ['-Bbn', opts.htpasswd.user, opts.htpasswd.password], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`htpasswd failed: ${r.stderr}`);
    fs.writeFileSync(file, r.stdout);
    lines.push('auth:', '  htpasswd:', '    realm: bulwark-test', `    path: ${file}`);
  } else if (opts.token) {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${opts.token.realm}`,
      `    service: ${opts.token.service}`,
      `    issuer: ${opts.token.issuer}`,
      `    rootcertbundle: ${opts.token.certFile}`,
    );
  }
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(config, lines.join('\n') + '\n');
  const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once('exit', () => {
    exited = true;
    running.delete(child);
  });
  const scheme = opts.tls ? 'https' : 'http';
  const url = `${scheme}://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`docker-registry exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`docker-registry did not answer on ${url} within 20 s:\n${output}`);
    }
    const status = await probe(port).catch(() => 0);
    if (status > 0) break;
    await sleep(100);
  }
  return {
    host: `127.0.0.1:${port}`,
    url,
    dir,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Whether something accepts TCP connections on the port (the registry listens once it is ready to serve). */
function probe(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(1);
    });
    s.once('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---- plain HTTP calls to the Distribution API ----------------------------------------------------------------------

export interface Call {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP(S) request to the test registry (self-signed certificates accepted: this is the pushing side). */
export function call(url: string, method: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Call> {
  const u = new URL(url);
  const options: https.RequestOptions = {
    host: u.hostname,
    port: u.port,
    path: u.pathname + u.search,
    method,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) },
    rejectUnauthorized: false,
  };
  return new Promise((resolve, reject) => {
    const req = (u.protocol === 'https:' ? https : http).request(
      options,
      (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.once('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export function sha256(data: Buffer | string): string {
  return `sha256:${crypto.createHash('sha256').update(data).digest('hex')}`;
}

export class Pusher {
  constructor(
    readonly baseUrl: string,
    /** The Authorization header for a repository (push and pull), if the registry needs one. */
    readonly auth: (repo: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  private async headers(repo: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const a = await this.auth(repo);
    return { ...extra, ...(a ? { Authorization: a } : {}) };
  }

  async blob(repo: string, data: Buffer): Promise<{ digest: string; size: number }> {
    const digest = sha256(data);
    const start = await call(`${this.baseUrl}/v2/${repo}/blobs/uploads/`, 'POST', await this.headers(repo));
    if (start.status !== 202) throw new Error(`blob upload start: HTTP ${start.status} ${start.body}`);
    const location = new URL(String(start.headers.location), this.baseUrl);
    location.searchParams.set('digest', digest);
    const put = await call(location.href, 'PUT', await this.headers(repo, { 'Content-Type': 'application/octet-stream' }), data);
    if (put.status !== 201) throw new Error(`blob upload: HTTP ${put.status} ${put.body}`);
    return { digest, size: data.length };
  }

  async manifest(repo: string, reference: string, mediaType: string, manifest: object): Promise<{ digest: string; size: number; mediaType: string }> {
    const body = Buffer.from(JSON.stringify(manifest, null, 2));
    const res = await call(`${this.baseUrl}/v2/${repo}/manifests/${reference}`, 'PUT', await this.headers(repo, { 'Content-Type': mediaType }), body);
    if (res.status !== 201) throw new Error(`manifest put ${repo}:${reference}: HTTP ${res.status} ${res.body}`);
    const digest = sha256(body);
    if (res.headers['docker-content-digest'] !== digest) throw new Error(`registry digest ${res.headers['docker-content-digest']} != ${digest}`);
    return { digest, size: body.length, mediaType };
  }
}

/** A minimal ustar archive holding one file. */
export function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number) => header.write(value, offset, length, 'ascii');
  field(name, 0, 100);
  field('0000644\0', 100, 8);
  field('0000000\0', 108, 8);
  field('0000000\0', 116, 8);
  field(content.length.toString(8).padStart(11, '0') + '\0', 124, 12);
  field('00000000000\0', 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  let sum = 0;
  for (const b of header) sum += b;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  const padded = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  content.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

export type Flavor = 'oci' | 'docker';

const TYPES = {
  oci: {
    index: 'application/vnd.oci.image.index.v1+json',
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
};

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Pushes one single-platform image (config blob, one layer, manifest) by digest, or under `tag`. */
export async function pushSingle(p: Pusher, repo: string, platform: Platform, seed: string, flavor: Flavor = 'oci', tag?: string) {
  const tar = tarOf('hello.txt', Buffer.from(`bulwark test image ${seed} ${platform.os}/${platform.architecture}\n`));
  const layer = zlib.gzipSync(tar);
  const config = Buffer.from(
    JSON.stringify({
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      created: '2026-01-01T00:00:00Z',
      config: { Cmd: ['/hello.txt'] },
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }),
  );
  const c = await p.blob(repo, config);
  const l = await p.blob(repo, layer);
  const t = TYPES[flavor];
  const manifest = {
    schemaVersion: 2,
    mediaType: t.manifest,
    config: { mediaType: t.config, digest: c.digest, size: c.size },
    layers: [{ mediaType: t.layer, digest: l.digest, size: l.size }],
  };
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  const m = await p.manifest(repo, tag ?? sha256(body), t.manifest, manifest);
  return { ...m, platform };
}

/** Pushes a multi-arch image: one image per platform, then the index (OCI) or manifest list (Docker) under `tag`. */
export async function pushIndex(p: Pusher, repo: string, tag: string, seed: string, flavor: Flavor = 'oci', platforms: Platform[] = DEFAULT_PLATFORMS) {
  const children = [];
  for (const platform of platforms) children.push(await pushSingle(p, repo, platform, seed, flavor));
  const t = TYPES[flavor];
  const index = {
    schemaVersion: 2,
    mediaType: t.index,
    manifests: children.map((c) => ({ mediaType: c.mediaType, digest: c.digest, size: c.size, platform: c.platform })),
  };
  const pushed = await p.manifest(repo, tag, t.index, index);
  return { digest: pushed.digest, children };
}

export const DEFAULT_PLATFORMS: Platform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
];

// ---- token server ---------------------------------------------------------------------------------------------------

export interface TokenServer {
  url: string;
  realm: string;
  service: string;
  issuer: string;
  cert: Certificate;
  /** Requests it answered (for checking the client's token cache). */
  requests: Array<{ method: string; scope: string[]; user?: string }>;
  /** How long ago the GET answers say their token was issued (`issued_at`); 0 by default. */
  issuedAgoSeconds: number;
  /** A token for `repo` with these actions, signed like the server's (for pushing). */
  mint(repo: string, actions: string[]): string;
  stop(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * A Docker-style token server: `GET /token?service=&scope=` (anonymous, or Basic credentials) and the OAuth2
 * `POST /token` refresh-token grant. Repositories under `public/` may be pulled by anyone; under `private/` only by
 * an authenticated user. Wrong credentials get 401 (as Docker Hub answers); anonymous requests for private
 * repositories get a token without access (as Docker Hub does), which the registry then refuses.
 */
export async function startTokenServer(dir: string, users: Record<string, string>, refreshTokens: Record<string, string> = {}): Promise<TokenServer> {
  const cert = makeCertificate(dir, 'token-signer');
  const service = 'bulwark-test-registry';
  const issuer = 'bulwark-test-issuer';
  const requests: TokenServer['requests'] = [];
  const sign = (user: string, access: Array<{ type: string; name: string; actions: string[] }>) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [cert.certDerBase64] };
    const claims = { iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomBytes(8).toString('hex'), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = crypto.sign('sha256', Buffer.from(input), cert.keyPem);
    return `${input}.${b64url(signature)}`;
  };
  const grant = (scopes: string[], user: string | undefined) =>
    scopes.flatMap((s) => {
      const m = /^repository:([^:]+):(.+)$/.exec(s);
      if (!m) return [];
      const [, name, actions] = m;
      const allowed = name.startsWith('public/') || (name.startsWith('private/') && user !== undefined) ? actions.split(',').filter((a) => a === 'pull') : [];
      return allowed.length ? [{ type: 'repository', name, actions: allowed }] : [];
    });
  const result: TokenServer = {
    url: '',
    realm: '',
    service,
    issuer,
    cert,
    requests,
    issuedAgoSeconds: 0,
    mint: (repo, actions) => sign('pusher', [{ type: 'repository', name: repo, actions }]),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/token') return reply(404, { details: 'not found' });
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const user = refreshTokens[form.get('refresh_token') ?? ''];
        const scope = (form.get('scope') ?? '').split(' ').filter(Boolean);
        requests.push({ method: 'POST', scope, user });
        if (form.get('grant_type') !== 'refresh_token' || !user) return reply(401, { details: 'invalid refresh token' });
        const token = sign(user, grant(scope, user));
        reply(200, { access_token: token, expires_in: 300 });
      });
      return;
    }
    const scope = url.searchParams.getAll('scope');
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Basic (.+)$/.exec(auth);
      const [name, password] = m ? Buffer.from(m[1], 'base64').toString().split(/:(.*)/s) : [];
      if (!name || users[name] === undefined || users[name] !== password) {
        requests.push({ method: 'GET', scope, user: name });
        return reply(401, { details: 'incorrect username or password' });
      }
      user = name;
    }
    requests.push({ method: 'GET', scope, user });
    const token = sign(user ?? '', grant(scope, user));
    reply(200, { token, access_token: token, expires_in: 300, issued_at: new Date(Date.now() - result.issuedAgoSeconds * 1000).toISOString() });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  result.url = url;
  result.realm = `${url}/token`;
  return result;
}
