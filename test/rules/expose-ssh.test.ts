import rule from '../../server/core/rules/dockerfile/expose-ssh';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80 443/tcp',
    { name: 'other ports, ranges that miss 22, UDP 22', code: 'FROM alpine:3.20\nEXPOSE 2222 8022 23-30 2200-2299 22/udp' },
    { name: 'SSH clients are fine', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client git' },
    { name: 'Alpine client and keygen', code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh-client openssh-keygen' },
    { name: 'RHEL client package', code: 'FROM rockylinux:9\nRUN dnf install -y openssh-clients && dnf clean all' },
    { name: 'using the ssh client', code: 'FROM alpine:3.20\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts\nCMD ["ssh", "-N", "tunnel@example.com"]' },
    { name: 'package name as an argument of something else', code: 'FROM debian:12\nRUN echo openssh-server > /tmp/list && apt-get remove -y openssh-server' },
    { name: 'port from an ARG without a default', code: 'FROM alpine:3.20\nARG PORT\nEXPOSE $PORT' },
    {
      name: 'SSH server only in a build stage that feeds COPY --from',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y openssh-server\nEXPOSE 22\nRUN make\nFROM debian:12-slim\nCOPY --from=build /out /out\nCMD ["/out/app"]',
    },
    { name: 'heredoc mentioning sshd in a file body', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nno sshd here, EXPOSE 22\nEOF' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nEXPOSE 22',
      errors: [{ line: 2, column: 8, endColumn: 10, message: /`EXPOSE 22` publishes port 22 \(SSH\)/ }],
      fixTitles: ['Remove `EXPOSE 22`'],
      output: 'FROM debian:12',
    },
    {
      name: '22/tcp among other ports',
      code: 'FROM debian:12\nEXPOSE 80 22/tcp',
      errors: [{ line: 2, column: 11, endColumn: 17 }],
      fixTitles: ['Remove port 22/tcp from EXPOSE'],
      output: 'FROM debian:12\nEXPOSE 80',
    },
    { name: 'a range covering 22: no fix (it would drop other ports)', code: 'FROM debian:12\nEXPOSE 20-30', errors: [{ line: 2, column: 8, endColumn: 13, message: /`EXPOSE 20-30`/ }], output: null },
    { name: 'the middle port of three', code: 'FROM debian:12\nEXPOSE 80 22 443\nCMD ["app"]\n', errors: [{ line: 2, column: 11 }], output: 'FROM debian:12\nEXPOSE 80 443\nCMD ["app"]\n' },
    { name: 'quoted port, CRLF', code: 'FROM debian:12\r\nEXPOSE "22" 80\r\nCMD ["app"]\r\n', errors: [{ line: 2, column: 9, endColumn: 11 }], output: 'FROM debian:12\r\nEXPOSE 80\r\nCMD ["app"]\r\n' },
    { name: 'the only port of a CRLF file: the line goes', code: 'FROM debian:12\r\nEXPOSE 22\r\nCMD ["app"]\r\n', errors: [{ line: 2, column: 8 }], output: 'FROM debian:12\r\nCMD ["app"]\r\n' },
    {
      name: 'first word before a continuation: the continuation stays',
      code: 'FROM debian:12\nEXPOSE 22 \\\n  443\nCMD ["app"]',
      errors: [{ line: 2, column: 8 }],
      output: 'FROM debian:12\nEXPOSE \\\n  443\nCMD ["app"]',
    },
    {
      name: 'last word after a continuation, escape directive',
      code: '# escape=`\nFROM debian:12\nEXPOSE 80 `\n  22\nCMD ["app"]',
      errors: [{ line: 4, column: 3 }],
      output: '# escape=`\nFROM debian:12\nEXPOSE 80\nCMD ["app"]',
    },
    {
      name: 'a variable holding several ports: no fix',
      code: 'FROM debian:12\nARG PORTS="22 8080"\nEXPOSE $PORTS',
      errors: [{ line: 3, column: 8, message: /resolves to `22`/ }],
      output: null,
    },
    {
      name: 'port from an ARG default and from ENV',
      code: 'FROM debian:12\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\nENV P=22\nEXPOSE ${P}/tcp',
      errors: [
        { line: 3, column: 8, endColumn: 17, message: /`EXPOSE \$SSH_PORT` \(resolves to `22`\)/ },
        { line: 5, column: 8, endColumn: 16 },
      ],
      output: 'FROM debian:12\nARG SSH_PORT=22\nENV P=22\nEXPOSE ${P}/tcp',
    },
    {
      name: 'apt-get install over continuations with a comment line',
      code: 'FROM debian:12\nRUN apt-get update \\\n# the server\n && apt-get install -y --no-install-recommends \\\n    openssh-server \\\n && rm -rf /var/lib/apt/lists/*',
      errors: [{ line: 5, column: 5, endColumn: 19, message: /SSH server package `openssh-server`/ }],
      output: null,
    },
    { name: "Alpine's openssh pulls in the server", code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh', errors: [{ line: 2, column: 24, endColumn: 31, message: /`openssh`, which pulls in the SSH server \(install `openssh-client`/ }] },
    { name: "Debian's ssh metapackage", code: 'FROM debian:12\nRUN apt-get install -y ssh=1:9.2p1-2', errors: [{ line: 2, column: 24, message: /`ssh`, which pulls in/ }] },
    { name: 'versioned RPM name and dropbear', code: 'FROM rockylinux:9\nRUN yum install -y openssh-server-8.7p1 && dnf -y install dropbear', errors: [{ line: 2, column: 20, endColumn: 40 }, { line: 2, column: 59, endColumn: 67, message: /`dropbear`/ }] },
    { name: 'package list from ENV', code: 'FROM debian:12\nENV PKGS="curl openssh-server"\nRUN apt-get install -y $PKGS', errors: [{ line: 3, column: 24, endColumn: 29, message: /openssh-server/ }] },
    { name: 'heredoc RUN', code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y openssh-server\nEOF', errors: [{ line: 4, column: 20, endColumn: 34 }] },
    {
      name: 'starting sshd in RUN, CMD (exec form) and ENTRYPOINT (shell form)',
      code: 'FROM debian:12\nRUN mkdir -p /run/sshd && service ssh start\nENTRYPOINT service ssh restart && exec bash\nCMD ["/usr/sbin/sshd", "-D"]',
      errors: [
        { line: 2, column: 35, endColumn: 38, message: /RUN starts an SSH daemon \(`ssh`\)/ },
        { line: 3, column: 20, endColumn: 23, message: /ENTRYPOINT starts/ },
        { line: 4, column: 7, endColumn: 21, message: /CMD starts an SSH daemon \(`\/usr\/sbin\/sshd`\)/ },
      ],
    },
    { name: 'sh -c in exec form', code: 'FROM debian:12\nCMD ["sh", "-c", "/usr/sbin/sshd -D"]', errors: [{ line: 2, column: 19, endColumn: 33 }] },
    {
      name: 'exec-form RUN, directly through sudo and through sh -c',
      code: 'FROM debian:12\nRUN ["sudo", "apt-get", "install", "-y", "openssh-server"]\nRUN ["sh", "-c", "apt-get install -y dropbear"]',
      errors: [{ line: 2, column: 43, endColumn: 57 }, { line: 3, column: 38, endColumn: 46 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install -y `\n  openssh-server',
      errors: [{ line: 4, column: 3, endColumn: 17 }],
    },
    {
      name: 'inherited from the stage the final one builds on',
      code: 'FROM debian:12 AS base\nEXPOSE 22\nFROM base\nCMD ["bash"]',
      errors: [{ line: 2, column: 8 }],
      output: 'FROM debian:12 AS base\nFROM base\nCMD ["bash"]',
    },
  ],
});
