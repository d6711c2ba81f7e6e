import rule from '../../server/core/rules/compose/compose-mount-propagation';
import { ruleTester } from '../helpers/rule-tester';

const svc = (volumes: string) => `services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    svc('      - /mnt/data:/data\n'),
    { name: 'rslave', code: svc('      - /mnt/data:/data:rslave\n') },
    { name: 'private, ro', code: svc('      - /mnt/data:/data:ro,rprivate\n') },
    { name: 'long syntax rslave', code: svc('      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rslave\n') },
    { name: 'unknown propagation', code: svc('      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: ${PROP}\n') },
    { name: 'in a comment', code: svc('      - /mnt/data:/data # not rshared\n') },
  ],
  invalid: [
    {
      code: svc('      - /mnt/data:/data:rshared\n'),
      errors: [{ line: 5, column: 25, endColumn: 32, message: 'Service `agent` mounts `/mnt/data` with `rshared` propagation: mounts made in the container reach the host.' }],
      output: null,
    },
    { name: 'with other options', code: svc('      - "/mnt:/mnt:ro,shared"\n'), errors: [{ line: 5, column: 23, endColumn: 29 }] },
    {
      name: 'long syntax',
      code: svc('      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rshared # needed?\n'),
      errors: [{ line: 9, column: 24, endColumn: 31 }],
    },
    { name: 'flow long syntax', code: svc('      - {type: bind, source: /mnt, target: /mnt, bind: {propagation: shared}}\n'), errors: [{ line: 5, column: 70 }] },
    { name: 'interpolated default', code: svc('      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: ${PROP:-rshared}\n'), errors: [{ line: 9, column: 24 }] },
    { name: 'through an anchor', code: 'x-m: &m\n  - /mnt:/mnt:rshared\nservices:\n  a:\n    image: x/y:1\n    volumes: *m\n  b:\n    image: x/y:1\n    volumes: *m\n', errors: [{ line: 2, column: 15 }] },
    { name: 'CRLF, second document', code: 'services:\r\n  a:\r\n    image: x/y:1\r\n---\r\nservices:\r\n  a:\r\n    volumes:\r\n      - /mnt:/mnt:rshared\r\n', errors: [{ line: 8, column: 19 }] },
  ],
});
