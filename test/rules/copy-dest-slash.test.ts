import rule from '../../server/core/rules/dockerfile/copy-dest-slash';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nCOPY package.json package-lock.json /app/',
    { name: 'one source', code: 'FROM node:20-alpine\nCOPY package.json /app' },
    { name: 'a wildcard often stands for one file', code: 'FROM eclipse-temurin:21\nCOPY target/*.jar /app.jar' },
    { name: 'a wildcard into ./', code: 'FROM node:20-alpine\nCOPY package*.json ./' },
    { name: 'destination from an ARG ending in a slash', code: 'FROM alpine:3.20\nARG DEST=/opt/app/\nCOPY a b ${DEST}' },
    { name: 'destination with an unknown variable', code: 'FROM alpine:3.20\nARG DEST\nCOPY a b $DEST' },
    { name: 'exec form with a slash', code: 'FROM alpine:3.20\nCOPY ["a b.txt", "c.txt", "/opt/my app/"]' },
    { name: 'Windows directory', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.dll b.dll C:\\app\\' },
    { name: '--from and its sources', code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /out/cli /usr/local/bin/' },
    {
      name: 'a line ending in an escaped backslash is not a continuation for BuildKit: not judged on the merged reading',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=mongo:7 \\\n\tC:\\\\Windows\\\\System32\\\\msvcp140.dll \\\n\tC:\\\\Windows\\\\System32\\\\\n\nENV MONGO_VERSION 7.0.37',
    },
    { name: 'heredoc source', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF' },
  ],
  invalid: [
    {
      code: 'FROM node:20-alpine\nCOPY package.json package-lock.json /app',
      errors: [{ line: 2, column: 37, endColumn: 41, message: 'COPY of 2 sources needs a directory destination ending in `/`: write `/app/`.' }],
      output: 'FROM node:20-alpine\nCOPY package.json package-lock.json /app/',
      fixTitles: ['Append / to the destination `/app`'],
    },
    {
      name: 'the working directory',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json .',
      errors: [{ line: 3, column: 37, endColumn: 38 }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./',
    },
    {
      name: 'a wildcard into . can only mean a directory',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json .',
      errors: [{ line: 3, column: 20, message: /the wildcard source `package\*\.json`/ }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./',
    },
    {
      name: 'ADD, flags and --from',
      code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build --chmod=755 /out/app /out/cli /usr/local/bin\nADD --chown=app a.tar b.tar /opt',
      errors: [{ line: 3, column: 49, message: /^COPY of 2 sources/ }, { line: 4, column: 29, message: /^ADD of 2 sources/ }],
      output: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build --chmod=755 /out/app /out/cli /usr/local/bin/\nADD --chown=app a.tar b.tar /opt',
    },
    {
      name: 'exec form: the slash goes inside the string',
      code: 'FROM alpine:3.20\nCOPY ["a.txt", "b.txt", "/opt/my app"]',
      errors: [{ line: 2, column: 26, endColumn: 37 }],
      output: 'FROM alpine:3.20\nCOPY ["a.txt", "b.txt", "/opt/my app/"]',
    },
    {
      name: 'quoted destination: the slash goes inside the quotes',
      code: 'FROM alpine:3.20\nCOPY a b "/opt/app"',
      errors: [{ line: 2, column: 11, endColumn: 19 }],
      output: 'FROM alpine:3.20\nCOPY a b "/opt/app/"',
    },
    {
      name: 'shell form splits a quoted path with blanks (the builder needs JSON form): reported, no fix',
      code: 'FROM alpine:3.20\nCOPY a "/opt/my app"',
      errors: [{ line: 2, column: 17, message: /^COPY of 2 sources/ }],
      output: null,
    },
    {
      name: 'destination from an ARG',
      code: 'FROM alpine:3.20\nARG DEST=/opt/app\nCOPY a b ${DEST}',
      errors: [{ line: 3, column: 10, endColumn: 17 }],
      output: 'FROM alpine:3.20\nARG DEST=/opt/app\nCOPY a b ${DEST}/',
    },
    {
      name: 'heredoc sources',
      code: 'FROM alpine:3.20\nCOPY <<one <<two /etc/app\nfirst\none\nsecond\ntwo',
      errors: [{ line: 2, column: 18, endColumn: 26 }],
      output: 'FROM alpine:3.20\nCOPY <<one <<two /etc/app/\nfirst\none\nsecond\ntwo',
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nCOPY a \\\n# and b\n  b /opt',
      errors: [{ line: 4, column: 5, endColumn: 9 }],
      output: 'FROM alpine:3.20\nCOPY a \\\n# and b\n  b /opt/',
    },
    {
      name: 'escape directive with a Windows path: a backslash is appended',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.dll b.dll `\n  C:\\app',
      errors: [{ line: 4, column: 3, endColumn: 9 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.dll b.dll `\n  C:\\app\\',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nCOPY a b /opt\r\n',
      errors: [{ line: 2, column: 10, endColumn: 14 }],
      output: 'FROM alpine:3.20\r\nCOPY a b /opt/\r\n',
    },
  ],
});
