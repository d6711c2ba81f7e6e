/**
 * Every real-world Compose file of ../shared/corpus/compose (some are deliberately invalid fixtures of their projects)
 * is analyzed without an exception and without a rule throwing; every finding has a sane range inside the file; every
 * fix of every finding keeps the fix properties; and fix-all converges without new findings.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, fixAll, initializeCore, safeFixOf } from '../server/core/engine';
import { ComposeModel } from '../server/core/compose/model';
import { LineIndex } from '../server/core/text';
import { composeSuppressionFixes } from '../server/core/fixes/suppress-compose';
import { addedFindings, assertFixProperties } from './helpers/fix-properties';
import { sharedDir } from './helpers/shared';

before(() => initializeCore());

const dir = path.join(sharedDir(), 'corpus', 'compose');
const files = fs.readdirSync(dir).sort();

describe('compose corpus', () => {
  it('analyzes every corpus Compose file without an exception', () => {
    assert.ok(files.length > 300, `expected the full corpus, found ${files.length} files`);
    const counts = new Map<string, number>();
    const started = process.hrtime.bigint();
    let services = 0;
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const result = analyze(text, { path: path.join('/corpus', name), allRules: true, kind: 'compose' });
      assert.equal(result.kind, 'compose');
      assert.deepEqual(result.ruleErrors, [], `rule errors in ${name}`);
      const lines = new LineIndex(text);
      for (const f of result.findings) {
        counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
        const { start, end } = f.range;
        assert.ok(start.line < lines.lineCount && end.line < lines.lineCount, `${name}: ${f.ruleId} range beyond the file`);
        assert.ok(start.character <= lines.lineText(start.line).length, `${name}: ${f.ruleId} start beyond its line`);
        assert.ok(end.character <= lines.lineText(end.line).length, `${name}: ${f.ruleId} end beyond its line`);
        assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${name}: ${f.ruleId} inverted range`);
        assert.ok(f.message.length > 0);
      }
      services += new ComposeModel(text).services.length;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const summary = [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id}=${n}`).join(' ');
    console.log(`# compose corpus: ${files.length} files (${services} services) analyzed in ${ms.toFixed(0)} ms; findings: ${summary}`);
  });

  it('reads the services and typed values of every file without an exception', () => {
    for (const name of files) {
      const m = new ComposeModel(fs.readFileSync(path.join(dir, name), 'utf8'));
      for (const s of m.services) {
        void [s.keys(), s.ports, s.volumes, s.environment, s.list('cap_add'), s.list('cap_drop'), s.list('security_opt'), s.image, s.build, s.get('user'), s.healthcheck, s.networks, s.limit('memory'), s.extends];
      }
      void [m.named('networks'), m.named('secrets'), m.named('volumes'), m.named('configs'), m.version];
    }
  });

  it('every fix keeps the fix properties, and fix-all converges', () => {
    let checked = 0;
    let fixedFindings = 0;
    const failures: string[] = [];
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const options = { path: path.join('/corpus', name), kind: 'compose' as const };
      try {
        const before = analyze(text, options).findings;
        for (const f of before) {
          for (const fix of f.fixes ?? []) {
            assertFixProperties(text, f, fix, options, name);
            checked++;
          }
        }
        const result = fixAll(text, options);
        if (result.text === text) continue;
        const after = analyze(result.text, options);
        assert.deepEqual(after.ruleErrors, []);
        const extra = addedFindings(before, new LineIndex(text), after.findings, new LineIndex(result.text));
        assert.deepEqual(extra.map((f) => `${f.ruleId}: ${f.message}`), [], 'new findings after fix-all');
        assert.deepEqual(after.findings.filter((f) => safeFixOf(f)).map((f) => f.ruleId), [], 'safe fixes left');
        fixedFindings += result.fixed.length;
      } catch (e) {
        failures.push(`${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    console.log(`# compose corpus fixes: ${checked} fixes checked, ${fixedFindings} findings fixed by fix-all; failures: ${failures.length}`);
    assert.deepEqual(failures, []);
  });

  it('the suppression fixes of each rule keep the fix properties (the first 3 files each rule reports in)', () => {
    const filesPerRule = new Map<string, number>();
    let checked = 0;
    const failures: string[] = [];
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const options = { path: path.join('/corpus', name), kind: 'compose' as const };
      const model = new ComposeModel(text);
      const seen = new Set<string>();
      for (const f of analyze(text, options).findings) {
        if (seen.has(f.ruleId) || f.ruleId === 'invalid-suppression' || (filesPerRule.get(f.ruleId) ?? 0) >= 3) continue;
        seen.add(f.ruleId);
        filesPerRule.set(f.ruleId, (filesPerRule.get(f.ruleId) ?? 0) + 1);
        const fixes = composeSuppressionFixes(model, f);
        if (fixes.length !== 2) failures.push(`${name}: ${f.ruleId} at line ${f.range.start.line + 1}: ${fixes.map((x) => x.title).join(', ') || 'no suppression fix'}`);
        for (const fix of fixes) {
          try {
            assertFixProperties(text, f, fix, options, name);
            checked++;
          } catch (e) {
            failures.push(`${name}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          }
        }
      }
    }
    console.log(`# compose corpus suppression fixes: ${checked} checked over ${filesPerRule.size} rules`);
    assert.ok(filesPerRule.size >= 15, `only ${filesPerRule.size} rules report in the corpus`);
    assert.deepEqual(failures, []);
  });
});
