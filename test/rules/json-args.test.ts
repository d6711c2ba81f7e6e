import rule from '../../server/core/rules/dockerfile/json-args';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nCMD ["node", "server.js"]',
    { name: 'exec-form ENTRYPOINT and CMD', code: 'FROM alpine:3.20\nENTRYPOINT ["/sbin/tini", "--"]\nCMD ["app", "--serve"]' },
    {
      name: 'a build stage that only feeds COPY --from never runs its CMD',
      code: 'FROM golang:1.22 AS build\nCMD go test ./...\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCMD ["/app"]',
    },
    { name: 'SHELL chose the shell explicitly (as BuildKit skips)', code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD echo "$HOSTNAME"' },
    { name: 'SHELL set in the stage it builds on', code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/sh", "-c"]\nFROM base\nCMD echo hi' },
    { name: 'CMD that execs the program: the shell replaces itself', code: "FROM nginx:1.27\nCMD exec nginx -g 'daemon off;'" },
    { name: 'steps, then exec as the last command', code: 'FROM node:20\nCMD ./migrate.sh && exec node server.js' },
    { name: 'Windows image, escape directive', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD powershell -File C:\\start.ps1' },
    { name: 'an earlier CMD replaced by a later exec-form one is multiple-cmd\'s business', code: 'FROM alpine:3.20\nCMD echo a\nCMD ["echo", "b"]' },
    { name: "single-quoted array is json-single-quotes' business", code: "FROM alpine:3.20\nCMD ['echo', 'hi']" },
    { name: 'ONBUILD CMD and HEALTHCHECK CMD are not the container command', code: 'FROM alpine:3.20\nONBUILD CMD echo hi\nHEALTHCHECK CMD wget -qO- localhost || exit 1\nCMD ["app"]' },
    { name: 'empty exec form', code: 'FROM alpine:3.20\nCMD []' },
  ],
  invalid: [
    {
      code: 'FROM node:20-alpine\nCMD node server.js',
      errors: [{ line: 2, column: 5, endColumn: 19, message: /CMD in shell form runs under `\/bin\/sh -c`, which does not forward SIGTERM to `node`/ }],
      output: 'FROM node:20-alpine\nCMD ["node", "server.js"]',
      fixTitles: ['Convert CMD to exec form: ["node", "server.js"]'],
    },
    {
      name: 'ENTRYPOINT without a CMD in the stage: safe conversion',
      code: 'FROM alpine:3.20\nENTRYPOINT /usr/local/bin/app --serve',
      errors: [{ line: 2, column: 12, endColumn: 38, message: /ENTRYPOINT in shell form .*`app` does not receive SIGTERM, and CMD and `docker run` arguments are ignored/ }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/usr/local/bin/app", "--serve"]',
    },
    {
      name: 'ENTRYPOINT with a CMD: the conversion makes CMD its arguments, so it is offered but not safe',
      code: 'FROM alpine:3.20\nENTRYPOINT app\nCMD ["--port", "80"]',
      errors: [{ line: 2, column: 12 }],
      fixTitles: ['Convert ENTRYPOINT to exec form: ["app"] (CMD then becomes its arguments)'],
      output: 'FROM alpine:3.20\nENTRYPOINT ["app"]\nCMD ["--port", "80"]',
    },
    {
      name: 'ENTRYPOINT with exec still ignores arguments; exec is dropped by the conversion',
      code: 'FROM alpine:3.20\nENTRYPOINT exec app',
      errors: [{ line: 2, column: 12, message: /ignores CMD and `docker run` arguments/ }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["app"]',
    },
    {
      name: 'quoted words are unquoted',
      code: "FROM nginx:1.27\nCMD nginx -g 'daemon off;'",
      errors: [{ line: 2, column: 5, endColumn: 27, message: /`nginx`/ }],
      output: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]',
    },
    {
      name: 'double quotes inside a word are JSON-escaped',
      code: "FROM alpine:3.20\nCMD echo 'say \"hi\"'",
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nCMD ["echo", "say \\"hi\\""]',
    },
    { name: 'redirect needs the shell: no fix', code: 'FROM alpine:3.20\nCMD ./run.sh > /var/log/app.log', errors: [{ line: 2, column: 5 }], output: null },
    { name: 'variable expanded at run time: no fix', code: 'FROM alpine:3.20\nENV PORT=8080\nCMD app --port $PORT', errors: [{ line: 3, column: 5 }], output: null },
    { name: 'ARG value is not in the runtime environment: no fix', code: 'FROM alpine:3.20\nARG NAME=app\nCMD $NAME', errors: [{ line: 3, column: 5 }], output: null },
    { name: 'glob needs the shell: no fix', code: 'FROM alpine:3.20\nCMD cat /etc/*.conf', errors: [{ line: 2, column: 5 }], output: null },
    { name: 'chain needs the shell: no fix', code: 'FROM alpine:3.20\nCMD sleep 1; app', errors: [{ line: 2, column: 5 }], output: null },
    { name: 'a shell builtin has no executable: no fix', code: 'FROM alpine:3.20\nCMD source /env.sh', errors: [{ line: 2, column: 5 }], output: null },
    {
      name: 'line continuation',
      code: 'FROM alpine:3.20\nCMD app \\\n  --port 80',
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 12 }],
      output: 'FROM alpine:3.20\nCMD ["app", "--port", "80"]',
    },
    {
      name: 'a comment line inside the continuation would be lost: no fix',
      code: 'FROM alpine:3.20\nCMD app \\\n# the port\n  --port 80',
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nCMD app `\n  --port 80',
      errors: [{ line: 3, column: 5 }],
      output: '# escape=`\nFROM alpine:3.20\nCMD ["app", "--port", "80"]',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nCMD app --serve\r\nUSER app\r\n',
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: 'FROM alpine:3.20\r\nCMD ["app", "--serve"]\r\nUSER app\r\n',
    },
    {
      name: 'the stage the final one builds on, and an alternative target nothing uses',
      code: 'FROM alpine:3.20 AS dev\nCMD app --dev\nFROM alpine:3.20 AS base\nCMD app\nFROM base\nRUN true',
      errors: [{ line: 2, column: 5 }, { line: 4, column: 5 }],
    },
    {
      name: 'ENTRYPOINT in the stage a later stage with a CMD builds on: not safe',
      code: 'FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nCMD ["--verbose"]',
      errors: [{ line: 2, column: 12 }],
      fixTitles: ['Convert ENTRYPOINT to exec form: ["app"] (CMD then becomes its arguments)'],
    },
  ],
});

describe('json-args fix safety', () => {
  before(() => initializeCore());
  const fixOf = (code: string) => findingsFor(rule, { code })[0].fixes?.[0];
  it('a CMD conversion is safe', () => assert.equal(fixOf('FROM alpine:3.20\nCMD app --serve')?.safe, true));
  it('an ENTRYPOINT conversion is safe when no CMD would become its arguments', () =>
    assert.equal(fixOf('FROM alpine:3.20\nENTRYPOINT app --serve')?.safe, true));
  it('an ENTRYPOINT conversion with a CMD around is not safe', () =>
    assert.equal(fixOf('FROM alpine:3.20\nCMD ["x"]\nENTRYPOINT app')?.safe, false));
});
