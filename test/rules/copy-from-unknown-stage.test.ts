import rule from '../../server/core/rules/dockerfile/copy-from-unknown-stage';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app',
    {
      name: 'images with a tag, a registry or a digest',
      code:
        'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/org/tool /bin/tool /usr/bin/\n' +
        'COPY --from=busybox@sha256:3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79 /bin/busybox /bin/',
    },
    { name: 'an official image close to a stage name is still the image', code: 'FROM node:20 AS nodes\nFROM alpine:3.20\nCOPY --from=node /usr/local/bin/node /usr/bin/' },
    { name: 'a name far from every stage is a named build context', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=deps /x /y' },
    { name: 'a short name two edits away is not taken for a typo', code: 'FROM alpine:3.20 AS app\nFROM alpine:3.20\nCOPY --from=api /x /y' },
    { name: 'an index of an earlier stage', code: 'FROM alpine:3.20\nRUN touch /x\nFROM alpine:3.20\nCOPY --from=0 /x /x' },
    { name: 'stage names are case-insensitive', code: 'FROM alpine:3.20 AS Builder\nFROM alpine:3.20\nCOPY --from=builder /x /x\nCOPY --from=BUILDER /x /y' },
    { name: 'a reference resolved through an ARG', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nARG STAGE=build\nCOPY --from=$STAGE /x /x' },
    { name: 'a value unknown at lint time is not guessed', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /x /x' },
    { name: 'RUN --mount from an earlier stage', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nRUN --mount=type=bind,from=build,source=/x,target=/y ls /y' },
    { name: 'its own stage is copy-from-self, not this rule', code: 'FROM alpine:3.20 AS a\nCOPY --from=a /x /y' },
    { name: 'line continuation', code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY \\\n  --from=build \\\n  /x /y' },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build `\n  /x /y' },
  ],
  invalid: [
    {
      name: 'a misspelt stage name',
      code: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=buidler /app /app\n',
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 20,
          message:
            '`COPY --from=buidler` names no stage, so the builder would pull it as the image `docker.io/library/buidler`; did you mean the stage `builder` (line 1)?',
        },
      ],
      output: null,
    },
    { name: 'a transposition in a short name', code: 'FROM alpine:3.20 AS base\nFROM alpine:3.20\nCOPY --from=bsae /x /y', errors: [{ line: 3, column: 13, endColumn: 17, message: /the stage `base`/ }] },
    {
      name: 'a stage defined later',
      code: 'FROM alpine:3.20 AS final\nCOPY --from=assets /x /y\nFROM alpine:3.20 AS assets',
      errors: [{ line: 2, column: 13, endColumn: 19, message: '`COPY --from=assets` refers to the stage `assets` defined later (line 3): move that stage above this one.' }],
    },
    {
      name: 'an index past the last stage',
      code: 'FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=2 /x /y',
      errors: [{ line: 3, column: 13, endColumn: 14, message: '`COPY --from=2` refers to stage index 2, but the file has only 2 stages (indexes start at 0).' }],
    },
    { name: 'an index of a later stage', code: 'FROM alpine:3.20\nCOPY --from=1 /x /y\nFROM alpine:3.20', errors: [{ line: 2, column: 13, message: /comes after this one/ }] },
    {
      name: 'RUN --mount with a misspelt stage',
      code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nRUN --mount=type=bind,from=biuld,target=/y ls /y',
      errors: [{ line: 3, column: 28, endColumn: 33, message: /^`RUN --mount=…from=biuld` names no stage.*`build`/ }],
    },
    {
      name: 'a misspelling that comes from an ARG',
      code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nARG SRC=biuld\nCOPY --from=$SRC /x /y',
      errors: [{ line: 4, column: 13, endColumn: 17, message: /`COPY --from=\$SRC`.*`build`/ }],
    },
    {
      name: 'line continuation with a comment line',
      code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY \\\n# the binary\n  --from=buld \\\n  /x /y',
      errors: [{ line: 5, column: 10, endColumn: 14 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=biuld `\n  /x /y', errors: [{ line: 4, column: 13 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20 AS build\r\nFROM alpine:3.20\r\nCOPY --from=buildd /x /y\r\n', errors: [{ line: 3, column: 13, endColumn: 19 }] },
    {
      name: 'a mixed-case stage name',
      code: 'FROM alpine:3.20 AS Builder\nFROM alpine:3.20\nCOPY --from=Bulder /x /y',
      errors: [{ line: 3, column: 13, message: /did you mean the stage `builder`/ }],
    },
    {
      name: 'each reference is judged on its own',
      code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=buidl /b /b\nCOPY --from=3 /c /c',
      errors: [{ line: 4, column: 13 }, { line: 5, column: 13 }],
    },
  ],
});
