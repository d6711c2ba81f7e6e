import rule from '../../server/core/rules/dockerfile/no-root-user';
import { ruleTester } from '../helpers/rule-tester';

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
      name: 'no USER at all',
      code: 'FROM node:20\nCMD ["node", "app.js"]',
      errors: [{ line: 1, column: 6, endLine: 1, endColumn: 13, message: /no USER.*root unless the base image `node:20`/ }],
    },
    {
      name: 'last USER is root',
      code: 'FROM node:20\nUSER node\nRUN npm ci\nUSER root\nCMD ["node"]',
      errors: [{ line: 4, column: 6, endColumn: 10, message: /last USER is `root`/ }],
    },
    { name: 'USER 0:0', code: 'FROM alpine:3.20\nUSER 0:0', errors: [{ line: 2, column: 6, endColumn: 9 }] },
    { name: 'USER root:root', code: 'FROM alpine:3.20\nUSER root:root', errors: [{ line: 2, column: 6, endColumn: 15 }] },
    {
      name: 'root through an ARG',
      code: 'FROM alpine:3.20\nARG UID=0\nUSER $UID',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /`\$UID` \(resolves to `0`\)/ }],
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
    },
    {
      name: 'no USER in a chain of stages',
      code: 'FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base AS app\nCMD ["flask", "run"]',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /`python:3\.12-slim`/ }],
    },
    {
      name: 'scratch final stage',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 3, column: 6, endColumn: 13, message: /scratch/ }],
    },
    { name: 'a USER inside ONBUILD does not count', code: 'FROM alpine:3.20\nONBUILD USER app\nCMD ["sh"]', errors: [{ line: 1, column: 6 }] },
    {
      name: 'base image resolved from an ARG',
      code: 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nCMD ["python"]',
      errors: [{ line: 2, column: 6, endColumn: 13, message: /`python:3\.12-slim`/ }],
    },
    {
      name: 'entrypoint drops privileges with gosu',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]',
      errors: [{ line: 1, column: 6, message: /starts as root; `gosu` may drop privileges/ }],
    },
    {
      name: 'Windows Server Core runs as ContainerAdministrator',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]',
      errors: [{ line: 1, column: 6, message: /ContainerAdministrator/ }],
    },
    {
      name: 'USER ContainerAdministrator last',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator',
      errors: [{ line: 2, column: 6, endColumn: 28 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN echo a `\n  && echo b\nUSER root',
      errors: [{ line: 5, column: 6, endColumn: 10 }],
    },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nRUN echo a \\\n# comment\n  && echo b\nUSER 0',
      errors: [{ line: 5, column: 6, endColumn: 7 }],
    },
  ],
});
