import rule from '../../server/core/rules/compose/compose-host-namespace';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'bridge and service modes', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n  side:\n    image: busybox:1.36\n    network_mode: "service:web"\n    pid: "service:web"\n' },
    { name: 'ipc shareable', code: 'services:\n  web:\n    image: nginx:1.27\n    ipc: shareable\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: ${NET_MODE}\n' },
    { name: 'interpolated default not host', code: 'services:\n  web:\n    image: nginx:1.27\n    pid: ${PID_MODE:-container:db}\n' },
    { name: 'a label', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      pid: host\n' },
    { name: 'extra_hosts host-gateway', code: 'services:\n  web:\n    image: nginx:1.27\n    extra_hosts:\n      - "host.docker.internal:host-gateway"\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n',
      errors: [{ line: 4, column: 10, endColumn: 14, message: "Service `web` shares the host's processes (they can be seen and signalled, /proc/<pid>/environ read) through `pid: host`." }],
      fixTitles: ['Remove `pid: host`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'network_mode: reported without a fix',
      code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n',
      errors: [{ line: 4, column: 19, message: /network stack/ }],
      output: null,
    },
    {
      name: 'quoted, upper case, comments kept',
      code: 'services:\n  web:\n    # debug\n    ipc: "HOST" # shm\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 10 }],
      output: 'services:\n  web:\n    # debug\n    image: nginx:1.27\n',
    },
    {
      name: 'interpolated default host',
      code: 'services:\n  web:\n    image: nginx:1.27\n    uts: ${UTS:-host}\n',
      errors: [{ line: 4, column: 10 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'several keys in one service',
      code: 'services:\n  agent:\n    image: datadog/agent:7\n    pid: host\n    network_mode: host\n    userns_mode: host\n',
      errors: [{ line: 4, column: 10 }, { line: 5, column: 19 }, { line: 6, column: 18 }],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    userns_mode: host\r\n    image: nginx:1.27\r\n',
      errors: [{ line: 3, column: 18 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'from an anchor: once, no fix',
      code: 'x-h: &h\n  pid: host\nservices:\n  a:\n    <<: *h\n    image: nginx:1.27\n  b:\n    <<: *h\n    image: redis:7\n',
      errors: [{ line: 2, column: 8 }],
      output: null,
    },
  ],
});
