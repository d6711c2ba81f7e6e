import rule from '../../server/core/rules/compose/compose-no-new-privileges';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    { name: '= form', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges=true"]\n' },
    { name: 'bare form', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - ${SEC_OPT}\n' },
    { name: 'interpolated default', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - ${SEC_OPT:-no-new-privileges:true}\n' },
    { name: 'from an anchor', code: 'x-sec: &sec\n  security_opt: [no-new-privileges:true]\nservices:\n  web:\n    <<: *sec\n    image: nginx:1.27\n' },
    { name: 'merged across documents', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges:true"]\n---\nservices:\n  web:\n    security_opt: ["label:type:svirt_apache_t"]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` does not set `no-new-privileges:true`: setuid binaries can raise privileges.' }],
      fixTitles: ['Add `security_opt: ["no-new-privileges:true"]`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - "no-new-privileges:true"\n',
    },
    {
      name: 'append to a block list, plain like its items, comments kept',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - label:type:svirt_apache_t # selinux\n    restart: always\n',
      errors: [{ line: 2, column: 3, message: 'Service `web` does not set `no-new-privileges:true` in `security_opt`.' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - label:type:svirt_apache_t # selinux\n      - no-new-privileges:true\n    restart: always\n',
    },
    {
      name: 'append to a flow list, single quotes like its items',
      code: "services:\n  web:\n    image: 'nginx:1.27'\n    security_opt: ['apparmor:docker-default']\n",
      errors: [{ line: 2, column: 3 }],
      output: "services:\n  web:\n    image: 'nginx:1.27'\n    security_opt: ['apparmor:docker-default', 'no-new-privileges:true']\n",
    },
    {
      name: 'set to false: turned to true',
      code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:false\n',
      errors: [{ line: 5, column: 9, message: /turns `no-new-privileges` off/ }],
      fixTitles: ['Set `no-new-privileges:true`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    {
      name: 'flow-style file: new key in flow style',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    security_opt: ["no-new-privileges:true"]\n',
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n      - "no-new-privileges:true"\r\n',
    },
    {
      name: 'anchor without the option: no fix (a service key would replace the merged list)',
      code: 'x-sec: &sec\n  security_opt: [seccomp:default.json]\nservices:\n  web:\n    <<: *sec\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'two services',
      code: 'services:\n  a:\n    image: nginx:1.27\n  b:\n    image: redis:7\n    security_opt: []\n',
      errors: [{ line: 2, column: 3 }, { line: 4, column: 3 }],
    },
  ],
});
