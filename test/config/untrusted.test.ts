import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFileProblems, resolveConfig } from '../../server/core/config';
import { memHost, yaml } from './memfs';

const files = {
  '/ws/.bulwark.yaml': yaml(
    'extends: base.yaml',
    'rules: { no-sudo: off }',
    'allRules: true',
    'trustedRegistries: [docker.io]',
    'exclude: [vendor]',
    'registry:',
    '  enabled: true',
  ),
  '/ws/base.yaml': 'failOn: warning\n',
};

describe('untrusted workspaces', () => {
  const run = (trusted: boolean, settings = {}) =>
    resolveConfig({ filePath: '/ws/Dockerfile', workspaceRoot: '/ws', host: memHost(files), trusted, settings });

  it('trusted: the workspace may turn registry lookups on', () => {
    const r = run(true);
    assert.equal(r.registry.enabled, true);
    assert.deepEqual(r.problems, []);
  });

  it('untrusted: registry lookups stay off, and the file says why at the key', () => {
    const r = run(false);
    assert.equal(r.registry.enabled, false);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0];
    assert.equal(p.path, '/ws/.bulwark.yaml');
    assert.equal(p.severity, 'info');
    assert.deepEqual(p.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 9 } });
    assert.match(p.message, /untrusted workspace/);
  });

  it('untrusted: lookups stay off even when the editor settings ask for them', () => {
    assert.equal(run(false, { registry: { enabled: true } }).registry.enabled, false);
    assert.equal(run(true, { registry: { enabled: true } }).registry.enabled, true);
  });

  it('untrusted: what only changes findings still applies (severities, allRules, registries, excludes, extends)', () => {
    const r = run(false);
    assert.deepEqual(r.options, { rules: { 'no-sudo': 'off' }, allRules: true, trustedRegistries: ['docker.io'] });
    assert.equal(r.failOn, 'warning');
    assert.deepEqual(r.exclude, ['vendor']);
  });

  it('configFileProblems shows the untrusted note on the open file', () => {
    const problems = configFileProblems({ path: '/ws/.bulwark.yaml', workspaceRoot: '/ws', host: memHost(files), trusted: false });
    assert.deepEqual(problems.map((p) => p.severity), ['info']);
  });
});
