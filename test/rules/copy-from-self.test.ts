import rule from '../../server/core/rules/dockerfile/copy-from-self';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20 AS build\nRUN npm run build\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
    { name: 'an earlier stage by index', code: 'FROM alpine:3.20\nRUN touch /x\nFROM alpine:3.20\nCOPY --from=0 /x /x' },
    { name: 'an image', code: 'FROM alpine:3.20 AS tools\nCOPY --from=busybox:1.36 /bin/busybox /bin/' },
    { name: 'a later stage is copy-from-unknown-stage', code: 'FROM alpine:3.20 AS a\nCOPY --from=b /x /y\nFROM alpine:3.20 AS b' },
    { name: 'a repeated name refers to the earlier stage', code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\nCOPY --from=a /x /y' },
    { name: 'an unknown value is not guessed', code: 'FROM alpine:3.20 AS a\nARG FROM_STAGE\nCOPY --from=$FROM_STAGE /x /y' },
    { name: 'ONBUILD runs in the child image', code: 'FROM alpine:3.20 AS a\nONBUILD COPY --from=a /x /y' },
    { name: 'RUN --mount from another stage', code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nRUN --mount=from=a,target=/a ls /a' },
    { name: 'an unnamed stage copying from a named one', code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /x /y' },
  ],
  invalid: [
    {
      code: 'FROM node:20 AS build\nRUN npm run build\nCOPY --from=build /app/dist /srv',
      errors: [{ line: 3, column: 13, endColumn: 18, message: '`COPY --from=build` refers to its own stage `build` (line 1): a stage cannot copy from itself.' }],
      output: null,
    },
    {
      name: 'by index in a single-stage file',
      code: 'FROM alpine:3.20\nCOPY --from=0 /x /y',
      errors: [{ line: 2, column: 13, endColumn: 14, message: '`COPY --from=0` refers to its own stage (index 0) (line 1): a stage cannot copy from itself.' }],
    },
    { name: 'by index in the second stage', code: 'FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=1 /x /y', errors: [{ line: 3, column: 13 }] },
    { name: 'names are case-insensitive', code: 'FROM alpine:3.20 AS Build\nCOPY --from=BUILD /x /y', errors: [{ line: 2, column: 13, endColumn: 18, message: /its own stage `build`/ }] },
    { name: 'through an ARG', code: 'FROM alpine:3.20 AS build\nARG SELF=build\nCOPY --from=${SELF} /x /y', errors: [{ line: 3, column: 13, endColumn: 20 }] },
    { name: 'RUN --mount', code: 'FROM alpine:3.20 AS build\nRUN --mount=type=cache,from=build,target=/c ls', errors: [{ line: 2, column: 29, endColumn: 34, message: /^`RUN --mount=…from=build`/ }] },
    { name: 'line continuation', code: 'FROM alpine:3.20 AS build\nCOPY \\\n    --from=build \\\n    /x /y', errors: [{ line: 3, column: 12 }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20 AS build\nCOPY --from=build `\n  /x /y', errors: [{ line: 3, column: 13 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20 AS build\r\nCOPY --from=build /x /y\r\n', errors: [{ line: 2, column: 13, endColumn: 18 }] },
    {
      name: 'the last of several stages',
      code: 'FROM alpine:3.20 AS deps\nFROM alpine:3.20 AS app\nCOPY --from=deps /d /d\nCOPY --from=app /a /a',
      errors: [{ line: 4, column: 13 }],
    },
  ],
});
