/**
 * The one HTTP primitive the registry client uses: node's http/https with a connect timeout and an overall deadline,
 * a size cap on bodies, and proxies from the environment (`HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`, lower-case too):
 * HTTPS goes through a CONNECT tunnel, plain HTTP is forwarded. Every failure becomes a RegistryError whose message
 * names the host and says what to do.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { RegistryError } from './errors';
import { isLoopbackHost } from './reference';

export interface HttpRequestOptions {
  method: 'GET' | 'HEAD' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /** Epoch milliseconds by which the whole exchange must be done. */
  deadline: number;
  /** Milliseconds allowed for the TCP connection (to the server or the proxy). */
  connectTimeoutMs: number;
  /** The proxy to go through, if any (see `proxyFor`). */
  proxy?: URL;
  /** Extra trusted CA certificates (PEM), added to the system's. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Bodies larger than this fail (default 4 MiB). */
  maxBodyBytes?: number;
  /** The overall timeout, for messages. */
  timeoutMs: number;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  url: URL;
}

/**
 * The proxy for a URL from the environment, as curl and Go read it: `HTTPS_PROXY` for https, `HTTP_PROXY` for http
 * (`ALL_PROXY` for both), lower-case names first; `NO_PROXY` lists hosts, domain suffixes (`.corp`, `corp`), `host:port`
 * or `*`. Loopback hosts never go through a proxy.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (isLoopbackHost(host)) return undefined;
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '');
  const value = url.protocol === 'https:' ? pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY') : pick('http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
  if (!value) return undefined;
  const noProxy = pick('no_proxy', 'NO_PROXY') ?? '';
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return undefined;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry)!;
    const name = m[1].replace(/^\*?\./, '');
    if (m[2] && m[2] !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return undefined;
  }
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new RegistryError('proxy', `The proxy setting \`${value}\` is not a valid URL.`);
  }
}

function describeNetworkError(err: NodeJS.ErrnoException, host: string): RegistryError {
  const code = err.code ?? '';
  if (err instanceof RegistryError) return err;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ECONNRESET', 'EPIPE'].includes(code)) {
    const what =
      code === 'ECONNREFUSED' ? 'the connection was refused'
      : code === 'ENOTFOUND' ? 'the host name does not resolve'
      : code === 'EAI_AGAIN' ? 'the host name could not be resolved (DNS is not answering)'
      : code === 'ECONNRESET' || code === 'EPIPE' ? 'the connection was reset'
      : 'there is no route to it';
    return new RegistryError('unreachable', `Cannot reach registry ${host}: ${what} (${code}).`, host, { cause: err });
  }
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|EPROTO|HOSTNAME_MISMATCH)/.test(code) || /SSL|TLS|certificate/i.test(err.message)) {
    return new RegistryError(
      'tls',
      `TLS connection to registry ${host} failed: ${err.message}${code ? ` (${code})` : ''}. If it uses a private certificate authority, add it to NODE_EXTRA_CA_CERTS; if it only speaks plain HTTP, list it in bulwark.registry.insecureRegistries.`,
      host,
      { cause: err },
    );
  }
  return new RegistryError('unreachable', `Request to registry ${host} failed: ${err.message}${code ? ` (${code})` : ''}.`, host, { cause: err });
}

function timeoutError(host: string, ms: number, connecting: boolean): RegistryError {
  return new RegistryError(
    'timeout',
    connecting
      ? `Registry ${host} did not accept a connection within ${ms} ms.`
      : `Registry ${host} did not answer within ${ms} ms (bulwark.registry.timeout).`,
    host,
  );
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return { 'Proxy-Authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

/** Opens a CONNECT tunnel to `target` through `proxy`. */
function tunnel(proxy: URL, target: URL, opts: HttpRequestOptions): Promise<net.Socket> {
  const targetPort = Number(target.port || 443);
  const proxyPort = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
  const authority = `${target.hostname}:${targetPort}`;
  return new Promise((resolve, reject) => {
    const lib = proxy.protocol === 'https:' ? https : http;
    const req = lib.request({
      host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: proxyPort,
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority, ...proxyAuthorization(proxy) },
      ...(proxy.protocol === 'https:' && opts.ca ? { ca: withSystemCas(opts.ca) } : {}),
    });
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e instanceof RegistryError ? e : new RegistryError('proxy', `Proxy ${proxy.host} failed to open a tunnel to ${authority}: ${e.message}.`, target.host, { cause: e }));
    };
    const remaining = Math.max(1, opts.deadline - Date.now());
    const timer = setTimeout(() => req.destroy(new RegistryError('timeout', `Proxy ${proxy.host} did not open a tunnel to ${authority} within ${opts.timeoutMs} ms.`, target.host)), Math.min(remaining, opts.connectTimeoutMs));
    req.once('connect', (res, socket) => {
      clearTimeout(timer);
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new RegistryError('proxy', `Proxy ${proxy.host} refused the tunnel to ${authority} (HTTP ${res.statusCode}${res.statusCode === 407 ? ': proxy authentication required' : ''}).`, target.host));
        return;
      }
      resolve(socket);
    });
    req.once('error', fail);
    req.end();
  });
}

let systemCas: string[] | undefined;
function withSystemCas(ca: string | Buffer | Array<string | Buffer>): Array<string | Buffer> {
  systemCas ??= [...tls.rootCertificates];
  return [...systemCas, ...(Array.isArray(ca) ? ca : [ca])];
}

/** One HTTP exchange (no redirects followed). */
export async function httpRequest(opts: HttpRequestOptions): Promise<HttpResponse> {
  const { url } = opts;
  const host = url.host;
  if (Date.now() >= opts.deadline) throw timeoutError(host, opts.timeoutMs, false);
  const secure = url.protocol === 'https:';
  const headers: Record<string, string> = { 'User-Agent': 'bulwark-registry-client', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (secure ? 443 : 80));
  let requestOptions: https.RequestOptions;
  if (opts.proxy && secure) {
    const socket = await tunnel(opts.proxy, url, opts);
    const tlsSocket = tls.connect({ socket, servername: net.isIP(hostname) ? undefined : hostname, ...(opts.ca ? { ca: withSystemCas(opts.ca) } : {}) });
    // No `agent`: node then connects through `createConnection`, here the TLS session inside the tunnel.
    requestOptions = { host: hostname, port, method: opts.method, path: url.pathname + url.search, headers, createConnection: () => tlsSocket };
  } else if (opts.proxy) {
    const proxyPort = Number(opts.proxy.port || 80);
    requestOptions = {
      host: opts.proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: proxyPort,
      method: opts.method,
      path: url.href,
      headers: { ...headers, Host: url.host, ...proxyAuthorization(opts.proxy) },
      agent: false,
    };
  } else {
    requestOptions = {
      host: hostname,
      port,
      method: opts.method,
      path: url.pathname + url.search,
      headers,
      agent: false,
      ...(secure ? { servername: net.isIP(hostname) ? undefined : hostname } : {}),
      ...(secure && opts.ca ? { ca: withSystemCas(opts.ca) } : {}),
    };
  }
  const lib = secure ? https : http;
  const max = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const done = (e: Error | undefined, r?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      clearTimeout(connectTimer);
      if (e) reject(e);
      else resolve(r!);
    };
    const req = lib.request(requestOptions);
    const overall = setTimeout(() => req.destroy(timeoutError(host, opts.timeoutMs, false)), Math.max(1, opts.deadline - Date.now()));
    let connectTimer: NodeJS.Timeout | undefined;
    req.once('socket', (socket: net.Socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(() => req.destroy(timeoutError(opts.proxy ? opts.proxy.host : host, opts.connectTimeoutMs, true)), opts.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.once('error', (e: NodeJS.ErrnoException) => done(describeNetworkError(e, host)));
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max) {
          req.destroy(new RegistryError('protocol', `Registry ${host} sent more than ${max} bytes for ${url.pathname}.`, host));
          return;
        }
        chunks.push(chunk);
      });
      res.once('end', () => done(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
      res.once('error', (e: NodeJS.ErrnoException) => done(describeNetworkError(e, host)));
    });
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
