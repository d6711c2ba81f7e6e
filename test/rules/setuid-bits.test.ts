import rule from '../../server/core/rules/dockerfile/setuid-bits';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'stripped after the last install (continuation)',
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl \\\n && find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nUSER 10001',
    },
    { name: '-perm +6000 with -exec chmod -s {} \\;', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN find / -xdev -perm +6000 -type f -exec chmod -s {} \\; || true' },
    { name: 'stripped in the stage the final stage builds on, through xargs', code: 'FROM debian:12 AS base\nRUN find / -xdev -perm /u+s,g+s -type f -print0 | xargs -0 -r chmod ug-s\nFROM base\nCMD ["x"]' },
    { name: 'distroless final stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app' },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app' },
    { name: 'find -delete', code: 'FROM debian:12\nRUN find / -xdev -perm -4000 -delete' },
    { name: 'recursive chmod a-s over /', code: 'FROM debian:12\nRUN chmod -R a-s / 2>/dev/null || true' },
    { name: 'base from an ARG without default: unknown', code: 'ARG BASE\nFROM ${BASE}\nCMD ["x"]' },
    { name: 'Windows image', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir' },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nset -e\nfind / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nEOF' },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["find", "/", "-xdev", "-perm", "/6000", "-type", "f", "-exec", "chmod", "a-s", "{}", "+"]' },
  ],
  invalid: [
    {
      name: 'fix: strip before the last USER',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1 && rm -rf /var/lib/apt/lists/*\nUSER 10001\nCMD ["curl"]\n',
      errors: [{ line: 1, column: 6 }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1 && rm -rf /var/lib/apt/lists/*\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nUSER 10001\nCMD ["curl"]\n',
    },
    {
      name: 'fix: at the end of the stage, CRLF, no final line break',
      code: 'FROM alpine:3.20\r\nRUN echo hi',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM alpine:3.20\r\nRUN echo hi\r\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\r\n',
    },
    {
      code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\nUSER 10001',
      errors: [{ line: 1, column: 6, endColumn: 20, message: 'The final stage (FROM debian:12-slim) keeps every setuid/setgid binary of its base image: no RUN strips the bits.' }],
    },
    {
      name: 'packages installed after the strip',
      code: 'FROM alpine:3.20\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nRUN apk add --no-cache shadow',
      errors: [{ line: 1, column: 6, endColumn: 17, message: /strips setuid\/setgid bits on line 2 but installs packages afterwards on line 3/ }],
    },
    {
      name: 'naming a few binaries is not stripping; the build stage does not count',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12\nCOPY --from=build /app /app\nRUN chmod u-s /usr/bin/passwd /bin/su',
      errors: [{ line: 3, column: 6, endColumn: 15 }],
    },
    { name: 'base from an ARG default', code: 'ARG BASE=ubuntu:24.04\nFROM ${BASE}\nCMD ["bash"]', errors: [{ line: 2, column: 6, endColumn: 13, message: /FROM \$\{BASE\} → ubuntu:24\.04/ }] },
    { name: 'final stage built on an earlier stage', code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base AS final\nCMD ["x"]', errors: [{ line: 3, column: 6, endColumn: 10, message: /FROM base → debian:12/ }] },
    { name: 'find that only lists setuid files', code: 'FROM debian:12\nRUN find / -perm /6000 -type f -exec ls -l {} +', errors: [{ line: 1, column: 6, endColumn: 15 }] },
    {
      name: 'stripped only in a stage the final stage does not build on',
      code: 'FROM debian:12 AS tools\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +\nFROM debian:12\nCOPY --from=tools /usr/bin/jq /usr/bin/jq',
      errors: [{ line: 3, column: 6, endColumn: 15 }],
    },
  ],
});
