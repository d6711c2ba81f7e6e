/**
 * Fix-all over every real-world Dockerfile of ../shared/corpus/dockerfile: the fixed text re-parses without any rule
 * throwing, no finding appears that was not there before, every applied fix's finding is gone, line endings are
 * kept, and no safe fix is left (it converged). Counts the files where a property failed (must be 0)
 * and the findings fixed.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, fixAll, initializeCore, safeFixOf } from '../server/core/engine';
import { LineIndex } from '../server/core/text';
import { addedFindings, lineEndingKind } from './helpers/fix-properties';
import { sharedDir } from './helpers/shared';

before(() => initializeCore());

describe('fix-all over the corpus', () => {
  it('keeps every property on every corpus Dockerfile', () => {
    const dir = path.join(sharedDir(), 'corpus', 'dockerfile');
    const files = fs.readdirSync(dir).sort();
    const failures: string[] = [];
    let fixed = 0;
    let changedFiles = 0;
    const byRule = new Map<string, number>();
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const options = { path: path.join('/corpus', name), kind: 'dockerfile' as const };
      try {
        const beforeFindings = analyze(text, options).findings;
        const result = fixAll(text, options);
        if (result.text === text) continue;
        changedFiles++;
        const created = new Set(result.createFiles.map((f) => f.path));
        const after = analyze(result.text, { ...options, host: { exists: (p) => created.has(p) } });
        assert.deepEqual(after.ruleErrors, [], 'a rule throws on the fixed text');
        const extra = addedFindings(beforeFindings, new LineIndex(text), after.findings, new LineIndex(result.text));
        assert.deepEqual(extra.map((f) => `${f.ruleId}: ${f.message}`), [], 'new findings after fix-all');
        // Every fix removed its finding: each rule has at least as many fewer findings as fixes applied.
        const fixedBy = new Map<string, number>();
        for (const f of result.fixed) fixedBy.set(f.ruleId, (fixedBy.get(f.ruleId) ?? 0) + 1);
        for (const [rule, n] of fixedBy) {
          const was = beforeFindings.filter((f) => f.ruleId === rule).length;
          const now = after.findings.filter((f) => f.ruleId === rule).length;
          assert.ok(now <= was - n, `${rule}: ${n} fixed but ${was - now} gone`);
          byRule.set(rule, (byRule.get(rule) ?? 0) + n);
        }
        const kind = lineEndingKind(text);
        if (kind === 'crlf' || kind === 'lf') assert.equal(lineEndingKind(result.text), kind, 'line endings changed');
        const left = after.findings.filter((f) => safeFixOf(f));
        assert.deepEqual(left.map((f) => f.ruleId), [], 'fix-all stopped with safe fixes left');
        fixed += result.fixed.length;
      } catch (e) {
        failures.push(`${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    const summary = [...byRule].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id}=${n}`).join(' ');
    console.log(`# corpus fix-all: ${fixed} findings fixed in ${changedFiles} of ${files.length} files; failures: ${failures.length}; ${summary}`);
    assert.deepEqual(failures, []);
  });
});
