/** The unified diffs of `bulwark lint --fix-dry-run`: minimal, applicable, in `diff -u` / `git diff` format. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffLines, splitLines, unifiedDiff } from '../../server/cli/diff';

/** Applies a unified diff of one file to `text` (a small patch(1) for the tests: exact context required). */
function applyPatch(text: string, patch: string): string {
  const lines = splitLines(text);
  const out: string[] = [];
  let at = 0;
  const patchLines = patch.split('\n');
  for (let i = 0; i < patchLines.length; i++) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(patchLines[i]);
    if (!m) continue;
    const oldStart = Number(m[1]);
    const oldCount = m[2] === undefined ? 1 : Number(m[2]);
    const start = oldCount === 0 ? oldStart : oldStart - 1;
    while (at < start) out.push(lines[at++]);
    for (i++; i < patchLines.length && /^[ +\-\\]/.test(patchLines[i]); i++) {
      const l = patchLines[i];
      if (l.startsWith('\\')) {
        // "\ No newline at end of file": the previous line has no line break.
        const last = out.length - 1;
        if (patchLines[i - 1].startsWith('+') || patchLines[i - 1].startsWith(' ')) out[last] = out[last].replace(/\n$/, '');
        continue;
      }
      const body = l.slice(1) + '\n';
      if (l[0] === ' ' || l[0] === '-') {
        const expected = lines[at]!.endsWith('\n') ? lines[at] : lines[at] + '\n';
        assert.equal(body, expected, `context/removed line ${at + 1} matches`);
        if (l[0] === ' ') out.push(lines[at]);
        at++;
      } else {
        out.push(body);
      }
    }
    i--;
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

/** Length of the longest common subsequence (dynamic programming), to check the diff is minimal. */
function lcs(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  }
  return dp[a.length][b.length];
}

/** A deterministic pseudo-random generator (xorshift). */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('diffLines', () => {
  it('is a minimal edit script that turns a into b (random cases)', () => {
    const rand = rng(42);
    for (let n = 0; n < 300; n++) {
      const a = Array.from({ length: Math.floor(rand() * 12) }, () => `${'abcd'[Math.floor(rand() * 4)]}\n`);
      const b = Array.from({ length: Math.floor(rand() * 12) }, () => `${'abcd'[Math.floor(rand() * 4)]}\n`);
      const ops = diffLines(a, b);
      assert.deepEqual(ops.filter((o) => o.kind !== '+').map((o) => o.line), a);
      assert.deepEqual(ops.filter((o) => o.kind !== '-').map((o) => o.line), b);
      assert.equal(ops.filter((o) => o.kind === ' ').length, lcs(a, b), `minimal for ${JSON.stringify([a, b])}`);
    }
  });

  it('splitLines keeps each line ending', () => {
    assert.deepEqual(splitLines('a\r\nb\nc'), ['a\r\n', 'b\n', 'c']);
    assert.deepEqual(splitLines(''), []);
  });
});

describe('unifiedDiff', () => {
  it('headers, hunk ranges and three lines of context', () => {
    const before = 'FROM alpine:3.20\nRUN a\nRUN b\nRUN c\nRUN sudo ls\nRUN d\nRUN e\nRUN f\nRUN g\n';
    const after = 'FROM alpine:3.20\nRUN a\nRUN b\nRUN c\nRUN ls\nRUN d\nRUN e\nRUN f\nRUN g\n';
    assert.equal(
      unifiedDiff('app/Dockerfile', before, after),
      '--- a/app/Dockerfile\n+++ b/app/Dockerfile\n@@ -2,7 +2,7 @@\n RUN a\n RUN b\n RUN c\n-RUN sudo ls\n+RUN ls\n RUN d\n RUN e\n RUN f\n',
    );
  });

  it('changes far apart make separate hunks; close ones share one', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `RUN step ${i}\n`);
    const far = [...lines];
    far[1] = 'RUN one\n';
    far[18] = 'RUN eighteen\n';
    const diff = unifiedDiff('Dockerfile', lines.join(''), far.join(''));
    assert.deepEqual(diff.match(/^@@.*@@$/gm), ['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    const near = [...lines];
    near[5] = 'RUN five\n';
    near[11] = 'RUN eleven\n';
    assert.deepEqual(unifiedDiff('Dockerfile', lines.join(''), near.join('')).match(/^@@.*@@$/gm), ['@@ -3,13 +3,13 @@']);
  });

  it('a new file is a diff from /dev/null', () => {
    assert.equal(unifiedDiff('.dockerignore', undefined, '.git\n.env\n'), '--- /dev/null\n+++ b/.dockerignore\n@@ -0,0 +1,2 @@\n+.git\n+.env\n');
  });

  it('insertion at the top; a missing final line break is noted', () => {
    assert.equal(
      unifiedDiff('Dockerfile', 'FROM a\nRUN x', '# bulwark-ignore-file no-sudo\nFROM a\nRUN y'),
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,3 @@\n+# bulwark-ignore-file no-sudo\n FROM a\n-RUN x\n\\ No newline at end of file\n+RUN y\n\\ No newline at end of file\n',
    );
  });

  it('equal texts: no diff', () => {
    assert.equal(unifiedDiff('Dockerfile', 'FROM a\n', 'FROM a\n'), '');
  });

  it('colour only when painted', () => {
    const paint = (style: unknown, text: string) => `<${String(style)}>${text}</>`;
    const diff = unifiedDiff('Dockerfile', 'a\nb\n', 'a\nc\n', paint as never);
    assert.match(diff, /^<red>-b<\/>$/m);
    assert.match(diff, /^<green>\+c<\/>$/m);
    assert.match(diff, /^<cyan>@@ -1,2 \+1,2 @@<\/>$/m);
  });

  it('applies back (random files, CRLF and no final line break included)', () => {
    const rand = rng(7);
    for (let n = 0; n < 200; n++) {
      const eol = rand() < 0.3 ? '\r\n' : '\n';
      const make = () => Array.from({ length: Math.floor(rand() * 30) }, () => `RUN ${'abcdef'[Math.floor(rand() * 6)]}${eol}`).join('');
      let before = make();
      let after = make();
      if (rand() < 0.2) before = before.replace(/\r?\n$/, '');
      if (rand() < 0.2) after = after.replace(/\r?\n$/, '');
      const diff = unifiedDiff('Dockerfile', before, after);
      assert.equal(applyPatch(before, diff), after, diff);
    }
  });

  it('GNU patch applies it too', (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-diff-'));
    try {
      const before = 'FROM alpine\r\nMAINTAINER x\r\nRUN sudo ls\r\nUSER 1000';
      const after = 'FROM alpine\r\nLABEL a=b\r\nRUN ls\r\nUSER 1000';
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'app', 'Dockerfile'), before);
      const r = spawnSync('patch', ['-p1', '--binary', '--quiet'], { cwd: dir, input: unifiedDiff('app/Dockerfile', before, after) + unifiedDiff('app/.dockerignore', undefined, '.git\n'), encoding: 'utf8' });
      if (r.error) {
        t.skip('patch(1) is not installed');
        return;
      }
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.equal(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8'), after);
      assert.equal(fs.readFileSync(path.join(dir, 'app', '.dockerignore'), 'utf8'), '.git\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
