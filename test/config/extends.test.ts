import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFileProblems, resolveConfig } from '../../server/core/config';
import { memHost, yaml } from './memfs';

const resolve = (files: Record<string, string>, filePath = '/ws/Dockerfile', trusted = true) =>
  resolveConfig({ filePath, workspaceRoot: '/ws', host: memHost(files), trusted });

const at = (p: { range: { start: { line: number; character: number } } }) => [p.range.start.line, p.range.start.character];

describe('extends', () => {
  it('the file itself wins over what it extends; later entries win over earlier ones', () => {
    const r = resolve({
      '/ws/.bulwark.yaml': yaml('extends: [config/base.yaml, config/strict.yaml]', 'rules: { no-sudo: info }'),
      '/ws/config/base.yaml': yaml('rules: { no-sudo: off, no-root-user: off, apt-pin-versions: off }', 'failOn: info'),
      '/ws/config/strict.yaml': yaml('extends: ./base-of-strict.yaml', 'rules: { no-root-user: error }'),
      '/ws/config/base-of-strict.yaml': yaml('rules: { apt-pin-versions: warning }', 'failOn: warning'),
    });
    assert.deepEqual(r.options.rules, { 'no-sudo': 'info', 'no-root-user': 'error', 'apt-pin-versions': 'warning' });
    assert.equal(r.failOn, 'warning');
    assert.deepEqual(r.sources, ['/ws/config/base.yaml', '/ws/config/base-of-strict.yaml', '/ws/config/strict.yaml', '/ws/.bulwark.yaml']);
    assert.deepEqual(r.problems, []);
  });

  it('a string or a list; `..` paths inside the workspace are fine', () => {
    const r = resolve(
      { '/ws/svc/.bulwark.yaml': 'extends: ../shared/bulwark.yaml\n', '/ws/shared/bulwark.yaml': 'allRules: true\n' },
      '/ws/svc/Dockerfile',
    );
    assert.equal(r.options.allRules, true);
    assert.deepEqual(r.problems, []);
  });

  it('a cycle is reported at the entry that closes it and not followed; the rest still applies', () => {
    const files = {
      '/ws/.bulwark.yaml': yaml('extends: a.yaml', 'rules: { no-sudo: info }'),
      '/ws/a.yaml': yaml('extends: [b.yaml]', 'rules: { no-root-user: off }'),
      '/ws/b.yaml': yaml('failOn: info', 'extends:', '  - a.yaml'),
    };
    const r = resolve(files);
    assert.deepEqual(r.options.rules, { 'no-root-user': 'off', 'no-sudo': 'info' });
    assert.equal(r.failOn, 'info');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].path, '/ws/b.yaml');
    assert.deepEqual(at(r.problems[0]), [2, 4]);
    assert.match(r.problems[0].message, /cycle \(\.bulwark\.yaml → a\.yaml → b\.yaml → a\.yaml\)/);
    const self = resolve({ '/ws/.bulwark.yaml': 'extends: ./.bulwark.yaml\nfailOn: info\n' });
    assert.equal(self.failOn, 'info');
    assert.match(self.problems[0].message, /cycle/);
  });

  it('URLs, absolute paths, paths leaving the workspace and missing files are problems, never read', () => {
    const host = memHost({
      '/ws/.bulwark.yaml': yaml(
        'extends:',
        '  - https://example.com/bulwark.yaml',
        '  - /etc/bulwark.yaml',
        '  - ../outside.yaml',
        '  - missing.yaml',
        '  - ~/bulwark.yaml',
        'failOn: info',
      ),
      '/etc/bulwark.yaml': 'failOn: none\n',
      '/outside.yaml': 'failOn: none\n',
    });
    const r = resolveConfig({ filePath: '/ws/Dockerfile', workspaceRoot: '/ws', host, trusted: true });
    assert.equal(r.failOn, 'info');
    assert.deepEqual(
      r.problems.map((p) => [at(p)[0], p.severity, p.message.replace(/:.*/, '')]),
      [
        [1, 'error', '`https'],
        [2, 'error', '`/etc/bulwark.yaml` is not a relative path'],
        [3, 'error', '`../outside.yaml` is outside the workspace'],
        [4, 'error', '`missing.yaml` does not exist (resolved to missing.yaml).'],
        [5, 'error', '`~/bulwark.yaml` is not a relative path'],
      ],
    );
    assert.match(r.problems[0].message, /is a URL: `extends` only reads files inside the workspace and never downloads/);
    assert.ok(!host.reads.includes('/etc/bulwark.yaml') && !host.reads.includes('/outside.yaml'));
  });

  it("globs in an extended file are relative to the folder of the .bulwark.yaml that uses it", () => {
    const files = {
      '/ws/svc/.bulwark.yaml': 'extends: ../shared/base.yaml\n',
      '/ws/shared/base.yaml': yaml('exclude: ["gen/**"]', 'overrides:', '  - files: ["**/Dockerfile.dev"]', '    rules: { no-root-user: off }'),
    };
    const dev = resolve(files, '/ws/svc/app/Dockerfile.dev');
    assert.deepEqual(dev.options.rules, { 'no-root-user': 'off' });
    assert.deepEqual(dev.exclude, ['svc/gen/**']);
    assert.equal(resolve(files, '/ws/svc/gen/Dockerfile').excluded, true);
  });

  it('configFileProblems reports one file on its own, with unsaved text', () => {
    const host = memHost({ '/ws/.bulwark.yaml': 'failOn: info\n', '/ws/base.yaml': 'rules: { nope: off }\n' });
    assert.deepEqual(configFileProblems({ path: '/ws/.bulwark.yaml', workspaceRoot: '/ws', host, trusted: true }), []);
    const problems = configFileProblems({
      path: '/ws/.bulwark.yaml',
      text: yaml('extends: [base.yaml, gone.yaml]', 'failOn: sometimes'),
      workspaceRoot: '/ws',
      host,
      trusted: true,
    });
    assert.deepEqual(
      problems.map((p) => [p.path, ...at(p)]),
      [
        ['/ws/.bulwark.yaml', 1, 8],
        ['/ws/.bulwark.yaml', 0, 21],
      ],
      "only this file's problems (base.yaml's unknown rule is base.yaml's)",
    );
  });
});

describe('overrides', () => {
  const files = {
    '/ws/.bulwark.yaml': yaml(
      'rules: { no-root-user: error, no-sudo: warning }',
      'overrides:',
      '  - files: ["legacy/**", "**/*.dev.Dockerfile"]',
      '    rules: { no-root-user: off, DL3004: info }',
      '  - files: "legacy/keep/**"',
      '    rules: { no-root-user: warning }',
    ),
    '/ws/svc/.bulwark.yaml': yaml('overrides:', '  - files: ["Dockerfile"]', '    rules: { no-sudo: off }'),
  };
  const rulesOf = (p: string) => resolve(files, p).options.rules;

  it('apply to the files their globs match, relative to their file', () => {
    assert.deepEqual(rulesOf('/ws/Dockerfile'), { 'no-root-user': 'error', 'no-sudo': 'warning' });
    assert.deepEqual(rulesOf('/ws/legacy/a/Dockerfile'), { 'no-root-user': 'off', 'no-sudo': 'info' });
    assert.deepEqual(rulesOf('/ws/x/y/app.dev.Dockerfile'), { 'no-root-user': 'off', 'no-sudo': 'info' });
    assert.deepEqual(rulesOf('/ws/svc/Dockerfile'), { 'no-root-user': 'error', 'no-sudo': 'off' });
    assert.deepEqual(rulesOf('/ws/svc/sub/Dockerfile'), { 'no-root-user': 'error', 'no-sudo': 'warning' }, 'a glob without ** matches at its folder only');
  });

  it('later overrides win over earlier ones', () => {
    assert.deepEqual(rulesOf('/ws/legacy/keep/Dockerfile'), { 'no-root-user': 'warning', 'no-sudo': 'info' });
  });

  it("a nearer file's rules win over a farther file's overrides", () => {
    const r = resolve(
      {
        '/ws/.bulwark.yaml': yaml('overrides:', '  - files: ["svc/**"]', '    rules: { no-sudo: off }'),
        '/ws/svc/.bulwark.yaml': 'rules: { no-sudo: error }\n',
      },
      '/ws/svc/Dockerfile',
    );
    assert.deepEqual(r.options.rules, { 'no-sudo': 'error' });
  });
});
