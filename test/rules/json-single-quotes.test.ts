import rule from '../../server/core/rules/dockerfile/json-single-quotes';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nCMD ["node", "server.js"]',
    { name: 'shell form with single quotes inside', code: "FROM nginx:1.27\nCMD nginx -g 'daemon off;'" },
    { name: 'a shell test command, not an array', code: "FROM alpine:3.20\nCMD [ -f /etc/app.conf ] && exec app" },
    { name: 'JSON with single quotes inside a string', code: 'FROM alpine:3.20\nRUN ["sh", "-c", "echo \'hi\'"]' },
    { name: 'bare words are not this rule', code: 'FROM alpine:3.20\nCMD [app, --serve]' },
    { name: 'single quotes in a label value', code: "FROM alpine:3.20\nLABEL description='[a, b]'" },
    { name: 'an array followed by more text is shell form', code: "FROM alpine:3.20\nRUN ['a'] && echo done" },
    { name: 'empty array', code: 'FROM alpine:3.20\nVOLUME []' },
    { name: 'exec form over continuation lines', code: 'FROM alpine:3.20\nENTRYPOINT ["app", \\\n  "--serve"]' },
  ],
  invalid: [
    {
      code: "FROM node:20-alpine\nCMD ['node', 'server.js']",
      errors: [{ line: 2, column: 5, endColumn: 26, message: /CMD array uses single quotes, which are not JSON: the builder silently runs it as a shell-form command/ }],
      output: 'FROM node:20-alpine\nCMD ["node", "server.js"]',
      fixTitles: ['Use double quotes in the CMD array'],
    },
    {
      name: 'mixed quotes: only the single-quoted items change',
      code: "FROM alpine:3.20\nENTRYPOINT [\"/sbin/tini\", '--', 'app']",
      errors: [{ line: 2, column: 12, endColumn: 39 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/sbin/tini", "--", "app"]',
    },
    {
      name: 'embedded double quotes and backslashes are escaped for JSON',
      code: "FROM alpine:3.20\nRUN ['sh', '-c', 'echo \"a\\b\"']",
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nRUN ["sh", "-c", "echo \\"a\\\\b\\""]',
    },
    {
      name: 'SHELL fails the build',
      code: "FROM alpine:3.20\nSHELL ['/bin/ash', '-c']\nRUN echo hi",
      errors: [{ line: 2, column: 7, message: /SHELL only accepts JSON, so the build fails/ }],
      output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN echo hi',
    },
    {
      name: 'VOLUME',
      code: "FROM postgres:16\nVOLUME ['/var/lib/postgresql/data']",
      errors: [{ line: 2, column: 8, message: /VOLUME splits it on blanks and keeps the brackets and commas in the paths/ }],
      output: 'FROM postgres:16\nVOLUME ["/var/lib/postgresql/data"]',
    },
    {
      name: 'COPY with flags',
      code: "FROM alpine:3.20\nCOPY --chown=app:app ['app.conf', '/etc/app/']",
      errors: [{ line: 2, column: 22, endColumn: 47 }],
      output: 'FROM alpine:3.20\nCOPY --chown=app:app ["app.conf", "/etc/app/"]',
    },
    {
      name: 'HEALTHCHECK CMD',
      code: "FROM alpine:3.20\nHEALTHCHECK --interval=30s CMD ['wget', '-qO-', 'http://localhost/']",
      errors: [{ line: 2, column: 32, message: /^HEALTHCHECK CMD array/ }],
      output: 'FROM alpine:3.20\nHEALTHCHECK --interval=30s CMD ["wget", "-qO-", "http://localhost/"]',
    },
    {
      name: 'ONBUILD trigger',
      code: "FROM alpine:3.20\nONBUILD RUN ['make', 'install']",
      errors: [{ line: 2, column: 13, message: /^ONBUILD RUN array/ }],
      output: 'FROM alpine:3.20\nONBUILD RUN ["make", "install"]',
    },
    {
      name: 'continuation with a comment line, in every stage',
      code: "FROM golang:1.22 AS build\nRUN ['go', \\\n# build it\n  'build']\nFROM alpine:3.20\nCMD ['/app']",
      errors: [{ line: 2, column: 5, endLine: 4, endColumn: 11 }, { line: 6, column: 5 }],
      output: 'FROM golang:1.22 AS build\nRUN ["go", \\\n# build it\n  "build"]\nFROM alpine:3.20\nCMD [\'/app\']',
    },
    {
      name: 'escape directive: a backslash in a Windows path is literal',
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENTRYPOINT ['C:\\app\\app.exe', `\n  '--serve']",
      errors: [{ line: 3, column: 12 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENTRYPOINT ["C:\\\\app\\\\app.exe", `\n  "--serve"]',
    },
    {
      name: 'CRLF line endings',
      code: "FROM alpine:3.20\r\nCMD ['app']\r\n",
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      output: 'FROM alpine:3.20\r\nCMD ["app"]\r\n',
    },
    {
      name: 'lower-case keyword',
      code: "FROM alpine:3.20\ncmd ['app']",
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\ncmd ["app"]',
    },
  ],
});
