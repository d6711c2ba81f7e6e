/**
 * Compose suppression quick fixes ("Ignore <rule> for this line / file"): each fix re-parses, removes exactly its
 * finding and keeps every other line byte-identical (test/helpers/fix-properties.ts), puts the comment where
 * `composeSuppressions` reads it, and is not offered where a comment line cannot go.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/core/engine';
import { ComposeModel } from '../../server/core/compose/model';
import { composeSuppressionFixes } from '../../server/core/fixes/suppress-compose';
import { applyEdits } from '../../server/core/fixes/edits';
import { composeSuppressions } from '../../server/core/suppressions';
import type { Finding, Fix } from '../../server/core/types';
import { assertComposeFixProperties } from '../helpers/fix-properties';

const OPTIONS = { path: '/ctx/compose.yaml', kind: 'compose' as const };

function findingOf(text: string, ruleId: string, line?: number): Finding {
  const f = analyze(text, OPTIONS).findings.find((x) => x.ruleId === ruleId && (line === undefined || x.range.start.line + 1 === line));
  assert.ok(f, `no ${ruleId} finding${line ? ` on line ${line}` : ''} in:\n${text}`);
  return f;
}

function fixes(text: string, ruleId: string, line?: number): { finding: Finding; line?: Fix; file?: Fix } {
  const finding = findingOf(text, ruleId, line);
  const all = composeSuppressionFixes(new ComposeModel(text), finding);
  const lineFix = all.find((f) => f.title === `Ignore ${ruleId} for this line`);
  const fileFix = all.find((f) => f.title === `Ignore ${ruleId} for this file`);
  assert.equal(all.length, (lineFix ? 1 : 0) + (fileFix ? 1 : 0), 'only the two suppression fixes');
  for (const f of all) {
    assert.equal(f.safe, false, 'suppressing is a decision, never applied by fix-all');
    assert.ok(!f.isPreferred, 'never preferred over a real fix');
    assert.equal(f.createFiles, undefined);
    assert.equal(f.edits.length, 1);
  }
  return { finding, line: lineFix, file: fileFix };
}

/** The line numbers (1-based) of the findings of `ruleId`. */
function linesOf(text: string, ruleId: string): number[] {
  return analyze(text, OPTIONS).findings.filter((f) => f.ruleId === ruleId).map((f) => f.range.start.line + 1);
}

/** Applies the line fix (properties checked) and returns the text. */
function ignoreLine(text: string, ruleId: string, line?: number): string {
  const { finding, line: fix } = fixes(text, ruleId, line);
  assert.ok(fix, 'a line suppression is offered');
  return assertComposeFixProperties(text, finding, fix, OPTIONS);
}

function ignoreFile(text: string, ruleId: string, line?: number): string {
  const { finding, file } = fixes(text, ruleId, line);
  assert.ok(file, 'a file suppression is offered');
  return assertComposeFixProperties(text, finding, file, OPTIONS);
}

const PRIVILEGED = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

describe('Compose: Ignore <rule> for this line', () => {
  it('inserts `# bulwark-ignore <id>` before the key, indented like it', () => {
    assert.equal(
      ignoreLine(PRIVILEGED, 'compose-privileged'),
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-privileged\n    privileged: true\n',
    );
  });

  it('keeps CRLF line endings', () => {
    assert.equal(
      ignoreLine(PRIVILEGED.replace(/\n/g, '\r\n'), 'compose-privileged'),
      'services:\r\n  web:\r\n    image: nginx:1.27\r\n    # bulwark-ignore compose-privileged\r\n    privileged: true\r\n',
    );
  });

  it('a file without a final line break', () => {
    assert.equal(
      ignoreLine(PRIVILEGED.trimEnd(), 'compose-privileged'),
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-privileged\n    privileged: true',
    );
  });

  it('a top-level key', () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
    assert.equal(ignoreLine(text, 'compose-version-obsolete'), '# bulwark-ignore compose-version-obsolete\nversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n');
  });

  it('a block list item: before the item, and only that item is covered', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n      - NET_ADMIN\n';
    const out = ignoreLine(text, 'compose-dangerous-cap', 5);
    assert.equal(out, 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      # bulwark-ignore compose-dangerous-cap\n      - SYS_ADMIN\n      - NET_ADMIN\n');
    assert.deepEqual(linesOf(out, 'compose-dangerous-cap'), [7]);
  });

  it('a compact list (items at the key\'s indentation)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n    - SYS_ADMIN\n';
    assert.equal(ignoreLine(text, 'compose-dangerous-cap'), 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n    # bulwark-ignore compose-dangerous-cap\n    - SYS_ADMIN\n');
  });

  it('a one-line flow sequence: before the key (the whole line is covered)', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN, NET_ADMIN]\n';
    const out = ignoreLine(text, 'compose-dangerous-cap');
    assert.equal(out, 'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-dangerous-cap\n    cap_add: [SYS_ADMIN, NET_ADMIN]\n');
    assert.deepEqual(linesOf(out, 'compose-dangerous-cap'), []);
  });

  it('a multi-line flow sequence: a comment line inside it, before the item', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [\n      SYS_ADMIN,\n      NET_ADMIN\n    ]\n';
    const out = ignoreLine(text, 'compose-dangerous-cap', 6);
    assert.equal(out, 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [\n      SYS_ADMIN,\n      # bulwark-ignore compose-dangerous-cap\n      NET_ADMIN\n    ]\n');
    assert.deepEqual(linesOf(out, 'compose-dangerous-cap'), [5]);
  });

  it('a multi-line flow mapping', () => {
    const text = 'services:\n  web: {\n    image: nginx:1.27,\n    privileged: true\n  }\n';
    assert.equal(ignoreLine(text, 'compose-privileged'), 'services:\n  web: {\n    image: nginx:1.27,\n    # bulwark-ignore compose-privileged\n    privileged: true\n  }\n');
  });

  it('a finding inside a long-syntax list item: before the innermost key that holds it', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n';
    assert.equal(findingOf(text, 'compose-docker-socket').range.start.line, 5);
    assert.equal(
      ignoreLine(text, 'compose-docker-socket'),
      'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        # bulwark-ignore compose-docker-socket\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n',
    );
  });

  it('a finding on a continuation line of a multi-line plain value: before its key, never inside the value', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN:\n        ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\n';
    assert.equal(findingOf(text, 'compose-secret-in-environment').range.start.line, 5);
    assert.equal(
      ignoreLine(text, 'compose-secret-in-environment'),
      'services:\n  web:\n    image: nginx:1.27\n    environment:\n      # bulwark-ignore compose-secret-in-environment\n      API_TOKEN:\n        ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5\n',
    );
  });

  it('a value from an anchor: the comment goes at the anchor\'s text, which every service shares', () => {
    const text = 'x-base: &base\n  image: nginx:1.27\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
    const out = ignoreLine(text, 'compose-privileged');
    assert.equal(out, 'x-base: &base\n  image: nginx:1.27\n  # bulwark-ignore compose-privileged\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n');
    assert.deepEqual(linesOf(out, 'compose-privileged'), []);
  });

  it('after a block scalar: the comment ends the scalar where it ended before', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      echo hi\n\n    privileged: true\n';
    const out = ignoreLine(text, 'compose-privileged');
    assert.equal(out, 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      echo hi\n\n    # bulwark-ignore compose-privileged\n    privileged: true\n');
    assert.equal(new ComposeModel(out).service('web')?.get('command')?.value, 'echo hi\n');
  });

  it('appends to a Bulwark comment that already covers the key, before its reason', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-read-only -- reviewed\n\n    # the admin panel needs it\n    privileged: true\n';
    assert.equal(
      ignoreLine(text, 'compose-privileged'),
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-read-only, compose-privileged -- reviewed\n\n    # the admin panel needs it\n    privileged: true\n',
    );
  });

  it('does not append to a comment that covers an earlier key, nor to a bulwark-ignore-file comment', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-read-only\n    user: "1000"\n    privileged: true\n';
    assert.equal(
      ignoreLine(text, 'compose-privileged'),
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-read-only\n    user: "1000"\n    # bulwark-ignore compose-privileged\n    privileged: true\n',
    );
    const file = '# bulwark-ignore-file compose-read-only\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    assert.equal(
      ignoreLine(file, 'compose-privileged'),
      '# bulwark-ignore-file compose-read-only\nservices:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-privileged\n    privileged: true\n',
    );
  });

  it('two rules on one key, one after the other, share the comment', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n';
    const first = ignoreLine(text, 'compose-port-all-interfaces');
    const second = ignoreLine(first, 'compose-privileged-port');
    assert.equal(second, 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      # bulwark-ignore compose-port-all-interfaces, compose-privileged-port\n      - "80:80"\n');
  });

  it('a `#` line inside a block scalar is text: not extended', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      # bulwark-ignore compose-read-only\n    privileged: true\n';
    const out = ignoreLine(text, 'compose-privileged');
    assert.equal(out, 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      # bulwark-ignore compose-read-only\n    # bulwark-ignore compose-privileged\n    privileged: true\n');
  });

  it('a second document', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    privileged: true\n';
    assert.equal(ignoreLine(text, 'compose-privileged'), 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    # bulwark-ignore compose-privileged\n    privileged: true\n');
  });

  it('a file with a byte order mark: the comment goes after it', () => {
    const out = ignoreLine('\uFEFFversion: "3"\nservices: {}\n', 'compose-version-obsolete');
    assert.equal(out, '\uFEFF# bulwark-ignore compose-version-obsolete\nversion: "3"\nservices: {}\n');
  });

  it('schema and YAML findings are suppressible too', () => {
    const schema = 'services:\n  web:\n    imgae: nginx\n';
    assert.equal(ignoreLine(schema, 'compose-schema'), 'services:\n  web:\n    # bulwark-ignore compose-schema\n    imgae: nginx\n');
  });

  it('not offered where no key or item holds the finding, nor for invalid-suppression', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n';
    const synthetic: Finding = { ruleId: 'compose-privileged', severity: 'error', message: 'synthetic', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } } };
    assert.deepEqual(composeSuppressionFixes(new ComposeModel(text), synthetic).map((f) => f.title), ['Ignore compose-privileged for this file']);
    const bad = '# bulwark-ignore compose-privileges\nservices: {}\n';
    assert.deepEqual(composeSuppressionFixes(new ComposeModel(bad), findingOf(bad, 'invalid-suppression')), []);
  });

  it('a line that continues a multi-line plain scalar: the comment goes before the next key out', () => {
    // `CHOWN` continues the item `NET_BIND_SERVICE CHOWN`: a comment line before it would split that item.
    const text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE\n      CHOWN, SYS_ADMIN]\n';
    assert.equal(findingOf(text, 'compose-dangerous-cap').range.start.line, 4);
    assert.equal(
      ignoreLine(text, 'compose-dangerous-cap'),
      'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-dangerous-cap\n    cap_add: [NET_BIND_SERVICE\n      CHOWN, SYS_ADMIN]\n',
    );
  });

  it('broken YAML: the places where a comment would change how the parser recovers are skipped', () => {
    const text = '    , C]\n  &x a: 1\n      B: 2}\n      B: 2}\n      B: 2}\nservices:\n    - a\n';
    const finding: Finding = { ruleId: 'compose-privileged', severity: 'error', message: 'synthetic', range: { start: { line: 4, character: 6 }, end: { line: 4, character: 7 } } };
    const model = new ComposeModel(text);
    for (const before of [3, 2, 1]) {
      assert.ok(model.spanStartingAt(before)!.to >= 4, `line ${before + 1} holds the finding`);
      assert.ok(
        new ComposeModel(insertBefore(text, before)).problems.length > model.problems.length || !suppressedAfterInsertingBefore(text, before, finding),
        `a comment before line ${before + 1} is not safe`,
      );
    }
    const [line, file] = composeSuppressionFixes(model, finding);
    assert.equal(applyEdits(text, line.edits), `    # bulwark-ignore compose-privileged\n${text}`);
    assert.ok(suppressedAfterInsertingBefore(text, 0, finding));
    assert.equal(file.title, 'Ignore compose-privileged for this file');
  });
});

/** `text` with `# bulwark-ignore compose-privileged` inserted as line `line`. */
function insertBefore(text: string, line: number): string {
  return applyEdits(text, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '# bulwark-ignore compose-privileged\n' }]);
}

/** Whether that comment, inserted before `line`, covers the finding (one line further down). */
function suppressedAfterInsertingBefore(text: string, line: number, finding: Finding): boolean {
  const range = { start: { ...finding.range.start, line: finding.range.start.line + 1 }, end: { ...finding.range.end, line: finding.range.end.line + 1 } };
  return composeSuppressions(new ComposeModel(insertBefore(text, line)), (n) => n).isSuppressed(finding.ruleId, range);
}

describe('Compose: Ignore <rule> for this file', () => {
  it('inserts `# bulwark-ignore-file <id>` as the first line', () => {
    assert.equal(ignoreFile(PRIVILEGED, 'compose-privileged'), `# bulwark-ignore-file compose-privileged\n${PRIVILEGED}`);
  });

  it('keeps CRLF line endings', () => {
    const text = PRIVILEGED.replace(/\n/g, '\r\n');
    assert.equal(ignoreFile(text, 'compose-privileged'), `# bulwark-ignore-file compose-privileged\r\n${text}`);
  });

  it('goes after the leading comments', () => {
    const text = `# Production stack\n# see docs/deploy.md\n\n${PRIVILEGED}`;
    assert.equal(ignoreFile(text, 'compose-privileged'), `# Production stack\n# see docs/deploy.md\n# bulwark-ignore-file compose-privileged\n\n${PRIVILEGED}`);
  });

  it('covers every finding of the rule, in every document', () => {
    const text = 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n---\nservices:\n  b:\n    image: nginx:1.27\n    privileged: true\n';
    assert.deepEqual(linesOf(text, 'compose-privileged'), [4, 9]);
    const out = ignoreFile(text, 'compose-privileged', 9);
    assert.deepEqual(linesOf(out, 'compose-privileged'), []);
  });

  it('appends to an existing bulwark-ignore-file comment, wherever it is, before its reason', () => {
    assert.equal(
      ignoreFile(`# bulwark-ignore-file compose-read-only -- dev stack\n${PRIVILEGED}`, 'compose-privileged'),
      `# bulwark-ignore-file compose-read-only, compose-privileged -- dev stack\n${PRIVILEGED}`,
    );
    assert.equal(
      ignoreFile(`${PRIVILEGED}  # bulwark-ignore-file compose-read-only\n`, 'compose-privileged'),
      `${PRIVILEGED}  # bulwark-ignore-file compose-read-only, compose-privileged\n`,
    );
  });

  it('does not append to a line comment', () => {
    const text = `# bulwark-ignore compose-version-obsolete\nversion: "3"\n${PRIVILEGED}`;
    assert.equal(ignoreFile(text, 'compose-privileged'), `# bulwark-ignore compose-version-obsolete\n# bulwark-ignore-file compose-privileged\nversion: "3"\n${PRIVILEGED}`);
    assert.deepEqual(linesOf(ignoreFile(text, 'compose-privileged'), 'compose-version-obsolete'), []);
  });

  it('an existing `# bulwark-ignore-file` inside a block scalar is text: a new comment is inserted', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    command: |\n      # bulwark-ignore-file compose-read-only\n    privileged: true\n';
    assert.equal(ignoreFile(text, 'compose-privileged'), `# bulwark-ignore-file compose-privileged\n${text}`);
  });

  it('a file with a byte order mark', () => {
    assert.equal(ignoreFile('\uFEFFversion: "3"\nservices: {}\n', 'compose-version-obsolete'), '\uFEFF# bulwark-ignore-file compose-version-obsolete\nversion: "3"\nservices: {}\n');
  });

  it('line and file fixes of several findings apply one after the other', () => {
    let text = 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n  db:\n    image: postgres:16\n    cap_add: [SYS_ADMIN]\n';
    text = ignoreLine(text, 'compose-dangerous-cap', 4);
    text = ignoreFile(text, 'compose-dangerous-cap');
    assert.equal(
      text,
      '# bulwark-ignore-file compose-dangerous-cap\nservices:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-dangerous-cap\n    cap_add: [SYS_ADMIN]\n  db:\n    image: postgres:16\n    cap_add: [SYS_ADMIN]\n',
    );
  });
});
