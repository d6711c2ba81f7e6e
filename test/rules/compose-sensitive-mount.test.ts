import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule, { sensitiveDirOf } from '../../server/core/rules/compose/compose-sensitive-mount';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const svc = (volumes: string) => `services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    svc('      - ./conf:/etc/agent\n'),
    { name: 'container path only', code: svc('      - data:/etc\nvolumes:\n  data: {}\n') },
    { name: 'time zone read-only', code: svc('      - /etc/localtime:/etc/localtime:ro\n      - /etc/timezone:/etc/timezone:ro\n') },
    { name: 'CA certificates read-only', code: svc('      - /etc/ssl/certs:/etc/ssl/certs:ro\n') },
    { name: 'similar prefix', code: svc('      - /etcetera:/x\n      - /usrdata:/y\n      - /var/lib/dockerd:/z\n') },
    { name: 'unknown source', code: svc('      - ${HOST_DIR}:/host\n') },
    { name: 'docker socket is another rule', code: svc('      - /var/run/docker.sock:/var/run/docker.sock\n') },
    { name: '/dev/null hides a file', code: svc('      - /dev/null:/app/.env\n') },
    { name: 'tmpfs', code: svc('      - type: tmpfs\n        target: /etc\n') },
    { name: 'unknown mode', code: svc('      - /etc:/host/etc:${MODE}\n') },
  ],
  invalid: [
    {
      code: svc('      - /etc:/host/etc\n'),
      errors: [{ line: 5, column: 9, endColumn: 13, message: "Service `agent` mounts the host's `/etc` writable: the container can change the host." }],
      fixTitles: ['Mount `/etc` read-only'],
      output: svc('      - /etc:/host/etc:ro\n'),
    },
    {
      name: 'read-only: a warning without a fix',
      code: svc('      - /proc:/host/proc:ro\n      - /sys:/host/sys:ro\n'),
      errors: [{ line: 5, column: 9, message: "Service `agent` mounts the host's `/proc` read-only: it exposes host system files to the container." }, { line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'the root filesystem, quoted, with a comment',
      code: svc('      - "/:/rootfs" # everything\n'),
      errors: [{ line: 5, column: 10, endColumn: 11 }],
      output: svc('      - "/:/rootfs:ro" # everything\n'),
    },
    {
      name: 'below a sensitive directory, writable',
      code: svc('      - /var/lib/docker/containers:/containers\n'),
      errors: [{ line: 5, column: 9, message: /`\/var\/lib\/docker\/containers` writable: the container can change the host's Docker data/ }],
      output: svc('      - /var/lib/docker/containers:/containers:ro\n'),
    },
    {
      name: 'harmless files are reported when writable',
      code: svc('      - /etc/localtime:/etc/localtime\n'),
      errors: [{ line: 5, column: 9 }],
      output: svc('      - /etc/localtime:/etc/localtime:ro\n'),
    },
    {
      name: 'long syntax, trailing slash and dot segments normalized',
      code: svc('      - type: bind\n        source: /usr/./lib/\n        target: /host/lib\n'),
      errors: [{ line: 6, column: 17, message: /`\/usr\/lib` writable/ }],
      output: svc('      - type: bind\n        source: /usr/./lib/\n        target: /host/lib\n        read_only: true\n'),
    },
    {
      name: 'long syntax read-only',
      code: svc('      - type: bind\n        source: /boot\n        target: /boot\n        read_only: true\n'),
      errors: [{ line: 6, column: 17 }],
      output: null,
    },
    {
      name: 'interpolation default judged',
      code: svc('      - ${ROOT_DIR:-/root}:/data\n'),
      errors: [{ line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'through an anchor: reported at the anchor',
      code: 'x-mounts: &mounts\n  - /dev:/dev\nservices:\n  a:\n    image: example/agent:1.4\n    volumes: *mounts\n',
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'CRLF, z option kept',
      code: 'services:\r\n  a:\r\n    image: example/agent:1.4\r\n    volumes:\r\n      - /root:/r:z\r\n',
      errors: [{ line: 5, column: 9 }],
      output: 'services:\r\n  a:\r\n    image: example/agent:1.4\r\n    volumes:\r\n      - /root:/r:z,ro\r\n',
    },
    {
      name: 'merge key with an override document',
      code: 'x-base: &base\n  image: example/agent:1.4\nservices:\n  a:\n    <<: *base\n    volumes:\n      - /sys:/sys:rw\n',
      errors: [{ line: 7, column: 9 }],
      output: 'x-base: &base\n  image: example/agent:1.4\nservices:\n  a:\n    <<: *base\n    volumes:\n      - /sys:/sys:ro\n',
    },
  ],
});

describe('compose-sensitive-mount', () => {
  it('matches directories and paths below them only', () => {
    assert.equal(sensitiveDirOf('/'), '/');
    assert.equal(sensitiveDirOf('/etc/nginx'), '/etc');
    assert.equal(sensitiveDirOf('/home/me'), undefined);
    assert.equal(sensitiveDirOf('./etc'), undefined);
  });
  it('writable is an error, read-only a warning', () => {
    const f = findingsFor(rule, { code: svc('      - /etc:/a\n      - /usr:/b:ro\n') });
    assert.deepEqual(f.map((x) => x.severity), ['error', 'warning']);
    assert.equal(f[0].fixes?.[0].safe, false);
  });
});
