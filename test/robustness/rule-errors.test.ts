/**
 * A rule that throws: the engine catches it per rule, returns the other rules' findings and names the rule in
 * `ruleErrors` (the LSP logs it once per rule id: test/protocol/analysis.test.ts; the CLI warns once per run: here).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyze, initializeCore } from '../../server/core/engine';
import { composeRules, dockerfileRules } from '../../server/core/rules';
import type { Rule } from '../../server/core/rules/rule';
import { run } from '../../server/cli/main';
import type { Io } from '../../server/cli/main';
import { projectRoot } from '../helpers/shared';

before(() => initializeCore());

/** Runs `fn` with `rule.check` throwing, then restores it. */
async function withThrowing<T>(rule: Rule, fn: () => T | Promise<T>): Promise<T> {
  const original = rule.check;
  (rule as { check: unknown }).check = () => {
    throw new TypeError(`injected failure in ${rule.meta.id}`);
  };
  try {
    return await fn();
  } finally {
    (rule as { check: unknown }).check = original;
  }
}

describe('a rule that throws', () => {
  it('Dockerfile: is reported in ruleErrors with its id; every other rule still reports', async () => {
    const text = 'FROM ubuntu:latest\nRUN sudo apt-get install curl\nEXPOSE 22\n';
    const options = { kind: 'dockerfile' as const, path: '/w/Dockerfile' };
    const normal = analyze(text, options);
    assert.ok(normal.findings.some((f) => f.ruleId === 'no-sudo'));
    const rule = dockerfileRules.find((r) => r.meta.id === 'no-sudo')!;
    const broken = await withThrowing(rule, () => analyze(text, options));
    assert.deepEqual(broken.ruleErrors.map((e) => e.ruleId), ['no-sudo']);
    assert.match(broken.ruleErrors[0].error, /TypeError: injected failure in no-sudo/);
    assert.deepEqual(broken.findings, normal.findings.filter((f) => f.ruleId !== 'no-sudo'));
  });

  it('Compose: the same', async () => {
    const text = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n';
    const options = { kind: 'compose' as const, path: '/w/compose.yaml' };
    const normal = analyze(text, options);
    const rule = composeRules.find((r) => r.meta.id === 'compose-privileged')!;
    assert.ok(normal.findings.some((f) => f.ruleId === 'compose-privileged'));
    const broken = await withThrowing(rule, () => analyze(text, options));
    assert.deepEqual(broken.ruleErrors.map((e) => e.ruleId), ['compose-privileged']);
    assert.deepEqual(broken.findings, normal.findings.filter((f) => f.ruleId !== 'compose-privileged'));
  });

  it('CLI: one warning per rule for the whole run, however many files it failed on; the findings of the others are printed', async () => {
    const cwd = path.join(projectRoot, 'test', 'fixtures', 'cli');
    const rule = dockerfileRules.find((r) => r.meta.id === 'no-healthcheck')!;
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, stdoutIsTTY: false };
    await withThrowing(rule, () => run(['lint', '--format', 'json', 'project/Dockerfile', 'all-rules/Dockerfile', 'warnings/Dockerfile'], io));
    const warnings = stderr.split('\n').filter((l) => l.includes('"no-healthcheck" failed'));
    assert.equal(warnings.length, 1, stderr);
    assert.match(warnings[0], /injected failure in no-healthcheck/);
    const report = JSON.parse(stdout) as { files: { findings: { rule: string }[] }[] };
    assert.equal(report.files.length, 3);
    assert.ok(report.files.some((f) => f.findings.length > 0));
    assert.ok(report.files.every((f) => !f.findings.some((x) => x.rule === 'no-healthcheck')));
  });
});
