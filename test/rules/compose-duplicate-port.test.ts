import rule from '../../server/core/rules/compose/compose-duplicate-port';
import { ruleTester } from '../helpers/rule-tester';

const two = (a: string, b: string) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - ${a}\n  admin:\n    image: nginx:1.27\n    ports:\n      - ${b}\n`;

ruleTester(rule, {
  valid: [
    two('"8080:80"', '"8081:80"'),
    { name: 'different addresses', code: two('"127.0.0.1:8080:80"', '"127.0.0.2:8080:80"') },
    { name: 'different protocols', code: two('"53:53/udp"', '"53:53/tcp"') },
    { name: 'same container port, random host ports', code: two('"80"', '"80"') },
    { name: 'unknown port', code: two('"${A}:80"', '"${A}:80"') },
    { name: 'overriding layer replaces the same mapping', code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n---\nservices:\n  web:\n    ports:\n      - "8080:80"\n' },
    { name: 'disjoint ranges', code: two('"8000-8009:8000-8009"', '"8010-8019:8000-8009"') },
  ],
  invalid: [
    { code: two('"8080:80"', '"8080:81"'), errors: [{ line: 9, column: 10, endColumn: 14, message: 'Host port 8080 of service `admin` is already published by service `web`.' }], output: null },
    { name: 'all interfaces collides with an address', code: two('"8080:80"', '"127.0.0.1:8080:80"'), errors: [{ line: 9, column: 20 }] },
    { name: 'overlapping ranges', code: two('"8000-8010:8000-8010"', '"8005:80"'), errors: [{ line: 9, column: 10 }] },
    { name: 'long syntax vs short', code: 'services:\n  a:\n    image: x/y:1\n    ports:\n      - "9000:9000"\n  b:\n    image: x/y:1\n    ports:\n      - target: 9000\n        published: "9000"\n', errors: [{ line: 10, column: 20 }] },
    { name: 'same service twice', code: 'services:\n  a:\n    image: x/y:1\n    ports:\n      - "9000:9000"\n      - "9000:9001"\n', errors: [{ line: 6, column: 10, message: /an earlier entry of this service/ }] },
    { name: 'default judged, udp', code: two('"${P:-53}:53/udp"', '53:53/udp'), errors: [{ line: 9, column: 9, message: /53\/udp/ }] },
    { name: 'CRLF', code: two('"80:80"', '"80:8080"').replace(/\n/g, '\r\n'), errors: [{ line: 9, column: 10 }] },
  ],
});
