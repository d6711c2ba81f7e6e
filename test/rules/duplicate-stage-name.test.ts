import rule from '../../server/core/rules/dockerfile/duplicate-stage-name';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20 AS web\nFROM golang:1.22 AS build\nFROM gcr.io/distroless/static',
    { name: 'unnamed stages', code: 'FROM alpine:3.20\nFROM alpine:3.20\nFROM alpine:3.20' },
    { name: 'names that only share a prefix', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS build2\nFROM alpine:3.20 AS build-test' },
    { name: 'a stage built on an earlier one by name', code: 'FROM alpine:3.20 AS base\nFROM base AS test\nFROM base AS prod' },
    { name: 'an image named like a stage', code: 'FROM alpine:3.20 AS alpine\nFROM alpine AS other' },
    { name: 'lower-case keywords', code: 'from alpine:3.20 as one\nfrom alpine:3.20 as two' },
    { name: 'a name in a comment', code: 'FROM alpine:3.20 AS a\n# FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b' },
  ],
  invalid: [
    {
      code: 'FROM node:20 AS build\nRUN npm ci\n\nFROM golang:1.22 AS build\nRUN go build -o /app .',
      errors: [{ line: 4, column: 21, endColumn: 26, message: 'Stage name `build` is already used by the stage on line 1.' }],
      output: null,
    },
    { name: 'compared case-insensitively', code: 'FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS BUILD', errors: [{ line: 2, column: 21, endColumn: 26, message: 'Stage name `BUILD` is already used by the stage on line 1.' }] },
    { name: 'three times', code: 'FROM alpine:3.20 AS x\nFROM alpine:3.20 AS x\nFROM alpine:3.20 AS x', errors: [{ line: 2, column: 21, message: /line 1/ }, { line: 3, column: 21, message: /line 1/ }] },
    { name: 'lower-case as', code: 'from alpine:3.20 as a\nfrom alpine:3.20 as a', errors: [{ line: 2, column: 21 }] },
    { name: 'line continuation', code: 'FROM alpine:3.20 AS a\nFROM \\\n  alpine:3.20 \\\n  AS a', errors: [{ line: 4, column: 6, endColumn: 7 }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20 AS a\nFROM alpine:3.20 `\n  AS a', errors: [{ line: 4, column: 6 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20 AS a\r\nFROM alpine:3.20 AS a\r\n', errors: [{ line: 2, column: 21, endColumn: 22 }] },
    { name: 'not adjacent', code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nRUN true\nFROM alpine:3.20 AS a', errors: [{ line: 4, column: 21 }] },
  ],
});
