import rule from '../../server/core/rules/dockerfile/no-healthcheck';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1',
    { name: 'HEALTHCHECK NONE is a deliberate choice', code: 'FROM nginx:1.27\nHEALTHCHECK NONE' },
    {
      name: 'inherited from the stage the final stage builds on',
      code: 'FROM node:20 AS base\nHEALTHCHECK CMD node healthcheck.js\nFROM base AS final\nCMD ["node", "server.js"]',
    },
    {
      name: 'inherited through two levels',
      code: 'FROM node:20 AS base\nHEALTHCHECK NONE\nFROM base AS deps\nRUN npm ci\nFROM deps AS final\nCMD ["node"]',
    },
    { name: 'only the final stage needs one', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "-health"]' },
    { name: 'no FROM at all', code: 'ARG VERSION=1' },
    { name: 'empty file', code: '' },
    {
      name: 'scratch artifact stage without CMD/ENTRYPOINT',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch AS export\nCOPY --from=build /out/app /',
    },
    {
      name: 'flags, continuation and a comment line',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s \\\n# probe the front page\n  CMD wget -qO- http://localhost/ || exit 1',
    },
    { name: 'lower-case keywords', code: 'from nginx:1.27\nhealthcheck cmd curl -f http://localhost/' },
    { name: 'escape directive', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nHEALTHCHECK CMD powershell -command `\n  exit 0' },
  ],
  invalid: [
    { code: 'FROM nginx:1.27\nEXPOSE 80', errors: [{ line: 1, column: 1, endColumn: 5, message: /final stage \(`nginx:1\.27`\) has no HEALTHCHECK/ }] },
    {
      name: 'a HEALTHCHECK in a build stage does not reach the final image',
      code: 'FROM node:20 AS build\nHEALTHCHECK CMD true\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nCMD ["node", "/app"]',
      errors: [{ line: 4, column: 1, endColumn: 5 }],
    },
    { name: 'FROM chain without one', code: 'FROM node:20 AS base\nRUN npm ci\nFROM base AS final\nCMD ["node"]', errors: [{ line: 3, column: 1, message: /`base` AS final/ }] },
    { name: 'a sibling stage does not count', code: 'FROM alpine:3.20 AS a\nHEALTHCHECK NONE\nFROM alpine:3.20 AS b\nCOPY --from=a /etc/motd /etc/motd\nCMD ["sh"]', errors: [{ line: 3, column: 1 }] },
    { name: 'scratch image that runs a binary', code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]', errors: [{ line: 1, column: 1, endColumn: 5 }] },
    { name: 'lower-case keyword', code: 'from alpine:3.20\ncmd ["sh"]', errors: [{ line: 1, column: 1, endColumn: 5 }] },
    { name: 'stage name in the message', code: 'FROM alpine:3.20 AS runtime\nCMD ["sh"]', errors: [{ line: 1, column: 1, message: /`alpine:3\.20` AS runtime/ }] },
    { name: 'global ARG before FROM', code: 'ARG BASE=alpine:3.20\nFROM ${BASE}\nCMD ["sh"]', errors: [{ line: 2, column: 1, message: /`\$\{BASE\}`/ }] },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi `\n  && echo there\nCMD ["cmd"]',
      errors: [{ line: 2, column: 1 }],
    },
    { name: 'continuation inside the final stage', code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n# tools\n  curl\nCMD ["sh"]', errors: [{ line: 1, column: 1 }] },
  ],
});
