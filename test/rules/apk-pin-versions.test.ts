import rule from '../../server/core/rules/dockerfile/apk-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 bash~5.2',
    { name: 'the --virtual name is not a package', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 && apk del .build-deps' },
    { name: 'the -t name is not a package', code: 'FROM alpine:3.20\nRUN apk add -t .deps musl-dev=1.2.5-r0' },
    { name: '.apk files', code: 'FROM alpine:3.20\nCOPY x.apk /tmp/\nRUN apk add /tmp/x.apk ./y.apk' },
    { name: 'unknown variable', code: 'FROM alpine:3.20\nRUN apk add --no-cache $BUILD_DEPS' },
    { name: 'ENV list, all pinned', code: 'FROM alpine:3.20\nENV DEPS="curl=8.9.1-r0 jq~1.7"\nRUN apk add $DEPS' },
    { name: 'fuzzy version', code: 'FROM alpine:3.20\nRUN apk add "nodejs=~20"' },
    { name: 'other apk commands', code: 'FROM alpine:3.20\nRUN apk update && apk del curl && apk upgrade' },
    { name: 'the -X repository is not a package', code: 'FROM alpine:3.20\nRUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing tini=0.19.0-r3' },
    { name: 'an upper bound', code: 'FROM alpine:3.20\nRUN apk add "tini<1"' },
    { name: 'a pinned package from a tagged repository', code: 'FROM alpine:3.20\nRUN apk add tini=0.19.0-r3@community' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      errors: [{ line: 2, column: 24, endColumn: 28, message: '`apk add` installs `curl` without a pinned version: write `curl=<version>`.' }],
      output: null,
    },
    {
      name: 'a package after the --virtual name',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0',
      errors: [{ line: 2, column: 46, endColumn: 49, message: /`gcc`/ }],
    },
    {
      name: 'a lower bound only',
      code: 'FROM alpine:3.20\nRUN apk add "curl>=8"',
      errors: [{ line: 2, column: 13, endColumn: 22, message: /`>=` sets only a lower bound/ }],
    },
    {
      name: 'a repository tag is not a version',
      code: 'FROM alpine:3.20\nRUN apk add tini@community',
      errors: [{ line: 2, column: 13, message: /`@community` selects a repository.*`tini=<version>`/ }],
    },
    {
      name: 'global options before add',
      code: 'FROM alpine:3.20\nRUN apk --no-cache --update add bash',
      errors: [{ line: 2, column: 33 }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM alpine:3.20\nENV DEPS="curl=8.9.1-r0 jq"\nRUN apk add $DEPS',
      errors: [{ line: 3, column: 13, endColumn: 18, message: /`jq`/ }],
    },
    {
      name: 'every stage',
      code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nRUN apk add curl',
      errors: [{ line: 2, column: 13 }, { line: 4, column: 13 }],
    },
    {
      name: 'heredoc with a continuation',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache \\\n  bash\nEOF',
      errors: [{ line: 4, column: 3, endColumn: 7 }],
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n# comment\n    git \\\n    curl=8.9.1-r0',
      errors: [{ line: 4, column: 5, endColumn: 8 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN apk add `\n  curl',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "git"]',
      errors: [{ line: 2, column: 21, endColumn: 24 }],
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nRUN apk add curl\r\n',
      errors: [{ line: 2, column: 13 }],
      output: null,
    },
  ],
});
