import rule from '../../server/core/rules/compose/compose-dangerous-cap';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'harmless capability', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE\n      - CHOWN\n' },
    { name: 'dropping is fine', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n      - SYS_ADMIN\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - ${CAP}\n' },
    { name: 'a similar name', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_RAW, SYS_TIME]\n' },
    { name: 'in a comment', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      # - SYS_ADMIN\n      - CHOWN\n' },
    { name: 'reset by a later document', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n---\nservices:\n  web:\n    cap_add: !reset []\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n      - CHOWN\n',
      errors: [{ line: 5, column: 9, endColumn: 18, message: 'Service `web` adds capability `SYS_ADMIN` (mount, namespaces and most administration calls).' }],
      fixTitles: ['Remove `SYS_ADMIN` from `cap_add`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - CHOWN\n',
    },
    {
      name: 'only entry: the key goes, comments kept',
      code: 'services:\n  web:\n    # debugging\n    cap_add:\n      - SYS_PTRACE # gdb\n    image: nginx:1.27\n',
      errors: [{ line: 5, column: 9 }],
      fixTitles: ['Remove `cap_add` (its only capability is `SYS_PTRACE`)'],
      output: 'services:\n  web:\n    # debugging\n    image: nginx:1.27\n',
    },
    {
      name: 'CAP_ prefix, lower case, flow list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [CHOWN, cap_sys_module, "CAP_NET_ADMIN"]\n',
      errors: [{ line: 4, column: 22, message: /`cap_sys_module` \(loading kernel modules\)/ }, { line: 4, column: 38 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [CHOWN, "CAP_NET_ADMIN"]\n',
    },
    {
      name: 'last of a flow list',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [CHOWN, ALL]\n',
      errors: [{ line: 4, column: 22, message: /every capability/ }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [CHOWN]\n',
    },
    {
      name: 'interpolated default',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - CHOWN\n      - ${CAP:-BPF}\n',
      errors: [{ line: 6, column: 9 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - CHOWN\n',
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    cap_add:\r\n      - DAC_READ_SEARCH\r\n      - CHOWN\r\n',
      errors: [{ line: 5, column: 9 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    cap_add:\r\n      - CHOWN\r\n',
    },
    {
      name: 'through an anchor: reported once at the anchor, no fix',
      code: 'x-caps: &caps\n  cap_add:\n    - SYS_RAWIO\nservices:\n  a:\n    <<: *caps\n    image: nginx:1.27\n  b:\n    <<: *caps\n    image: redis:7\n',
      errors: [{ line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'merged across documents',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [PERFMON]\n---\nservices:\n  web:\n    cap_add: [SYS_ADMIN]\n',
      errors: [{ line: 4, column: 15 }, { line: 8, column: 15 }],
    },
  ],
});
