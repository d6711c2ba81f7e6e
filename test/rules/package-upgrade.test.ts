import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/package-upgrade';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const INSTALL = 'apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*';

ruleTester(rule, {
  valid: [
    `FROM debian:12\nRUN apt-get update && ${INSTALL}`,
    { name: 'dnf update of a named package', code: 'FROM fedora:40\nRUN dnf update -y openssl && dnf clean all' },
    { name: 'apk upgrade of a named package', code: 'FROM alpine:3.20\nRUN apk upgrade --no-cache musl' },
    { name: 'zypper update of a named package, with a repo option', code: 'FROM opensuse/leap:15.6\nRUN zypper -n update -r main curl && zypper clean --all' },
    { name: 'apt-get install --only-upgrade', code: `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl && rm -rf /var/lib/apt/lists/*` },
    { name: 'package list from an ARG without a value is not guessed', code: 'FROM centos:7\nARG PKGS\nRUN yum update -y $PKGS && yum clean all' },
    { name: 'pacman -Syu is how Arch installs (partial upgrades are unsupported)', code: 'FROM archlinux:base\nRUN pacman -Syu --noconfirm git' },
    { name: 'yum check-update reads only', code: 'FROM centos:7\nRUN yum check-update || true' },
    { name: 'the words in an echo', code: 'FROM debian:12\nRUN echo "never run apt-get upgrade here"' },
    { name: 'comment line inside a continuation', code: `FROM debian:12\nRUN apt-get update \\\n# && apt-get upgrade -y\n && ${INSTALL}` },
  ],
  invalid: [
    {
      name: 'middle of a chain',
      code: `FROM debian:12\nRUN apt-get update && apt-get upgrade -y && ${INSTALL}`,
      errors: [{ line: 2, column: 31, endColumn: 38, message: '`upgrade` upgrades every installed package at build time, so the image\'s package versions depend on the build date rather than the base image.' }],
      fixTitles: ['Remove `apt-get upgrade`'],
      output: `FROM debian:12\nRUN apt-get update && ${INSTALL}`,
    },
    {
      name: 'a RUN that only updates and upgrades is removed',
      code: `FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nRUN apt-get update && ${INSTALL}\n`,
      errors: [{ line: 2, column: 31 }],
      fixTitles: ['Remove this RUN (`apt-get update && apt-get upgrade`)'],
      output: `FROM debian:12\nRUN apt-get update && ${INSTALL}\n`,
    },
    {
      name: 'continuation lines with leading operators',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get dist-upgrade -y \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*',
      errors: [{ line: 3, column: 13, endColumn: 25, message: /`dist-upgrade`/ }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10 \\\n && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'last command of a chain; apk names its tool',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0 && apk upgrade --no-cache',
      errors: [{ line: 2, column: 45, message: /^`apk upgrade` upgrades/ }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0',
    },
    {
      name: 'apk update is removed with the upgrade that needed it',
      code: 'FROM alpine:3.20\nRUN apk update && apk upgrade && adduser -D app',
      errors: [{ line: 2, column: 23 }],
      fixTitles: ['Remove `apk upgrade` and the `apk update` it needed'],
      output: 'FROM alpine:3.20\nRUN adduser -D app',
    },
    {
      name: 'yum update without packages',
      code: 'FROM centos:7\nRUN yum -y update && yum -y install httpd-2.4.6 && yum clean all',
      errors: [{ line: 2, column: 12, message: /^`yum update`/ }],
      output: 'FROM centos:7\nRUN yum -y install httpd-2.4.6 && yum clean all',
    },
    {
      name: 'zypper dist-upgrade (DL3035)',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean --all',
      errors: [{ line: 2, column: 15, message: /^`zypper dup`/ }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper clean --all',
    },
    {
      name: 'a line of a heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get upgrade -y\napt-get install -y --no-install-recommends curl=7.88.1-10\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      errors: [{ line: 5, column: 9 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl=7.88.1-10\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'CRLF',
      code: `FROM debian:12\r\nRUN apt-get update && apt-get -y upgrade && ${INSTALL}\r\nUSER app\r\n`,
      errors: [{ line: 2, column: 34 }],
      output: `FROM debian:12\r\nRUN apt-get update && ${INSTALL}\r\nUSER app\r\n`,
    },
    {
      name: 'escape directive',
      code: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && apt-get upgrade -y \`\n && ${INSTALL}`,
      errors: [{ line: 4, column: 13 }],
      output: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && ${INSTALL}`,
    },
    {
      name: 'an inline assignment is removed with its command',
      code: `FROM debian:12\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get upgrade -y && ${INSTALL}`,
      errors: [{ line: 2, column: 62 }],
      output: `FROM debian:12\nRUN apt-get update && ${INSTALL}`,
    },
    {
      name: 'only `set -eux` would be left: the RUN goes',
      code: 'FROM debian:12\nRUN set -eux && apt-get update && apt-get full-upgrade -y\nCMD ["bash"]',
      errors: [{ line: 2, column: 43 }],
      fixTitles: ['Remove this RUN (`apt-get update && apt-get full-upgrade`)'],
      output: 'FROM debian:12\nCMD ["bash"]',
    },
    {
      name: 'subcommand from an ARG; a build stage is judged too',
      code: `FROM debian:12 AS build\nARG UPGRADE=dist-upgrade\nRUN apt-get update && apt-get $UPGRADE -y && ${INSTALL}\nFROM scratch\nCOPY --from=build /etc/os-release /`,
      errors: [{ line: 3, column: 31, endColumn: 39, message: /`dist-upgrade`/ }],
      output: `FROM debian:12 AS build\nARG UPGRADE=dist-upgrade\nRUN apt-get update && ${INSTALL}\nFROM scratch\nCOPY --from=build /etc/os-release /`,
    },
    { name: 'nothing but `|| true` is left: the RUN goes', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y || true\nUSER app', errors: [{ line: 2, column: 31 }], output: 'FROM debian:12\nUSER app' },
    { name: '`|| echo` after it: no fix', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y || echo failed', errors: [{ line: 2, column: 31 }], output: null },
    { name: 'a condition around it and nothing else: the RUN goes', code: 'FROM debian:12\nRUN if [ "$UPGRADE" = 1 ]; then apt-get upgrade -y; fi', errors: [{ line: 2, column: 41 }], output: 'FROM debian:12' },
    { name: 'inside a condition with other commands: no fix', code: 'FROM debian:12\nRUN if [ -f /x ]; then apt-get upgrade -y; fi && useradd app', errors: [{ line: 2, column: 32 }], output: null },
    {
      name: 'apt upgrade, and aptitude safe-upgrade',
      code: 'FROM ubuntu:24.04\nRUN apt update && apt upgrade -y && aptitude safe-upgrade -y',
      errors: [{ line: 2, column: 23, message: /^`upgrade`/ }, { line: 2, column: 46, message: /^`safe-upgrade`/ }],
    },
    {
      name: 'exec form: the RUN goes',
      code: 'FROM debian:12\nRUN ["apt-get", "dist-upgrade", "-y"]',
      errors: [{ line: 2, column: 18 }],
      output: 'FROM debian:12',
    },
  ],
});

describe('package-upgrade fixes', () => {
  it('are not applied by fix-all: they change which package versions ship', () => {
    const found = findingsFor(rule, { code: `FROM debian:12\nRUN apt-get update && apt-get upgrade -y && ${INSTALL}` });
    assert.equal(found[0].fixes?.[0].safe, false);
  });
});
