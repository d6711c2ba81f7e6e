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
      fixTitles: ['Use a BuildKit secret mount for GITHUB_TOKEN'],
      output: '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN git clone https://x:${GITHUB_TOKEN}@github.com/acme/app.git',
    },
    {
      name: 'global ARG before FROM',
      code: 'ARG NPM_TOKEN\nFROM node:20',
      errors: [{ line: 1, column: 5, endColumn: 14 }],
      fixTitles: ['Remove the global ARG NPM_TOKEN (no RUN uses $NPM_TOKEN)'],
      output: 'FROM node:20',
    },
    // Fuzzing (seed 20261129): after a flag the library reads `PASSWORD: $(` as two items, the builder as one legacy
    // pair; removing "the item" PASSWORD: left `$(` behind as a key without a value.
    { name: 'an ENV with a flag (ENV takes none): no fix', code: 'FROM a\nENV --chmod=777 PASSWORD: $(', errors: [{ line: 2 }], output: null },
    { name: 'global ARG used by FROM: no fix', code: 'ARG REGISTRY_TOKEN=x\nFROM registry.example.com/${REGISTRY_TOKEN}/app', errors: [{ line: 1, column: 5 }], output: null },
    {
      name: 'one of several ENV pairs',
      code: 'FROM postgres:16\nENV PGDATA=/data DB_PASSWORD=hunter2 LANG=C.UTF-8',
      errors: [{ line: 2, column: 18, endColumn: 29, message: /ENV `DB_PASSWORD`.*image config/ }],
      fixTitles: ['Remove ENV DB_PASSWORD (no RUN uses $DB_PASSWORD)'],
      output: 'FROM postgres:16\nENV PGDATA=/data LANG=C.UTF-8',
    },
    {
      name: 'last of several ENV pairs, read by RUNs of this stage and of a stage built on it',
      code: 'FROM node:20 AS base\nENV CI=1 NPM_TOKEN=abc\nRUN npm ci --token "$NPM_TOKEN"\nRUN echo done\nFROM base\nRUN --network=none npm publish --token ${NPM_TOKEN}',
      errors: [{ line: 2, column: 10 }],
      output:
        '# syntax=docker/dockerfile:1\nFROM node:20 AS base\nENV CI=1\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci --token "$NPM_TOKEN"\nRUN echo done\nFROM base\nRUN --network=none --mount=type=secret,id=npm_token,env=NPM_TOKEN npm publish --token ${NPM_TOKEN}',
    },
    {
      name: 'legacy ENV form',
      code: 'FROM alpine:3.20\nENV API_KEY abc123\nCMD ["app"]',
      errors: [{ line: 2, column: 5, endColumn: 12 }],
      output: 'FROM alpine:3.20\nCMD ["app"]',
    },
    {
      name: 'a build ARG does not reach the next stage',
      code: 'FROM golang:1.22 AS build\nARG GOPRIVATE_TOKEN\nRUN git config --global url."https://${GOPRIVATE_TOKEN}@github.com/".insteadOf "https://github.com/"\nFROM alpine:3.20\nRUN echo $GOPRIVATE_TOKEN',
      errors: [{ line: 2, column: 5 }],
      output:
        '# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN --mount=type=secret,id=goprivate_token,env=GOPRIVATE_TOKEN git config --global url."https://${GOPRIVATE_TOKEN}@github.com/".insteadOf "https://github.com/"\nFROM alpine:3.20\nRUN echo $GOPRIVATE_TOKEN',
    },
    {
      name: 'CRLF, an existing syntax directive and a multi-line RUN',
      code: '# syntax=docker/dockerfile:1.10\r\nFROM python:3.12\r\nARG PIP_INDEX_TOKEN\r\nRUN \\\r\n    pip install --index-url "https://__token__:$PIP_INDEX_TOKEN@pypi.example.com/simple" app\r\n',
      errors: [{ line: 3, column: 5 }],
      output: '# syntax=docker/dockerfile:1.10\r\nFROM python:3.12\r\nRUN \\\r\n    --mount=type=secret,id=pip_index_token,env=PIP_INDEX_TOKEN pip install --index-url "https://__token__:$PIP_INDEX_TOKEN@pypi.example.com/simple" app\r\n',
    },
    {
      name: 'a frontend older than 1.10 has no env= on secret mounts: no fix',
      code: '# syntax=docker/dockerfile:1.4\nFROM node:20\nARG NPM_TOKEN\nRUN npm ci --token $NPM_TOKEN',
      errors: [{ line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'a RUN that already mounts it',
      code: 'FROM node:20\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci --token $NPM_TOKEN',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci --token $NPM_TOKEN',
    },
    {
      name: 'middle pair of a multi-line ENV',
      code: 'FROM node:20\nENV A=1 \\\n    SESSION_SECRET="x y" \\\n    B=2\nCMD ["node"]',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM node:20\nENV A=1 \\\n    B=2\nCMD ["node"]',
    },
    {
      name: 'read at runtime by CMD: no fix',
      code: 'FROM node:20\nENV SESSION_SECRET=abc\nCMD node app.js --secret $SESSION_SECRET',
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'indented file, heredoc RUN',
      code: '  FROM alpine:3.20\n  ARG API_TOKEN\n  RUN <<EOF\n  curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com\nEOF\n',
      errors: [{ line: 2, column: 7 }],
      output: '# syntax=docker/dockerfile:1\n  FROM alpine:3.20\n  RUN --mount=type=secret,id=api_token,env=API_TOKEN <<EOF\n  curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com\nEOF\n',
    },
    { name: 'well-known AWS name', code: 'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY', errors: [{ line: 2, column: 5, endColumn: 26 }] },
    { name: 'auth as a word', code: 'FROM alpine:3.20\nARG BASIC_AUTH\nARG AUTH_TOKEN', errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }] },
    { name: 'camelCase and pwd', code: 'FROM alpine:3.20\nARG apiKey\nARG DB_PWD', errors: [{ line: 2, column: 5, endColumn: 11 }, { line: 3, column: 5 }] },
    { name: 'pass as the last word', code: 'FROM rabbitmq:3\nENV RABBITMQ_DEFAULT_PASS=guest', errors: [{ line: 2, column: 5, endColumn: 26 }] },
    {
      name: 'ENV copying a build arg into the runtime: the ARG has no fix while the ENV reads it',
      code: 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=$NPM_TOKEN\nRUN npm ci --token $NPM_TOKEN',
      errors: [{ line: 2, column: 5 }, { line: 3, column: 5 }],
      output: null,
    },
    {
      name: 'ONBUILD ARG: no fix',
      code: 'FROM alpine:3.20\nONBUILD ARG DOCKER_PASSWORD',
      errors: [{ line: 2, column: 13, endColumn: 28, message: /^ONBUILD ARG `DOCKER_PASSWORD`/ }],
      output: null,
    },
    { name: 'multi-stage: build stage too', code: 'FROM golang:1.22 AS build\nARG GH_TOKEN\nFROM alpine:3.20\nARG GH_TOKEN', errors: [{ line: 2, column: 5 }, { line: 4, column: 5 }] },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nENV A=1 \\\n# the secret\n    CLIENT_SECRET=s3cr3t',
      errors: [{ line: 4, column: 5, endColumn: 18 }],
      output: 'FROM alpine:3.20\nENV A=1',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine:3.20\nENV JWT_SECRET=abc `\n    A=1\nRUN sign --key $JWT_SECRET',
      errors: [{ line: 3, column: 5, endColumn: 15 }],
      output: '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20\nENV A=1\nRUN --mount=type=secret,id=jwt_secret,env=JWT_SECRET sign --key $JWT_SECRET',
    },
    { name: 'Vault AppRole secret id', code: 'FROM alpine:3.20\nARG VAULT_SECRET_ID', errors: [{ line: 2, column: 5 }] },
  ],
});

describe('secret-in-arg-env messages', () => {
  it('fixes never show the value and are not safe', () => {
    const found = findingsFor(rule, { code: 'FROM alpine:3.20\nENV DB_PASSWORD=Zx9yPq2wLm4k\nRUN init-db --password "$DB_PASSWORD"' });
    const fix = found[0].fixes?.[0];
    assert.ok(fix);
    assert.equal(fix.safe, false);
    assert.doesNotMatch(fix.title, /Zx9y/);
    for (const e of fix.edits) assert.doesNotMatch(e.newText, /Zx9y/);
  });

  it('name the key, never the value', () => {
    const found = findingsFor(rule, { code: 'FROM alpine:3.20\nENV DB_PASSWORD=Zx9yPq2wLm4k' });
    assert.equal(found.length, 1);
    assert.match(found[0].message, /DB_PASSWORD/);
    assert.doesNotMatch(found[0].message, /Zx9y/);
  });
});
