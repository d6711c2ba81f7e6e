/**
 * `trustedRegistries` from `.hadolint.yaml` (hadolint's DL3026 list) or `.bulwark.yaml`, resolved by the core, drives
 * untrusted-registry on Dockerfiles and compose-untrusted-registry on Compose files alike.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../server/core/config';
import { analyze, initializeCore } from '../../server/core/engine';
import { memHost, yaml } from './memfs';

before(() => initializeCore());

const DOCKERFILE = 'FROM python:3.12\nFROM eu.gcr.io/p/app:1\nFROM ghcr.io/o/a:1\nFROM harbor.corp/team/base:1\nFROM harbor.corp/other/base:1\n';
const COMPOSE = 'services:\n  a:\n    image: redis:7.2\n  b:\n    image: quay.io/x/tool:1\n  c:\n    image: harbor.corp/team/api:2\n  d:\n    image: registry.corp:5000/db:1\n';

function lint(files: Record<string, string>, filePath: string, text: string) {
  const config = resolveConfig({ filePath, workspaceRoot: '/ws', host: memHost(files), trusted: true });
  const kind = filePath.endsWith('.yaml') ? 'compose' : 'dockerfile';
  return analyze(text, { ...config.options, kind, path: filePath, host: { exists: () => false } })
    .findings.filter((f) => f.ruleId === 'untrusted-registry' || f.ruleId === 'compose-untrusted-registry')
    .map((f) => `${f.ruleId}@${f.range.start.line + 1}`);
}

describe('trustedRegistries from configuration files', () => {
  const hadolint = { '/ws/.hadolint.yaml': yaml('trustedRegistries:', '  - docker.io', '  - "*.gcr.io"', '  - harbor.corp/team/*', '  - registry.corp:5000') };

  it('.hadolint.yaml: Dockerfile FROM and Compose image: are judged by the same list', () => {
    assert.deepEqual(lint(hadolint, '/ws/Dockerfile', DOCKERFILE), ['untrusted-registry@3', 'untrusted-registry@5']);
    assert.deepEqual(lint(hadolint, '/ws/compose.yaml', COMPOSE), ['compose-untrusted-registry@5']);
  });

  it('.bulwark.yaml wins over .hadolint.yaml; without a list nothing is reported', () => {
    const both = { ...hadolint, '/ws/.bulwark.yaml': 'trustedRegistries: [index.docker.io]\n' };
    assert.deepEqual(lint(both, '/ws/compose.yaml', COMPOSE), ['compose-untrusted-registry@5', 'compose-untrusted-registry@7', 'compose-untrusted-registry@9']);
    assert.deepEqual(lint({}, '/ws/compose.yaml', COMPOSE), []);
    assert.deepEqual(lint({}, '/ws/Dockerfile', DOCKERFILE), []);
  });
});
