import rule from '../../server/core/rules/dockerfile/run-insecure';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'network none', code: 'FROM debian:12\nRUN --network=none make test' },
    { name: 'default network, sandbox security', code: 'FROM debian:12\nRUN --network=default --security=sandbox make' },
    { name: 'ARG without a default: value unknown', code: 'FROM debian:12\nARG NET\nRUN --network=$NET apt-get update' },
    { name: 'the words as arguments, not RUN flags', code: 'FROM debian:12\nRUN echo --network=host --security=insecure' },
    { name: 'other RUN flags', code: 'FROM debian:12\nCOPY --chown=1000 . /app\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN apt-get update \\\n# --security=insecure\n && make' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN --security=insecure mount -t tmpfs none /mnt',
      errors: [{ line: 2, column: 5, endColumn: 24, message: /^`RUN --security=insecure` runs this step as a privileged container/ }],
      output: 'FROM debian:12\nRUN mount -t tmpfs none /mnt',
      fixTitles: ['Remove `--security=insecure`'],
    },
    {
      name: 'fix keeps CRLF and the continuation',
      code: 'FROM debian:12\r\nRUN --network=host \\\r\n  curl http://localhost/\r\n',
      errors: [{ line: 2, column: 5, endColumn: 19 }],
      output: 'FROM debian:12\r\nRUN \\\r\n  curl http://localhost/\r\n',
    },
    { code: 'FROM debian:12\nRUN --network=host curl http://localhost:8080/', errors: [{ line: 2, column: 5, endColumn: 19, message: /^`RUN --network=host` gives/ }] },
    {
      name: 'both, after a --mount flag',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt --network=host --security=insecure apt-get update',
      errors: [
        { line: 2, column: 46, endColumn: 60 },
        { line: 2, column: 61, endColumn: 80 },
      ],
    },
    { name: 'value from an ARG', code: 'FROM debian:12\nARG NET=host\nRUN --network=$NET apt-get update', errors: [{ line: 3, column: 5, endColumn: 19, message: /^`RUN --network=\$NET` \(host\)/ }] },
    { name: 'in a build stage', code: 'FROM debian:12 AS build\nRUN --security=insecure make\nFROM debian:12\nCOPY --from=build /out /out', errors: [{ line: 2, column: 5, endColumn: 24 }] },
    { name: 'heredoc RUN', code: 'FROM debian:12\nRUN --network=host <<EOF\napt-get update\nEOF', errors: [{ line: 2, column: 5, endColumn: 19 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN --network=host ["apt-get", "update"]', errors: [{ line: 2, column: 5, endColumn: 19 }] },
    { name: 'escape directive', code: '# escape=`\nFROM debian:12\nRUN --network=host apt-get update `\n && echo done', errors: [{ line: 3, column: 5, endColumn: 19 }] },
    { name: 'quoted value', code: 'FROM debian:12\nRUN --network="host" apt-get update', errors: [{ line: 2, column: 5, endColumn: 21 }] },
  ],
});
