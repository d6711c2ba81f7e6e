import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../server/core/config';
import { analyze, initializeCore } from '../../server/core/engine';
import { memHost, yaml } from './memfs';

before(() => initializeCore());

const resolve = (files: Record<string, string>, filePath = '/ws/Dockerfile') =>
  resolveConfig({ filePath, workspaceRoot: '/ws', host: memHost(files), trusted: true });

const at = (p: { range: { start: { line: number; character: number } } }) => [p.range.start.line, p.range.start.character];

describe('.hadolint.yaml', () => {
  it('maps every documented key through the rule aliases', () => {
    const r = resolve({
      '/ws/.hadolint.yaml': yaml(
        'ignored:',
        '  - DL3008',
        '  - SC2086',
        'override:',
        '  error: [DL3002]',
        '  warning: [DL3015]',
        '  info: [DL3004]',
        '  style: [DL3025]',
        'trustedRegistries:',
        '  - docker.io',
        '  - my-company.com:5000',
        'failure-threshold: warning',
        'disable-ignore-pragma: true',
      ),
    });
    assert.deepEqual(r.options, {
      rules: {
        'no-root-user': 'error',
        'apt-no-install-recommends': 'warning',
        'no-sudo': 'info',
        'json-args': 'info',
        'apt-pin-versions': 'off',
      },
      trustedRegistries: ['docker.io', 'my-company.com:5000'],
      hadolintPragmas: false,
    });
    assert.equal(r.failOn, 'warning');
    assert.deepEqual(r.problems, [], 'SC2086 (ShellCheck) is a normal code Bulwark does not implement');
    assert.deepEqual(r.sources, ['/ws/.hadolint.yaml']);
  });

  it('ignored wins over override, as in hadolint', () => {
    const r = resolve({ '/ws/.hadolint.yaml': yaml('override: { error: [DL3004] }', 'ignored: [DL3004]') });
    assert.deepEqual(r.options.rules, { 'no-sudo': 'off' });
  });

  it('failure-threshold: each value; no-fail: true never fails', () => {
    const expected: Record<string, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info', ignore: 'info', none: 'none' };
    for (const [value, failOn] of Object.entries(expected)) {
      assert.equal(resolve({ '/ws/.hadolint.yaml': `failure-threshold: ${value}\n` }).failOn, failOn, value);
    }
    assert.equal(resolve({ '/ws/.hadolint.yaml': 'failure-threshold: error\nno-fail: true\n' }).failOn, 'none');
  });

  it('trusted-registries (older spelling) and a single registry string', () => {
    assert.deepEqual(resolve({ '/ws/.hadolint.yaml': 'trusted-registries: [quay.io]\n' }).trustedRegistries, ['quay.io']);
    assert.deepEqual(resolve({ '/ws/.hadolint.yaml': 'trustedRegistries: quay.io\n' }).trustedRegistries, ['quay.io']);
  });

  it('.hadolint.yml, the nearest file only, and .bulwark.yaml over it', () => {
    assert.deepEqual(resolve({ '/ws/.hadolint.yml': 'ignored: [DL3004]\n' }).options.rules, { 'no-sudo': 'off' });
    const files = {
      '/ws/.hadolint.yaml': 'ignored: [DL3004, DL3002]\n',
      '/ws/svc/.hadolint.yaml': 'ignored: [DL3008]\n',
      '/ws/.bulwark.yaml': 'rules: { no-root-user: warning }\n',
    };
    assert.deepEqual(resolve(files, '/ws/svc/Dockerfile').options.rules, { 'apt-pin-versions': 'off', 'no-root-user': 'warning' });
    assert.deepEqual(resolve(files, '/ws/Dockerfile').options.rules, { 'no-sudo': 'off', 'no-root-user': 'warning' });
  });

  it('reports names that are neither aliases nor hadolint codes, unknown keys and bad values, at their position', () => {
    const r = resolve({
      '/ws/.hadolint.yaml': yaml(
        'ignore: [DL3008]',
        'ignored: [DL9999, no-sudo, dl3004x, 42]',
        'override:',
        '  errors: [DL3002]',
        'failure-threshold: high',
        'disable-ignore-pragma: maybe',
        'format: json',
        'label-schema: { author: text }',
      ),
    });
    assert.deepEqual(r.options.rules, { 'no-sudo': 'off' }, 'a Bulwark id is accepted; DL9999 is a well-formed code');
    assert.deepEqual(
      r.problems.map((p) => [...at(p), p.severity, p.message]),
      [
        [0, 0, 'warning', '`ignore` is not a hadolint configuration key; did you mean `ignored`?'],
        [1, 27, 'warning', '`dl3004x` is not a hadolint rule code (DLxxxx, SCxxxx) nor a Bulwark rule.'],
        [1, 36, 'warning', '`42` is not a hadolint rule code (DLxxxx, SCxxxx) nor a Bulwark rule.'],
        [3, 2, 'error', '`errors` is not a hadolint severity: use error, warning, info or style (did you mean `error`?).'],
        [4, 19, 'error', '`high` is not a failure threshold: use error, warning, info, style, ignore or none.'],
        [5, 23, 'error', '`disable-ignore-pragma` must be true or false.'],
      ],
    );
  });

  it('a hadolint file that does not parse is reported and ignored', () => {
    const r = resolve({ '/ws/.hadolint.yaml': 'ignored: [DL3004\n' });
    assert.deepEqual(r.options, {});
    assert.equal(r.problems.length >= 1, true);
    assert.match(r.problems[0].message, /ignored until it parses/);
  });
});

describe('the engine honours the options configuration produces', () => {
  const text = ['FROM alpine:3.20', '# hadolint ignore=DL3004', 'RUN sudo ls', '# bulwark-ignore no-sudo', 'RUN sudo ls', 'RUN sudo ls'].join('\n');
  const lines = (findings: { ruleId: string; range: { start: { line: number } } }[]) =>
    findings.filter((f) => f.ruleId === 'no-sudo').map((f) => f.range.start.line + 1);

  it('disable-ignore-pragma: `# hadolint ignore=` comments are not honoured, Bulwark comments still are', () => {
    assert.deepEqual(lines(analyze(text, { path: '/ws/Dockerfile' }).findings), [6]);
    const { options } = resolve({ '/ws/.hadolint.yaml': 'disable-ignore-pragma: true\n' });
    assert.deepEqual(lines(analyze(text, { path: '/ws/Dockerfile', ...options }).findings), [3, 6]);
  });

  it('disabled pragmas naming unknown rules are not reported either (they are plain comments)', () => {
    const unknown = ['FROM alpine:3.20', '# hadolint ignore=DL9999', 'RUN ls'].join('\n');
    const ids = (o: object) => analyze(unknown, { path: '/ws/Dockerfile', ...o }).findings.map((f) => f.ruleId);
    assert.ok(ids({}).includes('invalid-suppression'));
    assert.ok(!ids({ hadolintPragmas: false }).includes('invalid-suppression'));
  });

  it('BuildKit `# check=error=true` makes the BuildKit-aliased findings errors, and only those', () => {
    const df = (first: string) => [first, 'FROM alpine:3.20', 'MAINTAINER me', 'WORKDIR app', 'RUN sudo ls'].join('\n');
    const sev = (t: string) => Object.fromEntries(analyze(t, { path: '/ws/Dockerfile' }).findings.map((f) => [f.ruleId, f.severity]));
    const plain = sev(df('# syntax=docker/dockerfile:1'));
    assert.equal(plain['maintainer-deprecated'], 'info');
    assert.equal(plain['workdir-relative'], 'warning');
    const strict = sev(df('# check=skip=JSONArgsRecommended;error=true'));
    assert.equal(strict['maintainer-deprecated'], 'error');
    assert.equal(strict['workdir-relative'], 'error');
    assert.equal(strict['no-root-user'], plain['no-root-user'], 'a rule BuildKit does not check keeps its severity');
    const late = sev(['FROM alpine:3.20', '# check=error=true', 'MAINTAINER me'].join('\n'));
    assert.equal(late['maintainer-deprecated'], 'info', 'not a directive after the first instruction');
  });
});
