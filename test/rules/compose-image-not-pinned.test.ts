import rule from '../../server/core/rules/compose/compose-image-not-pinned';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

ruleTester(rule, {
  valid: [
    `services:\n  web:\n    image: nginx:1.27@${D}\n`,
    { name: 'digest without tag', code: `services:\n  web:\n    image: nginx@${D}\n` },
    { name: 'build exempt', code: 'services:\n  app:\n    build: .\n    image: shop/app:1.0\n' },
    { name: 'build (long form) exempt', code: 'services:\n  app:\n    build:\n      context: .\n      dockerfile: Dockerfile.prod\n    image: shop/app\n' },
    { name: 'unknown variable', code: 'services:\n  web:\n    image: ${IMAGE}\n' },
    { name: 'unknown tag variable', code: 'services:\n  web:\n    image: nginx:${TAG}\n' },
    { name: 'default is pinned', code: `services:\n  web:\n    image: \${IMAGE:-nginx:1.27@${D}}\n` },
    { name: 'anchor with digest merged', code: `x-base: &base\n  image: redis:7@${D}\nservices:\n  cache:\n    <<: *base\n` },
    { name: 'build merged from an anchor', code: 'x-b: &b\n  build: ./api\nservices:\n  api:\n    <<: *b\n    image: api\n' },
    { name: 'no image', code: 'services:\n  web:\n    command: ["true"]\n' },
    { name: 'no services', code: 'name: x\n' },
    { name: 'later document adds digest', code: `services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    image: nginx:1.27@${D}\n` },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 3, column: 12, endColumn: 22, message: 'Service `web` uses image `nginx:1.27` without a digest: the tag can be moved to different content.' }],
      output: null,
    },
    { name: 'quoted', code: 'services:\n  web:\n    image: "ghcr.io/org/app:2.1" # pinned later\n', errors: [{ line: 3, column: 12, endColumn: 33, message: /ghcr\.io\/org\/app:2\.1/ }] },
    { name: 'no tag', code: 'services:\n  db:\n    image: postgres\n', errors: [{ line: 3, column: 12 }] },
    { name: 'interpolated default', code: 'services:\n  web:\n    image: ${IMG:-nginx:1.27}\n', errors: [{ line: 3, column: 12, message: /`nginx:1\.27`/ }] },
    { name: 'tag default', code: 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n', errors: [{ line: 3, column: 12, message: /`nginx:1\.27`/ }] },
    {
      name: 'merged from an anchor: reported at the anchor',
      code: 'x-base: &base\n  image: redis:7\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
      errors: [{ line: 2, column: 10 }],
    },
    {
      name: 'two services',
      code: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
      errors: [{ line: 3, column: 12 }, { line: 5, column: 12, message: /`db`/ }],
    },
    { name: 'flow style', code: 'services: {web: {image: "nginx:1.27"}}\n', errors: [{ line: 1, column: 25 }] },
    {
      name: 'multi-document: later value wins',
      code: `services:\n  web:\n    image: nginx:1.27@${D}\n---\nservices:\n  web:\n    image: nginx:1.28\n`,
      errors: [{ line: 7, column: 12 }],
    },
    { name: 'extends in the same file', code: 'services:\n  base:\n    image: alpine:3.20@' + D + '\n  web:\n    extends: base\n    image: nginx:1.27\n', errors: [{ line: 6, column: 12 }] },
    { name: 'CRLF', code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n', errors: [{ line: 3, column: 12 }], output: null },
  ],
});
