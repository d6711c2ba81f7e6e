import rule from '../../server/core/rules/dockerfile/multiple-cmd';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nCMD ["python", "app.py"]',
    { name: 'one CMD per stage', code: 'FROM golang:1.22 AS build\nCMD ["go", "test"]\nFROM alpine:3.20\nCMD ["/app"]' },
    { name: 'ONBUILD CMD is not a CMD of the stage', code: 'FROM alpine:3.20\nONBUILD CMD ["echo", "child"]\nCMD ["app"]' },
    { name: 'HEALTHCHECK CMD is not a CMD', code: 'FROM alpine:3.20\nHEALTHCHECK CMD wget -qO- localhost\nCMD ["app"]' },
    { name: 'CMD and ENTRYPOINT', code: 'FROM alpine:3.20\nENTRYPOINT ["tini", "--"]\nCMD ["app"]' },
    { name: 'a stage built on another sets its own CMD', code: 'FROM alpine:3.20 AS base\nCMD ["sh"]\nFROM base\nCMD ["app"]' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nCMD ["python", "migrate.py"]\nCMD ["python", "app.py"]',
      errors: [{ line: 2, column: 1, endColumn: 4, message: 'This CMD has no effect: a later CMD in the same stage replaces it.' }],
      output: 'FROM python:3.12-slim\nCMD ["python", "app.py"]',
      fixTitles: ['Remove the earlier CMD (line 2)'],
    },
    {
      name: 'three CMDs: the two earlier ones',
      code: 'FROM alpine:3.20\nCMD a\nRUN true\nCMD b\nCMD ["c"]',
      errors: [{ line: 2, column: 1 }, { line: 4, column: 1 }],
      output: 'FROM alpine:3.20\nRUN true\nCMD b\nCMD ["c"]',
    },
    {
      name: 'per stage, in a multi-stage file',
      code: 'FROM golang:1.22 AS build\nCMD ["a"]\nCMD ["b"]\nFROM alpine:3.20\nCMD ["c"]',
      errors: [{ line: 2, column: 1, message: /in the same stage/ }],
    },
    {
      name: 'a CMD spanning lines is removed whole',
      code: 'FROM alpine:3.20\nCMD ["app", \\\n  "--old"]\nCMD ["app"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCMD ["app"]',
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nCMD app \\\n# old flag\n  --old\nCMD ["app"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCMD ["app"]',
    },
    {
      name: 'no final line break',
      code: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCMD ["b"]',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nCMD ["a"]\r\nCMD ["b"]\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nCMD ["b"]\r\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["cmd", `\n  "/c", "dir"]\nCMD ["app.exe"]',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe"]',
    },
    { name: 'lower-case keyword', code: 'FROM alpine:3.20\ncmd ["a"]\nCMD ["b"]', errors: [{ line: 2, column: 1, endColumn: 4 }] },
  ],
});
