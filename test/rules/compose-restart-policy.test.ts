import rule from '../../server/core/rules/compose/compose-restart-policy';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'on-failure:5', code: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n' },
    { name: 'no', code: 'services:\n  web:\n    image: nginx:1.27\n    restart: "no"\n' },
    { name: 'variable', code: 'services:\n  web:\n    image: nginx:1.27\n    restart: ${RESTART}\n' },
    { name: 'bounded by max_attempts', code: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n    deploy:\n      restart_policy:\n        condition: any\n        max_attempts: 3\n' },
    { name: 'deploy on-failure', code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n' },
    { name: 'unknown condition', code: 'services:\n  web:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: ${COND}\n' },
    { name: 'later document overrides', code: 'services:\n  web:\n    image: a:1\n    restart: always\n---\nservices:\n  web:\n    restart: on-failure:3\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    restart: always # keep it up\n',
      errors: [{ line: 4, column: 14, endColumn: 20, message: 'Service `web` restarts without a limit (`restart: always`).' }],
      fixTitles: ['Use `restart: on-failure:5`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5 # keep it up\n',
    },
    {
      name: 'unless-stopped quoted',
      code: "services:\n  web:\n    image: nginx:1.27\n    restart: 'unless-stopped'\n",
      errors: [{ line: 4, column: 14, message: /unless-stopped/ }],
      output: "services:\n  web:\n    image: nginx:1.27\n    restart: 'on-failure:5'\n",
    },
    {
      name: 'anchor: fixed at the anchor',
      code: 'x-c: &c\n  restart: always\nservices:\n  a:\n    <<: *c\n    image: a:1\n  b:\n    <<: *c\n    image: b:1\n',
      errors: [{ line: 2, column: 12 }],
      output: 'x-c: &c\n  restart: on-failure:5\nservices:\n  a:\n    <<: *c\n    image: a:1\n  b:\n    <<: *c\n    image: b:1\n',
    },
    { name: 'interpolated default: no fix', code: 'services:\n  web:\n    image: a:1\n    restart: ${RESTART:-always}\n', errors: [{ line: 4, column: 14 }], output: null },
    { name: 'CRLF', code: 'services:\r\n  web:\r\n    image: a:1\r\n    restart: always\r\n', errors: [{ line: 4, column: 14 }], output: 'services:\r\n  web:\r\n    image: a:1\r\n    restart: on-failure:5\r\n' },
    { name: 'flow', code: 'services: {web: {image: "a:1", restart: always}}\n', errors: [{ line: 1, column: 41 }], output: 'services: {web: {image: "a:1", restart: on-failure:5}}\n' },
    { name: 'deploy condition any', code: 'services:\n  web:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: any\n        delay: 5s\n', errors: [{ line: 6, column: 20, message: 'Service `web` has a restart policy (condition `any`) without `max_attempts`.' }], output: null },
    { name: 'deploy without condition', code: 'services:\n  web:\n    image: a:1\n    deploy:\n      restart_policy:\n        delay: 5s\n', errors: [{ line: 5, column: 7 }] },
  ],
});
