import rule from '../../server/core/rules/dockerfile/reserved-stage-name';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20 AS builder',
    { name: 'scratch as the image', code: 'FROM scratch\nCOPY app /app' },
    { name: 'a stage built on scratch', code: 'FROM scratch AS release\nCOPY app /app' },
    { name: 'names that contain a reserved word', code: 'FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS build-context' },
    { name: 'COPY --from=context is not a stage name', code: 'FROM alpine:3.20\nCOPY --from=context /x /y' },
    { name: 'a comment', code: '# FROM alpine AS scratch\nFROM alpine:3.20' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20 AS scratch\nFROM scratch\nCOPY --from=scratch /x /x',
      errors: [{ line: 1, column: 21, endColumn: 28, message: '`scratch` is reserved (it means the empty base image) and should not name a stage.' }],
      output: null,
    },
    {
      name: 'context',
      code: 'FROM alpine:3.20 AS context\nRUN echo hi > /hello',
      errors: [{ line: 1, column: 21, endColumn: 28, message: '`context` is reserved (BuildKit reserves it for the build context) and should not name a stage.' }],
    },
    { name: 'in any letter case', code: 'from alpine:3.20 as Scratch', errors: [{ line: 1, column: 21, message: /^`Scratch` is reserved/ }] },
    { name: 'upper case', code: 'FROM alpine:3.20 AS CONTEXT', errors: [{ line: 1, column: 21, endColumn: 28 }] },
    { name: 'both, in a multi-stage file', code: 'FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS ok\nFROM alpine:3.20 AS context', errors: [{ line: 1, column: 21 }, { line: 3, column: 21 }] },
    { name: 'line continuation', code: 'FROM alpine:3.20 \\\n    AS scratch', errors: [{ line: 2, column: 8, endColumn: 15 }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20 `\n  AS context', errors: [{ line: 3, column: 6 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20 AS scratch\r\nRUN true\r\n', errors: [{ line: 1, column: 21, endColumn: 28 }] },
  ],
});
