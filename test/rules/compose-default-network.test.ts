import rule from '../../server/core/rules/compose/compose-default-network';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    networks: [front]\nnetworks:\n  front: {}\n',
    { name: 'top-level networks only (default network renamed)', code: 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  default:\n    name: shop\n' },
    { name: 'one service with networks', code: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - back\n  db:\n    image: postgres:16\n' },
    { name: 'network_mode', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: none\n' },
    { name: 'networks in a later document', code: 'services:\n  web:\n    image: nginx:1.27\n---\nnetworks:\n  n: {}\n' },
    { name: 'no services', code: 'volumes:\n  data: {}\n' },
    { name: 'a single service has no neighbour', code: 'services:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` uses the default network, shared by every service of the file.' }, { line: 4, column: 3 }],
      output: null,
    },
    { name: 'network_mode on one service only', code: 'services:\n  web:\n    image: nginx:1.27\n  tool:\n    image: x/y:1\n    network_mode: host\n  db:\n    image: x/y:1\n', errors: [{ line: 2, column: 3 }, { line: 7, column: 3 }] },
    { name: 'merge keys', code: 'x-b: &b\n  image: x/y:1\nservices:\n  a:\n    <<: *b\n  b:\n    <<: *b\n', errors: [{ line: 4, column: 3 }, { line: 6, column: 3 }] },
    { name: 'flow style', code: '{services: {web: {image: "nginx:1.27"}, db: {image: "x/y:1"}}}\n', errors: [{ line: 1, column: 13 }, { line: 1, column: 41 }] },
    { name: 'CRLF', code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n  db:\r\n    image: x/y:1\r\n', errors: [{ line: 2, column: 3 }, { line: 4, column: 3 }] },
    { name: 'networks mentioned only in a comment', code: '# networks: later\nservices:\n  web:\n    image: nginx:1.27\n  db:\n    image: x/y:1\n', errors: [{ line: 3, column: 3 }, { line: 5, column: 3 }] },
  ],
});
