import rule from '../../server/core/rules/compose/compose-image-latest-tag';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'digest without tag', code: `services:\n  web:\n    image: nginx@${D}\n` },
    { name: 'latest with digest', code: `services:\n  web:\n    image: nginx:latest@${D}\n` },
    { name: 'registry with port, tagged', code: 'services:\n  web:\n    image: registry.local:5000/team/web:2.3\n' },
    { name: 'build exempt', code: 'services:\n  app:\n    build: .\n    image: shop/app\n' },
    { name: 'unknown variable', code: 'services:\n  web:\n    image: nginx:${TAG}\n' },
    { name: 'default tagged', code: 'services:\n  web:\n    image: ${IMG:-nginx:1.27}\n' },
    { name: 'anchor tagged', code: 'x-base: &base\n  image: redis:7\nservices:\n  cache:\n    <<: *base\n' },
    { name: 'no image', code: 'services:\n  web:\n    extends: base\n  base:\n    build: .\n' },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres\n',
      errors: [{ line: 3, column: 12, endColumn: 20, message: 'Service `db` uses image `postgres` without a tag, which means `latest`.' }],
      output: null,
    },
    {
      name: 'latest',
      code: 'services:\n  web:\n    image: "nginx:latest"\n',
      errors: [{ line: 3, column: 12, endColumn: 26, message: 'Service `web` uses image `nginx:latest` with the `latest` tag.' }],
    },
    { name: 'registry with port, no tag', code: 'services:\n  web:\n    image: registry.local:5000/team/web\n', errors: [{ line: 3, column: 12, message: /without a tag/ }] },
    { name: 'interpolated default', code: 'services:\n  web:\n    image: ${IMG:-nginx}\n', errors: [{ line: 3, column: 12, message: /`nginx` without a tag/ }] },
    { name: 'tag default latest', code: 'services:\n  web:\n    image: nginx:${TAG:-latest}\n', errors: [{ line: 3, column: 12, message: /`latest` tag/ }] },
    { name: 'anchor', code: 'x-base: &base\n  image: redis\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n', errors: [{ line: 2, column: 10 }] },
    { name: 'multi-document', code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    image: nginx:latest\n', errors: [{ line: 7, column: 12 }] },
    { name: 'flow', code: 'services: {web: {image: nginx}}\n', errors: [{ line: 1, column: 25 }] },
    { name: 'CRLF, comment', code: '# stack\r\nservices:\r\n  web:\r\n    image: nginx # todo\r\n', errors: [{ line: 4, column: 12, endColumn: 17 }] },
  ],
});
