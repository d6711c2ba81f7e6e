/**
 * What keeps the language server's memory down (docs/memory.md) and must not quietly come back: the bundles stay ASCII
 * (V8 holds each script's source, one byte per character only if none is above U+00FF), and the server formats and
 * orders without ICU (whose data `toLocaleString` / `localeCompare` would load), with the same results.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { compareCodeUnits, formatCount } from '../server/core/format';
import { allRules } from '../server/core/rules';
import { SERVER_ENV } from '../client/server-flags';
import { projectRoot } from './helpers/shared';
import { TestClient } from './protocol/lsp-client';

test('formatCount writes what toLocaleString("en-US") writes for integers', () => {
  const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 1234567, 20000, 2 ** 31, Number.MAX_SAFE_INTEGER];
  for (let n = 1; n < 1e15; n = Math.floor(n * 7.3) + 1) samples.push(n);
  for (const n of samples) {
    assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
    assert.equal(formatCount(-n), (-n).toLocaleString('en-US'), String(-n));
  }
});

test('rule ids sort by code units exactly as localeCompare sorted them', () => {
  const ids = allRules.flatMap((r) => [r.meta.id, ...r.meta.aliases.filter((a) => /^[a-z0-9-]+$/.test(a))]);
  assert.ok(ids.length > 50);
  for (const id of ids) assert.match(id, /^[a-z0-9-]+$/, 'a rule id outside [a-z0-9-] may order differently from localeCompare');
  // Every pair, in both orders: the engine's comparator only ever compares two ids at one position.
  for (const a of ids) for (const b of ids) assert.equal(Math.sign(compareCodeUnits(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
  // Prefixes and the characters around `-` and the digits.
  for (const [a, b] of [['a', 'a-b'], ['a-b', 'a0'], ['a0', 'aa'], ['apt-pin', 'apt'], ['x9', 'x10']]) {
    assert.equal(Math.sign(compareCodeUnits(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
  }
});

test('the built bundles are ASCII (a one-byte source string in V8)', () => {
  for (const file of ['server.js', 'cli.js', 'extension.js', 'compose-validator.js']) {
    const text = fs.readFileSync(path.join(projectRoot, 'dist', file), 'utf8');
    const at = text.search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `dist/${file}: non-ASCII character at ${at}: ${JSON.stringify(text.slice(at - 40, at + 10))}`);
  }
});

test('the server formats and sorts without ICU', () => {
  const roots = ['server/core', 'server/lsp'].map((d) => path.join(projectRoot, d));
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          if (/\.(localeCompare|toLocale\w*)\(|\bIntl\./.test(line) && !/^\s*(\/\/|\*)/.test(line)) hits.push(`${path.relative(projectRoot, p)}:${i + 1}`);
        });
      }
    }
  };
  roots.forEach(walk);
  assert.deepEqual(hits, [], 'ICU-backed calls load ~12 MB of locale data into the server (use server/core/format.ts)');
});

test('the server is started with the environment the client adds (one malloc arena)', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  assert.equal(SERVER_ENV.MALLOC_ARENA_MAX, '1');
  for (const transport of ['stdio', 'ipc'] as const) {
    const client = TestClient.start(transport);
    try {
      await client.initialize({ workspaceScan: false });
      const environ = fs.readFileSync(`/proc/${client.child.pid}/environ`, 'utf8').split('\0');
      for (const [k, v] of Object.entries(SERVER_ENV)) assert.ok(environ.includes(`${k}=${v}`), `${transport}: ${k}=${v}`);
      await client.stop();
    } finally {
      client.kill();
    }
  }
});
