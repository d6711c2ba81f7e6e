import rule from '../../server/core/rules/compose/compose-cpu-limit';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n',
    { name: 'cpu_quota', code: 'services:\n  web:\n    image: nginx:1.27\n    cpu_quota: 50000\n' },
    { name: 'deploy limit', code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "2"\n' },
    { name: 'variable value counts', code: 'services:\n  web:\n    image: nginx:1.27\n    cpus: ${CPUS}\n' },
    { name: 'from an anchor', code: 'x-res: &res\n  cpus: 1\nservices:\n  web:\n    <<: *res\n    image: nginx:1.27\n' },
    { name: 'from extends', code: 'services:\n  base:\n    image: a:1\n    cpus: 1\n  web:\n    extends: base\n' },
    { name: 'later document', code: 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    cpus: 1\n' },
    { name: 'provider service', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` has no CPU limit (`cpus`, `cpu_quota` or `deploy.resources.limits.cpus`).' }],
      fixTitles: ['Add a CPU limit (1.0, to tune)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n',
    },
    {
      name: 'next to the memory limit',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M # tune\n    ports:\n      - "127.0.0.1:8080:80"\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M # tune\n          cpus: "1.0"\n    ports:\n      - "127.0.0.1:8080:80"\n',
    },
    {
      name: 'single-quoted file',
      code: "services:\n  web:\n    image: 'nginx:1.27'\n    ports:\n      - '127.0.0.1:80:80'\n",
      errors: [{ line: 2, column: 3 }],
      output: "services:\n  web:\n    image: 'nginx:1.27'\n    ports:\n      - '127.0.0.1:80:80'\n    deploy:\n      resources:\n        limits:\n          cpus: '1.0'\n",
    },
    {
      name: 'cpu_shares is not a limit; CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    cpu_shares: 512\r\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    cpu_shares: 512\r\n    deploy:\r\n      resources:\r\n        limits:\r\n          cpus: "1.0"\r\n',
    },
    { name: 'flow: no fix', code: 'services: {web: {image: "nginx:1.27"}}\n', errors: [{ line: 1, column: 12 }], output: null },
    {
      name: 'anchored deploy: no fix',
      code: 'x-d: &d\n  deploy:\n    resources:\n      limits:\n        memory: 1G\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
      errors: [{ line: 7, column: 3 }],
      output: null,
    },
    {
      name: 'tab-free 3-space indentation',
      code: 'services:\n   web:\n      image: nginx:1.27\n      deploy:\n         replicas: 1\n',
      errors: [{ line: 2, column: 4 }],
      output: 'services:\n   web:\n      image: nginx:1.27\n      deploy:\n         replicas: 1\n         resources:\n            limits:\n               cpus: "1.0"\n',
    },
    { name: 'two services', code: 'services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n    cpus: 1\n  c:\n    image: c:1\n', errors: [{ line: 2, column: 3 }, { line: 7, column: 3 }] },
  ],
});
