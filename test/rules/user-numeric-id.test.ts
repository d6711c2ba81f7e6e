import rule from '../../server/core/rules/dockerfile/user-numeric-id';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'numeric uid', code: 'FROM alpine:3.20\nUSER 10001' },
    { name: 'numeric uid:gid', code: 'FROM alpine:3.20\nUSER 10001:10001' },
    { name: 'numeric uid with a named group', code: 'FROM alpine:3.20\nUSER 10001:app' },
    { name: 'root is no-root-user\'s business', code: 'FROM alpine:3.20\nUSER root' },
    { name: 'no USER at all', code: 'FROM alpine:3.20\nCMD ["sh"]' },
    { name: 'USER from an ARG without default is unknown', code: 'FROM alpine:3.20\nARG APP_USER\nUSER ${APP_USER}' },
    { name: 'ARG resolving to a number', code: 'FROM alpine:3.20\nARG UID=1000\nUSER $UID' },
    { name: 'named user only in a build stage', code: 'FROM node:20 AS build\nUSER node\nRUN npm ci\nFROM node:20-slim\nUSER 1000' },
    { name: 'ONBUILD USER does not count', code: 'FROM alpine:3.20\nUSER 1000\nONBUILD USER app' },
    { name: 'distroless nonroot image without USER', code: 'FROM gcr.io/distroless/static:nonroot\nCOPY app /app' },
    { name: 'Windows users have no numeric id', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser' },
  ],
  invalid: [
    { name: 'user name', code: 'FROM alpine:3.20\nUSER app', errors: [{ line: 2, column: 6, endColumn: 9, message: 'USER `app` is a user name; use its numeric UID so Kubernetes `runAsNonRoot` can verify it is not root.' }] },
    { name: 'user:group names', code: 'FROM alpine:3.20\nUSER app:app', errors: [{ line: 2, column: 6, endColumn: 13, message: /^USER `app:app` names the user `app`;/ }] },
    { name: 'hyphenated name', code: 'FROM php:8.3-apache\nUSER www-data', errors: [{ line: 2, column: 6, endColumn: 14 }] },
    {
      name: 'name from an ARG',
      code: 'FROM mcr.microsoft.com/devcontainers/base:debian\nARG USERNAME=vscode\nUSER ${USERNAME}',
      errors: [{ line: 3, column: 6, endColumn: 17, message: /`\$\{USERNAME\}` \(`vscode`\)/ }],
    },
    {
      name: 'multi-stage: the final stage names its user',
      code: 'FROM node:20 AS build\nUSER 1000\nRUN npm ci\nFROM node:20-slim\nUSER node\nCMD ["node"]',
      errors: [{ line: 5, column: 6, endColumn: 10 }],
    },
    {
      name: 'inherited from the stage it builds on',
      code: 'FROM node:20 AS base\nUSER node\nFROM base\nCMD ["node"]',
      errors: [{ line: 3, column: 6, endColumn: 10, message: /inherits USER `node` from stage `base`/ }],
    },
    {
      name: 'last of several USERs',
      code: 'FROM debian:12\nUSER 1000\nUSER root\nRUN apt-get update\nUSER app',
      errors: [{ line: 5, column: 6 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN echo a `\n  && echo b\nUSER app',
      errors: [{ line: 5, column: 6, endColumn: 9 }],
    },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nRUN adduser -D app \\\n# the user\n  && echo ok\nUSER app',
      errors: [{ line: 5, column: 6 }],
    },
  ],
});
