import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule, { isDockerSocket } from '../../server/core/rules/compose/compose-docker-socket';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const svc = (volumes: string) => `services:\n  web:\n    image: nginx:1.27\n    volumes:\n${volumes}`;

ruleTester(rule, {
  valid: [
    svc('      - ./data:/data\n'),
    { name: 'named volume called docker.sock-ish', code: svc('      - dockersock:/var/run/docker.sock\nvolumes:\n  dockersock: {}\n') },
    { name: 'socket only as the container path', code: svc('      - ./proxy.sock:/var/run/docker.sock\n') },
    { name: 'a different socket', code: svc('      - /run/containerd/containerd.sock.bak:/c.sock\n') },
    { name: 'unknown source', code: svc('      - ${SOCK}:/var/run/docker.sock\n') },
    { name: 'comment only', code: svc('      # - /var/run/docker.sock:/var/run/docker.sock\n      - ./a:/a\n') },
    { name: 'tmpfs long syntax', code: svc('      - type: tmpfs\n        target: /var/run/docker.sock\n') },
  ],
  invalid: [
    {
      code: svc('      - /var/run/docker.sock:/var/run/docker.sock\n'),
      errors: [{ line: 5, column: 9, endColumn: 29, message: 'Service `web` mounts the Docker socket `/var/run/docker.sock`: the container controls the Docker daemon and so the host.' }],
      fixTitles: ['Mount the Docker socket read-only (a stop-gap: the API stays usable)'],
      output: svc('      - /var/run/docker.sock:/var/run/docker.sock:ro\n'),
    },
    {
      name: 'quoted, /run path',
      code: svc('      - "/run/docker.sock:/var/run/docker.sock" # for labels\n'),
      errors: [{ line: 5, column: 10 }],
      output: svc('      - "/run/docker.sock:/var/run/docker.sock:ro" # for labels\n'),
    },
    {
      name: 'rw option becomes ro',
      code: svc("      - '/var/run/docker.sock:/var/run/docker.sock:rw'\n"),
      errors: [{ line: 5, column: 10 }],
      output: svc("      - '/var/run/docker.sock:/var/run/docker.sock:ro'\n"),
    },
    {
      name: 'other options kept',
      code: svc('      - /var/run/docker.sock:/var/run/docker.sock:z\n'),
      errors: [{ line: 5, column: 9 }],
      output: svc('      - /var/run/docker.sock:/var/run/docker.sock:z,ro\n'),
    },
    {
      name: 'already read-only: reported without a fix',
      code: svc('      - /var/run/docker.sock:/var/run/docker.sock:ro\n'),
      errors: [{ line: 5, column: 9, message: /read-only does not stop API calls/ }],
      output: null,
    },
    {
      name: 'long syntax',
      code: svc('      - type: bind\n        source: /var/run/docker.sock # socket\n        target: /var/run/docker.sock\n'),
      errors: [{ line: 6, column: 17 }],
      output: svc('      - type: bind\n        source: /var/run/docker.sock # socket\n        target: /var/run/docker.sock\n        read_only: true\n'),
    },
    {
      name: 'long syntax read_only: false',
      code: svc('      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: false\n'),
      errors: [{ line: 6, column: 17 }],
      output: svc('      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n        read_only: true\n'),
    },
    {
      name: 'long syntax, flow mapping',
      code: svc('      - {type: bind, source: /var/run/docker.sock, target: /var/run/docker.sock}\n'),
      errors: [{ line: 5, column: 30 }],
      output: svc('      - {type: bind, source: /var/run/docker.sock, target: /var/run/docker.sock, read_only: true}\n'),
    },
    {
      name: 'rootless socket through a variable',
      code: svc('      - ${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock\n'),
      errors: [{ line: 5, column: 9 }],
      output: null,
    },
    {
      name: 'default of a variable judged',
      code: svc('      - ${SOCK:-/var/run/docker.sock}:/var/run/docker.sock\n'),
      errors: [{ line: 5 }],
    },
    {
      name: 'through a merge key: reported at the anchor, no fix',
      code: 'x-sock: &sock\n  volumes:\n    - /var/run/docker.sock:/var/run/docker.sock\nservices:\n  a:\n    image: nginx:1.27\n    <<: *sock\n  b:\n    image: nginx:1.27\n    <<: *sock\n',
      errors: [{ line: 3, column: 7 }],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    volumes:\r\n      - type: bind\r\n        source: /var/run/docker.sock\r\n        target: /var/run/docker.sock\r\n',
      errors: [{ line: 6, column: 17 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    volumes:\r\n      - type: bind\r\n        source: /var/run/docker.sock\r\n        target: /var/run/docker.sock\r\n        read_only: true\r\n',
    },
    {
      name: 'second document',
      code: 'services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  web:\n    volumes:\n      - /var/run/docker.sock:/tmp/docker.sock\n',
      errors: [{ line: 8, column: 9 }],
    },
  ],
});

describe('compose-docker-socket', () => {
  it('recognizes socket paths', () => {
    assert.ok(isDockerSocket('/var/run/docker.sock'));
    assert.ok(isDockerSocket('/run/user/1000/docker.sock'));
    assert.ok(!isDockerSocket('/var/run/docker.socket'));
    assert.ok(!isDockerSocket('/var/run/mydocker.sock'));
  });
  it('the fix is not safe and not preferred', () => {
    const [f] = findingsFor(rule, { code: svc('      - /var/run/docker.sock:/var/run/docker.sock\n') });
    assert.equal(f.fixes?.[0].safe, false);
    assert.equal(f.fixes?.[0].isPreferred, false);
  });
});
