import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../server/core/config';
import type { ConfigCache } from '../../server/core/config';
import { memHost, yaml } from './memfs';

const resolve = (files: Record<string, string>, filePath = '/ws/Dockerfile', extra: Partial<Parameters<typeof resolveConfig>[0]> = {}) =>
  resolveConfig({ filePath, workspaceRoot: '/ws', host: memHost(files), trusted: true, ...extra });

describe('resolveConfig: defaults and layering', () => {
  it('no configuration: defaults, no problems, no sources', () => {
    const r = resolve({});
    assert.deepEqual(r.options, {});
    assert.equal(r.failOn, 'error');
    assert.deepEqual(r.registry, { enabled: false });
    assert.equal(r.trustedRegistries, undefined);
    assert.deepEqual(r.exclude, []);
    assert.equal(r.excluded, false);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.sources, []);
  });

  it('reads every key of .bulwark.yaml; rule aliases become ids', () => {
    const r = resolve({
      '/ws/.bulwark.yaml': yaml(
        'rules:',
        '  no-root-user: error',
        '  DL3008: off',
        '  JSONArgsRecommended: info',
        'allRules: true',
        'trustedRegistries: ["*.gcr.io", "registry.corp:5000"]',
        'exclude: ["vendor/**"]',
        'failOn: warning',
        'registry: { enabled: true }',
      ),
    });
    assert.deepEqual(r.options, {
      rules: { 'no-root-user': 'error', 'apt-pin-versions': 'off', 'json-args': 'info' },
      allRules: true,
      trustedRegistries: ['*.gcr.io', 'registry.corp:5000'],
    });
    assert.deepEqual(r.trustedRegistries, ['*.gcr.io', 'registry.corp:5000']);
    assert.equal(r.failOn, 'warning');
    assert.deepEqual(r.registry, { enabled: true });
    assert.deepEqual(r.exclude, ['vendor/**']);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.sources, ['/ws/.bulwark.yaml']);
  });

  it('accepts .bulwark.yml, and reports a .yml shadowed by a .yaml in the same folder', () => {
    assert.deepEqual(resolve({ '/ws/.bulwark.yml': 'failOn: info\n' }).failOn, 'info');
    const r = resolve({ '/ws/.bulwark.yaml': 'failOn: info\n', '/ws/.bulwark.yml': 'failOn: warning\n' });
    assert.equal(r.failOn, 'info');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].path, '/ws/.bulwark.yml');
    assert.match(r.problems[0].message, /not read: \.bulwark\.yaml in the same folder/);
  });

  it('nearest file wins, key by key, from the workspace root down to the file', () => {
    const files = {
      '/ws/.bulwark.yaml': yaml('rules: { no-sudo: warning, no-root-user: off }', 'failOn: warning', 'trustedRegistries: [docker.io]'),
      '/ws/svc/.bulwark.yaml': yaml('rules: { no-sudo: info }', 'trustedRegistries: [ghcr.io]'),
      '/ws/svc/api/.bulwark.yaml': yaml('rules: { no-root-user: error }'),
    };
    const deep = resolve(files, '/ws/svc/api/Dockerfile');
    assert.deepEqual(deep.options.rules, { 'no-sudo': 'info', 'no-root-user': 'error' });
    assert.equal(deep.failOn, 'warning', 'keys a nearer file leaves out come from farther ones');
    assert.deepEqual(deep.trustedRegistries, ['ghcr.io'], 'lists are replaced, not merged');
    assert.deepEqual(deep.sources, ['/ws/.bulwark.yaml', '/ws/svc/.bulwark.yaml', '/ws/svc/api/.bulwark.yaml']);
    const sibling = resolve(files, '/ws/web/Dockerfile');
    assert.deepEqual(sibling.options.rules, { 'no-sudo': 'warning', 'no-root-user': 'off' });
    assert.deepEqual(sibling.sources, ['/ws/.bulwark.yaml']);
  });

  it('root: true stops the search (Bulwark and hadolint files above it are not read)', () => {
    const host = memHost({
      '/ws/.bulwark.yaml': 'rules: { no-sudo: off }\n',
      '/ws/.hadolint.yaml': 'ignored: [DL3002]\n',
      '/ws/pkg/.bulwark.yaml': 'root: true\nfailOn: info\n',
    });
    const r = resolveConfig({ filePath: '/ws/pkg/a/Dockerfile', workspaceRoot: '/ws', host, trusted: true });
    assert.deepEqual(r.options, {});
    assert.equal(r.failOn, 'info');
    assert.deepEqual(r.sources, ['/ws/pkg/.bulwark.yaml']);
    assert.ok(!host.reads.includes('/ws/.bulwark.yaml'));
  });

  it('never reads above the workspace root; a file outside the workspace uses only its own folder', () => {
    const host = memHost({ '/.bulwark.yaml': 'failOn: info\n', '/other/.bulwark.yaml': 'failOn: warning\n', '/other/x/.bulwark.yaml': 'allRules: true\n' });
    assert.equal(resolveConfig({ filePath: '/ws/Dockerfile', workspaceRoot: '/ws', host, trusted: true }).failOn, 'error');
    const outside = resolveConfig({ filePath: '/other/x/Dockerfile', workspaceRoot: '/ws', host, trusted: true });
    assert.deepEqual(outside.sources, ['/other/x/.bulwark.yaml']);
    const noRoot = resolveConfig({ filePath: '/other/x/Dockerfile', host, trusted: true });
    assert.deepEqual(noRoot.sources, ['/other/x/.bulwark.yaml']);
  });

  it('editor settings sit under the repository files; CLI flags over them', () => {
    const files = { '/ws/.bulwark.yaml': yaml('rules: { no-sudo: info }', 'failOn: warning') };
    const settings = { rules: { 'no-sudo': 'off' as const, 'no-root-user': 'off' as const }, failOn: 'none' as const, allRules: true };
    const r = resolve(files, '/ws/Dockerfile', { settings });
    assert.deepEqual(r.options.rules, { 'no-sudo': 'info', 'no-root-user': 'off' }, 'the file decides no-sudo; settings fill the rest');
    assert.equal(r.failOn, 'warning');
    assert.equal(r.options.allRules, true);
    const flagged = resolve(files, '/ws/Dockerfile', { settings, flags: { failOn: 'info', rules: { DL3004: 'error' } } });
    assert.equal(flagged.failOn, 'info');
    assert.equal(flagged.options.rules?.['no-sudo'], 'error');
  });

  it('editor settings are read defensively: bad values are problems naming the setting', () => {
    const settings = { rules: { 'no-sudo': 'loud', 'no-sudoo': 'off' }, allRules: 'yes', exclude: 3, failOn: 'sometimes', registry: { enabled: 'on' } };
    const r = resolve({}, '/ws/Dockerfile', { settings: settings as never });
    assert.deepEqual(r.options, {});
    assert.deepEqual(
      r.problems.map((p) => [p.setting, p.severity]),
      [
        ['bulwark.rules', 'error'],
        ['bulwark.rules', 'warning'],
        ['bulwark.allRules', 'error'],
        ['bulwark.exclude', 'error'],
        ['bulwark.failOn', 'error'],
        ['bulwark.registry.enabled', 'error'],
      ],
    );
    assert.match(r.problems[1].message, /did you mean `no-sudo`\?/);
    assert.ok(r.problems.every((p) => p.path === undefined));
  });

  it('excludes: relative to the file that wrote them, added up across layers, folders cover what is below', () => {
    const files = {
      '/ws/.bulwark.yaml': 'exclude: ["third_party"]\n',
      '/ws/svc/.bulwark.yaml': 'exclude: ["gen/**", "./legacy/"]\n',
    };
    const settings = { exclude: ['**/testdata/**'] };
    const at = (p: string) => resolve(files, p, { settings });
    assert.deepEqual(at('/ws/svc/Dockerfile').exclude, ['**/testdata/**', 'third_party', 'svc/gen/**', 'svc/legacy']);
    assert.equal(at('/ws/svc/Dockerfile').excluded, false);
    assert.equal(at('/ws/svc/gen/Dockerfile').excluded, true);
    assert.equal(at('/ws/svc/legacy/old/Dockerfile').excluded, true, 'a matching folder covers everything below');
    assert.equal(at('/ws/third_party/x/Dockerfile').excluded, true);
    assert.equal(at('/ws/gen/Dockerfile').excluded, false, "svc's globs do not reach outside svc");
    assert.equal(at('/ws/a/testdata/b/Dockerfile').excluded, true);
    assert.equal(at('/ws/.hidden/testdata/Dockerfile').excluded, true, 'dot folders match');
  });

  it('a cache reuses parsed files while their text is unchanged', () => {
    const cache: ConfigCache = new Map();
    const host = memHost({ '/ws/.bulwark.yaml': 'failOn: info\n' });
    const run = () => resolveConfig({ filePath: '/ws/Dockerfile', workspaceRoot: '/ws', host, trusted: true, cache });
    assert.equal(run().failOn, 'info');
    const entry = cache.get('bulwark:/ws/.bulwark.yaml');
    assert.ok(entry);
    run();
    assert.equal(cache.get('bulwark:/ws/.bulwark.yaml'), entry);
    host.files.set('/ws/.bulwark.yaml', 'failOn: warning\n');
    assert.equal(run().failOn, 'warning');
  });

  it('an empty or comment-only file is no configuration and no problem', () => {
    const r = resolve({ '/ws/.bulwark.yaml': '# nothing yet\n' });
    assert.deepEqual(r.options, {});
    assert.deepEqual(r.problems, []);
  });
});
