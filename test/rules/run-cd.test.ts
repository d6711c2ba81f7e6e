import rule from '../../server/core/rules/dockerfile/run-cd';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nWORKDIR /app\nRUN npm ci',
    {
      name: 'build in a temporary directory and clean up in the same layer (hadolint flags it; we do not)',
      code: 'FROM debian:12\nRUN git clone https://github.com/jpmens/jo.git /tmp/jo \\\n && cd /tmp/jo \\\n && autoreconf -i && ./configure && make install \\\n && cd / \\\n && rm -rf /tmp/jo',
    },
    { name: 'cd in a subshell', code: 'FROM debian:12\nRUN mkdir -p /src && (cd /src && make) && rm -rf /src' },
    { name: 'a RUN that changes directory more than once', code: 'FROM debian:12\nRUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xzf x.tgz && cd x && make install && cd / && rm -rf /tmp/x*' },
    { name: 'cd inside a condition', code: 'FROM debian:12\nRUN if [ -d /opt/app ]; then cd /opt/app; fi' },
    { name: 'cd in a loop', code: 'FROM debian:12\nRUN for d in a b; do cd /src/$d && make && cd ..; done' },
    { name: 'cd inside sh -c', code: "FROM debian:12\nRUN sh -c 'cd /app && make'" },
    { name: 'cd to a computed directory cannot be a WORKDIR', code: 'FROM debian:12\nRUN cd "$(mktemp -d)" && curl -fsSLO https://example.com/x && sha256sum x' },
    { name: 'cd as an argument', code: 'FROM debian:12\nRUN echo cd /tmp' },
    { name: 'exec form without a shell', code: 'FROM debian:12\nRUN ["make", "-C", "/src"]' },
    { name: 'cd followed by an or', code: 'FROM debian:12\nRUN make || cd /' },
    {
      name: 'a WORKDIR is already in effect: moving the cd into another WORKDIR would mean switching back',
      code: 'FROM php:8.3-fpm\nWORKDIR /var/www/html\nRUN set -ex && cd /usr/local/etc && cp php-fpm.conf.default php-fpm.conf',
    },
    { name: 'WORKDIR set in the stage it builds on', code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nRUN cd /etc && ls' },
    { name: 'shell-only expansion WORKDIR cannot express', code: 'FROM php:8.3\nRUN cd "${PHP_INI_DIR%/php}"; ls' },
  ],
  invalid: [
    {
      code: 'FROM node:20-alpine\nCOPY . /app\nRUN cd /app && npm ci',
      errors: [{ line: 3, column: 5, endColumn: 12, message: 'RUN starts with `cd /app`: set the directory with `WORKDIR /app` before the RUN, or use absolute paths.' }],
      output: null,
    },
    {
      name: 'cd alone has no effect',
      code: 'FROM alpine:3.20\nRUN cd /app\nRUN make',
      errors: [{ line: 2, column: 5, endColumn: 12, message: /`cd \/app` is the whole RUN and has no effect: .*use `WORKDIR \/app`/ }],
    },
    {
      name: 'a trailing cd has no effect',
      code: 'FROM alpine:3.20\nRUN make install && cd ..',
      errors: [{ line: 2, column: 21, endColumn: 26, message: /`cd \.\.` at the end of RUN has no effect/ }],
    },
    { name: 'after set -e', code: 'FROM alpine:3.20\nRUN set -eux; cd /src; make', errors: [{ line: 2, column: 15, endColumn: 22, message: /WORKDIR \/src/ }] },
    {
      name: 'line continuation with a comment line',
      code: 'FROM alpine:3.20\nRUN cd /src \\\n# build it\n  && make',
      errors: [{ line: 2, column: 5, endColumn: 12 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN cd /src `\n  && make',
      errors: [{ line: 3, column: 5, endColumn: 12 }],
    },
    {
      name: 'heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\ncd /src\nmake\nEOF',
      errors: [{ line: 4, column: 1, endColumn: 8, message: /WORKDIR \/src/ }],
    },
    {
      name: 'heredoc ending with cd',
      code: 'FROM alpine:3.20\nRUN <<EOF\nmake\ncd /\nEOF\nRUN true',
      errors: [{ line: 4, column: 1, endColumn: 5, message: /at the end of RUN has no effect/ }],
    },
    {
      name: 'with RUN flags, in every stage',
      code: 'FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache cd /src && go build ./...\nFROM alpine:3.20\nRUN cd /etc && ls',
      errors: [{ line: 2, column: 44, message: /WORKDIR \/src/ }, { line: 4, column: 5, message: /WORKDIR \/etc/ }],
    },
    { name: 'ARG target', code: 'FROM alpine:3.20\nARG SRC=/src\nRUN cd $SRC && make', errors: [{ line: 3, column: 5, endColumn: 12, message: /WORKDIR \$SRC/ }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20\r\nRUN cd /src && make\r\n', errors: [{ line: 2, column: 5, endColumn: 12 }] },
  ],
});
