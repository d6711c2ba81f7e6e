import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-yaml-syntax';
import { analyze } from '../../server/core/engine';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'anchors, aliases and merge keys', code: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n  db:\n    <<: [*base]\n    image: postgres:16\n' },
    { name: 'Compose merge tags', code: 'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n    environment: !override\n      A: "1"\n' },
    { name: 'several documents', code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    read_only: true\n' },
    { name: 'a trailing document marker', code: 'services: {}\n---\n' },
    { name: 'empty file', code: '' },
    { name: 'only comments', code: '# nothing yet\n' },
    { name: 'block scalars and quotes', code: 'services:\n  web:\n    image: "nginx:1.27"\n    command: |\n      echo "a: b"\n      # not a comment\n' },
    { name: 'CRLF', code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n' },
    { name: 'an alias used many times is not a bomb', code: `x-l: &l {driver: json-file}\nx-d: &d\n  logging: *l\nservices:\n${Array.from({ length: 300 }, (_, i) => `  s${i}:\n    <<: *d\n    image: x\n`).join('')}` },
  ],
  invalid: [
    {
      name: 'mis-indented key',
      code: 'services:\n  web:\n    image: nginx:1.27\n     ports: ["127.0.0.1:8080:80"]\n',
      errors: [{ line: 3, column: 12, message: /Nested mappings/ }, { line: 3, column: 12, endLine: 4 }],
      output: null,
    },
    {
      name: 'duplicate key: the whole repeated key, naming the first',
      code: 'services:\n  web:\n    image: nginx\n    image: redis\n',
      errors: [{ line: 4, column: 5, endColumn: 10, message: '`image` is already defined in this mapping (line 3); each key may appear only once.' }],
    },
    {
      name: 'tab indentation',
      code: 'services:\n\tweb:\n    image: nginx\n',
      errors: [{ line: 2, column: 1, message: /Tabs/ }],
    },
    {
      name: 'unclosed flow sequence; the rest still parses',
      code: 'services:\n  web:\n    ports: [80:80\n  db:\n    image: x\n',
      errors: [{ line: 4, column: 3, message: /Flow sequence/ }],
    },
    {
      name: 'unclosed quote',
      code: 'services:\n  web:\n    image: "nginx\n    privileged: true\n',
      errors: [{ line: 3, column: 12, endColumn: 18, message: 'This string has no closing `"`: it runs on to the end of the file.' }],
    },
    {
      name: 'alias to an unknown anchor',
      code: 'services:\n  web:\n    <<: *missing\n    image: x\n',
      errors: [{ line: 3, column: 9, endColumn: 17, message: 'The alias `*missing` refers to no anchor `&missing` defined before it.' }],
    },
    {
      name: 'alias before its anchor',
      code: 'services:\n  web:\n    <<: *base\n    image: x\nx-base: &base {restart: always}\n',
      errors: [{ line: 3, column: 9, message: /`\*base`/ }],
    },
    {
      name: 'recursive alias',
      code: 'a: &a [*a]\nservices: {}\n',
      errors: [{ line: 1, column: 8, endColumn: 10, message: /contains it/ }],
    },
    {
      name: 'billion laughs: refused, not expanded',
      code: billionLaughs(),
      errors: [{ line: 2, column: 10, message: /alias bomb/ }],
    },
    {
      name: 'unknown tag (a warning of the YAML parser)',
      code: 'services:\n  web:\n    image: !weird nginx\n',
      errors: [{ line: 3, column: 12, message: /Unresolved tag: !weird/ }],
    },
    {
      name: 'second document broken, first still fine',
      code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  db: [\n',
      errors: [{ line: 7, column: 1 }],
    },
    {
      name: 'CRLF positions',
      code: 'services:\r\n  web:\r\n    image: nginx\r\n    image: redis\r\n',
      errors: [{ line: 4, column: 5, endColumn: 10 }],
    },
  ],
});

function billionLaughs(): string {
  let src = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) src += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  return src + 'services:\n  x:\n    image: *a9\n';
}

describe('compose-yaml-syntax: the rest of a broken file is analyzed', () => {
  it('other rules still report on what parsed', () => {
    const text = 'version: "3"\nservices:\n  web:\n    image: nginx\n    image: redis\n';
    const ids = analyze(text, { kind: 'compose', path: '/ctx/compose.yaml' }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('compose-yaml-syntax'));
    assert.ok(ids.includes('compose-version-obsolete'));
    assert.ok(!ids.includes('compose-schema'), 'the schema rule leaves a document with YAML errors alone');
  });
  it('an alias bomb is refused quickly', () => {
    const started = Date.now();
    analyze(billionLaughs(), { kind: 'compose', path: '/ctx/compose.yaml' });
    assert.ok(Date.now() - started < 2000);
  });
});
