import rule from '../../server/core/rules/compose/compose-privileged';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'privileged false', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV}\n' },
    { name: 'interpolated default false', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV:-false}\n' },
    { name: 'a label named privileged', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      privileged: "true"\n' },
    { name: 'reset in a later document', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n---\nservices:\n  web:\n    privileged: !reset null\n' },
    { name: 'comment', code: 'services:\n  web:\n    image: nginx:1.27\n    # privileged: true\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      errors: [{ line: 4, column: 5, endColumn: 15, message: 'Service `web` runs privileged: it gets every capability and all host devices.' }],
      fixTitles: ['Remove `privileged: true` (grant only the capability the service needs with `cap_add`)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'quoted "true", comments kept',
      code: '# stack\nservices:\n  web:\n    # needs it?\n    privileged: "true" # yes\n    image: nginx:1.27 # web\n',
      errors: [{ line: 5, column: 5 }],
      output: '# stack\nservices:\n  web:\n    # needs it?\n    image: nginx:1.27 # web\n',
    },
    {
      name: 'interpolated default true',
      code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: ${PRIV:-true}\n    restart: always\n',
      errors: [{ line: 4, column: 5 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    privileged: true\r\n    image: nginx:1.27\r\n',
      errors: [{ line: 3, column: 5 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'merged from an anchor: reported at the anchor, once',
      code: 'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: nginx:1.27\n  b:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3 }],
      output: null,
    },
    {
      name: 'flow mapping: no fix',
      code: 'services:\n  web: {image: "nginx:1.27", privileged: true}\n',
      errors: [{ line: 2, column: 30 }],
      output: null,
    },
    {
      name: 'second document overrides',
      code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    privileged: true\n',
      errors: [{ line: 7, column: 5 }],
      output: null,
    },
    {
      name: 'two services',
      code: 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n  b:\n    image: redis:7\n    privileged: yes\n',
      errors: [{ line: 4, column: 5, message: /`a`/ }, { line: 7, column: 5, message: /`b`/ }],
    },
  ],
});
