import rule from '../../server/core/rules/dockerfile/image-latest-tag';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:4d3c4b1b3bbf4b2b0d1f6c2b8a2f0e6c1b7a9e3d5f0c2a4b6d8e0f1a3c5e7b9d';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nCMD ["node"]',
    { name: 'digest without a tag is pinned', code: `FROM alpine@${D}` },
    { name: 'latest with a digest is pinned', code: `FROM node:latest@${D}` },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app' },
    { name: 'reference to an earlier stage', code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build AS test' },
    { name: 'ARG without default is unknown', code: 'ARG BASE\nFROM ${BASE}' },
    { name: 'tag from an ARG default', code: 'ARG TAG=3.20\nFROM alpine:$TAG' },
    { name: 'registry with a port and a tag', code: 'FROM localhost:5000/team/app:1.0' },
    { name: 'registry with a port and a digest', code: `FROM registry.corp:5000/app@${D}` },
    { name: 'inline default with a tag', code: 'FROM ${BASE:-node:20}' },
    { name: 'escape directive and continuation', code: '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022' },
  ],
  invalid: [
    { code: 'FROM node:latest\nCMD ["node"]', errors: [{ line: 1, column: 11, endColumn: 17, message: /`node:latest` uses the `latest` tag/ }] },
    { name: 'no tag', code: 'FROM nginx\nCOPY site /usr/share/nginx/html', errors: [{ line: 1, column: 6, endColumn: 11, message: /`nginx` has no tag/ }] },
    { name: 'registry with a port, no tag', code: 'FROM localhost:5000/app', errors: [{ line: 1, column: 6, endColumn: 24, message: /no tag/ }] },
    { name: 'latest from an ARG default', code: 'ARG TAG=latest\nFROM node:${TAG}', errors: [{ line: 2, column: 11, endColumn: 17, message: /`node:\$\{TAG\}` \(`node:latest`\)/ }] },
    { name: 'untagged image from an ARG default', code: 'ARG BASE=alpine\nFROM $BASE', errors: [{ line: 2, column: 6, endColumn: 11, message: /\(`alpine`\) has no tag/ }] },
    { name: 'inline default without a tag', code: 'FROM ${BASE:-node}', errors: [{ line: 1, column: 6, endColumn: 19 }] },
    { name: 'build stages count', code: 'FROM golang AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app', errors: [{ line: 1, column: 6, endColumn: 12 }] },
    { name: 'platform flag', code: 'FROM --platform=linux/amd64 ubuntu:latest AS base', errors: [{ line: 1, column: 36, endColumn: 42 }] },
    { name: 'escape directive and continuation', code: '# escape=`\nFROM `\n  alpine:latest', errors: [{ line: 3, column: 10, endColumn: 16 }] },
    {
      name: 'multi-stage: each stage judged, stage references skipped',
      code: 'FROM node:latest AS deps\nFROM deps AS build\nFROM busybox\nCOPY --from=build /x /x',
      errors: [{ line: 1, column: 11 }, { line: 3, column: 6, endColumn: 13 }],
    },
  ],
});
