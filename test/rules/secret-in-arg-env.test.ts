import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/secret-in-arg-env';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'GPG key fingerprints', code: 'FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\nENV GPG_KEYS A1B2 C3D4' },
    { name: 'checksums', code: 'FROM python:3.12\nENV PYTHON_GET_PIP_SHA256=45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe' },
    { name: 'a bare KEY (apt key fingerprint)', code: 'FROM debian:12\nENV KEY=0x3B4FE6ACC0B21F32\nARG KEYS' },
    {
      name: 'references to a secret, not the secret',
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg \\\n    TOKEN_ENDPOINT=https://auth.example.com/token \\\n    SECRET_NAME=prod/db \\\n    GITHUB_TOKEN_PATH=/run/secrets/gh\nARG SSH_KEY_DIR=/keys',
    },
    { name: 'words that merely contain a secret word', code: 'FROM alpine:3.20\nARG AUTHOR=me\nENV OAUTH_CLIENT_ID=abc TOKENIZERS_PARALLELISM=false' },
    { name: 'switches about passwords', code: 'FROM mysql:8\nENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_RANDOM_ROOT_PASSWORD=1\nENV PASSWORD_MIN_LENGTH=12' },
    { name: 'ENV clearing a token or used as a switch', code: 'FROM node:20\nENV NPM_TOKEN="" \\\n    USE_AUTH=true' },
    { name: 'versions and public keys', code: 'FROM alpine:3.20\nARG DOCKER_AUTH_VERSION=1.2\nENV NEXT_PUBLIC_API_KEY=pk_live SSH_PUBLIC_KEY=ssh-ed25519' },
    { name: 'key ids and credentials file paths', code: 'FROM alpine:3.20\nARG AWS_ACCESS_KEY_ID\nENV GOOGLE_APPLICATION_CREDENTIALS=/secrets/gcp.json' },
    { name: 'ENV pointing at a mounted secret', code: 'FROM alpine:3.20\nENV DB_PASSWORD=/run/secrets/db_password' },
    { name: 'the working directory variable', code: 'FROM alpine:3.20\nENV PWD=/app' },
    { name: 'secret mount instead of ARG', code: 'FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci' },
  ],
  invalid: [
    {
      name: 'ARG without value',
      code: 'FROM node:20\nARG GITHUB_TOKEN\nRUN git clone https://x:${GITHUB_TOKEN}@github.com/acme/app.git',
      errors: [{ line: 2, column: 5, endColumn: 17, message: 'ARG `GITHUB_TOKEN` looks like a secret and build args are recorded in the image history; use a build secret (RUN --mount=type=secret) instead.' }],
    },
    { name: 'global ARG before FROM', code: 'ARG NPM_TOKEN\nFROM node:20', errors: [{ line: 1, column: 5, endColumn: 14 }] },
    {
      name: 'one of several ENV pairs',
      code: 'FROM postgres:16\nENV PGDATA=/data DB_PASSWORD=hunter2 LANG=C.UTF-8',
      errors: [{ line: 2, column: 18, endColumn: 29, message: /ENV `DB_PASSWORD`.*image config/ }],
    },
    { name: 'legacy ENV form', code: 'FROM alpine:3.20\nENV API_KEY abc123', errors: [{ line: 2, column: 5, endColumn: 12 }] },
    { name: 'well-known AWS name', code: 'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY', errors: [{ line: 2, column: 5, endColumn: 26 }] },
    { name: 'auth as a word', code: 'FROM alpine:3.20\nARG BASIC_AUTH\nARG AUTH_TOKEN', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }] },
    { name: 'camelCase and pwd', code: 'FROM alpine:3.20\nARG apiKey\nARG DB_PWD', errors: [{ line: 2, column: 5, endColumn: 11 }, { line: 3, column: 5 }] },
    { name: 'pass as the last word', code: 'FROM rabbitmq:3\nENV RABBITMQ_DEFAULT_PASS=guest', errors: [{ line: 2, column: 5, endColumn: 26 }] },
    { name: 'ENV copying a build arg into the runtime', code: 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }] },
    { name: 'ONBUILD ARG', code: 'FROM alpine:3.20\nONBUILD ARG DOCKER_PASSWORD', errors: [{ line: 2, column: 13, endColumn: 28, message: /^ONBUILD ARG `DOCKER_PASSWORD`/ }] },
    { name: 'multi-stage: build stage too', code: 'FROM golang:1.22 AS build\nARG GH_TOKEN\nFROM alpine:3.20\nARG GH_TOKEN', errors: [{ line: 2, column: 5 }, { line: 4, column: 5 }] },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nENV A=1 \\\n# the secret\n    CLIENT_SECRET=s3cr3t',
      errors: [{ line: 4, column: 5, endColumn: 18 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nENV A=1 `\n    JWT_SECRET=abc', errors: [{ line: 4, column: 5, endColumn: 15 }] },
    { name: 'Vault AppRole secret id', code: 'FROM alpine:3.20\nARG VAULT_SECRET_ID', errors: [{ line: 2, column: 5 }] },
  ],
});

describe('secret-in-arg-env messages', () => {
  it('name the key, never the value', () => {
    const found = findingsFor(rule, { code: 'FROM alpine:3.20\nENV DB_PASSWORD=Zx9yPq2wLm4k' });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /DB_PASSWORD/);
    assert.doesNotMatch(found[0].message, /Zx9y/);
  });
});
