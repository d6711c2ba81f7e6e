import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/no-healthcheck';
import { initializeCore } from '../../server/core/engine';
import { applyEdits } from '../../server/core/fixes/edits';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const HC = 'HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD';
const note = (url: string) => `# Unhealthy when nothing answers at ${url} or it returns an error status; probe a dedicated health endpoint if the service has one.`;
const wget = (url: string) => `${note(url)}\n${HC} wget -q --spider ${url} || exit 1\n`;
const curl = (url: string) => `${note(url)}\n${HC} curl -fsS ${url} || exit 1\n`;
const TITLES = (what: string) => [`Add HEALTHCHECK (${what})`, 'Declare HEALTHCHECK NONE (not a service)'];

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
    {
      name: 'continuation inside the final stage; curl installed on Alpine still probes with BusyBox wget',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n# tools\n  curl\nEXPOSE 8080\nCMD ["sh"]',
      errors: [{ line: 1, column: 1 }],
      output: `FROM alpine:3.20\nRUN apk add --no-cache \\\n# tools\n  curl\nEXPOSE 8080\n${wget('http://127.0.0.1:8080/')}CMD ["sh"]`,
    },
    // ---- the fix
    {
      name: 'fix: Alpine and EXPOSE → wget probe, inserted above the comment lines of the CMD',
      code: 'FROM node:20-alpine\nWORKDIR /app\nEXPOSE 3000\n# start the server\nCMD ["node", "server.js"]\n',
      errors: [{ line: 1, column: 1 }],
      fixTitles: TITLES('wget http://127.0.0.1:3000/'),
      output: `FROM node:20-alpine\nWORKDIR /app\nEXPOSE 3000\n${wget('http://127.0.0.1:3000/')}# start the server\nCMD ["node", "server.js"]\n`,
    },
    {
      name: 'fix: curl installed; the first port that serves HTTP; before ENTRYPOINT + CMD',
      code: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 5432 8000/tcp 9000\nENTRYPOINT ["gunicorn"]\nCMD ["app:app"]\n',
      errors: [{ line: 1, column: 1 }],
      output: `FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nEXPOSE 5432 8000/tcp 9000\n${curl('http://127.0.0.1:8000/')}ENTRYPOINT ["gunicorn"]\nCMD ["app:app"]\n`,
    },
    {
      name: 'fix: CRLF is kept',
      code: 'FROM alpine:3.20\r\nEXPOSE 8080\r\nCMD ["/app"]\r\n',
      errors: [{ line: 1, column: 1 }],
      output: `FROM alpine:3.20\r\nEXPOSE 8080\r\n${wget('http://127.0.0.1:8080/').replace(/\n/g, '\r\n')}CMD ["/app"]\r\n`,
    },
    {
      name: 'fix: port resolved through ARG and ENV',
      code: 'FROM alpine:3.20\nARG PORT=9090\nENV LISTEN=$PORT\nEXPOSE ${LISTEN}\nCMD ["/app"]',
      errors: [{ line: 1, column: 1 }],
      output: `FROM alpine:3.20\nARG PORT=9090\nENV LISTEN=$PORT\nEXPOSE \${LISTEN}\n${wget('http://127.0.0.1:9090/')}CMD ["/app"]`,
    },
    {
      name: "fix: no CMD → at the end of the stage (no final newline); nginx's default port",
      code: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/',
      errors: [{ line: 1, column: 1 }],
      output: `FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n${wget('http://127.0.0.1/')}`,
    },
    {
      name: 'fix: after a heredoc RUN that ends the stage',
      code: 'FROM alpine:3.20\nEXPOSE 80\nRUN <<EOF\necho hi\nEOF\n',
      errors: [{ line: 1, column: 1 }],
      output: `FROM alpine:3.20\nEXPOSE 80\nRUN <<EOF\necho hi\nEOF\n${wget('http://127.0.0.1/')}`,
    },
    {
      name: 'fix: indentation kept; family inherited through the FROM chain',
      code: 'FROM alpine:3.20 AS base\nFROM base\n  EXPOSE 8080\n  CMD ["/app"]\n',
      errors: [{ line: 2, column: 1 }],
      output: `FROM alpine:3.20 AS base\nFROM base\n  EXPOSE 8080\n  ${wget('http://127.0.0.1:8080/').replace('\nH', '\n  H')}  CMD ["/app"]\n`,
    },
    {
      name: 'fix: lower-case keywords stay lower-case',
      code: 'from alpine:3.20\nexpose 8080\ncmd ["sh"]',
      errors: [{ line: 1, column: 1 }],
      output: `from alpine:3.20\nexpose 8080\n${wget('http://127.0.0.1:8080/').replace('HEALTHCHECK', 'healthcheck').replace(' CMD ', ' cmd ')}cmd ["sh"]`,
    },
    {
      name: 'fix: distroless has no shell → exec-form template',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nEXPOSE 8080\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, column: 1 }],
      fixTitles: TITLES('template in exec form, to complete'),
      output:
        'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nEXPOSE 8080\n' +
        "# TODO: distroless images have no shell, curl or wget: copy a small probe binary into the image (or use your app's health subcommand) and run it here against port 8080.\n" +
        `${HC} ["/healthcheck"]\nENTRYPOINT ["/app"]\n`,
    },
    {
      name: "fix: postgres → the image's own pg_isready",
      code: 'FROM postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n',
      errors: [{ line: 1, column: 1 }],
      fixTitles: TITLES('pg_isready'),
      output: `FROM postgres:16-alpine\nCOPY init.sql /docker-entrypoint-initdb.d/\n# pg_isready reports whether the server accepts connections (no credentials needed).\n${HC} pg_isready -q || exit 1\n`,
    },
    {
      name: 'fix: no curl in the image → template with a TODO',
      code: 'FROM debian:12-slim\nEXPOSE 8080\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1 }],
      fixTitles: TITLES('template with curl, to complete'),
      output: `FROM debian:12-slim\nEXPOSE 8080\n# TODO: curl is not known to be in this image: install it or use a probe the image has.\n${HC} curl -fsS http://127.0.0.1:8080/ || exit 1\nCMD ["/app"]\n`,
    },
    {
      name: 'fix: curl installed and purged again → template',
      code: 'FROM debian:12\nRUN apt-get install -y curl && apt-get purge -y curl\nEXPOSE 8080\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1 }],
      fixTitles: TITLES('template with curl, to complete'),
    },
    {
      name: 'fix: only a port that does not serve HTTP → TCP connect with bash',
      code: 'FROM debian:12-slim\nEXPOSE 5432\nCMD ["/app"]\n',
      errors: [{ line: 1, column: 1 }],
      output: `FROM debian:12-slim\nEXPOSE 5432\n# Checks only that port 5432 accepts connections; a check of the service itself is better if it has one.\n${HC} bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432' || exit 1\nCMD ["/app"]\n`,
    },
    {
      name: 'fix: EXPOSE inherited from the base stage; a suppression comment stays on its CMD',
      code: 'FROM node:20 AS base\nEXPOSE 3000\nFROM base\n# hadolint ignore=DL3025\nCMD node server.js\n',
      errors: [{ line: 3, column: 1 }],
      output: `FROM node:20 AS base\nEXPOSE 3000\nFROM base\n${curl('http://127.0.0.1:3000/')}# hadolint ignore=DL3025\nCMD node server.js\n`,
    },
    {
      name: 'fix: escape directive, Windows image → curl.exe template',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi `\r\n  && echo there\r\nEXPOSE 80\r\nCMD ["cmd"]',
      errors: [{ line: 2, column: 1 }],
      output:
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN echo hi `\r\n  && echo there\r\nEXPOSE 80\r\n' +
        `# TODO: check that this Windows image can run the probe.\r\n${HC} curl.exe -fsS http://127.0.0.1/ || exit 1\r\nCMD ["cmd"]`,
    },
  ],
});

describe('no-healthcheck: the "HEALTHCHECK NONE" alternative', () => {
  before(() => initializeCore());
  it('inserts HEALTHCHECK NONE where the probe would go; neither fix is applied by fix-all', () => {
    const code = 'FROM alpine:3.20\r\nEXPOSE 8080\r\n# run\r\nCMD ["/app"]\r\n';
    const [finding] = findingsFor(rule, { code });
    const none = finding.fixes!.find((f) => f.title === 'Declare HEALTHCHECK NONE (not a service)')!;
    assert.equal(none.isPreferred, undefined);
    assert.equal(applyEdits(code, none.edits), 'FROM alpine:3.20\r\nEXPOSE 8080\r\nHEALTHCHECK NONE\r\n# run\r\nCMD ["/app"]\r\n');
    assert.deepEqual(finding.fixes!.map((f) => f.safe), [false, false]);
  });
});
