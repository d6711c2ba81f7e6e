import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../../server/core/engine';
import rule from '../../server/core/rules/dockerfile/unsigned-packages';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    { name: 'trusted=yes on a local file: repository (packages built in the same RUN)', code: 'FROM debian:12\nRUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list' },
    { name: 'signed-by source', code: 'FROM debian:12\nRUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com/ bookworm main" > /etc/apt/sources.list.d/x.list' },
    { name: 'sed turning gpgcheck on; grep reading it', code: 'FROM centos:7\nRUN sed -i "s/gpgcheck=0/gpgcheck=1/" /etc/yum.repos.d/x.repo && grep gpgcheck=0 /etc/yum.conf' },
    { name: 'repo_gpgcheck / localpkg_gpgcheck are other settings', code: 'FROM centos:7\nRUN echo "repo_gpgcheck=0" >> /etc/yum.conf && echo "localpkg_gpgcheck=0" >> /etc/dnf/dnf.conf' },
    { name: 'rpm query mode; rpm --import', code: 'FROM centos:7\nRUN rpm -qa --nosignature && rpm --import https://example.com/key.asc' },
    { name: 'comment line inside a continuation', code: 'FROM centos:7\nRUN yum install -y x \\\n# --nogpgcheck was needed once\n && yum clean all' },
    { name: 'apt --allow-downgrades is not a signature bypass', code: 'FROM debian:12\nRUN apt-get install -y --allow-downgrades x' },
    { name: 'pip --trusted-host is tls-verification-disabled', code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.example.com x' },
    { name: 'the flag as text in echo', code: 'FROM debian:12\nRUN echo "the --force-yes flag is deprecated"' },
  ],
  invalid: [
    {
      name: 'fix removes the flag',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted curl=8.9.0-r0',
      errors: [{ line: 2, column: 24 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0',
      fixTitles: ['Remove `--allow-untrusted`'],
    },
    {
      name: 'fix on a continuation line keeps the CRLF continuation',
      code: 'FROM rockylinux:9\r\nRUN dnf install -y \\\r\n    --nogpgcheck \\\r\n    httpd-2.4.57 && dnf clean all\r\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM rockylinux:9\r\nRUN dnf install -y \\\r\n    httpd-2.4.57 && dnf clean all\r\n',
    },
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/x.apk',
      errors: [{ line: 2, column: 24, endColumn: 41, message: /`apk --allow-untrusted`/ }],
    },
    {
      name: 'apt-get --allow-unauthenticated and --force-yes on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --allow-unauthenticated x \\\n && apt-get install -y --force-yes y',
      errors: [
        { line: 2, column: 42, endColumn: 65 },
        { line: 3, column: 24, endColumn: 35, message: /--force-yes/ },
      ],
    },
    { name: '-o APT::Get::AllowUnauthenticated=true', code: 'FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y x', errors: [{ line: 2, column: 16, endColumn: 51 }] },
    {
      name: '[trusted=yes] on a remote source',
      code: 'FROM debian:12\nRUN echo "deb [trusted=yes] http://repo.example.com/debian bookworm main" > /etc/apt/sources.list.d/x.list',
      errors: [{ line: 2, column: 16, endColumn: 27 }],
    },
    {
      name: '[arch=… trusted=yes] through tee',
      code: 'FROM debian:12\nRUN echo "deb [arch=amd64 trusted=yes] https://repo.example.com/ ./" | tee /etc/apt/sources.list.d/x.list',
      errors: [{ line: 2, column: 27, endColumn: 38 }],
    },
    {
      name: 'yum, dnf, microdnf --nogpgcheck',
      code: 'FROM centos:7\nRUN yum install -y --nogpgcheck x && dnf --nogpgcheck install y && microdnf install --nogpgcheck z',
      errors: [
        { line: 2, column: 20, endColumn: 32, message: /`yum --nogpgcheck`/ },
        { line: 2, column: 42, endColumn: 54, message: /`dnf --nogpgcheck`/ },
        { line: 2, column: 85, endColumn: 97, message: /`microdnf --nogpgcheck`/ },
      ],
    },
    {
      name: 'rpm --nosignature --nodigest',
      code: 'FROM centos:7\nRUN rpm -ivh --nosignature --nodigest a.rpm',
      errors: [
        { line: 2, column: 14, endColumn: 27 },
        { line: 2, column: 28, endColumn: 38, message: /digests/ },
      ],
    },
    { name: 'zypper --no-gpg-checks', code: 'FROM opensuse/leap:15\nRUN zypper --no-gpg-checks install -y x', errors: [{ line: 2, column: 12, endColumn: 27 }] },
    {
      name: 'gpgcheck=0 in a repo file written by a heredoc (repo_gpgcheck=0 is not reported)',
      code: 'FROM fedora:40\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\nbaseurl=https://repo.example.com/\ngpgcheck=0\nrepo_gpgcheck=0\nEOF',
      errors: [{ line: 5, column: 1, endColumn: 11 }],
    },
    {
      name: 'sed replacement and --setopt',
      code: 'FROM centos:7\nRUN sed -i "s/gpgcheck=1/gpgcheck=0/" /etc/yum.conf && dnf --setopt=gpgcheck=0 install -y x',
      errors: [
        { line: 2, column: 26, endColumn: 36 },
        { line: 2, column: 69, endColumn: 79 },
      ],
    },
    {
      name: 'flag from an ARG',
      code: 'FROM debian:12\nARG FLAGS="-y --allow-unauthenticated"\nRUN apt-get install $FLAGS x',
      errors: [{ line: 3, column: 21, endColumn: 27, message: /--allow-unauthenticated/ }],
      output: null,
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nRUN apk add `\n    --allow-untrusted x', errors: [{ line: 4, column: 5, endColumn: 22 }] },
    { name: 'exec form', code: 'FROM alpine:3.20\nRUN ["apk", "add", "--allow-untrusted", "x"]', errors: [{ line: 2, column: 21, endColumn: 38 }] },
    {
      name: 'RUN heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --allow-unauthenticated x\nEOF',
      errors: [{ line: 4, column: 20, endColumn: 43 }],
    },
    {
      name: 'apt.conf written by COPY <<EOF',
      code: 'FROM debian:12\nCOPY <<EOF /etc/apt/apt.conf.d/99unauth\nAPT::Get::AllowUnauthenticated "true";\nEOF',
      errors: [{ line: 3, column: 1, endColumn: 38 }],
    },
    {
      name: 'build stages count; through sudo',
      code: 'FROM debian:12 AS build\nRUN apt-get install -y --force-yes x\nFROM debian:12\nRUN sudo apt-get install -y --allow-unauthenticated y',
      errors: [
        { line: 2, column: 24, endColumn: 35 },
        { line: 4, column: 29, endColumn: 52 },
      ],
    },
  ],
});

describe('unsigned-packages on long lines', () => {
  before(() => initializeCore());
  it('stays linear on 100 KB lines of brackets and options', () => {
    const started = Date.now();
    for (const line of ['['.repeat(100_000), 'trusted=yes '.repeat(8_000), '[trusted=yes'.repeat(8_000)]) {
      analyze(`FROM debian:12\nRUN echo "${line}" > /etc/apt/sources.list\n`, { rules: { 'unsigned-packages': 'error' } });
    }
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
  });
});
