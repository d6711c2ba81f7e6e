import rule from '../../server/core/rules/dockerfile/multiple-healthcheck';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1',
    { name: 'HEALTHCHECK NONE alone', code: 'FROM alpine:3.20\nHEALTHCHECK NONE' },
    { name: 'one per stage', code: 'FROM alpine:3.20 AS base\nHEALTHCHECK NONE\nFROM base\nHEALTHCHECK CMD ["/app", "health"]' },
    { name: 'ONBUILD HEALTHCHECK is not counted', code: 'FROM alpine:3.20\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD ["/app", "health"]' },
    { name: 'CMD and HEALTHCHECK CMD', code: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/app", "health"]\nCMD ["/app"]' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/healthz || exit 1',
      errors: [{ line: 2, column: 1, endColumn: 12, message: 'This HEALTHCHECK has no effect: a later HEALTHCHECK in the same stage replaces it.' }],
      output: 'FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/healthz || exit 1',
      fixTitles: ['Remove the earlier HEALTHCHECK (line 2)'],
    },
    {
      name: 'a later HEALTHCHECK NONE turns the probe off',
      code: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/app", "health"]\nHEALTHCHECK NONE',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nHEALTHCHECK NONE',
    },
    {
      name: 'multi-line with flags on continuation lines and a comment line',
      code: 'FROM alpine:3.20\nHEALTHCHECK --interval=5s \\\n# fast\n  --timeout=2s \\\n  CMD ["/app", "health"]\nHEALTHCHECK CMD ["/app", "ping"]',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nHEALTHCHECK CMD ["/app", "ping"]',
    },
    {
      name: 'per stage',
      code: 'FROM alpine:3.20 AS a\nHEALTHCHECK NONE\nHEALTHCHECK NONE\nFROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["x"]',
      errors: [{ line: 2, column: 1 }, { line: 5, column: 1 }],
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nHEALTHCHECK NONE\r\nHEALTHCHECK CMD ["x"]\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nHEALTHCHECK CMD ["x"]\r\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nHEALTHCHECK `\n  CMD ["ping.exe"]\nHEALTHCHECK CMD ["app.exe", "health"]',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nHEALTHCHECK CMD ["app.exe", "health"]',
    },
  ],
});
