import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import rule, { dockerignoreFor } from '../../server/core/rules/dockerfile/copy-context-without-dockerignore';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { initializeCore } from '../../server/core/engine';
import { assertFixProperties } from '../helpers/fix-properties';
import { findingsFor, optionsFor, ruleTester, type InvalidCase } from '../helpers/rule-tester';
import type { Finding, Fix } from '../../server/core/types';

ruleTester(rule, {
  valid: [
    { name: '.dockerignore beside the Dockerfile', code: 'FROM alpine:3.20\nCOPY . /app', files: ['/ctx/.dockerignore'] },
    {
      name: '<Dockerfile>.dockerignore beside a named Dockerfile',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: '/ctx/app.Dockerfile',
      files: ['/ctx/app.Dockerfile.dockerignore'],
    },
    {
      name: 'Windows paths',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: 'C:\\proj\\Dockerfile',
      files: ['C:\\proj\\.dockerignore'],
    },
    { name: 'unsaved buffer: no folder to look in', code: 'FROM alpine:3.20\nCOPY . /app', options: { path: undefined } },
    {
      name: 'COPY --from a stage copies from the stage, not the context',
      code: 'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/ .\nCOPY --from=build . /app',
    },
    { name: 'named sources only; `.` as the destination', code: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\nCOPY ./public .' },
    { name: 'dot-files and relative subfolders are not the whole context', code: 'FROM node:20\nCOPY .env.example ./\nCOPY ./src /app/src\nCOPY ../shared /x' },
    { name: 'heredoc body is not a source', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\n. . .\nEOF' },
    { name: 'ARG without a default is unknown', code: 'FROM alpine:3.20\nARG SRC\nCOPY ${SRC} /app' },
    { name: 'ADD of a URL', code: 'FROM alpine:3.20\nADD https://example.com/a.tar.gz /opt/' },
  ],
  invalid: [],
});

/**
 * The invalid cases run through ruleTester (findings, and the shared fix properties with the created file existing
 * afterwards) and again below for what is particular to this fix: no edit to the Dockerfile, the file's path and content.
 */
const invalid: (InvalidCase & { ignoreFile?: string })[] = [
    {
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]',
      errors: [{ line: 3, column: 6, endColumn: 7, message: /^The source `\.` copies the whole build context.*no \.dockerignore/ }],
    },
    { name: 'ADD ./', code: 'FROM alpine:3.20\nADD ./ /app/', errors: [{ line: 2, column: 5, endColumn: 7, message: /source `\.\/`/ }] },
    { name: '`.` among several sources', code: 'FROM alpine:3.20\nCOPY package.json . /app/', errors: [{ line: 2, column: 19, endColumn: 20 }] },
    { name: 'exec (JSON) form', code: 'FROM alpine:3.20\nCOPY [".", "/app"]', errors: [{ line: 2, column: 8, endColumn: 9 }] },
    { name: 'source from an ARG default', code: 'FROM alpine:3.20\nARG SRC=.\nCOPY ${SRC} /app', errors: [{ line: 3, column: 6, endColumn: 12 }] },
    {
      name: 'flags, continuation and a comment line inside it',
      code: 'FROM alpine:3.20\nCOPY --chown=app:app \\\n# everything\n  . /app',
      errors: [{ line: 4, column: 3, endColumn: 4 }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY `\n  . C:\\app',
      errors: [{ line: 4, column: 3, endColumn: 4 }],
    },
    { name: 'a .dockerignore elsewhere does not count', code: 'FROM alpine:3.20\nCOPY . /app', files: ['/other/.dockerignore'], errors: [{ line: 2, column: 6 }] },
    {
      name: 'Dockerfile.dockerignore does not apply to app.Dockerfile',
      code: 'FROM alpine:3.20\nCOPY . /app',
      path: '/ctx/app.Dockerfile',
      files: ['/ctx/Dockerfile.dockerignore'],
      errors: [{ line: 2, column: 6 }],
    },
    {
      name: 'build stage of a multi-stage file',
      code: 'FROM golang:1.22 AS build\nCOPY . /src\nRUN go build -o /app ./...\nFROM alpine:3.20\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 6, endColumn: 7 }],
    },
    { name: '`*` takes every top-level entry', code: 'FROM alpine:3.20\nCOPY * /app/', errors: [{ line: 2, column: 6, endColumn: 7, message: /every top-level entry/ }] },
    {
      name: 'each whole-context copy is reported',
      code: 'FROM node:20 AS deps\nCOPY . .\nFROM node:20\nCOPY ./ /app',
      errors: [{ line: 2, column: 6 }, { line: 4, column: 6, endColumn: 8 }],
    },
    { name: 'Windows path: the file is created beside it', code: 'FROM alpine:3.20\r\nCOPY . /app\r\n', path: 'C:\\proj\\Dockerfile', errors: [{ line: 2, column: 6 }] },
    { name: 'CRLF file', code: 'FROM alpine:3.20\r\nWORKDIR /app\r\nCOPY . .\r\n', errors: [{ line: 3, column: 6, endColumn: 7 }] },
  ];

function assertCreateFileFix(c: InvalidCase, finding: Finding, fix: Fix, expectedPath: string): string {
  assert.equal(fix.title, 'Create .dockerignore with safe defaults');
  assert.equal(fix.safe, true);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.edits, [], 'the fix does not edit the Dockerfile');
  assert.equal(fix.createFiles?.length, 1);
  const file = fix.createFiles![0];
  assert.equal(file.path, expectedPath);
  assert.match(file.content, /^\.git$/m);
  assert.match(file.content, /^\*\*\/\.env$/m);
  assert.ok(file.content.endsWith('\n') && !file.content.includes('\r'));
  // The shared fix properties, with the created file existing afterwards.
  assertFixProperties(c.code, finding, fix, optionsFor(rule, c));
  return file.content;
}

describe('rule copy-context-without-dockerignore: findings and the "Create .dockerignore" fix', () => {
  before(() => initializeCore());
  invalid.forEach((c, i) => {
    it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
      const found = findingsFor(rule, c);
      assert.equal(found.length, c.errors.length, found.map((f) => f.message).join('\n'));
      c.errors.forEach((e, k) => {
        const f = found[k];
        assert.equal(f.range.start.line + 1, e.line, `line of finding ${k + 1}`);
        if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `column of finding ${k + 1}`);
        if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `endColumn of finding ${k + 1}`);
        if (e.message instanceof RegExp) assert.match(f.message, e.message);
      });
      const file = c.path ?? '/ctx/Dockerfile';
      const expected = file.includes('\\') ? `${file.slice(0, file.lastIndexOf('\\'))}\\.dockerignore` : `${path.posix.dirname(file)}/.dockerignore`;
      for (const f of found) {
        assert.equal(f.fixes?.length, 1);
        assertCreateFileFix(c, f, f.fixes![0], expected);
      }
    });
  });
});

describe('the .dockerignore content', () => {
  before(() => initializeCore());
  const content = (text: string) => dockerignoreFor(new DockerfileModel(text));
  const lines = (text: string) => content(text).split('\n');

  it('lists the secret patterns and clutter, each group under a comment', () => {
    const l = lines('FROM alpine:3.20\nCOPY . /app');
    for (const p of ['.git', '**/.env', '**/.env.*', '!**/.env.example', '**/*.pem', '**/*.key', '**/id_rsa*', '**/.npmrc', '**/.pypirc', '**/.aws', '**/.ssh', '**/*.tfstate', '**/__pycache__', '**/*.log', 'Dockerfile*', 'docker-compose*.yml']) {
      assert.ok(l.includes(p), p);
    }
    // The negation comes after the pattern it re-includes from.
    assert.ok(l.indexOf('!**/.env.example') > l.indexOf('**/.env.*'));
    assert.ok(l[0].startsWith('# Created by Bulwark'));
  });
  it('leaves node_modules and .venv in unless the Dockerfile installs its own dependencies', () => {
    assert.ok(!lines('FROM node:20\nCOPY . .\nCMD ["node", "index.js"]').includes('**/node_modules'));
    assert.ok(lines('FROM node:20\nCOPY . .\nRUN npm ci --omit=dev').includes('**/node_modules'));
    assert.ok(lines('FROM node:20\nCOPY . .\nRUN yarn install --frozen-lockfile').includes('**/node_modules'));
    assert.ok(!lines('FROM python:3.12\nCOPY . .').includes('**/.venv'));
    assert.ok(lines('FROM python:3.12\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt').includes('**/.venv'));
  });
  it('does not exclude what the Dockerfile copies or bind-mounts by name: that would break the build', () => {
    const l = lines(
      'FROM node:20\nCOPY ./certs/ca.pem /etc/ssl/certs/\nCOPY [".npmrc", "package.json", "./"]\nRUN --mount=type=bind,source=config/.env.build,target=/tmp/env true\nCOPY . .',
    );
    assert.ok(l.includes('# **/*.pem    (not excluded: the Dockerfile copies certs/ca.pem)'));
    assert.ok(l.includes('# **/.npmrc    (not excluded: the Dockerfile copies .npmrc)'));
    assert.ok(l.includes('# **/.env.*    (not excluded: the Dockerfile copies config/.env.build)'));
    assert.ok(l.includes('**/*.key') && l.includes('**/.env'));
  });
  it('a folder the Dockerfile copies keeps the patterns that would exclude it', () => {
    const l = lines('FROM alpine:3.20\nCOPY .ssh/known_hosts /root/.ssh/\nCOPY .git /src/.git\nCOPY . /app');
    assert.ok(l.includes('# **/.ssh    (not excluded: the Dockerfile copies .ssh/known_hosts)'));
    assert.ok(l.includes('# .git    (not excluded: the Dockerfile copies .git)'));
  });
  it('sources from stages, URLs, heredocs and unknown variables do not count', () => {
    const l = lines('FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b /x/key.pem /k.pem\nADD https://e.com/a.pem /a.pem\nCOPY <<EOF /x.pem\nhi\nEOF\nARG F\nCOPY $F /f\nCOPY . /app');
    assert.ok(l.includes('**/*.pem'));
  });
  it('globs in sources are matched as written', () => {
    assert.ok(lines('FROM alpine:3.20\nCOPY *.pem /certs/\nCOPY . /app').includes('# **/*.pem    (not excluded: the Dockerfile copies *.pem)'));
    assert.ok(lines('FROM alpine:3.20\nCOPY src/* /app/\nCOPY . /app').includes('**/*.pem'));
  });
});

ruleTester(rule, { valid: [], invalid });
