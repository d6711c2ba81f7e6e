import rule from '../../server/core/rules/compose/compose-read-only';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
    { name: 'quoted', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: "true"\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: ${RO}\n' },
    { name: 'interpolated default true', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: ${RO:-true}\n' },
    { name: 'from an anchor', code: 'x-h: &h\n  read_only: true\nservices:\n  web:\n    <<: *h\n    image: nginx:1.27\n' },
    { name: 'from extends', code: 'services:\n  base:\n    image: alpine:3.20\n    read_only: true\n  web:\n    extends: base\n' },
    { name: 'extends another file', code: 'services:\n  web:\n    extends:\n      file: base.yaml\n      service: web\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` has a writable root file system: no `read_only: true`.' }],
      fixTitles: ['Set `read_only: true` with a writable `/tmp` (tmpfs)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'flow-list file',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]\n    read_only: true\n    tmpfs: [/tmp]\n',
    },
    {
      name: 'read_only false: set in place, tmpfs added',
      code: 'services:\n  web:\n    read_only: false # for now\n    image: nginx:1.27\n',
      errors: [{ line: 3, column: 5, message: 'Service `web` sets `read_only` to false: its root file system is writable.' }],
      output: 'services:\n  web:\n    read_only: true # for now\n    image: nginx:1.27\n    tmpfs:\n      - /tmp\n',
    },
    {
      name: 'existing tmpfs: /tmp appended, read_only before it',
      code: 'services:\n  web:\n    image: nginx:1.27\n    tmpfs:\n      - /run\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /run\n      - /tmp\n',
    },
    {
      name: 'existing tmpfs with /tmp',
      code: 'services:\n  web:\n    image: nginx:1.27\n    tmpfs: [/tmp]\n',
      errors: [{ line: 2, column: 3 }],
      fixTitles: ['Set `read_only: true`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/tmp]\n',
    },
    {
      name: 'scalar tmpfs',
      code: 'services:\n  web:\n    image: nginx:1.27\n    tmpfs: /run\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs: [/run, /tmp]\n',
    },
    {
      name: 'CRLF, no final newline',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    read_only: true\r\n    tmpfs:\r\n      - /tmp\r\n',
    },
    {
      name: 'CR-only line breaks, no final newline (found by fuzzing: the key was glued to the line before)',
      code: 'services:\r  web:\r    image: nginx:1.27',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r  web:\r    image: nginx:1.27\r    read_only: true\r    tmpfs:\r      - /tmp\r',
    },
    {
      name: 'two services',
      code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: redis:7\n    read_only: no\n',
      errors: [{ line: 2, column: 3 }, { line: 6, column: 5 }],
    },
  ],
});
