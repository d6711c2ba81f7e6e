import rule from '../../server/core/rules/compose/compose-privileged-port';
import { ruleTester } from '../helpers/rule-tester';

const svc = (ports: string) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    svc('      - "8080:80"\n'),
    { name: 'container port only', code: svc('      - "80"\n') },
    { name: 'unknown host port', code: svc('      - "${PORT}:80"\n') },
    { name: 'default above 1023', code: svc('      - "${PORT:-8443}:443"\n') },
    { name: 'long syntax unprivileged', code: svc('      - target: 80\n        published: 8080\n') },
    { name: 'expose', code: 'services:\n  web:\n    image: nginx:1.27\n    expose:\n      - "80"\n' },
    { name: '1024 itself', code: svc('      - "1024:1024"\n') },
  ],
  invalid: [
    { code: svc('      - "80:80"\n'), errors: [{ line: 5, column: 10, endColumn: 12, message: 'Service `web` publishes privileged host port 80.' }], output: null },
    { name: 'with host IP', code: svc('      - "127.0.0.1:443:443"\n'), errors: [{ line: 5, column: 20, endColumn: 23 }] },
    { name: 'plain, udp', code: svc('      - 53:53/udp\n'), errors: [{ line: 5, column: 9 }] },
    { name: 'range starting low', code: svc('      - "1000-1030:1000-1030"\n'), errors: [{ line: 5, column: 10, message: /port 1000-1030\./ }] },
    { name: 'long syntax', code: svc('      - target: 80\n        published: "80"\n'), errors: [{ line: 6, column: 20 }] },
    { name: 'default judged', code: svc('      - "${PORT:-443}:443"\n'), errors: [{ line: 5 }] },
    { name: 'anchor', code: 'x-p: &p\n  - "22:22"\nservices:\n  a:\n    image: x/y:1\n    ports: *p\n', errors: [{ line: 2, column: 6 }] },
    { name: 'CRLF, second document', code: 'services:\r\n  a:\r\n    image: x/y:1\r\n---\r\nservices:\r\n  a:\r\n    ports:\r\n      - "25:25"\r\n', errors: [{ line: 8, column: 10 }] },
  ],
});
