import rule from '../../server/core/rules/dockerfile/platform-flag';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    { name: 'the cross-compilation idiom', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=${BUILDPLATFORM} node:20 AS web' },
    { name: 'a stage named after its architecture', code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build-arm64' },
    { name: 'an architecture alias in the name', code: 'FROM --platform=linux/amd64 alpine:3.20 AS tools-x86_64' },
    { name: 'an OS in the name', code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows-tools' },
    { name: 'variables other than TARGETPLATFORM alone', code: 'FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\nARG P=linux/amd64\nFROM --platform=$P alpine:3.20' },
    { name: 'a platform word elsewhere', code: 'FROM alpine:3.20\nRUN echo --platform=linux/amd64' },
    { name: 'line continuation', code: 'FROM \\\n  --platform=$BUILDPLATFORM \\\n  alpine:3.20' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine:3.20\nRUN apk add --no-cache curl',
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 28,
          message: '`--platform=linux/amd64` pins this stage to linux/amd64: multi-platform builds are impossible and other hosts build it under emulation.',
        },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      fixTitles: ['Remove `--platform=linux/amd64` (build for the target platform)'],
    },
    {
      name: 'redundant $TARGETPLATFORM',
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder',
      errors: [{ line: 1, column: 6, endColumn: 32, message: '`--platform=$TARGETPLATFORM` is redundant: stages are built for the target platform by default.' }],
      output: 'FROM alpine:3.20 AS builder',
      fixTitles: ['Remove `--platform=$TARGETPLATFORM`'],
    },
    { name: 'redundant ${TARGETPLATFORM}', code: 'FROM --platform=${TARGETPLATFORM} alpine:3.20', errors: [{ line: 1, column: 6, endColumn: 34 }], output: 'FROM alpine:3.20' },
    { name: 'redundant, quoted', code: 'FROM --platform="$TARGETPLATFORM" alpine:3.20', errors: [{ line: 1, column: 6 }], output: 'FROM alpine:3.20' },
    {
      name: 'a stage name that does not mention the platform',
      code: 'FROM golang:1.22 AS build\nFROM --platform=linux/arm64/v8 alpine:3.20 AS final',
      errors: [{ line: 2, column: 6, endColumn: 31, message: /pins this stage to linux\/arm64\/v8/ }],
      output: 'FROM golang:1.22 AS build\nFROM alpine:3.20 AS final',
    },
    { name: 'lower-case keyword', code: 'from --platform=linux/amd64 alpine:3.20', errors: [{ line: 1, column: 6 }], output: 'from alpine:3.20' },
    { name: 'CRLF line endings', code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\r\nRUN true\r\n', errors: [{ line: 1, column: 6 }], output: 'FROM alpine:3.20\r\nRUN true\r\n' },
    {
      name: 'escape directive and a continuation',
      code: '# escape=`\nFROM --platform=linux/arm64 `\n  alpine:3.20',
      errors: [{ line: 2, column: 6, endColumn: 28 }],
      output: '# escape=`\nFROM `\n  alpine:3.20',
    },
    {
      name: 'on a continuation line',
      code: 'FROM \\\n  --platform=$TARGETPLATFORM \\\n  alpine:3.20',
      errors: [{ line: 2, column: 3 }],
      output: 'FROM \\\n  \\\n  alpine:3.20',
    },
  ],
});
