import rule from '../../server/core/rules/compose/compose-memory-limit';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n',
    { name: 'deploy limit', code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n' },
    { name: 'variable value counts', code: 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: ${MEM}\n' },
    { name: 'from an anchor', code: 'x-res: &res\n  deploy:\n    resources:\n      limits:\n        memory: 1G\nservices:\n  web:\n    <<: *res\n    image: nginx:1.27\n' },
    { name: 'from extends', code: 'services:\n  base:\n    image: a:1\n    mem_limit: 1g\n  web:\n    extends: base\n' },
    { name: 'in a later document', code: 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    mem_limit: 1g\n' },
    { name: 'flow', code: 'services: {web: {image: "a:1", mem_limit: 1g}}\n' },
    { name: 'no services', code: 'name: x\n' },
    { name: 'provider service', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n      options:\n        type: mysql\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` has no memory limit (`mem_limit` or `deploy.resources.limits.memory`).' }],
      fixTitles: ['Add a memory limit (512M, to tune)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    },
    {
      name: 'merges into existing deploy/resources/limits (4-space indentation, comments kept)',
      code: 'services:\n    web:\n        image: nginx:1.27 # web\n        deploy:\n            # resources\n            resources:\n                limits:\n                    cpus: "0.5"\n        ports:\n            - "127.0.0.1:80:80"\n',
      errors: [{ line: 2, column: 5 }],
      output: 'services:\n    web:\n        image: nginx:1.27 # web\n        deploy:\n            # resources\n            resources:\n                limits:\n                    cpus: "0.5"\n                    memory: 512M\n        ports:\n            - "127.0.0.1:80:80"\n',
    },
    {
      name: 'deploy with replicas only',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n  db:\n    image: postgres:16\n    mem_limit: 1g\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          memory: 512M\n  db:\n    image: postgres:16\n    mem_limit: 1g\n',
    },
    {
      name: 'reservations only',
      code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        reservations:\n          memory: 128M\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        reservations:\n          memory: 128M\n        limits:\n          memory: 512M\n',
    },
    {
      name: 'block scalar last, no final line break',
      code: 'services:\n  web:\n    image: alpine:3.20\n    command: |\n      echo hi\n\n  db:\n    image: postgres:16\n    mem_limit: 1g',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: alpine:3.20\n    command: |\n      echo hi\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n\n  db:\n    image: postgres:16\n    mem_limit: 1g',
    },
    {
      name: 'CRLF, last service at end of file without a line break',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    deploy:\r\n      resources:\r\n        limits:\r\n          memory: 512M\r\n',
    },
    { name: 'flow style: no fix', code: 'services: {web: {image: "nginx:1.27"}}\n', errors: [{ line: 1, column: 12 }], output: null },
    {
      name: 'deploy merged from an anchor: no fix (would shadow the merged keys)',
      code: 'x-d: &d\n  deploy:\n    replicas: 2\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
      errors: [{ line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'keys merged from an anchor, own keys written: fix on the service',
      code: 'x-common: &common\n  restart: on-failure\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-common: &common\n  restart: on-failure\nservices:\n  web:\n    <<: *common\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    },
    {
      name: 'two documents: the fix goes into the last one',
      code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    ports: ["127.0.0.1:80:80"]\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    ports: ["127.0.0.1:80:80"]\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    },
    {
      name: 'several services',
      code: 'services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n',
      errors: [{ line: 2, column: 3 }, { line: 4, column: 3, message: /`b`/ }],
    },
  ],
});
