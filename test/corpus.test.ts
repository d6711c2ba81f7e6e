/**
 * Every real-world Dockerfile of ../shared/corpus/dockerfile is analyzed without an exception and without a rule
 * throwing, and every finding has a sane range inside the file.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../server/core/engine';
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../server/core/engine';
import { LineIndex } from '../server/core/text';
import { sharedDir } from './helpers/shared';

before(() => initializeCore());

describe('corpus', () => {
  it('analyzes every corpus Dockerfile without an exception', () => {
    const dir = path.join(sharedDir(), 'corpus', 'dockerfile');
    const files = fs.readdirSync(dir).sort();
    assert.ok(files.length > 1000, `expected the full corpus, found ${files.length} files`);
    const counts = new Map<string, number>();
    const started = process.hrtime.bigint();
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const result = analyze(text, { path: path.join('/corpus', name), allRules: true, kind: 'dockerfile' });
      assert.deepEqual(result.ruleErrors, [], `rule errors in ${name}`);
      const lines = new LineIndex(text);
      for (const f of result.findings) {
        counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
        const { start, end } = f.range;
        assert.ok(start.line < lines.lineCount && end.line < lines.lineCount, `${name}: ${f.ruleId} range beyond the file`);
        assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${name}: ${f.ruleId} inverted range`);
        assert.ok(f.message.length > 0);
      }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const summary = [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id}=${n}`).join(' ');
    console.log(`# corpus: ${files.length} Dockerfiles analyzed in ${ms.toFixed(0)} ms; findings: ${summary}`);
  });
});
