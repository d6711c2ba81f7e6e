import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-pids-limit';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200\n',
    { name: 'deploy limit', code: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 50\n' },
    { name: 'variable', code: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: ${PIDS}\n' },
    { name: 'default', code: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: ${PIDS:-100}\n' },
    { name: 'anchor', code: 'x-h: &h\n  pids_limit: 100\nservices:\n  web:\n    <<: *h\n    image: nginx:1.27\n' },
    { name: 'extends', code: 'services:\n  base:\n    image: a:1\n    pids_limit: 64\n  web:\n    extends: base\n' },
    { name: 'later document', code: 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    pids_limit: 64\n' },
    { name: 'provider service', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` has no process limit (`pids_limit` or `deploy.resources.limits.pids`).' }],
      fixTitles: ['Add `pids_limit: 100` (to tune)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 100\n',
    },
    {
      name: 'comments kept, next service untouched',
      code: 'services:\n  web: # front\n    image: nginx:1.27\n    # ports below\n    ports:\n      - "127.0.0.1:80:80"\n\n  db:\n    image: postgres:16\n    pids_limit: 100\n',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\n  web: # front\n    image: nginx:1.27\n    # ports below\n    ports:\n      - "127.0.0.1:80:80"\n    pids_limit: 100\n\n  db:\n    image: postgres:16\n    pids_limit: 100\n',
    },
    {
      name: 'CRLF, 4 spaces',
      code: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n',
      errors: [{ line: 2, column: 5 }],
      output: 'services:\r\n    web:\r\n        image: nginx:1.27\r\n        pids_limit: 100\r\n',
    },
    {
      name: 'unlimited -1',
      code: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1\n',
      errors: [{ line: 4, column: 17, endColumn: 19, message: 'Service `web` sets an unlimited process limit (`-1`).' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 100\n',
    },
    {
      name: 'unlimited 0 by default value',
      code: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: ${PIDS:-0}\n',
      errors: [{ line: 4, column: 17 }],
    },
    { name: 'flow: no fix', code: 'services: {web: {image: "nginx:1.27"}}\n', errors: [{ line: 1, column: 12 }], output: null },
    {
      name: 'merged keys, own keys: fix on the service',
      code: 'x-c: &c\n  restart: on-failure\nservices:\n  web:\n    <<: *c\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-c: &c\n  restart: on-failure\nservices:\n  web:\n    <<: *c\n    image: nginx:1.27\n    pids_limit: 100\n',
    },
    {
      name: 'service that is only an alias: no fix',
      code: 'x-t: &t\n  image: nginx:1.27\nservices:\n  web: *t\n',
      errors: [{ line: 4, column: 3 }],
      output: null,
    },
  ],
});

describe('compose-pids-limit fix', () => {
  it('is not safe (the limit counts threads; a value to tune)', () => {
    const [f] = findingsFor(rule, { code: 'services:\n  web:\n    image: nginx:1.27\n' });
    assert.equal(f.fixes?.[0].safe, false);
  });
});
