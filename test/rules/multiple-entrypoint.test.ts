import rule from '../../server/core/rules/dockerfile/multiple-entrypoint';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nENTRYPOINT ["/sbin/tini", "--", "app"]',
    { name: 'one per stage', code: 'FROM alpine:3.20 AS base\nENTRYPOINT ["sh"]\nFROM base\nENTRYPOINT ["app"]' },
    { name: 'ONBUILD ENTRYPOINT is not counted', code: 'FROM alpine:3.20\nONBUILD ENTRYPOINT ["child"]\nENTRYPOINT ["app"]' },
    { name: 'ENTRYPOINT and CMD', code: 'FROM alpine:3.20\nENTRYPOINT ["app"]\nCMD ["--serve"]' },
    { name: 'build stage and final stage', code: 'FROM golang:1.22 AS build\nENTRYPOINT ["go"]\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENTRYPOINT ["/sbin/tini", "--"]\nENTRYPOINT ["app"]',
      errors: [{ line: 2, column: 1, endColumn: 11, message: 'This ENTRYPOINT has no effect: a later ENTRYPOINT in the same stage replaces it.' }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["app"]',
      fixTitles: ['Remove the earlier ENTRYPOINT (line 2)'],
    },
    {
      name: 'shell form and exec form',
      code: 'FROM alpine:3.20\nENTRYPOINT /docker-entrypoint.sh\nCOPY app /app\nENTRYPOINT ["/app"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCOPY app /app\nENTRYPOINT ["/app"]',
    },
    {
      name: 'in a build stage too',
      code: 'FROM golang:1.22 AS build\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nFROM alpine:3.20\nENTRYPOINT ["c"]',
      errors: [{ line: 2, column: 1, message: /in the same stage/ }],
    },
    {
      name: 'multi-line, with a comment line inside',
      code: 'FROM alpine:3.20\nENTRYPOINT ["tini", \\\n# init\n  "--"]\nENTRYPOINT ["app"]\nUSER app',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["app"]\nUSER app',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nENTRYPOINT ["a"]\r\nENTRYPOINT ["b"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nENTRYPOINT ["b"]',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENTRYPOINT ["cmd", `\n  "/c"]\nENTRYPOINT ["app.exe"]',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENTRYPOINT ["app.exe"]',
    },
  ],
});
