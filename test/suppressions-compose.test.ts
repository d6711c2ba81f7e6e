/**
 * Suppression comments in Compose files: `# bulwark-ignore <ids>` before a key covers that key (all its lines),
 * `# bulwark-ignore-file <ids>` anywhere covers the file, unknown names are reported as invalid-suppression.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../server/core/engine';
import { composeSuppressions } from '../server/core/suppressions';
import { ComposeModel } from '../server/core/compose/model';
import { getRule } from '../server/core/rules';

/** The rules these tests use (other Compose rules report on the same snippets; they are not what is tested here). */
const TESTED = new Set(['compose-schema', 'compose-version-obsolete', 'compose-yaml-syntax', 'invalid-suppression']);
const lint = (text: string) =>
  analyze(text, { kind: 'compose', path: '/ctx/compose.yaml' })
    .findings.filter((f) => TESTED.has(f.ruleId))
    .map((f) => `${f.range.start.line + 1}:${f.ruleId}`);

describe('compose suppressions', () => {
  it('# bulwark-ignore covers the next key', () => {
    assert.deepEqual(lint('# bulwark-ignore compose-version-obsolete -- CI still reads it\nversion: "3"\nservices: {}\n'), []);
    assert.deepEqual(lint('version: "3"\n# bulwark-ignore compose-version-obsolete\nservices: {}\n'), ['1:compose-version-obsolete']);
  });
  it('covers all the lines of the key it precedes, and nothing after', () => {
    const text = [
      'services:',
      '  # bulwark-ignore compose-schema',
      '  web:',
      '    imgae: nginx',
      '    build:',
      '      contxt: .',
      '  db:',
      '    imgae: postgres',
    ].join('\n');
    assert.deepEqual(lint(text), ['8:compose-schema']);
  });
  it('skips blank and comment lines between the comment and the key', () => {
    assert.deepEqual(lint('# bulwark-ignore compose-version-obsolete\n\n# the old format marker\nversion: "3"\nservices: {}\n'), []);
  });
  it('covers a list item', () => {
    const text = 'services:\n  web:\n    image: nginx\n    cap_add:\n      - A\n      # bulwark-ignore compose-schema\n      - A\n';
    assert.deepEqual(lint(text), []);
  });
  it('# bulwark-ignore-file anywhere covers the file', () => {
    assert.deepEqual(lint('services:\n  web:\n    imgae: x\nversion: "3"\n# bulwark-ignore-file compose-schema, compose-version-obsolete\n'), []);
  });
  it('names another rule: no effect', () => {
    assert.deepEqual(lint('# bulwark-ignore compose-schema\nversion: "3"\nservices: {}\n'), ['2:compose-version-obsolete']);
  });
  it('reports unknown names as invalid-suppression, at the name', () => {
    const r = analyze('# bulwark-ignore compose-versio\nversion: "3"\nservices: {}\n', { kind: 'compose' });
    const bad = r.findings.find((f) => f.ruleId === 'invalid-suppression');
    assert.ok(bad);
    assert.equal(bad.range.start.character, 17);
    assert.equal(bad.range.end.character, 31);
    assert.match(bad.message, /Unknown rule `compose-versio`/);
    assert.ok(r.findings.some((f) => f.ruleId === 'compose-version-obsolete'));
  });
  it('invalid-suppression can be turned off', () => {
    const r = analyze('# bulwark-ignore nope\nservices: {}\n', { kind: 'compose', rules: { 'invalid-suppression': 'off' } });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'invalid-suppression'), []);
  });
  it('a # line inside a block scalar is text, not a suppression', () => {
    const text = 'services:\n  web:\n    image: nginx\n    command: |\n      # bulwark-ignore-file compose-version-obsolete\n      run\nversion: "3"\n';
    assert.deepEqual(lint(text), ['7:compose-version-obsolete']);
  });
  it('a # inside a quoted string is not a comment', () => {
    const text = 'services:\n  web:\n    image: nginx\n    labels:\n      note: "# bulwark-ignore-file compose-version-obsolete"\nversion: "3"\n';
    assert.deepEqual(lint(text), ['6:compose-version-obsolete']);
  });
  it('hadolint syntax is not read in Compose files', () => {
    const m = new ComposeModel('# hadolint ignore=DL3008\nservices: {}\n');
    const s = composeSuppressions(m, (n) => getRule(n)?.meta.id);
    assert.deepEqual(s.problems, []);
  });
  it('a comment at the end covers nothing', () => {
    assert.deepEqual(lint('version: "3"\nservices: {}\n# bulwark-ignore compose-version-obsolete\n'), ['1:compose-version-obsolete']);
  });
});

describe('engine routing', () => {
  it('routes by kind and by file name', () => {
    assert.equal(analyze('services: {}\n', { path: '/x/docker-compose.prod.yml' }).kind, 'compose');
    assert.equal(analyze('services: {}\n', { kind: 'compose' }).kind, 'compose');
    assert.equal(analyze('FROM alpine:3.20\n', { path: '/x/Dockerfile' }).kind, 'dockerfile');
  });
  it('runs only compose rules on compose files and keeps one finding per rule and range', () => {
    const text = 'x-d: &d\n  privilegd: true\nservices:\n  a:\n    <<: *d\n    image: a\n  b:\n    <<: *d\n    image: b\n';
    const r = analyze(text, { kind: 'compose', allRules: true });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'compose-schema').map((f) => `${f.range.start.line + 1}:${f.ruleId}`), ['2:compose-schema']);
    for (const f of r.findings) assert.ok(getRule(f.ruleId)?.meta.kind === 'compose' || f.ruleId === 'invalid-suppression', f.ruleId);
  });
  it('honours severity overrides', () => {
    const r = analyze('version: "3"\nservices: {}\n', { kind: 'compose', rules: { 'compose-version-obsolete': 'error' } });
    assert.equal(r.findings.find((f) => f.ruleId === 'compose-version-obsolete')?.severity, 'error');
    const off = analyze('version: "3"\nservices: {}\n', { kind: 'compose', rules: { 'compose-version-obsolete': 'off' } });
    assert.deepEqual(off.findings.filter((f) => f.ruleId === 'compose-version-obsolete'), []);
  });
});
