import rule from '../../server/core/rules/compose/compose-confinement-disabled';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'custom profiles', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:./seccomp.json\n      - apparmor:docker-default\n      - label:type:svirt_apache_t\n' },
    { name: 'no-new-privileges', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - ${SECCOMP}\n' },
    { name: 'interpolated default that confines', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - ${SECCOMP:-seccomp:default.json}\n' },
    { name: 'in a comment', code: 'services:\n  web:\n    image: nginx:1.27\n    # security_opt: [seccomp:unconfined]\n' },
    { name: 'label user', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - label:user:USER\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n',
      errors: [{ line: 5, column: 9, endColumn: 27, message: 'Service `web` disables seccomp syscall filtering (`seccomp:unconfined`).' }],
      fixTitles: ['Remove `seccomp:unconfined` from `security_opt`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'only entry: key removed, comments kept',
      code: 'services:\n  web:\n    # strace\n    security_opt:\n      - "apparmor=unconfined" # debug\n    image: nginx:1.27\n',
      errors: [{ line: 5, column: 9, message: /the AppArmor profile/ }],
      fixTitles: ['Remove `security_opt` (its only entry is `apparmor=unconfined`)'],
      output: 'services:\n  web:\n    # strace\n    image: nginx:1.27\n',
    },
    {
      name: 'label:disable and label=disable in a flow list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [label:disable, "no-new-privileges:true", label=disable]\n',
      errors: [{ line: 4, column: 20, message: /SELinux labeling/ }, { line: 4, column: 61 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true", label=disable]\n',
    },
    {
      name: 'seccomp=unconfined, interpolated default',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n      - ${SECCOMP:-seccomp=unconfined}\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n      - no-new-privileges:true\r\n      - seccomp:unconfined\r\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n      - no-new-privileges:true\r\n',
    },
    {
      name: 'from an anchor: once, no fix',
      code: 'x-dbg: &dbg\n  security_opt:\n    - seccomp:unconfined\nservices:\n  a:\n    <<: *dbg\n    image: nginx:1.27\n  b:\n    <<: *dbg\n    image: redis:7\n',
      errors: [{ line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'upper case',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - SECCOMP:UNCONFINED\n      - no-new-privileges\n',
      errors: [{ line: 5, column: 9 }],
    },
  ],
});
