import rule from '../../server/core/rules/compose/compose-duplicate-container-name';
import { ruleTester } from '../helpers/rule-tester';

const two = (a: string, b: string) => `services:\n  web:\n    image: nginx:1.27\n    container_name: ${a}\n  worker:\n    image: nginx:1.27\n    container_name: ${b}\n`;

ruleTester(rule, {
  valid: [
    two('app-web', 'app-worker'),
    { name: 'no names', code: 'services:\n  a:\n    image: x/y:1\n  b:\n    image: x/y:1\n' },
    { name: 'unknown names', code: two('${NAME}', '${NAME}') },
    { name: 'one service over two documents', code: 'services:\n  a:\n    image: x/y:1\n    container_name: app\n---\nservices:\n  a:\n    container_name: app\n' },
    { name: 'different defaults', code: two('${A:-one}', '${B:-two}') },
    { name: 'case differs', code: two('App', 'app') },
  ],
  invalid: [
    { code: two('app', 'app'), errors: [{ line: 7, column: 21, endColumn: 24, message: 'Service `worker` uses container name `app`, already used by service `web`.' }], output: null },
    { name: 'quoted vs plain', code: two('"app"', 'app # again'), errors: [{ line: 7, column: 21 }] },
    { name: 'default judged', code: two('${N:-app}', 'app'), errors: [{ line: 7, column: 21 }] },
    { name: 'three services', code: 'services:\n  a:\n    image: x/y:1\n    container_name: c\n  b:\n    image: x/y:1\n    container_name: c\n  d:\n    image: x/y:1\n    container_name: c\n', errors: [{ line: 7, column: 21 }, { line: 10, column: 21 }] },
    { name: 'from a merge key: both services at the anchor', code: 'x-b: &b\n  image: x/y:1\n  container_name: same\nservices:\n  a:\n    <<: *b\n  b:\n    <<: *b\n', errors: [{ line: 3, column: 19 }] },
    { name: 'CRLF', code: two('app', 'app').replace(/\n/g, '\r\n'), errors: [{ line: 7, column: 21 }] },
  ],
});
