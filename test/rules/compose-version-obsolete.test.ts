import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-version-obsolete';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'a service key named version', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      version: "2"\n' },
    { name: 'name instead of version', code: 'name: shop\nservices:\n  web:\n    image: nginx:1.27\n' },
    { name: 'an extension key', code: 'x-version: "3.8"\nservices: {}\n' },
    { name: 'version inside a service is the schema rule\'s', code: 'services:\n  version:\n    image: nginx:1.27\n' },
    { name: 'empty file', code: '' },
    { name: 'comment mentioning version', code: '# version: "3"\nservices: {}\n' },
  ],
  invalid: [
    {
      code: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endColumn: 8, message: 'The top-level `version` key (`3.8`) is obsolete: Compose ignores it.' }],
      fixTitles: ['Remove the obsolete `version` key'],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'after other keys, with comments around (kept)',
      code: '# Shop stack\nname: shop\n# format\nversion: \'2.4\' # old\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 1 }],
      output: '# Shop stack\nname: shop\n# format\nservices:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'last line without a final line break',
      code: 'services:\n  web:\n    image: nginx:1.27\nversion: "3"',
      errors: [{ line: 4, column: 1 }],
      output: 'services:\n  web:\n    image: nginx:1.27',
    },
    {
      name: 'CRLF line endings',
      code: 'version: "3.8"\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n',
      errors: [{ line: 1, column: 1 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'number value',
      code: 'version: 3\nservices: {}\n',
      errors: [{ line: 1, column: 1, message: /`3`/ }],
      output: 'services: {}\n',
    },
    {
      name: 'value on the next line',
      code: 'version:\n  "3.9"\nservices: {}\n',
      errors: [{ line: 1, column: 1 }],
      output: 'services: {}\n',
    },
    {
      name: 'empty value',
      code: 'version:\nservices: {}\n',
      errors: [{ line: 1, column: 1, message: 'The top-level `version` key is obsolete: Compose ignores it.' }],
      output: 'services: {}\n',
    },
    {
      name: 'flow mapping: reported, no line to delete',
      code: '{version: "3", services: {web: {image: "nginx:1.27"}}}\n',
      errors: [{ line: 1, column: 2, endColumn: 9 }],
      output: null,
    },
    {
      name: 'every document of a multi-document file',
      code: 'version: "3"\nservices: {}\n---\nversion: "3.1"\nservices: {}\n',
      errors: [{ line: 1, column: 1 }, { line: 4, column: 1 }],
      output: 'services: {}\n---\nversion: "3.1"\nservices: {}\n',
    },
    {
      name: 'a duplicated key: each occurrence',
      code: 'version: "3"\nversion: "3.8"\nservices: {}\n',
      errors: [{ line: 1, column: 1 }, { line: 2, column: 1 }],
      output: 'version: "3.8"\nservices: {}\n',
    },
    {
      name: 'in a file with a YAML error elsewhere',
      code: 'version: "3"\nservices:\n  web:\n    image: "nginx\n',
      errors: [{ line: 1, column: 1 }],
    },
  ],
});

describe('compose-version-obsolete fix', () => {
  it('is safe and preferred', () => {
    const [f] = findingsFor(rule, { code: 'version: "3"\nservices: {}\n' });
    assert.equal(f.fixes?.[0].safe, true);
    assert.equal(f.fixes?.[0].isPreferred, true);
  });
});
