import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/package-manager-yes';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'options from an ARG without a value are not guessed', code: 'FROM debian:12\nARG APT_FLAGS\nRUN apt-get install ${APT_FLAGS} curl' },
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl',
    { name: '-qq implies -y (apt-get(8))', code: 'FROM debian:12\nRUN apt-get -qq install --no-install-recommends curl' },
    { name: '--yes, --assume-yes, -q=2', code: 'FROM debian:12\nRUN apt-get install --yes curl && apt-get --assume-yes install wget && apt-get -q=2 install git' },
    { name: '-o APT::Get::Assume-Yes=true', code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl' },
    { name: 'apt.conf snippet written earlier', code: 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes\nRUN apt-get install curl' },
    { name: 'yum -y in a cluster', code: 'FROM centos:7\nRUN yum -qy install httpd && yum clean all' },
    { name: 'dnf --setopt=assumeyes=1', code: 'FROM fedora:40\nRUN dnf --setopt=assumeyes=1 install nginx && dnf clean all' },
    { name: 'assumeyes=1 written to dnf.conf earlier', code: 'FROM fedora:40\nRUN echo "assumeyes=1" >> /etc/dnf/dnf.conf\nRUN dnf install nginx && dnf clean all' },
    { name: 'microdnf never asks', code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install nginx && microdnf clean all' },
    { name: 'zypper -n, --non-interactive, install -y, --no-confirm', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper --non-interactive install git && zypper install -y vim && zypper in --no-confirm tar' },
    { name: 'yes piped in', code: 'FROM debian:12\nRUN yes | apt-get install curl' },
    { name: 'remove is not judged', code: 'FROM debian:12\nRUN apt-get remove curl' },
    { name: 'simulation', code: 'FROM debian:12\nRUN apt-get install -s curl' },
    { name: 'flag from an ARG', code: 'FROM debian:12\nARG APT_YES=-y\nRUN apt-get install $APT_YES curl' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo a \\\n# apt-get install curl\n && echo b' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl',
      errors: [{ line: 2, column: 31, endColumn: 38, message: '`install` without `-y` stops at the confirmation prompt, which a build cannot answer.' }],
      fixTitles: ['Add `-y`'],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    },
    { name: 'a single -q does not imply -y', code: 'FROM debian:12\nRUN apt-get -q install curl', errors: [{ line: 2, column: 16 }], output: 'FROM debian:12\nRUN apt-get -q install -y curl' },
    {
      name: 'yum install',
      code: 'FROM centos:7\nRUN yum install httpd && yum clean all',
      errors: [{ line: 2, column: 9, message: /^`yum install` without `-y`/ }],
      output: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
    },
    { name: 'dnf localinstall', code: 'FROM fedora:40\nRUN dnf localinstall /tmp/x.rpm && dnf clean all', errors: [{ line: 2, column: 9, message: /^`dnf localinstall`/ }] },
    {
      name: 'zypper: -n goes before the subcommand',
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl && zypper clean --all',
      errors: [{ line: 2, column: 12, message: /^`zypper install` without `-n`/ }],
      fixTitles: ['Add `-n` (non-interactive) to zypper'],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all',
    },
    { name: 'zypper in -n is --name, not non-interactive', code: 'FROM opensuse/leap:15.6\nRUN zypper in -n curl', errors: [{ line: 2, column: 12 }] },
    {
      name: 'continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install \\\n      curl \\\n && rm -rf /var/lib/apt/lists/*',
      errors: [{ line: 3, column: 13 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n      curl \\\n && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'CRLF',
      code: 'FROM fedora:40\r\nRUN dnf install nginx && dnf clean all\r\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM fedora:40\r\nRUN dnf install -y nginx && dnf clean all\r\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install curl',
      errors: [{ line: 4, column: 13 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n',
      errors: [{ line: 4, column: 9 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'exec form',
      code: 'FROM centos:7\nRUN ["yum", "install", "httpd"]',
      errors: [{ line: 2, column: 14 }],
      output: 'FROM centos:7\nRUN ["yum", "install", "-y", "httpd"]',
    },
    { name: 'tdnf, aptitude, through sudo', code: 'FROM photon:5.0\nRUN tdnf install curl && sudo aptitude install git', errors: [{ line: 2, column: 10 }, { line: 2, column: 40 }] },
    { name: 'multi-stage: every stage is judged', code: 'FROM debian:12 AS build\nRUN apt-get install gcc\nFROM scratch\nCOPY --from=build /usr/bin/gcc /gcc', errors: [{ line: 2, column: 13 }] },
  ],
});

describe('package-manager-yes fix', () => {
  it('is applied by fix-all', () => {
    const found = findingsFor(rule, { code: 'FROM debian:12\nRUN apt-get install curl' });
    assert.equal(found[0].fixes?.[0].safe, true);
  });
});
