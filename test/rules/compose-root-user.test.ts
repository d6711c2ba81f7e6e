import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-root-user';
import { dockerfileFor, resolvePath } from '../../server/core/compose/build-link';
import { ComposeModel } from '../../server/core/compose/model';
import { ruleTester } from '../helpers/rule-tester';
import type { AnalyzeOptions, Host } from '../../server/core/types';

/** A host that reads these files (absolute paths). */
function host(files: Record<string, string>): Host {
  return { exists: (p) => p in files, readFile: (p) => files[p] };
}
const withFiles = (files: Record<string, string>): AnalyzeOptions => ({ host: host(files) });

const ROOT_DF = 'FROM node:20-alpine\nWORKDIR /app\nCMD ["node", "server.js"]\n';
const USER_DF = 'FROM node:20-alpine\nUSER node\nCMD ["node", "server.js"]\n';
const MULTI = 'FROM golang:1.23 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot AS final\nCOPY --from=build /app /app\nFROM alpine:3.20 AS debug\nCOPY --from=build /app /app\n';

ruleTester(rule, {
  valid: [
    { name: 'non-root user', code: 'services:\n  web:\n    image: python:3.12\n    user: "1000:1000"\n' },
    { name: 'named user', code: 'services:\n  web:\n    image: node:20\n    user: node\n' },
    { name: 'unknown interpolation', code: 'services:\n  web:\n    image: node:20\n    user: ${UID}\n' },
    { name: 'interpolated default non-root', code: 'services:\n  web:\n    image: node:20\n    user: ${UID:-1000}:${GID:-1000}\n' },
    { name: 'unknown image', code: 'services:\n  web:\n    image: ghcr.io/acme/web:1.2\n' },
    { name: 'image that drops privileges itself', code: 'services:\n  db:\n    image: postgres:16\n' },
    { name: 'non-root tag', code: 'services:\n  web:\n    image: nginx:1.27-unprivileged\n' },
    { name: 'Dockerfile with USER', code: 'services:\n  web:\n    build: .\n', options: withFiles({ '/ctx/Dockerfile': USER_DF }) },
    { name: 'Dockerfile not readable: not judged', code: 'services:\n  web:\n    build: .\n' },
    { name: 'target stage distroless nonroot', code: 'services:\n  web:\n    build:\n      context: .\n      target: final\n', options: withFiles({ '/ctx/Dockerfile': MULTI }) },
    { name: 'unknown target', code: 'services:\n  web:\n    build:\n      context: .\n      target: ${TARGET}\n', options: withFiles({ '/ctx/Dockerfile': ROOT_DF }) },
    { name: 'remote context', code: 'services:\n  web:\n    build: https://github.com/acme/web.git#main\n', options: withFiles({ '/ctx/Dockerfile': ROOT_DF }) },
    { name: 'user from an anchor', code: 'x-u: &u\n  user: "1000"\nservices:\n  web:\n    <<: *u\n    image: node:20\n' },
  ],
  invalid: [
    {
      code: 'services:\n  web:\n    image: nginx:1.27\n    user: root\n',
      errors: [{ line: 4, column: 11, endColumn: 15, message: 'Service `web` runs as root (`user: root`).' }],
      fixTitles: ['Run as user `10001:10001`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    user: "10001:10001"\n',
    },
    {
      name: '0:0 quoted, comments kept',
      code: "services:\n  web:\n    # admin\n    user: '0:0' # fixme\n    image: 'busybox:1.36'\n",
      errors: [{ line: 4, column: 11 }],
      output: "services:\n  web:\n    # admin\n    user: '10001:10001' # fixme\n    image: 'busybox:1.36'\n",
    },
    {
      name: 'interpolated default 0',
      code: 'services:\n  web:\n    image: ghcr.io/acme/web:1.2\n    user: ${UID:-0}\n',
      errors: [{ line: 4, column: 11, message: /`user: 0`/ }],
    },
    {
      name: 'well-known root image without user',
      code: 'services:\n  app:\n    image: python:3.12-slim\n    command: ["python", "app.py"]\n',
      errors: [{ line: 3, column: 12, endColumn: 28, message: 'Service `app` runs as root: image `python:3.12-slim` runs as root by default and no `user:` is set.' }],
      fixTitles: ['Run as user `10001:10001` (add `user:`)'],
      output: 'services:\n  app:\n    image: python:3.12-slim\n    command: ["python", "app.py"]\n    user: "10001:10001"\n',
    },
    {
      name: 'build: Dockerfile without USER (cross-file)',
      code: 'services:\n  web:\n    build: .\n    ports:\n      - "127.0.0.1:3000:3000"\n',
      options: withFiles({ '/ctx/Dockerfile': ROOT_DF }),
      errors: [{ line: 2, column: 3, message: 'Service `web` runs as root: its Dockerfile sets no non-root `USER` and no `user:` is set.' }],
      output: 'services:\n  web:\n    build: .\n    ports:\n      - "127.0.0.1:3000:3000"\n    user: "10001:10001"\n',
    },
    {
      name: 'build.context and build.dockerfile relative to the compose folder',
      code: 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: docker/Dockerfile.prod\n',
      path: '/repo/deploy/compose.yaml',
      options: withFiles({ '/repo/deploy/api/docker/Dockerfile.prod': 'FROM python:3.12\nUSER app\nUSER root\nCMD ["python"]\n' }),
      errors: [{ line: 2, column: 3, message: /ends with `USER root`/ }],
    },
    {
      name: 'build.target selects a root stage',
      code: 'services:\n  web:\n    build:\n      context: .\n      target: debug\n',
      options: withFiles({ '/ctx/Dockerfile': MULTI }),
      errors: [{ line: 2, column: 3, message: /\(stage `debug`\)/ }],
    },
    {
      name: 'inline Dockerfile',
      code: 'services:\n  web:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        CMD ["sleep", "1d"]\n',
      errors: [{ line: 2, column: 3, message: /inline Dockerfile/ }],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: node:20\r\n',
      errors: [{ line: 3, column: 12 }],
      output: 'services:\r\n  web:\r\n    image: node:20\r\n    user: "10001:10001"\r\n',
    },
    {
      name: 'root from an anchor: once, no fix',
      code: 'x-r: &r\n  user: "0"\nservices:\n  a:\n    <<: *r\n    image: nginx:1.27\n  b:\n    <<: *r\n    image: redis:7\n',
      errors: [{ line: 2, column: 9 }],
      output: null,
    },
    {
      name: 'image from an anchor: at the service name',
      code: 'x-img: &img\n  image: alpine:3.20\nservices:\n  a:\n    <<: *img\n',
      errors: [{ line: 4, column: 3 }],
      output: 'x-img: &img\n  image: alpine:3.20\nservices:\n  a:\n    <<: *img\n    user: "10001:10001"\n',
    },
  ],
});

describe('build-link', () => {
  it('resolves context and dockerfile paths', () => {
    assert.equal(resolvePath('/repo/deploy', '../api/./Dockerfile', '/'), '/repo/api/Dockerfile');
    assert.equal(resolvePath('C:\\repo', 'api\\Dockerfile', '\\'), 'C:\\repo\\api\\Dockerfile');
    assert.equal(resolvePath('/repo', '/abs/Dockerfile', '/'), '/abs/Dockerfile');
  });
  it('returns the file, model and stage; undefined without readFile', () => {
    const model = new ComposeModel('services:\n  web:\n    build:\n      context: ../app\n      target: build\n');
    const svc = model.service('web')!;
    const files: Record<string, string> = { '/repo/app/Dockerfile': 'FROM golang:1.23 AS build\nFROM alpine:3.20\n' };
    const link = dockerfileFor(svc, '/repo/deploy/compose.yml', host(files));
    assert.equal(link?.path, '/repo/app/Dockerfile');
    assert.equal(link?.stage.name, 'build');
    assert.equal(dockerfileFor(svc, '/repo/deploy/compose.yml', { exists: () => true }), undefined);
    assert.equal(dockerfileFor(svc, undefined, host(files)), undefined);
  });
});
