/**
 * The findings cap (server/core/cap.ts, docs/robustness.md): one rule keeps FINDINGS_CAP findings per Dockerfile
 * instruction (Compose: per service definition) and reports the rest as one summary finding on the instruction's
 * keyword; the per-word rules stop building findings at the cap. Inputs as fuzzing found them: `EXPOSE` with thousands
 * of invalid ports, one `apk add` / `apt-get install` of thousands of packages.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, fixAll, initializeCore } from '../../server/core/engine';
import { FINDINGS_CAP } from '../../server/core/cap';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { IncrementalState } from '../../server/core/incremental';
import { allRules } from '../../server/core';
import type { AnalyzeOptions, FileKind, Finding } from '../../server/core/types';
import { assertFixProperties } from '../helpers/fix-properties';

before(() => initializeCore());

const DF: AnalyzeOptions & { kind: FileKind } = { kind: 'dockerfile', path: '/w/Dockerfile', allRules: true, now: '2026-01-01' };

/** Words `<prefix><n in base 36>` joined by spaces, as many as fit under `size` characters after `head`. */
function filled(head: string, prefix: string, size = 64_000): { text: string; words: number } {
  const words: string[] = [];
  let length = head.length + 1;
  for (let i = 0; ; i++) {
    const w = prefix + i.toString(36);
    if (length + w.length + 1 > size) break;
    words.push(w);
    length += w.length + 1;
  }
  return { text: `${head}${words.join(' ')}\n`, words: words.length };
}

const of = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
const summaries = (findings: Finding[]) => findings.filter((f) => f.message.startsWith('…and '));

/** Only `ruleId` on (the others off), so counts and costs are the rule's. */
function only(ruleId: string): AnalyzeOptions & { kind: FileKind } {
  return { ...DF, rules: Object.fromEntries(allRules.filter((r) => r.meta.id !== ruleId).map((r) => [r.meta.id, 'off' as const])) };
}

/** Calls of DockerfileModel.rangeOf during `fn`: every finding a rule builds computes its range. */
function rangesBuilt(fn: () => void): number {
  const original = DockerfileModel.prototype.rangeOf;
  let calls = 0;
  DockerfileModel.prototype.rangeOf = function (this: DockerfileModel, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  };
  try {
    fn();
  } finally {
    DockerfileModel.prototype.rangeOf = original;
  }
  return calls;
}

const CASES = [
  { ruleId: 'invalid-port', head: 'FROM alpine:3.20\nEXPOSE ', prefix: 'x', noun: 'invalid ports', keyword: 'EXPOSE', severity: 'error' },
  { ruleId: 'apk-pin-versions', head: 'FROM alpine:3.20\nRUN apk add --no-cache ', prefix: 'p', noun: 'unpinned packages', keyword: 'RUN', severity: 'info' },
  { ruleId: 'apt-pin-versions', head: 'FROM debian:12\nRUN apt-get install -y ', prefix: 'q', noun: 'unpinned packages', keyword: 'RUN', severity: 'info' },
];

describe('findings cap: one rule on one instruction', () => {
  for (const c of CASES) {
    it(`${c.ruleId}: a 64 KB instruction with thousands of findings reports ${FINDINGS_CAP} and one summary`, () => {
      const { text, words } = filled(c.head, c.prefix);
      assert.ok(text.length < 64 * 1024 && words > 9_000, `${words} words`);
      const uncapped = of(analyze(text, { ...DF, findingsCap: Infinity }).findings, c.ruleId);
      assert.equal(uncapped.length, words);
      const found = of(analyze(text, DF).findings, c.ruleId);
      assert.equal(found.length, FINDINGS_CAP + 1);
      // The first N as reported without the cap, in order; then the summary.
      const [summary] = summaries(found);
      assert.deepEqual(
        found.filter((f) => f !== summary),
        uncapped.slice(0, FINDINGS_CAP),
      );
      const more = (words - FINDINGS_CAP).toLocaleString('en-US');
      assert.equal(summary.message, `…and ${more} more ${c.noun} in this ${c.keyword} instruction (only the first ${FINDINGS_CAP} are reported; fix them and analyze again to see the rest).`);
      assert.equal(summary.severity, c.severity);
      assert.equal(summary.fixes, undefined);
      assert.deepEqual(summary.range, { start: { line: 1, character: 0 }, end: { line: 1, character: c.keyword.length } });
    });

    it(`${c.ruleId}: findings past the cap are not built (their ranges are never computed)`, () => {
      const { text, words } = filled(c.head, c.prefix, 8_000);
      const model = new DockerfileModel(text);
      model.runCommands();
      const capped = rangesBuilt(() => analyze(text, only(c.ruleId)));
      const uncapped = rangesBuilt(() => analyze(text, { ...only(c.ruleId), findingsCap: Infinity }));
      assert.ok(uncapped >= words, `uncapped ${uncapped} < ${words}`);
      // The model's own ranges (instructions, flags) are the same in both; the rule built at most the cap's worth.
      assert.ok(uncapped - capped >= words - FINDINGS_CAP, `capped ${capped}, uncapped ${uncapped}, words ${words}`);
    });
  }

  it('counts per rule and per instruction: two instructions and two rules each get their own cap', () => {
    const ports = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i}/http`).join(' ');
    const text = `FROM alpine:3.20\nEXPOSE ${ports(60, 1)}\nEXPOSE ${ports(FINDINGS_CAP, 100)}\nEXPOSE 22 ${ports(70, 200)}\n`;
    const found = of(analyze(text, DF).findings, 'invalid-port');
    const byLine = (line: number) => found.filter((f) => f.range.start.line === line);
    assert.equal(byLine(1).length, FINDINGS_CAP + 1);
    assert.match(summaries(byLine(1))[0].message, /^…and 10 more invalid ports in this EXPOSE instruction/);
    // Exactly at the cap: no summary.
    assert.equal(byLine(2).length, FINDINGS_CAP);
    assert.equal(summaries(byLine(2)).length, 0);
    assert.match(summaries(byLine(3))[0].message, /^…and 20 more invalid ports/);
    // Another rule on the same instruction is not counted with this one.
    assert.equal(of(analyze(text, DF).findings, 'expose-ssh').length, 1);
  });

  it('a rule that does not ask (no-sudo, per command) is capped by the engine after building, with the default noun', () => {
    const text = `FROM alpine:3.20\nRUN ${Array.from({ length: 80 }, (_, i) => `sudo ls /d${i}`).join('; ')}\n`;
    const found = of(analyze(text, DF).findings, 'no-sudo');
    assert.equal(found.length, FINDINGS_CAP + 1);
    assert.match(summaries(found)[0].message, /^…and 30 more no-sudo findings in this RUN instruction/);
    assert.equal(of(analyze(text, { ...DF, findingsCap: Infinity }).findings, 'no-sudo').length, 80);
  });

  it('a suppression comment on the instruction covers the summary too', () => {
    const { text } = filled('FROM alpine:3.20\n# bulwark-ignore invalid-port\nEXPOSE ', 'x', 4_000);
    assert.deepEqual(of(analyze(text, DF).findings, 'invalid-port'), []);
  });

  it('incremental re-analysis (the language server) gives the same capped findings as a fresh analysis', () => {
    const { text } = filled('FROM debian:12\nRUN apt-get install -y ', 'q', 3_000);
    const incremental = new IncrementalState();
    const options = { ...DF, incremental };
    assert.deepEqual(analyze(text, options), analyze(text, DF));
    const edited = text.replace('FROM debian:12\n', 'FROM debian:12\nEXPOSE 80\n');
    assert.deepEqual(analyze(edited, options), analyze(edited, DF));
    assert.equal(summaries(of(analyze(edited, options).findings, 'apt-pin-versions')).length, 1);
    assert.ok(incremental.stats.reused > 0);
  });
});

describe('findings cap and fixes', () => {
  // 80 `apt-get install` commands without -y in one RUN: package-manager-yes has a safe fix per command.
  const text = `FROM debian:12\nRUN ${Array.from({ length: 80 }, (_, i) => `apt-get install --no-install-recommends p${i}=1`).join(' && ')}\n`;

  it('the summary has no fix; fix-all fixes past the cap in later passes', () => {
    const found = of(analyze(text, DF).findings, 'package-manager-yes');
    assert.equal(found.length, FINDINGS_CAP + 1);
    assert.equal(summaries(found)[0].fixes, undefined);
    const result = fixAll(text, DF);
    assert.equal(of(result.remaining, 'package-manager-yes').length, 0);
    assert.equal(result.fixed.filter((f) => f.ruleId === 'package-manager-yes').length, 80);
    assert.equal((result.text.match(/apt-get install -y /g) ?? []).length, 80);
  });

  it('fixing one of the first findings lets a counted one appear: the fix checker compares uncapped analyses', () => {
    // (The summary sorts first: it is on the RUN keyword.)
    const first = of(analyze(text, DF).findings, 'package-manager-yes').filter((f) => !f.message.startsWith('…'))[0];
    assert.ok(first.fixes?.[0]);
    // Under the cap the rule's count stays the same after the fix (the 51st is now reported) and only the summary's
    // number drops: the checker's "finding is gone" holds on the uncapped findings.
    assertFixProperties(text, first, first.fixes[0], DF);
    const after = of(analyze(text.replace('apt-get install --no', 'apt-get install -y --no'), DF).findings, 'package-manager-yes');
    assert.equal(after.length, FINDINGS_CAP + 1);
    assert.match(summaries(after)[0].message, /^…and 29 more/);
  });
});

describe('findings cap: Compose', () => {
  it('per service definition: ports published on all interfaces', () => {
    const ports = (n: number) => Array.from({ length: n }, (_, i) => `      - "${8000 + i}:80"`).join('\n');
    const text = `services:\n  web:\n    image: nginx:1.27\n    ports:\n${ports(70)}\n  api:\n    image: nginx:1.27\n    ports:\n${ports(10)}\n`;
    const options: AnalyzeOptions & { kind: FileKind } = { kind: 'compose', path: '/w/compose.yaml', allRules: true };
    const found = of(analyze(text, options).findings, 'compose-port-all-interfaces');
    assert.equal(found.length, FINDINGS_CAP + 1 + 10);
    const [summary] = summaries(found);
    assert.equal(summary.message, `…and 20 more ports published on all interfaces in service \`web\` (only the first ${FINDINGS_CAP} are reported; fix them and analyze again to see the rest).`);
    assert.deepEqual(summary.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
    assert.equal(summary.fixes, undefined);
    assert.equal(of(analyze(text, { ...options, findingsCap: Infinity }).findings, 'compose-port-all-interfaces').length, 80);
  });
});
