import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-schema';
import { composeValidator } from '../../server/core/compose/schema';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const SECRET = 'Zx9yPq2wLm4kQ8vR';

ruleTester(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    { name: 'empty file', code: '' },
    { name: 'extension keys at the top and in a service', code: 'x-common: &c {restart: always}\nservices:\n  web:\n    <<: *c\n    x-note: hi\n    image: nginx:1.27\n' },
    {
      name: 'long and short syntax',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80/tcp"\n      - 9000-9010:9000-9010\n      - target: 443\n        published: "8443"\n        host_ip: 127.0.0.1\n        protocol: tcp\n        mode: host\n    volumes:\n      - ./conf:/etc/nginx/conf.d:ro\n      - type: bind\n        source: ./html\n        target: /usr/share/nginx/html\n        read_only: true\n        bind:\n          propagation: rprivate\n    environment:\n      - A=1\n      - B\n    security_opt: [no-new-privileges:true]\n    cap_drop: [ALL]\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]\n      interval: 30s\n    deploy:\n      resources:\n        limits: {cpus: "0.5", memory: 256M, pids: 100}\n',
    },
    {
      name: 'variables without defaults are not judged (booleans, enums, numbers)',
      code: 'services:\n  web:\n    image: ${IMAGE}\n    ports: ["${PORT}:80"]\n    use_api_socket: ${API}\n    cgroup: ${CGROUP}\n    cpu_percent: ${PCT}\n',
    },
    {
      name: 'defaults judged and cast as Compose casts them',
      code: 'services:\n  web:\n    image: nginx:${TAG:-1.27}\n    cpus: ${CPUS:-0.5}\n    use_api_socket: ${API:-false}\n    cgroup: ${CGROUP:-host}\n    cpu_percent: ${PCT:-50}\n',
    },
    { name: 'Compose merge tags', code: 'services:\n  web:\n    image: nginx:1.27\n    ports: !reset []\n    environment: !override\n      A: "1"\n' },
    { name: 'several documents', code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    read_only: true\n' },
    { name: 'a document with a YAML error is left to the syntax rule', code: 'services:\n  web:\n    imgae: nginx\n    ports: [80:80\n' },
    { name: 'an alias bomb is not validated', code: 'a0: &a0 [x, x]\na1: &a1 [*a0, *a0]\nservices: {}\n'.replace('a1:', 'x-a1:').replace('a0:', 'x-a0:') },
    { name: 'extends, include, name, secrets, configs', code: 'name: shop\ninclude:\n  - ./other.yaml\nservices:\n  web:\n    extends:\n      file: base.yaml\n      service: web\n    secrets: [db_pw]\nsecrets:\n  db_pw:\n    file: ./db_pw.txt\nconfigs:\n  app:\n    content: hi\n' },
    { name: 'a typo inside a comment', code: '# servcies:\nservices: {}\n' },
  ],
  invalid: [
    {
      name: 'top-level typo: nearest key, safe rename',
      code: 'servcies:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endColumn: 9, message: '`servcies` is not a Compose top-level key; did you mean `services`?' }],
      fixTitles: ['Rename to `services`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'service key typo',
      code: 'services:\n  web:\n    imgae: nginx:1.27\n',
      errors: [{ line: 3, column: 5, endColumn: 10, message: '`imgae` is not a service key (service `web`); did you mean `image`?' }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'dash instead of underscore',
      code: 'services:\n  web:\n    image: nginx:1.27\n    read-only: true\n',
      errors: [{ line: 4, column: 5, endColumn: 14, message: /did you mean `read_only`\?/ }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
    },
    {
      name: 'nested key typo (build.contxt), quoted key keeps its quotes',
      code: 'services:\n  web:\n    build:\n      "contxt": .\n',
      errors: [{ line: 4, column: 7, endColumn: 15, message: '`contxt` is not allowed in `services.web.build`; did you mean `context`?' }],
      output: 'services:\n  web:\n    build:\n      "context": .\n',
    },
    {
      name: 'unknown key without a near one: custom keys start with x-',
      code: 'services:\n  web:\n    image: nginx:1.27\n    owner: team-a\n',
      errors: [{ line: 4, column: 5, message: '`owner` is not a service key (service `web`) (custom keys must start with `x-`).' }],
      fixTitles: ['Rename to `x-owner` (a custom extension key)'],
    },
    {
      name: 'a typo whose correct key is already there gets no rename',
      code: 'services:\n  web:\n    image: nginx:1.27\n    imgae: redis\n',
      errors: [{ line: 4, column: 5, message: /^`imgae` is not a service key/ }],
    },
    {
      name: 'wrong type: one finding, not one per oneOf branch',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - true\n',
      errors: [{ line: 5, column: 9, endColumn: 13, message: '`services.web.ports[0]` must be a number, a string or a mapping; found `true`.' }],
      output: null,
    },
    {
      name: 'wrong type of a scalar',
      code: 'services:\n  web:\n    image: 5\n',
      errors: [{ line: 3, column: 12, message: '`services.web.image` must be a string; found `5`.' }],
    },
    {
      name: 'error inside the branch that fits (build as a mapping)',
      code: 'services:\n  web:\n    build:\n      context: .\n      target: [a]\n',
      errors: [{ line: 5, column: 15, message: '`services.web.build.target` must be a string; found a list.' }],
    },
    {
      name: 'enum with a near value',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cgroup: hots\n',
      errors: [{ line: 4, column: 13, endColumn: 17, message: '`services.web.cgroup` must be one of `host`, `private`; did you mean `host`?' }],
      fixTitles: ['Replace with `host`'],
      output: 'services:\n  web:\n    image: nginx:1.27\n    cgroup: host\n',
    },
    {
      name: 'a default is judged',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cgroup: ${CGROUP:-shared}\n',
      errors: [{ line: 4, column: 13, message: /must be one of `host`, `private` \(found `shared`\)/ }],
      output: null,
    },
    {
      name: 'number out of range',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cpu_percent: 300\n',
      errors: [{ line: 4, column: 18, message: '`services.web.cpu_percent` must be at most 100.' }],
    },
    {
      name: 'duplicate list item, at the second one',
      code: 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_ADMIN, CHOWN, NET_ADMIN]\n',
      errors: [{ line: 4, column: 33, endColumn: 42, message: '`services.web.cap_add` lists `NET_ADMIN` twice.' }],
    },
    {
      name: 'missing required key of a long-syntax volume',
      code: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - source: ./data\n        target: /data\n',
      errors: [{ line: 5, column: 9, message: '`services.web.volumes[0]` is missing the required key `type`.' }],
    },
    {
      name: 'a Compose file must be a mapping',
      code: '- web\n- db\n',
      errors: [{ line: 1, column: 1, message: /must be a mapping of top-level keys/ }],
    },
    {
      name: 'Compose file format v1',
      code: 'web:\n  image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endColumn: 4, message: /Compose file format v1.*move it under `services:`/ }],
    },
    {
      name: 'invalid service name',
      code: 'services:\n  "my app":\n    image: nginx:1.27\n',
      errors: [{ line: 2, column: 3, message: '`my app` is not a valid name in `services`: use letters, digits, `.`, `_` and `-`.' }],
    },
    {
      name: 'mistake in an anchor merged into two services: reported once, at the anchor',
      code: 'x-base: &base\n  restart: always\n  privileged: [yes]\nservices:\n  a:\n    <<: *base\n    image: a\n  b:\n    <<: *base\n    image: b\n',
      errors: [{ line: 3, column: 15, message: /^`services\.a\.privileged` must be a boolean \(`true` or `false`\) or a string; found a list\.$/ }],
    },
    {
      name: 'second document validated on its own',
      code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    read_ony: true\n',
      errors: [{ line: 7, column: 5, message: /did you mean `read_only`/ }],
      output: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    read_only: true\n',
    },
    {
      name: 'a secret in a wrongly typed value is masked',
      code: `services:\n  web:\n    image: nginx:1.27\n    environment: "DB_PASSWORD=${SECRET}"\n`,
      errors: [{ line: 4, column: 18, message: /^`services\.web\.environment` must be a mapping or a list; found the string `DB_P…`\.$/ }],
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    imgae: nginx:1.27\r\n',
      errors: [{ line: 3, column: 5, endColumn: 10 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'no rename to a key that would reject the value',
      code: 'services:\n  web:\n    image: nginx:1.27\n    network: backend\n',
      errors: [{ line: 4, column: 5, message: /did you mean `networks`\?/ }],
      output: null,
    },
    {
      name: 'a rename to a key that takes the value is offered',
      code: 'services:\n  web:\n    image: nginx:1.27\n    network:\n      - backend\n',
      errors: [{ line: 4, column: 5, message: /did you mean `networks`\?/ }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    networks:\n      - backend\n',
    },
    {
      name: 'a missing letter',
      code: 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      A: "1"\n',
      errors: [{ line: 4, column: 5, message: /did you mean `environment`\?/ }],
      output: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: "1"\n',
    },
  ],
});

describe('compose-schema', () => {
  it('compiles the schema once per process', () => {
    assert.equal(composeValidator(), composeValidator());
  });
  it('marks a one-edit rename safe, a longer one not', () => {
    const [typo] = findingsFor(rule, { code: 'services:\n  web:\n    imgae: nginx:1.27\n' });
    assert.equal(typo.fixes?.[0].safe, true);
    const [two] = findingsFor(rule, { code: 'services:\n  web:\n    image: nginx:1.27\n    enviroment: {A: "1"}\n' });
    assert.equal(two.fixes?.[0].safe, true);
    const [three] = findingsFor(rule, { code: 'services:\n  web:\n    image: nginx:1.27\n    envirnmet: {A: "1"}\n' });
    assert.equal(three.fixes?.[0].safe, false);
  });
  it('never prints a secret', () => {
    const found = findingsFor(rule, { code: `services:\n  web:\n    image: nginx:1.27\n    environment: "DB_PASSWORD=${SECRET}"\n    user: [${SECRET}]\n` });
    assert.ok(found.length >= 2);
    for (const f of found) assert.ok(!f.message.includes(SECRET.slice(4)), f.message);
  });
});
