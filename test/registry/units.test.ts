/** The registry client's pure parts: reference normalization, challenges, proxies from the environment, Docker config credentials. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseChallenge, parseChallenges } from '../../server/registry/client';
import { configKeyHost, credentialsFor, defaultDockerConfigPath } from '../../server/registry/credentials';
import { proxyFor } from '../../server/registry/http';
import { isLoopbackHost, toRegistryReference } from '../../server/registry/reference';
import { parseImageName, matchesRegistryPattern } from '../../server/core/dockerfile/image-name';

describe('references', () => {
  it('normalizes Docker Hub names and aliases', () => {
    for (const ref of ['node:20', 'docker.io/node:20', 'docker.io/library/node:20', 'index.docker.io/library/node:20', 'registry-1.docker.io/library/node:20']) {
      const r = toRegistryReference(ref);
      assert.deepEqual([r.registry, r.apiHost, r.repository, r.manifestRef, r.display], ['docker.io', 'registry-1.docker.io', 'library/node', '20', 'node:20'], ref);
    }
    const user = toRegistryReference('bitnami/redis');
    assert.deepEqual([user.repository, user.manifestRef], ['bitnami/redis', 'latest']);
  });

  it('keeps other registries as written, with ports', () => {
    for (const [ref, registry, repository] of [
      ['ghcr.io/org/app:1', 'ghcr.io', 'org/app'],
      ['quay.io/prometheus/node-exporter:v1.8.0', 'quay.io', 'prometheus/node-exporter'],
      ['us-docker.pkg.dev/proj/repo/img:2', 'us-docker.pkg.dev', 'proj/repo/img'],
      ['gcr.io/distroless/static-debian12', 'gcr.io', 'distroless/static-debian12'],
      ['public.ecr.aws/docker/library/alpine:3.20', 'public.ecr.aws', 'docker/library/alpine'],
      ['localhost:5000/x', 'localhost:5000', 'x'],
      ['[::1]:5000/x:1', '[::1]:5000', 'x'],
    ]) {
      const r = toRegistryReference(ref);
      assert.deepEqual([r.registry, r.apiHost, r.repository], [registry, registry, repository], ref);
    }
  });

  it('rejects what is not a reference', () => {
    for (const bad of ['', 'Node:20', 'node:${V}', 'node@sha256:123', 'a b']) assert.throws(() => toRegistryReference(bad), { code: 'invalid-reference' }, bad);
    assert.equal(parseImageName('node:20@sha256:' + 'a'.repeat(64))?.digest, 'sha256:' + 'a'.repeat(64));
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', 'localhost:5000', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000', '::1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['registry.local', '10.0.0.1:5000', 'ghcr.io']) assert.ok(!isLoopbackHost(h), h);
  });

  it('matches trusted-registry patterns', () => {
    const n = (r: string) => parseImageName(r)!;
    assert.ok(matchesRegistryPattern(n('node:20'), 'index.docker.io'));
    assert.ok(matchesRegistryPattern(n('eu.gcr.io/p/i:1'), '*.gcr.io'));
    assert.ok(!matchesRegistryPattern(n('gcr.io/p/i:1'), '*.gcr.io'));
    assert.ok(matchesRegistryPattern(n('harbor.corp/team/a/b:1'), 'harbor.corp/team/*'));
    assert.ok(matchesRegistryPattern(n('harbor.corp/team/a:1'), 'harbor.corp/team'));
    assert.ok(!matchesRegistryPattern(n('harbor.corp/teamx/a:1'), 'harbor.corp/team'));
    assert.ok(matchesRegistryPattern(n('harbor.corp/x/team-a:1'), 'harbor.corp/**/team-*'));
  });
});

describe('WWW-Authenticate challenges', () => {
  it('parses Docker Hub style bearer challenges', () => {
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"'), {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull' },
    });
  });
  it('parses basic challenges, unquoted values and escapes', () => {
    assert.deepEqual(parseChallenge('Basic realm="a \\"b\\"", charset=UTF-8'), { scheme: 'basic', params: { realm: 'a "b"', charset: 'UTF-8' } });
    assert.equal(parseChallenge(undefined), undefined);
  });
  it('reads every challenge of a header (or of repeated headers) and answers Bearer when offered', () => {
    const header = 'Basic realm="Registry Realm, v2", Bearer realm="https://auth.example/token",service="reg.example",scope="repository:a/b:pull repository:a/c:pull"';
    assert.deepEqual(parseChallenges(header), [
      { scheme: 'basic', params: { realm: 'Registry Realm, v2' } },
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'reg.example', scope: 'repository:a/b:pull repository:a/c:pull' } },
    ]);
    assert.equal(parseChallenge(header)?.scheme, 'bearer');
    assert.equal(parseChallenge(header)?.params.realm, 'https://auth.example/token');
    assert.deepEqual(parseChallenge(['Basic realm="x"', 'Bearer realm="https://t/token"']), { scheme: 'bearer', params: { realm: 'https://t/token' } });
    assert.deepEqual(parseChallenge('Basic realm="only"'), { scheme: 'basic', params: { realm: 'only' } });
  });
});

describe('proxies from the environment', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'proxy.corp:8080', NO_PROXY: 'internal.corp,.svc,registry.local:5000' };
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http', () => {
    assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), env)?.href, 'http://proxy.corp:3128/');
    assert.equal(proxyFor(new URL('http://example.org/v2/'), env)?.href, 'http://proxy.corp:8080/');
  });
  it('honours NO_PROXY (hosts, suffixes, ports) and never proxies loopback', () => {
    assert.equal(proxyFor(new URL('https://internal.corp/v2/'), env), undefined);
    assert.equal(proxyFor(new URL('https://reg.internal.corp/v2/'), env), undefined);
    assert.equal(proxyFor(new URL('https://a.b.svc/v2/'), env), undefined);
    assert.equal(proxyFor(new URL('https://registry.local:5000/v2/'), env), undefined);
    assert.ok(proxyFor(new URL('https://registry.local:5001/v2/'), env));
    assert.equal(proxyFor(new URL('https://127.0.0.1:5000/v2/'), env), undefined);
    assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), { ...env, no_proxy: '*' }), undefined);
    assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), {}), undefined);
  });
});

describe('Docker config credentials', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('finds Docker Hub under its legacy key and decodes auth', () => {
    const c = credentialsFor({ auths: { 'https://index.docker.io/v1/': { auth: b64('me:pa:ss') } } }, 'docker.io');
    assert.deepEqual(c, { kind: 'credentials', credentials: { username: 'me', password: 'pa:ss' }, source: 'Docker config' });
  });
  it('normalizes keys with schemes and paths', () => {
    assert.equal(configKeyHost('https://ghcr.io/v2/'), 'ghcr.io');
    assert.equal(configKeyHost('registry.corp:5000'), 'registry.corp:5000');
    assert.equal(configKeyHost('https://registry-1.docker.io'), 'docker.io');
  });
  it('reports helpers: per registry first, then the store, unless auths has usable credentials', () => {
    assert.deepEqual(credentialsFor({ credHelpers: { 'ghcr.io': 'gh' }, credsStore: 'desktop' }, 'ghcr.io'), { kind: 'helper', helper: 'gh', source: 'Docker config' });
    assert.deepEqual(credentialsFor({ auths: { 'ghcr.io': {} }, credsStore: 'desktop' }, 'ghcr.io'), { kind: 'helper', helper: 'desktop', source: 'Docker config' });
    assert.equal(credentialsFor({ auths: { 'ghcr.io': { auth: b64('a:b') } }, credsStore: 'desktop' }, 'ghcr.io').kind, 'credentials');
    assert.deepEqual(credentialsFor({}, 'ghcr.io'), { kind: 'none' });
    assert.deepEqual(credentialsFor(undefined, 'ghcr.io'), { kind: 'none' });
  });
  it('finds the config through DOCKER_CONFIG', () => {
    assert.equal(defaultDockerConfigPath({ DOCKER_CONFIG: '/x/cfg' }), '/x/cfg/config.json');
    assert.match(defaultDockerConfigPath({}), /\.docker\/config\.json$/);
  });
});
