import rule from '../../server/core/rules/dockerfile/syntax-error';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["curl", "--version"]',
    {
      name: 'directives, lower-case keywords, ONBUILD, continuations with comments and blank lines',
      code:
        '# syntax=docker/dockerfile:1.7\n# check=error=true\nARG BASE=alpine:3.20\nfrom $BASE as base\nrun echo a \\\n  # a comment\n\n  && echo b\n' +
        'ONBUILD RUN echo x\nONBUILD COPY . /app\nworkdir /app\nexpose 80 443/udp\nstopsignal SIGTERM\nuser 1000:1000\nvolume ["/data"]\nvolume /a /b',
    },
    {
      name: 'heredocs',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\nFRM not an instruction\nEOF\nCOPY <<EOT /etc/app.conf\nport=80\nEOT\nRUN <<-EOF cat > /x\n\tline\n\tEOF\nRUN cat <<< "here-string"',
    },
    {
      name: 'ENV and LABEL forms',
      code: 'FROM alpine:3.20\nENV A="x y" B=2 C=x\\ y\nENV LEGACY value with blanks\nENV EMPTY=\nLABEL "com.example.vendor"="ACME Inc" a=b \\\n  c=d\nLABEL description My app',
    },
    {
      name: 'every documented flag',
      code:
        'FROM --platform=$BUILDPLATFORM alpine:3.20 AS build\n' +
        'RUN --mount=type=cache,target=/c --mount=type=secret,id=s --network=none --security=sandbox ls\n' +
        'RUN --device=name=x ls\n' +
        'COPY --from=build --chown=1000:1000 --chmod=755 --link --parents --exclude=*.md --exclude=*.txt a/ b/ /dst/\n' +
        'ADD --chown=1 --chmod=644 --link=false --keep-git-dir=true --checksum=sha256:abc --exclude=x --unpack=false https://x/y /z\n' +
        'HEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1',
    },
    { name: 'HEALTHCHECK NONE ignores flags', code: 'FROM alpine:3.20\nHEALTHCHECK NONE\nHEALTHCHECK --interval=x NONE' },
    { name: 'SHELL and exec forms', code: 'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nENTRYPOINT ["/bin/app"]\nCOPY ["a b", "/dst/"]' },
    { name: 'ARG forms', code: 'ARG A\nARG B=1 C\nFROM alpine:3.20\nARG D=\nARG E="x y"' },
    { name: 'a custom frontend may add instructions', code: '# syntax=devthefuture/dockerfile-x\nINCLUDE ./base.dockerfile\nFROM alpine:3.20' },
    { name: 'escape directive', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a `\n  b\nCOPY a `\n  C:\\app\\' },
    { name: '-- ends the flags', code: 'FROM alpine:3.20\nRUN -- echo hi' },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20\r\nRUN echo a \\\r\n  && echo b\r\nENV A=1\r\n' },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'a misspelt instruction',
      code: 'FRM alpine:3.20\nRUN true',
      errors: [{ line: 1, column: 1, endColumn: 4, message: 'Unknown instruction `FRM`; did you mean `FROM`?' }],
      output: null,
    },
    {
      name: 'a shell line after a missing continuation',
      code: 'FROM alpine:3.20\nRUN apk update\n  && apk add curl',
      errors: [{ line: 3, column: 3, endColumn: 5, message: 'Unknown instruction `&&` (a shell line whose previous line lacks a trailing `\\`?)' }],
    },
    {
      name: 'an indented command after a RUN, with the escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN apk update\n    apk add curl',
      errors: [{ line: 4, column: 5, endColumn: 8, message: 'Unknown instruction `apk` (a shell line whose previous line lacks a trailing backtick?)' }],
    },
    {
      name: 'an unknown flag',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY --chmown=app:app app /srv/app\n',
      errors: [{ line: 3, column: 6, endColumn: 22, message: 'Unknown flag `--chmown` for COPY; did you mean `--chown`?' }],
    },
    { name: 'flags on an instruction that takes none', code: 'FROM alpine:3.20\nCMD --help', errors: [{ line: 2, column: 5, endColumn: 11, message: 'Unknown flag `--help` for CMD (CMD takes no flags).' }] },
    { name: 'flags are case-sensitive', code: 'FROM --PLATFORM=linux/amd64 alpine:3.20', errors: [{ line: 1, column: 6, message: /did you mean `--platform`/ }] },
    {
      name: 'flag values',
      code: 'FROM alpine:3.20\nCOPY --link=yes --from a b\nHEALTHCHECK --interval=5 --retries=x --timeout=1s --timeout=2s CMD true',
      errors: [
        { line: 2, column: 6, endColumn: 16, message: '`--link` takes no value or `true`/`false`, not `yes`.' },
        { line: 2, column: 17, endColumn: 23, message: '`--from` needs a value: `--from=<value>`.' },
        { line: 3, column: 13, message: '`--interval` must be a duration such as `30s` or `1m30s`, not `5`.' },
        { line: 3, column: 26, message: '`--retries` must be a whole number, not `x`.' },
        { line: 3, column: 51, message: '`--timeout` is given twice; HEALTHCHECK accepts it once.' },
      ],
    },
    {
      name: 'missing arguments',
      code: 'FROM alpine:3.20\nCOPY onlyone\nEXPOSE\nENV KEY\nUSER\nWORKDIR\nSHELL /bin/bash -c\nHEALTHCHECK CMD',
      errors: [
        { line: 2, column: 1, endColumn: 5, message: 'COPY needs at least one source and a destination: `COPY <src>… <dest>`.' },
        { line: 3, column: 1, message: 'EXPOSE needs at least one port: `EXPOSE <port>[/<protocol>]`.' },
        { line: 4, column: 5, endColumn: 8, message: 'ENV `KEY` has no value: write `ENV KEY=<value>`.' },
        { line: 5, column: 1, message: 'USER needs a user: `USER <user>[:<group>]`.' },
        { line: 6, column: 1, message: 'WORKDIR needs a path: `WORKDIR /path`.' },
        { line: 7, column: 7, message: 'SHELL must be written in JSON form: `SHELL ["executable", "parameters"]`.' },
        { line: 8, column: 13, message: 'HEALTHCHECK CMD needs a command to run.' },
      ],
    },
    { name: 'FROM alone', code: 'FROM\nRUN true', errors: [{ line: 1, column: 1, endColumn: 5, message: 'FROM needs a base image: `FROM <image> [AS <name>]`.' }] },
    {
      name: 'FROM with a bad stage name or extra words',
      code: 'FROM alpine:3.20 AS 1st\nFROM alpine:3.20 builder',
      errors: [
        { line: 1, column: 21, endColumn: 24, message: /^`1st` is not a valid stage name/ },
        { line: 2, column: 18, endColumn: 25, message: 'FROM takes an image and optionally `AS <name>`: `FROM <image> [AS <name>]`.' },
      ],
    },
    { name: 'ENV item without =', code: 'FROM alpine:3.20\nENV A=1 B', errors: [{ line: 2, column: 9, endColumn: 10, message: '`B` has no `=`: each ENV item must be `name=value`.' }] },
    {
      name: 'the first instruction is not FROM',
      code: '# syntax=docker/dockerfile:1\nARG X=1\nRUN echo hi\nFROM alpine:3.20',
      errors: [{ line: 3, column: 1, endColumn: 4, message: '`RUN` comes before any FROM: a Dockerfile must start with FROM (only ARG and parser directives may precede it).' }],
    },
    { name: 'no FROM at all', code: 'ARG X=1\nARG Y=2', errors: [{ line: 2, column: 1, message: 'The file declares ARGs but has no FROM instruction, so it has no stage to build.' }] },
    {
      name: 'a bad escape directive',
      code: '# escape=/\nFROM alpine:3.20',
      errors: [{ line: 1, column: 10, endColumn: 11, message: '`# escape=/` is invalid: the escape character can only be a backslash or a backtick.' }],
    },
    {
      name: 'an unterminated heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add curl\nEO',
      errors: [{ line: 2, column: 5, endColumn: 10, message: 'The heredoc `EOF` is never closed: add a line containing only `EOF`.' }],
    },
    {
      name: 'ONBUILD triggers',
      code: 'FROM alpine:3.20\nONBUILD FROM alpine\nONBUILD RUNN make',
      errors: [
        { line: 2, column: 9, endColumn: 13, message: '`ONBUILD FROM` is not allowed: FROM cannot be an ONBUILD trigger.' },
        { line: 3, column: 9, endColumn: 13, message: 'Unknown instruction `RUNN` in ONBUILD; did you mean `RUN`?' },
      ],
    },
    { name: 'HEALTHCHECK type', code: 'FROM alpine:3.20\nHEALTHCHECK RUN true', errors: [{ line: 2, column: 13, endColumn: 16, message: 'Unknown HEALTHCHECK type `RUN`: use `CMD <command>` or `NONE`.' }] },
    { name: 'a flag on a continuation line', code: 'FROM alpine:3.20\nCOPY \\\n  # owner\n  --chwon=1 a b', errors: [{ line: 4, column: 3, endColumn: 12, message: /did you mean `--chown`/ }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nCOPY `\n  --lnk a b', errors: [{ line: 4, column: 3, message: /did you mean `--link`/ }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20\r\nRUN --mnt=type=cache,target=/c ls\r\n', errors: [{ line: 2, column: 5, endColumn: 31, message: /did you mean `--mount`/ }] },
  ],
});
