import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/no-root-user';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const DEBIAN_USER = 'RUN groupadd -g 10001 app && useradd -u 10001 -g app -l -m app';
const ALPINE_USER = 'RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app';

ruleTester(rule, {
  valid: [
    { name: 'named non-root user', code: 'FROM node:20\nUSER node\nCMD ["node", "app.js"]' },
    { name: 'numeric uid:gid', code: 'FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001:10001' },
    { name: 'group 0 is not the root user', code: 'FROM alpine:3.20\nUSER 1000:0' },
    {
      name: 'build stage runs as root, final stage is a nonroot distroless image',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
    },
    { name: 'Chainguard image runs as non-root', code: 'FROM cgr.dev/chainguard/node:latest\nCOPY . /app' },
    { name: 'USER inherited from the stage it builds on', code: 'FROM node:20 AS base\nUSER node\nFROM base AS final\nCMD ["node"]' },
    { name: 'USER from an ARG without default is unknown', code: 'FROM alpine:3.20\nARG UID\nUSER $UID' },
    { name: 'unresolved base image is not guessed', code: 'ARG BASE\nFROM ${BASE}\nCMD ["x"]' },
    { name: 'USER root only for installation steps', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app' },
    { name: 'ONBUILD USER does not count', code: 'FROM alpine:3.20\nUSER app\nONBUILD USER root' },
    { name: 'Nano Server runs as ContainerUser', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd"]' },
    {
      name: 'escape directive and backtick continuation',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  && echo b\nUSER ContainerUser',
    },
    { name: 'ARG resolving to a non-root uid', code: 'FROM alpine:3.20\nARG UID=10001\nUSER ${UID}' },
  ],
  invalid: [
    {
      name: 'no USER at all (Debian-based official image)',
      code: 'FROM node:20\nCMD ["node", "app.js"]',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 13, message: /no USER.*root unless the base image `node:20`/ }],
      fixTitles: ['Add non-root USER: create user app (UID 10001)'],
      output: `FROM node:20\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["node", "app.js"]`,
    },
    {
      name: 'Alpine: inserted after the last RUN, above the comment of the CMD',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n\n# start the server\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 6 }],
      output: `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\n\n${ALPINE_USER}\nUSER 10001:10001\n# start the server\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'BusyBox, no CMD: at the end of a file without a final line break',
      code: 'FROM busybox:1.36\nCOPY app /app',
      errors: [{ line: 1, column: 6 }],
      output: `FROM busybox:1.36\nCOPY app /app\n${ALPINE_USER}\nUSER 10001:10001\n`,
    },
    {
      name: 'RHEL family (UBI)',
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y python3 && dnf clean all\nENTRYPOINT ["python3"]',
      errors: [{ line: 1, column: 6 }],
      output: `FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN dnf install -y python3 && dnf clean all\n${DEBIAN_USER}\nUSER 10001:10001\nENTRYPOINT ["python3"]`,
    },
    {
      name: 'ubi-minimal has no useradd: a numeric USER only',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCOPY app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 1, column: 6 }],
      fixTitles: ['Add non-root USER 65532:65532 (UID only: this minimal image has no useradd)'],
      output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
    },
    {
      name: 'ubi-minimal that installs shadow-utils gets useradd',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all\nENTRYPOINT ["/app"]',
      errors: [{ line: 1, column: 6 }],
      output: `FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils && microdnf clean all\n${DEBIAN_USER}\nUSER 10001:10001\nENTRYPOINT ["/app"]`,
    },
    {
      name: 'an unknown image: numeric USER, no RUN',
      code: 'FROM registry.example.com/team/runtime:1.2\nCOPY app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 1, column: 6 }],
      fixTitles: ['Add non-root USER 65532:65532'],
      output: 'FROM registry.example.com/team/runtime:1.2\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
    },
    {
      name: 'an unknown image whose RUNs use apk',
      code: 'FROM registry.example.com/team/runtime:1.2\nRUN apk add --no-cache tini\nENTRYPOINT ["/sbin/tini", "--", "/app"]',
      errors: [{ line: 1, column: 6 }],
      output: `FROM registry.example.com/team/runtime:1.2\nRUN apk add --no-cache tini\n${ALPINE_USER}\nUSER 10001:10001\nENTRYPOINT ["/sbin/tini", "--", "/app"]`,
    },
    {
      name: 'distroless (no nonroot tag)',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 3, column: 6 }],
      fixTitles: ['Add non-root USER 65532:65532 (distroless nonroot)'],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
    },
    {
      name: 'last USER is root: back to the earlier non-root user',
      code: 'FROM node:20\nUSER node\nRUN npm ci\nUSER root\nCMD ["node"]',
      errors: [{ line: 4, column: 6, endColumn: 10, message: /last USER is `root`/ }],
      fixTitles: ['Replace USER root with USER node'],
      output: 'FROM node:20\nUSER node\nRUN npm ci\nUSER node\nCMD ["node"]',
    },
    {
      name: 'USER 0:0 replaced, the user created before it',
      code: 'FROM alpine:3.20\nUSER 0:0',
      errors: [{ line: 2, column: 6, endColumn: 9 }],
      fixTitles: ['Replace USER 0:0 with a non-root user: create user app (UID 10001)'],
      output: `FROM alpine:3.20\n${ALPINE_USER}\nUSER 10001:10001`,
    },
    { name: 'USER root:root', code: 'FROM alpine:3.20\nUSER root:root', errors: [{ line: 2, column: 6, endColumn: 15 }] },
    {
      name: 'USER root with RUNs after it: the user is added after them',
      code: 'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]',
      errors: [{ line: 2, column: 6 }],
      output: `FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["curl"]`,
    },
    {
      name: 'a user the Dockerfile already creates is switched to',
      code: 'FROM debian:12\nRUN useradd --create-home --uid 1001 appuser\nCOPY . /app\nCMD ["/app/run"]',
      errors: [{ line: 1, column: 6 }],
      fixTitles: ['Add non-root USER: switch to the existing user appuser (UID 1001)'],
      output: 'FROM debian:12\nRUN useradd --create-home --uid 1001 appuser\nCOPY . /app\nUSER 1001\nCMD ["/app/run"]',
    },
    {
      name: 'with user-numeric-id on, a user of unknown UID is not switched to by name',
      code: 'FROM debian:12\nRUN useradd -m appuser\nCMD ["/app/run"]',
      options: { allRules: true },
      errors: [{ line: 1, column: 6 }],
      output: `FROM debian:12\nRUN useradd -m appuser\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["/app/run"]`,
    },
    {
      name: 'with user-numeric-id on, USER root is not replaced by the earlier user name',
      code: 'FROM node:20\nUSER node\nRUN npm ci\nUSER root\nCMD ["node"]',
      options: { rules: { 'user-numeric-id': 'warning' } },
      errors: [{ line: 4, column: 6 }],
      fixTitles: ['Add non-root USER: create user app (UID 10001)'],
      output: `FROM node:20\nUSER node\nRUN npm ci\nUSER root\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["node"]`,
    },
    {
      name: 'an existing user app replaces USER root',
      code: 'FROM alpine:3.20\nRUN adduser -D app\nUSER root\nCMD ["/app/run"]',
      errors: [{ line: 3, column: 6 }],
      fixTitles: ['Replace USER root with the existing user app'],
      output: 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD ["/app/run"]',
    },
    {
      name: 'adding a user to a group is not creating one',
      code: 'FROM debian:12\nRUN adduser www-data video\nCMD ["x"]',
      errors: [{ line: 1, column: 6 }],
      output: `FROM debian:12\nRUN adduser www-data video\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["x"]`,
    },
    {
      name: 'CRLF and an indented file, ENTRYPOINT then CMD',
      code: '  FROM debian:12\r\n  RUN echo hi\r\n  ENTRYPOINT ["x"]\r\n  CMD ["y"]\r\n',
      errors: [{ line: 1, column: 8 }],
      output: `  FROM debian:12\r\n  RUN echo hi\r\n  ${DEBIAN_USER}\r\n  USER 10001:10001\r\n  ENTRYPOINT ["x"]\r\n  CMD ["y"]\r\n`,
    },
    {
      name: 'root through an ARG',
      code: 'FROM alpine:3.20\nARG UID=0\nUSER $UID',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /`\$UID` \(resolves to `0`\)/ }],
      output: `FROM alpine:3.20\nARG UID=0\n${ALPINE_USER}\nUSER 10001:10001`,
    },
    {
      name: 'root through an ENV',
      code: 'FROM alpine:3.20\nENV RUN_AS=root:root\nUSER ${RUN_AS}',
      errors: [{ line: 3, column: 6, endColumn: 15, message: /resolves to `root:root`/ }],
    },
    {
      name: 'multi-stage: the build stage has a USER, the final stage does not',
      code: 'FROM node:20 AS build\nUSER node\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app',
      errors: [{ line: 4, column: 6, endColumn: 18 }],
    },
    {
      name: 'root inherited from the stage it builds on',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nCMD ["x"]',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /inherits USER `root` from stage `base` \(line 2\)/ }],
      output: `FROM debian:12 AS base\nUSER root\nFROM base\n${DEBIAN_USER}\nUSER 10001:10001\nCMD ["x"]`,
    },
    {
      name: 'no USER in a chain of stages: the family comes from the first stage\'s image',
      code: 'FROM python:3.12-alpine AS base\nRUN pip install flask\nFROM base AS app\nCMD ["flask", "run"]',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /`python:3\.12-alpine`/ }],
      output: `FROM python:3.12-alpine AS base\nRUN pip install flask\nFROM base AS app\n${ALPINE_USER}\nUSER 10001:10001\nCMD ["flask", "run"]`,
    },
    {
      name: 'a user created in the stage it builds on',
      code: 'FROM python:3.12-slim AS base\nRUN useradd -r -u 999 svc\nFROM base AS app\nCMD ["python"]',
      errors: [{ line: 3, column: 6 }],
      output: 'FROM python:3.12-slim AS base\nRUN useradd -r -u 999 svc\nFROM base AS app\nUSER 999\nCMD ["python"]',
    },
    {
      name: 'scratch final stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 3, column: 6, endColumn: 13, message: /scratch/ }],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
    },
    { name: 'a USER inside ONBUILD does not count', code: 'FROM alpine:3.20\nONBUILD USER app\nCMD ["sh"]', errors: [{ line: 1, column: 6 }] },
    {
      name: 'base image resolved from an ARG',
      code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nCMD ["python"]',
      errors: [{ line: 2, column: 6, endColumn: 13, message: /`python:3\.12-slim`/ }],
    },
    {
      name: 'entrypoint drops privileges with gosu: the fix is still offered',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]',
      errors: [{ line: 1, column: 6, message: /starts as root; `gosu` may drop privileges/ }],
      fixTitles: ['Add non-root USER: create user app (UID 10001)'],
    },
    {
      name: 'Windows Server Core runs as ContainerAdministrator',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]',
      errors: [{ line: 1, column: 6, message: /ContainerAdministrator/ }],
      output: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\nCMD ["cmd"]',
    },
    {
      name: 'USER ContainerAdministrator last',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator',
      errors: [{ line: 2, column: 6, endColumn: 28 }],
      output: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN echo a `\n  && echo b\nUSER root',
      errors: [{ line: 5, column: 6, endColumn: 10 }],
      output: `# escape=\`\nFROM alpine:3.20\nRUN echo a \`\n  && echo b\n${ALPINE_USER}\nUSER 10001:10001`,
    },
    {
      name: 'escape directive, CRLF, heredoc RUN, no USER',
      code: '# escape=`\r\nFROM debian:12\r\nRUN <<EOF\r\napt-get update\r\nEOF\r\nCMD ["bash"]\r\n',
      errors: [{ line: 2, column: 6 }],
      output: `# escape=\`\r\nFROM debian:12\r\nRUN <<EOF\r\napt-get update\r\nEOF\r\n${DEBIAN_USER}\r\nUSER 10001:10001\r\nCMD ["bash"]\r\n`,
    },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nRUN echo a \\\n# comment\n  && echo b\nUSER 0',
      errors: [{ line: 5, column: 6, endColumn: 7 }],
      output: `FROM alpine:3.20\nRUN echo a \\\n# comment\n  && echo b\n${ALPINE_USER}\nUSER 10001:10001`,
    },
  ],
});

describe('no-root-user fix', () => {
  it('is preferred but never safe (fix-all leaves it to the author)', () => {
    for (const code of ['FROM node:20\nCMD ["node"]', 'FROM alpine:3.20\nUSER root', 'FROM scratch\nCOPY a /a']) {
      const [finding] = findingsFor(rule, { code });
      assert.ok(finding.fixes?.length, code);
      for (const fix of finding.fixes ?? []) {
        assert.equal(fix.safe, false);
        assert.equal(fix.isPreferred, true);
      }
    }
  });
});
