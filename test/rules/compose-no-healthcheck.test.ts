import rule from '../../server/core/rules/compose/compose-no-healthcheck';
import type { AnalyzeOptions, Host } from '../../server/core/types';
import { ruleTester } from '../helpers/rule-tester';

function host(files: Record<string, string>): Host {
  return { exists: (p) => p in files, readFile: (p) => files[p] };
}
const withFiles = (files: Record<string, string>): AnalyzeOptions => ({ host: host(files) });
const WITH_HC = 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n';
const MULTI = 'FROM golang:1.23 AS build\nHEALTHCHECK CMD true\nFROM alpine:3.20 AS final\nCOPY --from=build /app /app\n';

const HC = '    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n' + HC,
    { name: 'from an anchor', code: 'x-h: &h\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *h\n    image: nginx:1.27\n' },
    { name: 'from extends', code: 'services:\n  base:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "true"]\n  web:\n    extends: base\n' },
    { name: 'later document', code: 'services:\n  web:\n    image: a:1\n---\nservices:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n' },
    { name: 'Dockerfile on disk not readable (no readFile): unknown', code: 'services:\n  app:\n    build: .\n' },
    { name: 'Dockerfile on disk with HEALTHCHECK', code: 'services:\n  app:\n    build: .\n', options: withFiles({ '/ctx/Dockerfile': WITH_HC }) },
    { name: 'custom context and dockerfile', code: 'services:\n  app:\n    build:\n      context: ./web\n      dockerfile: docker/Prod.Dockerfile\n', options: withFiles({ '/ctx/web/docker/Prod.Dockerfile': WITH_HC }) },
    { name: 'target stage with HEALTHCHECK', code: 'services:\n  app:\n    build:\n      context: .\n      target: build\n', options: withFiles({ '/ctx/Dockerfile': MULTI }) },
    { name: 'missing Dockerfile: unknown', code: 'services:\n  app:\n    build: ./nothing\n', options: withFiles({}) },
    { name: 'remote context: unknown', code: 'services:\n  app:\n    build: https://github.com/acme/web.git#main\n', options: withFiles({ '/ctx/Dockerfile': 'FROM alpine:3.20\n' }) },
    { name: 'inline Dockerfile with HEALTHCHECK', code: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM nginx:1.27\n        HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'inline Dockerfile, HEALTHCHECK NONE is a decision', code: 'services:\n  app:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        HEALTHCHECK NONE\n' },
    { name: 'inline Dockerfile, target stage inherits it', code: 'services:\n  app:\n    build:\n      target: prod\n      dockerfile_inline: |\n        FROM alpine:3.20 AS base\n        HEALTHCHECK CMD true\n        FROM base AS prod\n        FROM alpine:3.20 AS debug\n' },
    { name: 'provider service', code: 'services:\n  db:\n    provider:\n      type: awesomecloud\n' },
    { name: 'string test', code: 'services:\n  web:\n    image: a:1\n    healthcheck:\n      test: curl -f http://localhost/\n' },
  ],
  invalid: [
    {
      name: 'Dockerfile on disk without HEALTHCHECK in the final stage (block lists, as the file writes them)',
      code: 'services:\n  app:\n    build: .\n    ports:\n      - "127.0.0.1:8080:8080"\n',
      options: withFiles({ '/ctx/Dockerfile': MULTI }),
      errors: [{ line: 2, column: 3, message: 'Service `app` has no healthcheck (and its Dockerfile stage has no `HEALTHCHECK`).' }],
      output: 'services:\n  app:\n    build: .\n    ports:\n      - "127.0.0.1:8080:8080"\n    healthcheck:\n      test:\n        - "CMD"\n        - "curl"\n        - "-f"\n        - "http://localhost:8080/"\n      interval: 30s\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n',
    },
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, endColumn: 6, message: 'Service `web` has no healthcheck.' }],
      fixTitles: ['Add a healthcheck template (adapt the test command)'],
      output: 'services:\n  web:\n    image: nginx:1.27\n' + HC,
    },
    {
      name: 'port of the service, block lists and single quotes, 4 spaces, comments kept',
      code: "services:\n    api: # the API\n        image: 'shop/api:2.1'\n        ports:\n            - '127.0.0.1:8080:3000'\n    db:\n        image: 'postgres:16'\n        healthcheck:\n            test:\n                - 'CMD'\n                - 'pg_isready'\n",
      errors: [{ line: 2, column: 5, message: 'Service `api` has no healthcheck.' }],
      output: "services:\n    api: # the API\n        image: 'shop/api:2.1'\n        ports:\n            - '127.0.0.1:8080:3000'\n        healthcheck:\n            test:\n                - 'CMD'\n                - 'curl'\n                - '-f'\n                - 'http://localhost:3000/'\n            interval: 30s\n            timeout: 5s\n            retries: 3\n            start_period: 10s\n    db:\n        image: 'postgres:16'\n        healthcheck:\n            test:\n                - 'CMD'\n                - 'pg_isready'\n",
    },
    {
      name: 'CRLF, no final line break',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27',
      errors: [{ line: 2, column: 3 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n' + HC.replace(/\n/g, '\r\n'),
    },
    {
      name: 'disabled',
      code: 'services:\n  web:\n    image: a:1\n    healthcheck:\n      disable: true\n',
      errors: [{ line: 5, column: 7, message: 'Service `web` disables its healthcheck.' }],
      output: null,
    },
    { name: 'test NONE', code: 'services:\n  web:\n    image: a:1\n    healthcheck:\n      test: ["NONE"]\n', errors: [{ line: 4, column: 5, message: /disables/ }] },
    {
      name: 'inline Dockerfile without HEALTHCHECK in the target stage',
      code: 'services:\n  app:\n    build:\n      target: debug\n      dockerfile_inline: |\n        FROM alpine:3.20 AS base\n        HEALTHCHECK CMD true\n        FROM alpine:3.20 AS debug\n',
      errors: [{ line: 2, column: 3, message: 'Service `app` has no healthcheck (and its Dockerfile stage has no `HEALTHCHECK`).' }],
    },
    { name: 'flow service: no fix', code: 'services: {web: {image: "a:1"}}\n', errors: [{ line: 1, column: 12 }], output: null },
    {
      name: 'merge keys: fix on the service',
      code: 'x-c: &c\n  restart: on-failure\nservices:\n  web:\n    <<: *c\n    image: a:1\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-c: &c\n  restart: on-failure\nservices:\n  web:\n    <<: *c\n    image: a:1\n' + HC,
    },
    { name: 'two services', code: 'services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n', errors: [{ line: 2, column: 3 }, { line: 4, column: 3 }] },
  ],
});
