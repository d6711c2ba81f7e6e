import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../server/core/config';
import type { ConfigProblem } from '../../server/core/config';
import { memHost, yaml } from './memfs';

const problemsOf = (text: string): ConfigProblem[] =>
  resolveConfig({ filePath: '/ws/Dockerfile', workspaceRoot: '/ws', host: memHost({ '/ws/.bulwark.yaml': text }), trusted: true }).problems;

/** [line, startChar, endLine, endChar, severity, message] with 0-based positions. */
const rows = (problems: ConfigProblem[]) =>
  problems.map((p) => [p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character, p.severity, p.message]);

describe('invalid .bulwark.yaml: problems at the offending key or value', () => {
  it('an unknown top-level key, with the nearest key', () => {
    assert.deepEqual(rows(problemsOf('exlude: [a]\n')), [
      [0, 0, 0, 6, 'error', '`exlude` is not a Bulwark configuration key; did you mean `exclude`?'],
    ]);
    assert.match(problemsOf('colour: red\n')[0].message, /expected one of: root, extends, rules/);
  });

  it('an unknown rule id (warning, nearest id) and an invalid severity (error, nearest value)', () => {
    assert.deepEqual(rows(problemsOf(yaml('rules:', '  no-root-usr: off', '  no-sudo: eror'))), [
      [1, 2, 1, 13, 'warning', 'Unknown rule `no-root-usr`: it is neither a Bulwark rule id nor an alias of one; did you mean `no-root-user`?'],
      [2, 11, 2, 15, 'error', '`eror` is not a valid value for `rules.no-sudo`: use error, warning, info or off (did you mean `error`?).'],
    ]);
  });

  it('wrong types, in words', () => {
    assert.deepEqual(rows(problemsOf(yaml('rules: [no-sudo]', 'allRules: "yes"', 'exclude: vendor', 'extends: 3', 'registry: true'))), [
      [0, 7, 0, 16, 'error', '`rules` must be a map.'],
      [1, 10, 1, 15, 'error', '`allRules` must be true or false.'],
      [2, 9, 2, 15, 'error', '`exclude` must be a list.'],
      [3, 9, 3, 10, 'error', '`extends` must be a string or a list of strings.'],
      [4, 10, 4, 14, 'error', '`registry` must be a map.'],
    ]);
  });

  it('nested keys: registry and overrides', () => {
    const text = yaml('registry:', '  enable: true', 'overrides:', '  - rules: { no-sudo: off }', '  - files: []', '    rule: {}', '  - files: [""]');
    assert.deepEqual(rows(problemsOf(text)), [
      [1, 2, 1, 8, 'error', '`enable` is not a key of `registry`; did you mean `enabled`?'],
      [3, 4, 3, 27, 'error', '`overrides[0]` needs `files` (the globs of the files it applies to).'],
      [4, 11, 4, 13, 'error', '`overrides[1].files` must list at least one glob.'],
      [5, 4, 5, 8, 'error', '`rule` is not a key of `overrides[1]`; did you mean `rules`?'],
      [6, 12, 6, 14, 'error', '`overrides[2].files[0]` must not be empty.'],
    ]);
  });

  it('globs that leave the folder cannot match: a warning', () => {
    assert.deepEqual(rows(problemsOf('exclude: ["../x", "/abs/**", "ok/**"]\n')).map((r) => [r[1], r[4]]), [
      [10, 'warning'],
      [18, 'warning'],
    ]);
  });

  it('YAML that does not parse: the error position, and the file is ignored', () => {
    const r = resolveConfig({
      filePath: '/ws/Dockerfile',
      workspaceRoot: '/ws',
      host: memHost({ '/ws/.bulwark.yaml': yaml('failOn: info', 'rules:', '  no-sudo: off', ' bad: [') }),
      trusted: true,
    });
    assert.equal(r.failOn, 'error');
    assert.ok(r.problems.length >= 1);
    assert.ok(r.problems.every((p) => p.severity === 'error' && /ignored until it parses/.test(p.message)));
    assert.ok(r.problems[0].range.start.line >= 2);
  });

  it('duplicate keys are a syntax error', () => {
    const p = problemsOf(yaml('failOn: info', 'failOn: warning'));
    assert.equal(p.length, 1);
    assert.equal(p[0].range.start.line, 1);
  });

  it('a file that is not a map', () => {
    assert.deepEqual(rows(problemsOf('- rules\n')).map((r) => r.slice(0, 2).concat(r[4])), [[0, 0, 'error']]);
  });

  it('valid entries still apply beside invalid ones', () => {
    const r = resolveConfig({
      filePath: '/ws/Dockerfile',
      workspaceRoot: '/ws',
      host: memHost({ '/ws/.bulwark.yaml': yaml('rules: { no-sudo: loud, no-root-user: off }', 'failOn: info', 'bogus: 1') }),
      trusted: true,
    });
    assert.deepEqual(r.options.rules, { 'no-root-user': 'off' });
    assert.equal(r.failOn, 'info');
    assert.equal(r.problems.length, 2);
  });

  it('CRLF line endings keep positions right', () => {
    assert.deepEqual(rows(problemsOf('failOn: info\r\nrules:\r\n  nope: off\r\n')).map((r) => r.slice(0, 4)), [[2, 2, 2, 6]]);
  });
});

describe('YAML features', () => {
  it('anchors, merge keys and x- extension fields work in configuration files', () => {
    const r = resolveConfig({
      filePath: '/ws/Dockerfile',
      workspaceRoot: '/ws',
      host: memHost({
        '/ws/.bulwark.yaml': yaml('x-base: &base { no-sudo: off }', 'rules:', '  <<: *base', '  no-root-user: info'),
      }),
      trusted: true,
    });
    assert.deepEqual(r.options.rules, { 'no-sudo': 'off', 'no-root-user': 'info' });
    assert.deepEqual(r.problems, [], 'x- keys are extension fields, a place for anchors');
  });
});
