import rule from '../../server/core/rules/dockerfile/copy-context-without-dockerignore';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '.dockerignore beside the Dockerfile', code: 'FROM alpine:3.20\nCOPY . /app', files: ['/ctx/.dockerignore'] },
    {
      name: '<Dockerfile>.dockerignore beside a named Dockerfile',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: '/ctx/app.Dockerfile',
      files: ['/ctx/app.Dockerfile.dockerignore'],
    },
    {
      name: 'Windows paths',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: 'C:\\proj\\Dockerfile',
      files: ['C:\\proj\\.dockerignore'],
    },
    { name: 'unsaved buffer: no folder to look in', code: 'FROM alpine:3.20\nCOPY . /app', options: { path: undefined } },
    {
      name: 'COPY --from a stage copies from the stage, not the context',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/ .\nCOPY --from=build . /app',
    },
    { name: 'named sources only; `.` as the destination', code: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\nCOPY ./public .' },
    { name: 'dot-files and relative subfolders are not the whole context', code: 'FROM node:20\nCOPY .env.example ./\nCOPY ./src /app/src\nCOPY ../shared /x' },
    { name: 'heredoc body is not a source', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\n. . .\nEOF' },
    { name: 'ARG without a default is unknown', code: 'FROM alpine:3.20\nARG SRC\nCOPY ${SRC} /app' },
    { name: 'ADD of a URL', code: 'FROM alpine:3.20\nADD https://example.com/a.tar.gz /opt/' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]',
      errors: [{ line: 3, column: 6, endColumn: 7, message: /`COPY \.` copies the whole build context.*no \.dockerignore/ }],
    },
    { name: 'ADD ./', code: 'FROM alpine:3.20\nADD ./ /app/', errors: [{ line: 2, column: 5, endColumn: 7, message: /`ADD \.\/`/ }] },
    { name: '`.` among several sources', code: 'FROM alpine:3.20\nCOPY package.json . /app/', errors: [{ line: 2, column: 19, endColumn: 20 }] },
    { name: 'exec (JSON) form', code: 'FROM alpine:3.20\nCOPY [".", "/app"]', errors: [{ line: 2, column: 8, endColumn: 9 }] },
    { name: 'source from an ARG default', code: 'FROM alpine:3.20\nARG SRC=.\nCOPY ${SRC} /app', errors: [{ line: 3, column: 6, endColumn: 12 }] },
    {
      name: 'flags, continuation and a comment line inside it',
      code: 'FROM alpine:3.20\nCOPY --chown=app:app \\\n# everything\n  . /app',
      errors: [{ line: 4, column: 3, endColumn: 4 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY `\n  . C:\\app',
      errors: [{ line: 4, column: 3, endColumn: 4 }],
    },
    { name: 'a .dockerignore elsewhere does not count', code: 'FROM alpine:3.20\nCOPY . /app', files: ['/other/.dockerignore'], errors: [{ line: 2, column: 6 }] },
    {
      name: 'Dockerfile.dockerignore does not apply to app.Dockerfile',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: '/ctx/app.Dockerfile',
      files: ['/ctx/Dockerfile.dockerignore'],
      errors: [{ line: 2, column: 6 }],
    },
    {
      name: 'build stage of a multi-stage file',
      code: 'FROM golang:1.22 AS build\nCOPY . /src\nRUN go build -o /app ./...\nFROM alpine:3.20\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 6, endColumn: 7 }],
    },
    { name: '`*` takes every top-level entry', code: 'FROM alpine:3.20\nCOPY * /app/', errors: [{ line: 2, column: 6, endColumn: 7, message: /every top-level entry/ }] },
    {
      name: 'each whole-context copy is reported',
      code: 'FROM node:20 AS deps\nCOPY . .\nFROM node:20\nCOPY ./ /app',
      errors: [{ line: 2, column: 6 }, { line: 4, column: 6, endColumn: 8 }],
    },
  ],
});
