import rule from '../../server/core/rules/compose/compose-devices';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'empty list', code: 'services:\n  web:\n    image: nginx:1.27\n    devices: []\n' },
    { name: 'entirely unknown entry', code: 'services:\n  web:\n    image: nginx:1.27\n    devices:\n      - ${DEVICE}\n' },
    { name: 'device_cgroup_rules only', code: 'services:\n  web:\n    image: nginx:1.27\n    device_cgroup_rules:\n      - "c 1:3 mr"\n' },
    { name: 'a comment', code: 'services:\n  web:\n    image: nginx:1.27\n    # devices: [/dev/sda]\n' },
    { name: 'reset', code: 'services:\n  web:\n    image: nginx:1.27\n    devices: [/dev/ttyUSB0]\n---\nservices:\n  web:\n    devices: !reset []\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices:\n      - /dev/sda:/dev/xvda:rwm\n',
      errors: [{ line: 5, column: 9, endColumn: 31, message: 'Service `web` gets host device `/dev/sda`.' }],
      output: null,
    },
    {
      name: 'flow list, several',
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices: ["/dev/ttyUSB0", /dev/fuse]\n',
      errors: [{ line: 4, column: 15, message: /`\/dev\/ttyUSB0`/ }, { line: 4, column: 31, message: /`\/dev\/fuse`/ }],
    },
    {
      name: 'partly interpolated',
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices:\n      - /dev/net/tun:${TARGET}\n',
      errors: [{ line: 5, column: 9, message: /`\/dev\/net\/tun`/ }],
    },
    {
      name: 'interpolated default',
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices:\n      - ${GPU:-/dev/dri}:/dev/dri\n',
      errors: [{ line: 5, column: 9, message: /`\/dev\/dri`/ }],
    },
    {
      name: 'CDI name',
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices:\n      - nvidia.com/gpu=all\n',
      errors: [{ line: 5, column: 9, message: /`nvidia.com\/gpu=all`/ }],
    },
    {
      name: 'from an anchor: once',
      code: 'x-d: &d\n  devices: [/dev/kmsg]\nservices:\n  a:\n    <<: *d\n    image: nginx:1.27\n  b:\n    <<: *d\n    image: redis:7\n',
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'merged across documents',
      code: 'services:\n  web:\n    image: nginx:1.27\n    devices: [/dev/sdb]\n---\nservices:\n  web:\n    devices: [/dev/sdc]\n',
      errors: [{ line: 4, column: 15 }, { line: 8, column: 15 }],
    },
  ],
});
