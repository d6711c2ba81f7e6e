import rule from '../../server/core/rules/dockerfile/chpasswd';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'locking a password is hardening', code: 'FROM debian:12\nRUN useradd -r -m app && passwd -l app' },
    { name: 'unlocking restores, does not set', code: 'FROM alpine:3.20\nRUN adduser -D git && passwd -u git' },
    { name: 'lock markers with usermod -p; usermod -L', code: "FROM debian:12\nRUN usermod -p '!' app && usermod -p '*' bob && usermod -L carol" },
    { name: 'status, expiry and aging', code: 'FROM debian:12\nRUN passwd -S root && passwd -e app && passwd -n 1 -x 90 app' },
    { name: 'passwd as a package or a database name', code: 'FROM debian:12\nRUN apt-get install -y passwd && getent passwd app' },
    { name: 'the word in an echo', code: "FROM debian:12\nRUN echo 'chpasswd is not used here'" },
    { name: 'useradd without a password', code: 'FROM debian:12\nRUN useradd --system --no-create-home --shell /usr/sbin/nologin app' },
  ],
  invalid: [
    {
      code: "FROM debian:12\nRUN useradd -m app && echo 'app:changeme' | chpasswd",
      errors: [{ line: 2, column: 45, endColumn: 53, message: /^(?![\s\S]*changeme)`chpasswd` sets an account password/ }],
    },
    { name: 'chpasswd -e with a hash', code: "FROM debian:12\nRUN echo 'root:$6$salt$hash' | chpasswd -e", errors: [{ line: 2, column: 32, endColumn: 40 }] },
    { name: 'passwd --stdin', code: 'FROM centos:7\nRUN echo secret | passwd --stdin root', errors: [{ line: 2, column: 19, endColumn: 25, message: /^(?![\s\S]*secret)`passwd` sets/ }] },
    { name: 'passwd -d leaves an empty password', code: 'FROM debian:12\nRUN passwd -d app', errors: [{ line: 2, column: 5, endColumn: 11, message: /empty password/ }] },
    {
      name: 'usermod -p and useradd --password',
      code: "FROM debian:12\nRUN usermod -p '$6$salt$hash' app && useradd --password \"$HASH\" -m bob",
      errors: [
        { line: 2, column: 5, endColumn: 12, message: /^`usermod -p`/ },
        { line: 2, column: 38, endColumn: 45, message: /^`useradd --password`/ },
      ],
    },
    { name: "useradd -p ''", code: "FROM debian:12\nRUN useradd -p '' guest", errors: [{ line: 2, column: 5, endColumn: 12, message: /empty password/ }] },
    { name: 'password from an ARG, through sudo', code: 'FROM debian:12\nARG PW\nRUN echo "root:${PW}" | sudo chpasswd', errors: [{ line: 3, column: 30, endColumn: 38 }] },
    { name: 'heredoc', code: "FROM debian:12\nRUN <<EOF\nuseradd -m app\necho 'app:pw' | chpasswd\nEOF", errors: [{ line: 4, column: 17, endColumn: 25 }] },
    { name: 'exec form with sh -c', code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "echo root:pw | chpasswd"]', errors: [{ line: 2, column: 39, endColumn: 47 }] },
    { name: 'escape directive', code: '# escape=`\nFROM debian:12\nRUN useradd -m app `\n && echo app:pw | chpasswd', errors: [{ line: 4, column: 19, endColumn: 27 }] },
    {
      name: 'every stage; comment line inside a continuation',
      code: 'FROM debian:12 AS build\nRUN echo root:pw | chpasswd\nFROM debian:12\nRUN useradd -m app \\\n# set a password\n && echo app:pw | chpasswd',
      errors: [
        { line: 2, column: 20, endColumn: 28 },
        { line: 6, column: 19, endColumn: 27 },
      ],
    },
  ],
});
