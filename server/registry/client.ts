/**
 * A small client for the OCI Distribution API (https://github.com/opencontainers/distribution-spec): resolves an image
 * tag to the digest a registry serves for it now, the way `docker pull` would — HEAD on the manifest with the Accept
 * headers for OCI indexes, Docker manifest lists and single manifests, so a multi-arch image resolves to its index
 * digest — and, on request, the platforms the index lists.
 *
 * Authentication follows the registry's `WWW-Authenticate` challenge: Bearer (the token flow of Docker Hub, GHCR,
 * Quay, GCR/Artifact Registry, ECR Public: anonymous, or with Basic credentials or an identity token at the realm) or
 * Basic. Credentials come only from the user's Docker config (`auths`); credential helpers are not run.
 *
 * Network policy: nothing happens unless the caller asks (`resolveDigest`), and nothing at all when the client is
 * disabled (the `bulwark.registry.enabled` setting, forced off in untrusted workspaces). HTTPS only, except loopback
 * registries and registries the user lists as insecure, which fall back to plain HTTP. Proxies from `HTTPS_PROXY` /
 * `HTTP_PROXY` / `NO_PROXY`. Every look-up has a connect timeout and an overall deadline; results are cached for the
 * session (TTL), concurrent look-ups of one reference share one request.
 */
import { trimEndOf } from '../core/text';
import crypto from 'node:crypto';
import { canonicalRegistry } from '../core/dockerfile/image-name';
import type { ImageName } from '../core/dockerfile/image-name';
import { credentialsFor, defaultDockerConfigPath, readDockerConfig } from './credentials';
import type { CredentialLookup, Credentials, DockerConfigFile } from './credentials';
import { RegistryError } from './errors';
import { httpRequest, proxyFor } from './http';
import type { HttpResponse } from './http';
import { isLoopbackHost, toRegistryReference } from './reference';
import type { RegistryReference } from './reference';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Indexes first, so multi-arch images answer with their index (the digest `docker pull name:tag` pins). */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerManifestList;
}

export interface RegistryClientOptions {
  /** False: every look-up fails with a `disabled` error and nothing touches the network. Default true. */
  enabled?: boolean;
  /** Overall time for one look-up, token exchange included (ms). Default 10000. */
  timeoutMs?: number;
  /** Time allowed to open a connection (ms). Default 5000. */
  connectTimeoutMs?: number;
  /** How long a resolved digest is reused (ms). Default 5 minutes. */
  cacheTtlMs?: number;
  /**
   * The user's Docker config file for credentials: a path, `null` for none; default `$DOCKER_CONFIG/config.json` or
   * `~/.docker/config.json`. Faces must never take this from workspace settings.
   */
  dockerConfigPath?: string | null;
  /** A parsed Docker config instead of a file (takes precedence over `dockerConfigPath`). */
  dockerConfig?: DockerConfigFile;
  /** Registries (`host[:port]`) that may be reached over plain HTTP. Loopback registries always may. */
  insecureRegistries?: string[];
  /** A proxy URL for every request; `null` for none; default: from the environment. */
  proxy?: string | null;
  /** Environment for proxy variables (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface ResolveOptions {
  /** Also list the platforms (`linux/amd64`, `linux/arm/v7`) of the image: one more request or two. */
  platforms?: boolean;
  /** Bypass the cache (a "refresh"). */
  fresh?: boolean;
}

export interface ResolvedImage {
  /** `node:20` (familiar form, no digest). */
  reference: string;
  /** Canonical registry (`docker.io`) and repository (`library/node`). */
  registry: string;
  repository: string;
  /** The tag looked up (`latest` when the reference had none); a digest when looked up by digest. */
  tag: string;
  /** `sha256:…` of the manifest (of the index, for multi-arch images). */
  digest: string;
  mediaType: string;
  /** `os/architecture[/variant]` of each image in the index (attestation manifests left out). */
  platforms?: string[];
  /** Epoch ms of the look-up. */
  resolvedAt: number;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Every challenge of `WWW-Authenticate` (RFC 7235: one header may hold several, comma-separated, and a response may
 * repeat the header): `Bearer realm="…",service="…",scope="…"`, `Basic realm="…"`.
 */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const out: Challenge[] = [];
  for (const text of Array.isArray(header) ? header : header ? [header] : []) {
    // A parameter (`name=value`, the value a token or a quoted string) or a scheme name starting a new challenge.
    const re = /[\s,]*(?:([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))|([A-Za-z][\w!#$%&'*+.^`|~-]*))/y;
    let current: Challenge | undefined;
    for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
      if (m[4] !== undefined) {
        current = { scheme: m[4].toLowerCase(), params: {} };
        out.push(current);
      } else if (current) {
        current.params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
      }
    }
  }
  return out;
}

/** The challenge to answer: Bearer when offered (the token flow), else Basic, else the first. */
export function parseChallenge(header: string | string[] | undefined): Challenge | undefined {
  const all = parseChallenges(header);
  return all.find((c) => c.scheme === 'bearer') ?? all.find((c) => c.scheme === 'basic') ?? all[0];
}

interface Lookup {
  ref: RegistryReference;
  deadline: number;
  credentials: CredentialLookup;
  /** Authorization header that worked for this registry in this look-up. */
  authorization?: string;
}

export class RegistryClient {
  private readonly options: Required<Pick<RegistryClientOptions, 'enabled' | 'timeoutMs' | 'connectTimeoutMs' | 'cacheTtlMs'>> & RegistryClientOptions;
  private readonly cache = new Map<string, { value: ResolvedImage; expires: number }>();
  private readonly inflight = new Map<string, Promise<ResolvedImage>>();
  private readonly tokens = new Map<string, { token: string; expires: number }>();
  /** Hosts found to speak plain HTTP (only loopback or insecure-listed ones are ever tried). */
  private readonly plainHttp = new Set<string>();

  constructor(options: RegistryClientOptions = {}) {
    this.options = { enabled: true, timeoutMs: 10_000, connectTimeoutMs: 5_000, cacheTtlMs: 5 * 60_000, ...options };
  }

  /** The digest a reference's tag resolves to now (cached for the session unless `fresh`). */
  resolveDigest(reference: string | ImageName, opts: ResolveOptions = {}): Promise<ResolvedImage> {
    if (!this.options.enabled) {
      return Promise.reject(
        new RegistryError('disabled', 'Registry look-ups are turned off (the bulwark.registry.enabled setting is false, or the workspace is not trusted).'),
      );
    }
    let ref: RegistryReference;
    try {
      ref = toRegistryReference(reference);
    } catch (e) {
      return Promise.reject(e);
    }
    const key = `${ref.registry}/${ref.repository}:${ref.manifestRef}${opts.platforms ? '+platforms' : ''}`;
    if (!opts.fresh) {
      const hit = this.cacheGet(key) ?? (opts.platforms ? undefined : this.cacheGet(`${key}+platforms`));
      if (hit) return Promise.resolve(hit);
      const running = this.inflight.get(key);
      if (running) return running;
    }
    const promise = this.lookup(ref, opts).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise.then((value) => {
      this.cache.set(key, { value, expires: Date.now() + this.options.cacheTtlMs });
      return value;
    });
  }

  /** What an earlier look-up found for this reference, without touching the network. */
  cached(reference: string | ImageName): ResolvedImage | undefined {
    let ref: RegistryReference;
    try {
      ref = toRegistryReference(reference);
    } catch {
      return undefined;
    }
    const key = `${ref.registry}/${ref.repository}:${ref.manifestRef}`;
    return this.cacheGet(`${key}+platforms`) ?? this.cacheGet(key);
  }

  private cacheGet(key: string): ResolvedImage | undefined {
    const entry = this.cache.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.cache.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private credentials(registry: string): CredentialLookup {
    if (this.options.dockerConfig) return credentialsFor(this.options.dockerConfig, registry, 'the Docker config');
    if (this.options.dockerConfigPath === null) return { kind: 'none' };
    const file = this.options.dockerConfigPath ?? defaultDockerConfigPath(this.options.env ?? process.env);
    return credentialsFor(readDockerConfig(file), registry, file);
  }

  private async lookup(ref: RegistryReference, opts: ResolveOptions): Promise<ResolvedImage> {
    const lookup: Lookup = { ref, deadline: Date.now() + this.options.timeoutMs, credentials: this.credentials(ref.registry) };
    const path = `/v2/${ref.repository}/manifests/${ref.manifestRef}`;
    let res = await this.registryRequest(lookup, 'HEAD', path, { Accept: MANIFEST_ACCEPT });
    // Some registries do not answer HEAD (405) or leave the digest out: read the manifest and hash it.
    let body: Buffer | undefined;
    if (res.status === 405 || res.status === 501 || (res.status === 200 && !headerValue(res, 'docker-content-digest'))) {
      res = await this.registryRequest(lookup, 'GET', path, { Accept: MANIFEST_ACCEPT });
      body = res.body;
    }
    this.checkStatus(lookup, res, `\`${ref.display}\``);
    const mediaType = (headerValue(res, 'content-type') ?? '').split(';')[0].trim();
    let digest = headerValue(res, 'docker-content-digest')?.trim();
    if (body !== undefined) {
      const computed = `sha256:${crypto.createHash('sha256').update(body).digest('hex')}`;
      if (digest && digest !== computed && digest.startsWith('sha256:')) {
        throw new RegistryError('protocol', `Registry ${ref.registry} sent a manifest for ${ref.display} whose content does not match its digest.`, ref.registry);
      }
      digest = digest ?? computed;
    }
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new RegistryError('protocol', `Registry ${ref.registry} did not report a sha256 digest for ${ref.display}.`, ref.registry);
    }
    const result: ResolvedImage = {
      reference: ref.display,
      registry: ref.registry,
      repository: ref.repository,
      tag: ref.manifestRef,
      digest,
      mediaType,
      resolvedAt: Date.now(),
    };
    if (opts.platforms) result.platforms = await this.platformsOf(lookup, digest, mediaType);
    return result;
  }

  /** The platforms of a manifest: from the index's entries, or from a single image's config. */
  private async platformsOf(lookup: Lookup, digest: string, mediaType: string): Promise<string[]> {
    const { ref } = lookup;
    const manifest = await this.getJson(lookup, `/v2/${ref.repository}/manifests/${digest}`, MANIFEST_ACCEPT, digest);
    const type = typeof manifest.mediaType === 'string' ? manifest.mediaType : mediaType;
    if (isIndexMediaType(type) || Array.isArray(manifest.manifests)) {
      const out: string[] = [];
      for (const m of (manifest.manifests as Array<{ platform?: { os?: string; architecture?: string; variant?: string } }>) ?? []) {
        const p = m.platform;
        if (!p?.os || !p.architecture || p.os === 'unknown' || p.architecture === 'unknown') continue;
        const name = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
        if (!out.includes(name)) out.push(name);
      }
      return out;
    }
    const config = manifest.config as { digest?: string } | undefined;
    if (!config?.digest) return [];
    const blob = await this.getJson(lookup, `/v2/${ref.repository}/blobs/${config.digest}`, '*/*', config.digest);
    if (typeof blob.os !== 'string' || typeof blob.architecture !== 'string') return [];
    return [[blob.os, blob.architecture, typeof blob.variant === 'string' ? blob.variant : undefined].filter(Boolean).join('/')];
  }

  private async getJson(lookup: Lookup, path: string, accept: string, digest: string): Promise<Record<string, unknown>> {
    const res = await this.registryRequest(lookup, 'GET', path, { Accept: accept }, true);
    this.checkStatus(lookup, res, `${lookup.ref.display} (${digest.slice(0, 19)}…)`);
    const computed = `sha256:${crypto.createHash('sha256').update(res.body).digest('hex')}`;
    if (digest.startsWith('sha256:') && computed !== digest) {
      throw new RegistryError('protocol', `Registry ${lookup.ref.registry} sent content for ${digest.slice(0, 19)}… that does not match that digest.`, lookup.ref.registry);
    }
    try {
      const value: unknown = JSON.parse(res.body.toString('utf8'));
      if (value && typeof value === 'object') return value as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new RegistryError('protocol', `Registry ${lookup.ref.registry} sent a manifest for ${lookup.ref.display} that is not JSON.`, lookup.ref.registry);
  }

  /** Turns an error status into a clear RegistryError. */
  private checkStatus(lookup: Lookup, res: HttpResponse, what: string): void {
    const { ref } = lookup;
    if (res.status >= 200 && res.status < 300) return;
    if (res.status === 404) {
      throw new RegistryError('not-found', `${what} was not found on ${ref.registry}: no such repository or tag (or no permission to see it).`, ref.registry);
    }
    if (res.status === 401 || res.status === 403) throw this.unauthorized(lookup, res.status);
    if (res.status === 429) {
      throw new RegistryError(
        'rate-limited',
        `Registry ${ref.registry} refused the request for ${what}: too many requests (HTTP 429)${ref.registry === 'docker.io' ? '; log in with `docker login` to raise Docker Hub\'s pull limit' : ''}.`,
        ref.registry,
      );
    }
    const detail = errorDetail(res);
    throw new RegistryError('protocol', `Registry ${ref.registry} answered HTTP ${res.status} for ${what}${detail ? `: ${detail}` : ''}.`, ref.registry);
  }

  private unauthorized(lookup: Lookup, status: number, rejectedBy?: string): RegistryError {
    const { ref, credentials } = lookup;
    if (credentials.kind === 'helper') {
      return new RegistryError(
        'credential-helper',
        `Registry ${ref.registry} requires credentials for ${ref.display}, and ${credentials.source} keeps them in the credential helper "docker-credential-${credentials.helper}", which Bulwark does not run (credential helper not supported). Add an \`auths\` entry for ${ref.registry} to the Docker config, or pin the image by hand.`,
        ref.registry,
      );
    }
    if (credentials.kind === 'credentials') {
      return new RegistryError(
        'unauthorized',
        `${rejectedBy ?? `Registry ${ref.registry}`} rejected the credentials for ${ref.registry} from ${credentials.source} (HTTP ${status}), or they do not grant pull access to ${ref.repository}.`,
        ref.registry,
      );
    }
    return new RegistryError(
      'unauthorized',
      `Registry ${ref.registry} requires credentials for ${ref.display} (HTTP ${status}), and the Docker config has none for it: run \`docker login ${ref.registry}\`.`,
      ref.registry,
    );
  }

  /** The base URL for a registry host: HTTPS, or plain HTTP for loopback/insecure registries that turned out to need it. */
  private baseUrls(host: string): string[] {
    const mayBePlain = isLoopbackHost(host) || (this.options.insecureRegistries ?? []).some((h) => canonicalRegistry(trimEndOf(h.trim().replace(/^https?:\/\//, ''), '/')) === canonicalRegistry(host));
    if (!mayBePlain) return [`https://${host}`];
    return this.plainHttp.has(host) ? [`http://${host}`] : [`https://${host}`, `http://${host}`];
  }

  /** A request to the registry's API, with its auth challenge answered (once) and the scheme fallback for plain HTTP. */
  private async registryRequest(lookup: Lookup, method: 'GET' | 'HEAD', path: string, headers: Record<string, string>, followRedirects = false): Promise<HttpResponse> {
    const host = lookup.ref.apiHost;
    const bases = this.baseUrls(host);
    let lastError: unknown;
    for (const base of bases) {
      try {
        const res = await this.authorizedRequest(lookup, method, new URL(base + path), headers, followRedirects);
        if (base.startsWith('http:')) this.plainHttp.add(host);
        return res;
      } catch (e) {
        lastError = e;
        // Fall back to plain HTTP only when the server does not speak TLS at all (not on a certificate problem), or a
        // proxy would not tunnel to it.
        const fallBack = e instanceof RegistryError && !base.startsWith('http:') && ((e.code === 'tls' && speaksNoTls(e)) || e.code === 'proxy');
        if (!fallBack) throw e;
      }
    }
    throw lastError;
  }

  private async authorizedRequest(lookup: Lookup, method: 'GET' | 'HEAD', url: URL, headers: Record<string, string>, followRedirects: boolean): Promise<HttpResponse> {
    const send = (authorization?: string) => this.send(lookup, method, url, { ...headers, ...(authorization ? { Authorization: authorization } : {}) }, followRedirects);
    let res = await send(lookup.authorization);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(res.headers['www-authenticate']);
    const creds = lookup.credentials.kind === 'credentials' ? lookup.credentials.credentials : undefined;
    let authorization: string | undefined;
    if (challenge?.scheme === 'bearer') {
      authorization = `Bearer ${creds?.registryToken ?? (await this.bearerToken(lookup, challenge, creds))}`;
    } else if (challenge?.scheme === 'basic') {
      if (!creds?.username) throw this.unauthorized(lookup, 401);
      authorization = basic(creds.username, creds.password ?? '');
    } else {
      throw this.unauthorized(lookup, 401);
    }
    if (authorization === lookup.authorization) return res;
    res = await send(authorization);
    if (res.status !== 401) lookup.authorization = authorization;
    return res;
  }

  /** A bearer token from the challenge's realm: anonymous, with Basic credentials, or from an identity token (OAuth2). */
  private async bearerToken(lookup: Lookup, challenge: Challenge, creds: Credentials | undefined): Promise<string> {
    const { ref } = lookup;
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('protocol', `Registry ${ref.registry} asked for a bearer token without saying where to get one.`, ref.registry);
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new RegistryError('protocol', `Registry ${ref.registry} named an invalid token service: ${realm}.`, ref.registry);
    }
    if (realmUrl.protocol !== 'https:' && !(realmUrl.protocol === 'http:' && (isLoopbackHost(realmUrl.host) || this.baseUrls(realmUrl.host).some((b) => b.startsWith('http:'))))) {
      throw new RegistryError('insecure', `Registry ${ref.registry} sends token requests to ${realmUrl.origin}, which is not HTTPS; list it in bulwark.registry.insecureRegistries if that is intended.`, ref.registry);
    }
    const service = challenge.params.service;
    const scope = challenge.params.scope ?? `repository:${ref.repository}:pull`;
    const who = creds?.identityToken ? `id:${creds.identityToken}` : creds?.username ? `basic:${creds.username}:${creds.password}` : 'anonymous';
    const key = crypto.createHash('sha256').update(`${realm}|${service}|${scope}|${who}`).digest('hex');
    const cached = this.tokens.get(key);
    if (cached && cached.expires > Date.now()) return cached.token;
    let res: HttpResponse | undefined;
    const common = { deadline: lookup.deadline, connectTimeoutMs: this.options.connectTimeoutMs, timeoutMs: this.options.timeoutMs, ca: this.options.ca, maxBodyBytes: 1024 * 1024 };
    const proxy = this.proxyFor(realmUrl);
    if (creds?.identityToken) {
      // OAuth2 refresh-token grant (https://distribution.github.io/distribution/spec/auth/oauth/).
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.identityToken, client_id: 'bulwark', ...(service ? { service } : {}), scope });
      res = await httpRequest({ ...common, method: 'POST', url: realmUrl, proxy, body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    }
    // Token servers without OAuth2 answer the POST with 404: the spec's fallback is the GET every token server supports.
    if (!res || res.status === 404 || res.status === 405) {
      const url = new URL(realmUrl);
      if (service) url.searchParams.set('service', service);
      for (const s of scope.split(' ')) if (s) url.searchParams.append('scope', s);
      if (creds?.username) url.searchParams.set('account', creds.username);
      // Not registered anywhere; identifies the client in the token server's audit log (the spec asks for one).
      url.searchParams.set('client_id', 'bulwark');
      res = await httpRequest({ ...common, method: 'GET', url, proxy, headers: creds?.username ? { Authorization: basic(creds.username, creds.password ?? '') } : {} });
    }
    if (res.status === 401 || res.status === 403) throw this.unauthorized(lookup, res.status, `The token service ${realmUrl.origin}`);
    if (res.status !== 200) {
      throw new RegistryError('protocol', `The token service ${realmUrl.origin} of registry ${ref.registry} answered HTTP ${res.status}${errorDetail(res) ? `: ${errorDetail(res)}` : ''}.`, ref.registry);
    }
    let token: string | undefined;
    // `expires_in` defaults to 60 s, counted from `issued_at` when given, else from now (the token spec).
    let expiresIn = 60;
    let issuedAt = Date.now();
    try {
      const value = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
      // `token` and `access_token` (OAuth2's name) should be equal when both are sent; `token` is the registry's own.
      const pick = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      token = pick(value.token) ?? pick(value.access_token);
      if (typeof value.expires_in === 'number' && value.expires_in > 0) expiresIn = value.expires_in;
      const issued = typeof value.issued_at === 'string' ? Date.parse(value.issued_at) : NaN;
      // A clock ahead of ours does not extend the token's life.
      if (Number.isFinite(issued)) issuedAt = Math.min(issued, issuedAt);
    } catch {
      // handled below
    }
    if (!token) throw new RegistryError('protocol', `The token service ${realmUrl.origin} of registry ${ref.registry} sent no token.`, ref.registry);
    this.tokens.set(key, { token, expires: issuedAt + Math.max(0, expiresIn - 10) * 1000 });
    return token;
  }

  private proxyFor(url: URL): URL | undefined {
    if (this.options.proxy === null) return undefined;
    if (this.options.proxy !== undefined) return new URL(this.options.proxy);
    return proxyFor(url, this.options.env ?? process.env);
  }

  /** One request, following redirects for GETs (blob downloads go to storage hosts; credentials stay behind). */
  private async send(lookup: Lookup, method: 'GET' | 'HEAD', url: URL, headers: Record<string, string>, followRedirects: boolean): Promise<HttpResponse> {
    let current = url;
    let currentHeaders = headers;
    for (let hop = 0; ; hop++) {
      const res = await httpRequest({
        method,
        url: current,
        headers: currentHeaders,
        deadline: lookup.deadline,
        connectTimeoutMs: this.options.connectTimeoutMs,
        timeoutMs: this.options.timeoutMs,
        proxy: this.proxyFor(current),
        ca: this.options.ca,
      });
      const location = headerValue(res, 'location');
      if (!followRedirects || ![301, 302, 303, 307, 308].includes(res.status) || !location || hop >= 5) return res;
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && !(next.protocol === 'http:' && current.protocol === 'http:')) {
        throw new RegistryError('insecure', `Registry ${lookup.ref.registry} redirected to ${next.origin}, which is not HTTPS.`, lookup.ref.registry);
      }
      if (next.host !== current.host) {
        const { Authorization: _dropped, ...rest } = currentHeaders;
        currentHeaders = rest;
      }
      current = next;
    }
  }
}

/** A TLS failure that means the server answered in plain text (a plain-HTTP registry), not a certificate problem. */
function speaksNoTls(e: RegistryError): boolean {
  const cause = e.cause as NodeJS.ErrnoException | undefined;
  return cause?.code === 'EPROTO' || cause?.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long|unknown protocol|http request/i.test(cause?.message ?? '');
}

function headerValue(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** The first error message of a Distribution API error body (`{"errors":[{"code":…,"message":…}]}`). */
function errorDetail(res: HttpResponse): string | undefined {
  if (res.body.length === 0) return undefined;
  try {
    const value = JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string }>; details?: string };
    const e = value.errors?.[0];
    if (e) return [e.code, e.message].filter(Boolean).join(': ').slice(0, 200);
  } catch {
    // not JSON
  }
  return undefined;
}

/** A client with default options, for one-off use. */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient(options);
}
