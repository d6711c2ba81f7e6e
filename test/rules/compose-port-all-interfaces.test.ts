import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-port-all-interfaces';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const svc = (ports: string) => `services:\n  web:\n    image: nginx:1.27\n    ports:\n${ports}`;

ruleTester(rule, {
  valid: [
    svc('      - "127.0.0.1:8080:80"\n'),
    { name: 'explicit all interfaces is intended', code: svc('      - "0.0.0.0:80:80"\n      - "[::]:443:443"\n') },
    { name: 'long syntax with host_ip', code: svc('      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n') },
    { name: 'unknown host part', code: svc('      - "${WEB_PORT}:80"\n      - ${PORTS}\n') },
    { name: 'known address, unknown port', code: svc('      - "127.0.0.1:${PORT}:80"\n') },
    { name: 'expose is not published', code: 'services:\n  web:\n    image: nginx:1.27\n    expose:\n      - "80"\n' },
    { name: 'host network ignores ports', code: 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    ports:\n      - "80:80"\n' },
    { name: 'address from a default', code: svc('      - "${BIND:-127.0.0.1}:8080:80"\n') },
  ],
  invalid: [
    {
      code: svc('      - "8080:80"\n'),
      errors: [{ line: 5, column: 10, endColumn: 14, message: 'Service `web` publishes port 8080 on all host interfaces.' }],
      fixTitles: ['Publish port 8080 on 127.0.0.1 only'],
      output: svc('      - "127.0.0.1:8080:80"\n'),
    },
    {
      name: 'single quotes and a comment kept',
      code: svc("      - '5432:5432' # db\n"),
      errors: [{ line: 5, column: 10 }],
      output: svc("      - '127.0.0.1:5432:5432' # db\n"),
    },
    {
      name: 'plain, udp',
      code: svc('      - 53:53/udp\n'),
      errors: [{ line: 5, column: 9, message: 'Service `web` publishes port 53/udp on all host interfaces.' }],
      output: svc('      - 127.0.0.1:53:53/udp\n'),
    },
    {
      name: 'container port only: a random host port on all interfaces',
      code: svc('      - 80\n'),
      errors: [{ line: 5, column: 9, message: 'Service `web` publishes container port 80 (random host port) on all host interfaces.' }],
      output: svc('      - 127.0.0.1::80\n'),
    },
    {
      name: 'long syntax',
      code: svc('      - target: 80\n        published: "8080" # public\n'),
      errors: [{ line: 6, column: 20 }],
      output: svc('      - target: 80\n        published: "8080" # public\n        host_ip: 127.0.0.1\n'),
    },
    {
      name: 'long syntax flow, empty host_ip',
      code: svc('      - {target: 80, published: 8080}\n      - {target: 81, published: 8081, host_ip: ""}\n'),
      errors: [{ line: 5, column: 33 }, { line: 6, column: 33 }],
      output: svc('      - {target: 80, published: 8080, host_ip: 127.0.0.1}\n      - {target: 81, published: 8081, host_ip: ""}\n'),
    },
    {
      name: 'port from a default',
      code: svc('      - "${WEB_PORT:-8080}:80"\n'),
      errors: [{ line: 5 }],
      output: svc('      - "127.0.0.1:${WEB_PORT:-8080}:80"\n'),
    },
    {
      name: 'known port, unknown target',
      code: svc('      - "8080:${TARGET}"\n'),
      errors: [{ line: 5 }],
      output: svc('      - "127.0.0.1:8080:${TARGET}"\n'),
    },
    {
      name: 'through an anchor: no fix',
      code: 'x-p: &p\n  - "8080:80"\nservices:\n  web:\n    image: nginx:1.27\n    ports: *p\n',
      errors: [{ line: 2, column: 6 }],
      output: null,
    },
    {
      name: 'CRLF, merged layers',
      code: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    ports:\r\n      - "8443:443"\r\n---\r\nservices:\r\n  web:\r\n    ports:\r\n      - "127.0.0.1:8080:80"\r\n',
      errors: [{ line: 5, column: 10 }],
      output: 'services:\r\n  web:\r\n    image: nginx:1.27\r\n    ports:\r\n      - "127.0.0.1:8443:443"\r\n---\r\nservices:\r\n  web:\r\n    ports:\r\n      - "127.0.0.1:8080:80"\r\n',
    },
  ],
});

describe('compose-port-all-interfaces', () => {
  it('the fix is not safe', () => {
    const [f] = findingsFor(rule, { code: svc('      - "8080:80"\n') });
    assert.equal(f.fixes?.[0].safe, false);
    assert.equal(f.fixes?.[0].isPreferred, true);
  });
});
