import rule from '../../server/core/rules/compose/compose-cgroup-parent';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'empty string', code: 'services:\n  web:\n    image: nginx:1.27\n    cgroup_parent: ""\n' },
    { name: 'in labels', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      cgroup_parent: x\n' },
    { name: 'reset in a later document', code: 'services:\n  web:\n    image: a:1\n    cgroup_parent: /x\n---\nservices:\n  web:\n    cgroup_parent: !reset null\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    cgroup_parent: m-executor-abcd # host slice\n',
      errors: [{ line: 4, column: 5, endColumn: 18, message: 'Service `web` sets a custom cgroup parent (`m-executor-abcd`).' }],
      output: null,
    },
    { name: 'variable default', code: 'services:\n  web:\n    image: a:1\n    cgroup_parent: ${CG:-/docker-custom}\n', errors: [{ line: 4, column: 5, message: /`\/docker-custom`/ }] },
    { name: 'unknown variable: reported without a value', code: 'services:\n  web:\n    image: a:1\n    cgroup_parent: ${CG}\n', errors: [{ line: 4, column: 5, message: 'Service `web` sets a custom cgroup parent.' }] },
    { name: 'anchor', code: 'x-c: &c\n  cgroup_parent: /x\nservices:\n  a:\n    <<: *c\n    image: a:1\n', errors: [{ line: 2, column: 3 }] },
    { name: 'flow', code: 'services: {web: {image: "a:1", cgroup_parent: "/x"}}\n', errors: [{ line: 1, column: 32 }] },
    { name: 'CRLF, second document', code: 'services:\r\n  web:\r\n    image: a:1\r\n---\r\nservices:\r\n  web:\r\n    cgroup_parent: /x\r\n', errors: [{ line: 7, column: 5 }] },
  ],
});
