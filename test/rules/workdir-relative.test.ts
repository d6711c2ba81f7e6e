import rule from '../../server/core/rules/dockerfile/workdir-relative';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-alpine\nWORKDIR /app',
    { name: 'relative after an absolute WORKDIR in the stage (as BuildKit)', code: 'FROM node:20-alpine\nWORKDIR /app\nWORKDIR src' },
    { name: 'relative after an absolute WORKDIR in the stage it builds on', code: 'FROM node:20-alpine AS base\nWORKDIR /app\nFROM base\nWORKDIR dist' },
    { name: 'ARG default that is absolute', code: 'FROM alpine:3.20\nARG APP_HOME=/srv/app\nWORKDIR $APP_HOME' },
    { name: 'unknown HOME: not guessed', code: 'FROM alpine:3.20\nWORKDIR $HOME/app' },
    { name: 'ARG without a default: not guessed', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}' },
    { name: 'ENV value', code: 'FROM alpine:3.20\nENV APP=/opt/app\nWORKDIR ${APP}/bin' },
    { name: 'quoted absolute path', code: 'FROM alpine:3.20\nWORKDIR "/my app"' },
    { name: 'Windows drive path', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app' },
    { name: 'Windows path with forward slashes', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:/app' },
    { name: 'an unknown WORKDIR first: later relative ones are not judged', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\nWORKDIR src' },
  ],
  invalid: [
    {
      code: 'FROM node:20-alpine\nWORKDIR app',
      errors: [{ line: 2, column: 9, endColumn: 12, message: "WORKDIR `app` is relative: it resolves against the base image's working directory; give an absolute path." }],
      output: null,
    },
    { name: 'dot-relative', code: 'FROM alpine:3.20\nWORKDIR ./build', errors: [{ line: 2, column: 9, endColumn: 16 }] },
    { name: 'tilde is not expanded by WORKDIR', code: 'FROM alpine:3.20\nWORKDIR ~/app', errors: [{ line: 2, column: 9, message: /`~\/app`/ }] },
    { name: 'relative after ARG substitution', code: 'FROM alpine:3.20\nARG DIR=build\nWORKDIR ${DIR}/out', errors: [{ line: 3, column: 9, endColumn: 19, message: /`build\/out`/ }] },
    { name: 'quoted relative path', code: 'FROM alpine:3.20\nWORKDIR "my app"', errors: [{ line: 2, column: 9, message: /`my app`/ }] },
    {
      name: 'only the first relative WORKDIR of a stage',
      code: 'FROM alpine:3.20\nWORKDIR app\nWORKDIR src\nWORKDIR /abs\nWORKDIR rel',
      errors: [{ line: 2, column: 9 }],
    },
    {
      name: 'each stage from an external image starts unanchored',
      code: 'FROM golang:1.22 AS build\nWORKDIR src\nFROM alpine:3.20\nWORKDIR /app\nFROM debian:12 AS other\nWORKDIR opt',
      errors: [{ line: 2, column: 9 }, { line: 6, column: 9 }],
    },
    { name: 'relative before the absolute one', code: 'FROM alpine:3.20\nWORKDIR src\nWORKDIR /app', errors: [{ line: 2, column: 9 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nWORKDIR \\\n# where\n  app',
      errors: [{ line: 4, column: 3, endColumn: 6 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nWORKDIR `\n  app', errors: [{ line: 4, column: 3 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20\r\nWORKDIR app\r\n', errors: [{ line: 2, column: 9, endColumn: 12 }] },
  ],
});
