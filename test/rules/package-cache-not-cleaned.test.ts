import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/package-cache-not-cleaned';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'options from an ARG without a value are not guessed', code: 'FROM python:3.12\nARG PIP_ARGS\nRUN pip install $PIP_ARGS requests==2.32.3' },
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0',
    { name: 'apk global --no-cache', code: 'FROM alpine:3.20\nRUN apk --no-cache add curl=8.9.0-r0' },
    { name: 'apk cache removed after', code: 'FROM alpine:3.20\nRUN apk update && apk add curl=8.9.0-r0 && rm -rf /var/cache/apk/*' },
    { name: 'apk --no-network fetches no index', code: 'FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1' },
    { name: 'apk cache mount', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.0-r0' },
    { name: 'pip --no-cache-dir', code: 'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3' },
    { name: 'ENV PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3' },
    { name: 'ARG PIP_NO_CACHE_DIR without a value is not guessed', code: 'FROM python:3.12\nARG PIP_NO_CACHE_DIR\nRUN pip install requests==2.32.3' },
    { name: 'inline PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install requests==2.32.3' },
    { name: 'pip cache mount', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3' },
    { name: 'pip cache purge / rm of ~/.cache/pip after', code: 'FROM python:3.12\nRUN pip install requests==2.32.3 && pip cache purge\nRUN pip install flask==3.0.3 && rm -rf ~/.cache/pip' },
    { name: 'uv pip has its own cache settings', code: 'FROM python:3.12\nRUN uv pip install --system requests==2.32.3' },
    { name: 'dnf clean all', code: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all' },
    { name: 'yum cache removed', code: 'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum' },
    { name: 'microdnf clean all', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y nginx && microdnf clean all' },
    { name: 'zypper cc', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a' },
    { name: 'yarn cache clean', code: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean' },
    { name: 'yarn cache mount', code: 'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile' },
    {
      name: 'build stage that only feeds COPY --from',
      code: 'FROM python:3.12 AS build\nRUN pip install --prefix /install requests==2.32.3\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local',
    },
    { name: 'comment line inside a continuation', code: 'FROM alpine:3.20\nRUN echo a \\\n# apk add curl\n && echo b' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl=8.9.0-r0',
      errors: [{ line: 2, column: 9, endColumn: 12, message: '`apk add` without `--no-cache` leaves the package index in `/var/cache/apk` in this layer.' }],
      fixTitles: ['Add `--no-cache`'],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0',
    },
    {
      name: 'pip3 install',
      code: 'FROM python:3.12\nRUN pip3 install requests==2.32.3',
      errors: [{ line: 2, column: 10, message: /^`pip install` without `--no-cache-dir`/ }],
      output: 'FROM python:3.12\nRUN pip3 install --no-cache-dir requests==2.32.3',
    },
    {
      name: 'python -m pip',
      code: 'FROM python:3.12\nCOPY requirements.txt .\nRUN python3 -m pip install -r requirements.txt',
      errors: [{ line: 3, column: 20 }],
      output: 'FROM python:3.12\nCOPY requirements.txt .\nRUN python3 -m pip install --no-cache-dir -r requirements.txt',
    },
    { name: 'PIP_NO_CACHE_DIR=false', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=false\nRUN pip install requests==2.32.3', errors: [{ line: 3, column: 9 }] },
    {
      name: 'dnf install without clean',
      code: 'FROM fedora:40\nRUN dnf install -y nginx',
      errors: [{ line: 2, column: 9, message: '`dnf install` without `dnf clean all` after it leaves the package metadata and cache in this layer.' }],
      fixTitles: ['Append `dnf clean all`'],
      output: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all',
    },
    { name: 'clean before the install does not count; one finding per RUN', code: 'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum install -y mod_ssl', errors: [{ line: 2, column: 26 }], output: 'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum install -y mod_ssl && yum clean all' },
    { name: 'microdnf', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y nginx', errors: [{ line: 2, column: 14 }], output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y nginx && microdnf clean all' },
    { name: 'zypper', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl', errors: [{ line: 2, column: 15 }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper clean --all' },
    {
      name: 'yarn install: the fix needs a decision (Yarn 2+ PnP)',
      code: 'FROM node:20\nRUN yarn install --frozen-lockfile',
      errors: [{ line: 2, column: 10, message: /^`yarn install` without `yarn cache clean`/ }],
      fixTitles: ['Append `yarn cache clean`'],
      output: 'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean',
    },
    { name: 'bare yarn installs', code: 'FROM node:20\nRUN yarn --frozen-lockfile', errors: [{ line: 2, column: 5, endColumn: 9 }] },
    {
      name: 'heredoc',
      code: 'FROM python:3.12\nRUN <<EOF\nset -e\npip install requests==2.32.3\nEOF\n',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM python:3.12\nRUN <<EOF\nset -e\npip install --no-cache-dir requests==2.32.3\nEOF\n',
    },
    {
      name: 'CRLF',
      code: 'FROM alpine:3.20\r\nRUN apk add curl=8.9.0-r0\r\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\r\nRUN apk add --no-cache curl=8.9.0-r0\r\n',
    },
    {
      name: 'escape directive, multi-line append',
      code: '# escape=`\nFROM fedora:40\nRUN dnf install -y `\n      nginx',
      errors: [{ line: 3, column: 9 }],
      output: '# escape=`\nFROM fedora:40\nRUN dnf install -y `\n      nginx && `\n      dnf clean all',
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl=8.9.0-r0"]',
      errors: [{ line: 2, column: 14 }],
      output: 'FROM alpine:3.20\nRUN ["apk", "add", "--no-cache", "curl=8.9.0-r0"]',
    },
    {
      name: 'several managers in one RUN',
      code: 'FROM python:3.12-alpine\nRUN apk add curl=8.9.0-r0 && pip install requests==2.32.3',
      errors: [{ line: 2, column: 9 }, { line: 2, column: 34 }],
    },
  ],
});

describe('package-cache-not-cleaned fixes', () => {
  it('are applied by fix-all except yarn cache clean', () => {
    const apk = findingsFor(rule, { code: 'FROM alpine:3.20\nRUN apk add curl' });
    assert.equal(apk[0].fixes?.[0].safe, true);
    const dnf = findingsFor(rule, { code: 'FROM fedora:40\nRUN dnf install -y nginx' });
    assert.equal(dnf[0].fixes?.[0].safe, true);
    const yarn = findingsFor(rule, { code: 'FROM node:20\nRUN yarn install' });
    assert.equal(yarn[0].fixes?.[0].safe, false);
  });
});
