import rule from '../../server/core/rules/dockerfile/apt-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311',
    { name: 'version wildcards count as pinned (hadolint)', code: 'FROM debian:12\nRUN apt-get install -y python-demjson=2.2.2* git=1:2.5.0* ruby=1:2.1.*' },
    { name: '.deb files and paths are not packages', code: 'FROM debian:12\nRUN apt-get install -y ./wkhtmltox_0.12.5-1.bionic_amd64.deb /tmp/*.deb' },
    { name: 'the -t release is not a package', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends -t bookworm-backports openjdk-17-jdk=17.0.9+9-1~bpo12+1' },
    { name: 'a shell variable of unknown value', code: "FROM debian:12\nRUN fetchDeps='ca-certificates wget'; apt-get install -y --no-install-recommends $fetchDeps" },
    { name: 'an ARG without default', code: 'FROM debian:12\nARG EXTRA\nRUN apt-get install -y $EXTRA' },
    { name: 'ARG-substituted version', code: 'FROM debian:12\nARG CURL_VERSION=7.88.1-10\nRUN apt-get install -y "curl=${CURL_VERSION}"' },
    { name: 'a version from an unknown ARG is still a pin', code: 'FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y "curl=${CURL_VERSION}"' },
    { name: 'ENV list, all pinned', code: 'FROM debian:12\nENV PKGS="curl=7.88.1-10 git=1:2.39.2-1"\nRUN apt-get install -y $PKGS' },
    { name: 'other apt commands', code: 'FROM debian:12\nRUN apt-get update && apt-get remove -y curl && apt-get purge -y vim && apt-cache policy curl' },
    { name: 'package list from stdin', code: 'FROM debian:12\nCOPY packages.txt /tmp/\nRUN xargs apt-get install -y < /tmp/packages.txt' },
    { name: 'not a command', code: 'FROM debian:12\nRUN echo "apt-get install curl"' },
    { name: 'a removal suffix', code: 'FROM debian:12\nRUN apt-get install -y nano- vim=2:9.0.1378-2' },
    { name: 'silenced by its hadolint code', code: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl' },
    { name: 'a commented-out package in a continuation', code: 'FROM debian:12\nRUN apt-get install -y \\\n# curl \\\n  wget=1.21.3-1+b2' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl',
      errors: [{ line: 2, column: 24, endColumn: 28, message: '`apt-get install` installs `curl` without a pinned version: write `curl=<version>`.' }],
      output: null,
    },
    {
      name: 'one finding per unpinned package, in a chain',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88 git wget',
      errors: [{ line: 2, column: 76, endColumn: 79, message: /`git`/ }, { line: 2, column: 80, endColumn: 84, message: /`wget`/ }],
    },
    {
      name: 'apt, not apt-get',
      code: 'FROM ubuntu:24.04\nRUN apt install -y htop',
      errors: [{ line: 2, column: 20, message: /^`apt install` installs `htop`/ }],
    },
    {
      name: 'a release is not a version',
      code: 'FROM debian:12\nRUN apt-get install -y golang-go/bookworm-backports',
      errors: [{ line: 2, column: 24, endColumn: 52, message: /selects a release, not a version.*`golang-go=<version>`/ }],
    },
    {
      name: 'the -t value is skipped, the package still judged',
      code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang-go',
      errors: [{ line: 2, column: 46, message: /`golang-go`/ }],
    },
    {
      name: 'ENV-substituted list: the finding sits on the variable and names the package',
      code: 'FROM debian:12\nENV PKGS="curl=7.88.1-10 git"\nRUN apt-get install -y $PKGS',
      errors: [{ line: 3, column: 24, endColumn: 29, message: /`git`/ }],
    },
    {
      name: 'ARG list in a build stage',
      code: 'FROM debian:12 AS build\nARG TOOLS="gcc make=4.3-4.1"\nRUN apt-get install -y ${TOOLS}\nFROM debian:12\nCOPY --from=build /x /x',
      errors: [{ line: 3, column: 24, message: /`gcc`/ }],
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF',
      errors: [{ line: 5, column: 20, endColumn: 24 }],
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN apt-get update \\\n # tools we need\n && apt-get install -y \\\n    curl \\\n    git=1:2.39.2-1',
      errors: [{ line: 5, column: 5, endColumn: 9 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    curl',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]',
      errors: [{ line: 2, column: 35, endColumn: 39 }],
    },
    {
      name: 'through sh -c and sudo',
      code: "FROM debian:12\nRUN sh -c 'sudo apt-get install -y curl'",
      errors: [{ line: 2, column: 36 }],
    },
    {
      name: 'an architecture qualifier is not a version',
      code: 'FROM debian:12\nRUN dpkg --add-architecture i386 && apt-get install -y libc6:i386',
      errors: [{ line: 2, column: 56, message: /`libc6:i386=<version>`/ }],
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN apt-get install -y curl\r\n',
      errors: [{ line: 2, column: 24, endColumn: 28 }],
      output: null,
    },
  ],
});
