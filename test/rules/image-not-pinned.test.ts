import rule from '../../server/core/rules/dockerfile/image-not-pinned';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:4d3c4b1b3bbf4b2b0d1f6c2b8a2f0e6c1b7a9e3d5f0c2a4b6d8e0f1a3c5e7b9d';

ruleTester(rule, {
  valid: [
    { name: 'tag and digest', code: `FROM node:20-alpine@${D}\nCMD ["node"]` },
    { name: 'digest without tag', code: `FROM alpine@${D}` },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]' },
    { name: 'reference to an earlier stage', code: `FROM golang:1.22@${D} AS build\nRUN go build -o /app .\nFROM build AS test\nRUN go test ./...` },
    { name: 'stage names compare case-insensitively', code: `FROM golang:1.22@${D} AS Builder\nFROM builder` },
    { name: 'ARG default that is pinned', code: `ARG BASE=node:20@${D}\nFROM \${BASE}\nCMD ["node"]` },
    { name: 'ARG without default is unknown', code: 'ARG BASE\nFROM $BASE' },
    { name: 'stage chosen through an ARG', code: `ARG TARGET=build\nFROM golang:1.22@${D} AS build\nFROM \${TARGET} AS final` },
    { name: 'an ARG inside a stage does not change later FROMs', code: `ARG BASE=node:20@${D}\nFROM \${BASE}\nARG BASE=node:20\nFROM \${BASE}` },
    { name: 'platform flag and digest', code: `FROM --platform=$BUILDPLATFORM golang:1.22@${D} AS build` },
    { name: 'escape directive and continuation', code: `# escape=\`\nFROM \`\n  mcr.microsoft.com/windows/nanoserver:ltsc2022@${D}` },
    { name: 'predefined platform ARG in the name is unknown', code: `FROM scratch AS binary-linux\nFROM binary-$TARGETOS AS binary` },
  ],
  invalid: [
    { code: 'FROM node:20\nCMD ["node"]', errors: [{ line: 1, column: 6, endColumn: 13, message: /`node:20` is not pinned by digest/ }] },
    {
      name: 'build stages count',
      code: `FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static@${D}\nCOPY --from=build /app /app`,
      errors: [{ line: 1, column: 6, endColumn: 17, message: /golang:1\.22/ }],
    },
    {
      name: 'ARG default that is not pinned',
      code: 'ARG BASE=node:20\nFROM ${BASE}',
      errors: [{ line: 2, column: 6, endColumn: 13, message: /`\$\{BASE\}` \(`node:20`\)/ }],
    },
    { name: 'tag from an ARG', code: 'ARG V=3.20\nFROM alpine:${V}', errors: [{ line: 2, column: 6, endColumn: 17, message: /alpine:3\.20/ }] },
    { name: 'inline default of an undeclared variable', code: 'FROM ${BASE:-node:20}', errors: [{ line: 1, column: 6, endColumn: 22, message: /node:20/ }] },
    { name: 'platform flag', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build', errors: [{ line: 1, column: 32, endColumn: 43 }] },
    { name: 'registry with a port', code: 'FROM registry.corp:5000/team/app:1.2', errors: [{ line: 1, column: 6, endColumn: 37, message: /registry\.corp:5000\/team\/app:1\.2/ }] },
    { name: 'no tag at all', code: 'FROM ubuntu\nRUN true', errors: [{ line: 1, column: 6, endColumn: 12, message: /`ubuntu`/ }] },
    {
      name: 'every unpinned stage; the stage reference is skipped',
      code: 'FROM node:20 AS a\nFROM python:3.12 AS b\nFROM b\nRUN true',
      errors: [{ line: 1, column: 6 }, { line: 2, column: 6, endColumn: 17 }],
    },
    {
      name: 'escape directive and continuation',
      code: '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022',
      errors: [{ line: 3, column: 3 }],
    },
    { name: 'a name used before the stage is declared is an image', code: `FROM build\nFROM alpine@${D} AS build`, errors: [{ line: 1, column: 6, endColumn: 11 }] },
  ],
});
