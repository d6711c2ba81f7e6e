import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-cap-drop-all';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n',
    { name: 'flow, lower case', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [all]\n' },
    { name: 'CAP_ALL', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: ["CAP_ALL"]\n' },
    { name: 'unknown interpolation may be ALL', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_RAW, "${DROP}"]\n' },
    { name: 'interpolated default ALL', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: ["${DROP:-ALL}"]\n' },
    { name: 'from an anchor', code: 'x-hard: &hard\n  cap_drop: [ALL]\nservices:\n  web:\n    <<: *hard\n    image: nginx:1.27\n' },
    { name: 'from extends in the same file', code: 'services:\n  base:\n    image: alpine:3.20\n    cap_drop: [ALL]\n  web:\n    extends: base\n    image: nginx:1.27\n' },
    { name: 'extends another file: not judged', code: 'services:\n  web:\n    extends:\n      file: common.yaml\n      service: base\n' },
    { name: 'from an earlier document', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n---\nservices:\n  web:\n    environment:\n      A: "1"\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: "Service `web` keeps Docker's default capabilities: it has no `cap_drop: [ALL]`." }],
      fixTitles: ['Drop capabilities: add `cap_drop: [ALL]`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n',
    },
    {
      name: 'flow style file, cap_add kept',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n    ports: ["8080:80"]\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n    ports: ["8080:80"]\n    cap_drop: [ALL]\n',
    },
    {
      name: 'block lists at the key indentation',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n    - CHOWN\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n    - CHOWN\n    cap_drop:\n    - ALL\n',
    },
    {
      name: 'existing cap_drop without ALL: append (block)',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW # no raw sockets\n    restart: always\n',
      errors: [{ line: 4, column: 5, message: '`cap_drop` of service `web` does not include `ALL`: the other default capabilities stay.' }],
      fixTitles: ['Drop capabilities: add `ALL` to `cap_drop`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - NET_RAW # no raw sockets\n      - ALL\n    restart: always\n',
    },
    {
      name: 'existing cap_drop without ALL: append (flow)',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_RAW, MKNOD]\n',
      errors: [{ line: 4, column: 5 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_RAW, MKNOD, ALL]\n',
    },
    {
      name: 'two-space nesting, comments and no final newline',
      code: '# app\nservices:\n web:\n  image: nginx:1.27 # pinned later\n  volumes:\n   - ./a:/a',
      errors: [{ line: 3, column: 2 }],
      output: '# app\nservices:\n web:\n  image: nginx:1.27 # pinned later\n  volumes:\n   - ./a:/a\n  cap_drop:\n   - ALL\n',
    },
    {
      name: 'CRLF, two services',
      code: 'services:\r\n  a:\r\n    image: nginx:1.27\r\n  b:\r\n    image: redis:7\r\n',
      errors: [{ line: 2, column: 3 }, { line: 4, column: 3 }],
      output: 'services:\r\n  a:\r\n    image: nginx:1.27\r\n    cap_drop:\r\n      - ALL\r\n  b:\r\n    image: redis:7\r\n',
    },
    {
      name: 'anchor without ALL: the key is added to the service',
      code: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n    cap_drop: [ALL]\n',
    },
    {
      name: 'flow mapping service: reported without a fix',
      code: 'services:\n  web: {image: "nginx:1.27"}\n',
      errors: [{ line: 2, column: 3 }],
      output: null,
    },
  ],
});

describe('compose-cap-drop-all fix', () => {
  it('is preferred and not safe', () => {
    const [f] = findingsFor(rule, { code: 'services:\n  web:\n    image: nginx:1.27\n' });
    assert.equal(f.fixes?.[0].safe, false);
    assert.equal(f.fixes?.[0].isPreferred, true);
  });
});
