/** `configFile` (the CLI's `--config`): an explicit file used instead of the discovered ones. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../server/core/config';
import { memHost, yaml } from './memfs';

const resolve = (files: Record<string, string>, configFile: string, filePath = '/ws/app/Dockerfile') =>
  resolveConfig({ filePath, workspaceRoot: '/ws', host: memHost(files), trusted: true, configFile });

describe('resolveConfig: an explicit configuration file', () => {
  const discovered = {
    '/ws/.bulwark.yaml': yaml('failOn: info', 'rules:', '  no-sudo: off'),
    '/ws/app/.bulwark.yaml': yaml('rules:', '  apt-pin-versions: off'),
    '/ws/app/.hadolint.yaml': yaml('ignored: [DL3004]'),
  };

  it('replaces every discovered .bulwark.yaml and .hadolint.yaml', () => {
    const r = resolve({ ...discovered, '/ws/ci/bulwark.yaml': yaml('rules:', '  no-root-user: error') }, '/ws/ci/bulwark.yaml');
    assert.deepEqual(r.options, { rules: { 'no-root-user': 'error' } });
    assert.equal(r.failOn, 'error', 'the root .bulwark.yaml (failOn: info) is not read');
    assert.deepEqual(r.sources, ['/ws/ci/bulwark.yaml']);
    assert.deepEqual(r.problems, []);
  });

  it('without it the same tree resolves from the discovered files (the test above is not vacuous)', () => {
    const r = resolveConfig({ filePath: '/ws/app/Dockerfile', workspaceRoot: '/ws', host: memHost(discovered), trusted: true });
    assert.equal(r.failOn, 'info');
    assert.deepEqual(r.options.rules, { 'no-sudo': 'off', 'apt-pin-versions': 'off' });
  });

  it('its globs are relative to the workspace root, wherever the file is kept', () => {
    const files = {
      '/ws/ci/bulwark.yaml': yaml('exclude: ["vendor/**"]', 'overrides:', '  - files: ["app/**"]', '    rules:', '      no-sudo: info'),
    };
    const vendored = resolve(files, '/ws/ci/bulwark.yaml', '/ws/vendor/x/Dockerfile');
    assert.equal(vendored.excluded, true);
    assert.deepEqual(vendored.exclude, ['vendor/**']);
    const app = resolve(files, '/ws/ci/bulwark.yaml');
    assert.equal(app.excluded, false);
    assert.deepEqual(app.options.rules, { 'no-sudo': 'info' });
  });

  it('a file named *hadolint* is read as a hadolint configuration', () => {
    const r = resolve(
      { '/ws/ci/.hadolint.yaml': yaml('ignored: [DL3008]', 'failure-threshold: warning', 'disable-ignore-pragma: true') },
      '/ws/ci/.hadolint.yaml',
    );
    assert.deepEqual(r.options, { rules: { 'apt-pin-versions': 'off' }, hadolintPragmas: false });
    assert.equal(r.failOn, 'warning');
  });

  it('follows its extends; outside the workspace, within its own folder only', () => {
    const inside = resolve(
      { '/ws/ci/bulwark.yaml': yaml('extends: [./base.yaml]'), '/ws/ci/base.yaml': yaml('failOn: warning') },
      '/ws/ci/bulwark.yaml',
    );
    assert.equal(inside.failOn, 'warning');
    assert.deepEqual(inside.sources, ['/ws/ci/base.yaml', '/ws/ci/bulwark.yaml']);

    const files = {
      '/etc/bulwark/config.yaml': yaml('extends: [./base.yaml, ../secret.yaml]'),
      '/etc/bulwark/base.yaml': yaml('failOn: info'),
      '/etc/secret.yaml': yaml('failOn: none'),
    };
    const outside = resolve(files, '/etc/bulwark/config.yaml');
    assert.equal(outside.failOn, 'info');
    assert.equal(outside.problems.length, 1);
    assert.equal(outside.problems[0].path, '/etc/bulwark/config.yaml');
    assert.equal(outside.problems[0].range.start.line, 0);
    assert.match(outside.problems[0].message, /outside the workspace/);
  });

  it('its problems are reported with their place; flags stay over it', () => {
    const r = resolveConfig({
      filePath: '/ws/Dockerfile',
      workspaceRoot: '/ws',
      host: memHost({ '/ws/ci/bulwark.yaml': yaml('failOn: warning', 'rules:', '  no-sudo: loud') }),
      trusted: true,
      configFile: '/ws/ci/bulwark.yaml',
      flags: { failOn: 'info' },
    });
    assert.equal(r.failOn, 'info');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'error');
    assert.equal(r.problems[0].path, '/ws/ci/bulwark.yaml');
    assert.equal(r.problems[0].range.start.line, 2);
  });

  it('a missing file is an error problem, not a silent default', () => {
    const r = resolve(discovered, '/ws/nope.yaml');
    assert.equal(r.failOn, 'error');
    assert.deepEqual(r.options, {});
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.severity]),
      [['/ws/nope.yaml', 'error']],
    );
  });
});
