import rule from '../../server/core/rules/compose/compose-eol-image';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';
const today = { now: '2026-11-22' };

ruleTester(rule, {
  valid: [
    { name: 'supported releases', code: 'services:\n  db:\n    image: postgres:16-alpine\n  cache:\n    image: redis:7.2\n  web:\n    image: nginx:stable\n', options: today },
    { name: 'before the end-of-life day', code: 'services:\n  db:\n    image: postgres:14\n', options: { now: '2026-11-11' } },
    { name: 'build exempt', code: 'services:\n  app:\n    build: .\n    image: node:16\n', options: today },
    { name: 'unknown variable', code: 'services:\n  db:\n    image: postgres:${PG}\n', options: today },
    { name: 'unknown image', code: 'services:\n  app:\n    image: registry.corp:5000/node:12\n', options: today },
    { name: 'supported distro suffix', code: 'services:\n  db:\n    image: postgres:16-bookworm\n', options: today },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:12-alpine\n',
      options: today,
      errors: [{ line: 3, column: 12, endColumn: 30, message: 'Image `postgres:12-alpine` of service `db` is past end of life: PostgreSQL 12 reached end of life on 2024-11-14; postgres:15-alpine is supported.' }],
      output: 'services:\n  db:\n    image: postgres:15-alpine\n',
      fixTitles: ['Replace postgres:12-alpine with postgres:15-alpine'],
    },
    {
      name: 'quoted, with a full Docker Hub name',
      code: 'services:\n  cache:\n    image: "docker.io/library/redis:6.0-alpine"\n',
      options: today,
      errors: [{ line: 3, column: 12, message: /Redis 6\.0 reached end of life on 2022-05-31; redis:7\.2-alpine is supported/ }],
      output: 'services:\n  cache:\n    image: "docker.io/library/redis:7.2-alpine"\n',
    },
    {
      name: 'distro suffix past end of life',
      code: 'services:\n  web:\n    image: python:3.12-slim-bullseye\n',
      options: today,
      errors: [{ line: 3, column: 12, message: 'Image `python:3.12-slim-bullseye` of service `web` is built on Debian 11 (bullseye), which reached end of life on 2026-08-31; use python:3.12-slim.' }],
      output: 'services:\n  web:\n    image: python:3.12-slim\n',
    },
    {
      name: 'inline default',
      code: 'services:\n  db:\n    image: ${DB_IMAGE:-mysql:5.7}\n',
      options: today,
      errors: [{ line: 3, column: 12, message: /`\$\{DB_IMAGE:-mysql:5\.7\}` \(`mysql:5\.7`\).*MySQL 5\.7/ }],
      output: 'services:\n  db:\n    image: ${DB_IMAGE:-mysql:8.4}\n',
    },
    {
      name: 'tag from a variable default: reported, no fix (the value is not written in one piece)',
      code: 'services:\n  app:\n    image: node:${NODE:-16}-alpine\n',
      options: today,
      errors: [{ line: 3, column: 12, message: /Node\.js 16/ }],
      output: null,
    },
    { name: 'pinned by digest: no fix', code: `services:\n  db:\n    image: postgres:11@${D}\n`, options: today, errors: [{ line: 3, column: 12, message: /PostgreSQL 11/ }], output: null },
    {
      name: 'another image as the replacement; anchors reported where written',
      code: 'x-os: &os\n  image: centos:7\nservices:\n  a:\n    <<: *os\n  b:\n    <<: *os\n',
      options: today,
      errors: [{ line: 2, column: 10, message: /CentOS Linux 7.*almalinux:8 is supported/ }],
      output: 'x-os: &os\n  image: almalinux:8\nservices:\n  a:\n    <<: *os\n  b:\n    <<: *os\n',
    },
    { name: 'flow style, CRLF', code: 'services: {db: {image: "mongo:4-bionic"}}\r\n', options: today, errors: [{ line: 1, column: 24, message: /Ubuntu 18\.04 LTS \(bionic\)/ }], output: 'services: {db: {image: "mongo:4"}}\r\n' },
  ],
});
