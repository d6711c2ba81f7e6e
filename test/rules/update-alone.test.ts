import rule from '../../server/core/rules/dockerfile/update-alone';
import { ruleTester } from '../helpers/rule-tester';

const INSTALL = 'apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*';

ruleTester(rule, {
  valid: [
    `FROM debian:12\nRUN apt-get update && ${INSTALL}`,
    { name: 'apk update with apk add', code: 'FROM alpine:3.20\nRUN apk update && apk add curl=8.9.0-r0 && rm -rf /var/cache/apk/*' },
    { name: 'apt-cache reads the lists', code: 'FROM debian:12\nRUN apt-get update && apt-cache policy curl' },
    { name: 'an upgrade reads the lists (package-upgrade judges it)', code: 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y' },
    { name: 'a script may install', code: 'FROM debian:12\nCOPY install-deps.sh /tmp/\nRUN apt-get update && /tmp/install-deps.sh' },
    { name: 'a downloaded setup script piped to bash may install', code: 'FROM debian:12\nRUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -' },
    { name: 'a command from an ARG without a value is not guessed', code: 'FROM debian:12\nARG INSTALL\nRUN apt-get update && $INSTALL' },
    { name: 'heredoc script', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nEOF' },
    { name: 'install through xargs', code: 'FROM debian:12\nCOPY pkgs /tmp/\nRUN apt-get update && xargs -a /tmp/pkgs apt-get install -y' },
    { name: 'yum/dnf makecache is not judged (they refresh expired metadata themselves)', code: 'FROM centos:7\nRUN yum makecache' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo start \\\n# apt-get update\n && true' },
  ],
  invalid: [
    {
      name: 'update in its own RUN',
      code: `FROM debian:12\nRUN apt-get update\nRUN ${INSTALL}`,
      errors: [{ line: 2, column: 13, endColumn: 19, message: /^`update` refreshes the APT package lists in a RUN that installs nothing/ }],
      output: null,
    },
    { name: 'apt, with apt-get clean only', code: 'FROM debian:12\nRUN apt update && apt-get clean', errors: [{ line: 2, column: 9 }] },
    { name: 'apk update', code: 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl=8.9.0-r0', errors: [{ line: 2, column: 9, message: /^`apk update`/ }] },
    { name: 'heredoc script', code: 'FROM debian:12\nRUN <<EOF\nset -eux\napt-get update\nEOF\n', errors: [{ line: 4, column: 9 }] },
    {
      name: 'CRLF and escape directive, continuation',
      code: '# escape=`\r\nFROM debian:12\r\nRUN apt-get update `\r\n && apt-get clean\r\n',
      errors: [{ line: 3, column: 13 }],
    },
    {
      name: 'a build stage is judged too',
      code: `FROM debian:12 AS build\nRUN apt-get update\nRUN ${INSTALL}\nFROM scratch\nCOPY --from=build /etc/os-release /`,
      errors: [{ line: 2, column: 13 }],
    },
    { name: 'through sudo, with global options', code: 'FROM debian:12\nRUN sudo apt-get -qq update', errors: [{ line: 2, column: 22 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "update"]', errors: [{ line: 2, column: 18 }] },
    { name: 'purge does not read the lists', code: 'FROM debian:12\nRUN apt-get update && apt-get purge -y curl', errors: [{ line: 2, column: 13 }] },
    { name: 'tool from an ARG', code: 'FROM debian:12\nARG APT=apt-get\nRUN $APT update', errors: [{ line: 3, column: 10 }] },
    { name: 'inside sh -c', code: 'FROM debian:12\nRUN sh -c "apt-get update"', errors: [{ line: 2, column: 20 }] },
    {
      name: 'an install of another package manager does not read APT lists',
      code: 'FROM python:3.12\nRUN apt-get update && pip install --no-cache-dir requests==2.32.3',
      errors: [{ line: 2, column: 13 }],
    },
  ],
});
