/**
 * ESLint RuleTester-style tables for Bulwark rules: every `valid` case must produce no finding of the
 * rule, every `invalid` case exactly the listed findings (1-based line/column, as the CLI prints them).
 * The rule runs through the real engine, so severities and the rule registry are exercised too. The file kind comes
 * from the rule's meta: a Compose rule's case is analyzed as /ctx/compose.yaml unless it gives a path.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyze, initializeCore } from '../../server/core/engine';
import type { Rule } from '../../server/core/rules/rule';
import type { AnalyzeOptions, FileKind, Finding } from '../../server/core/types';
import { applyEdits } from '../../server/core/fixes/edits';
import { assertFixProperties } from './fix-properties';

export interface ValidCase {
  name?: string;
  code: string;
  /** Absolute path the file is analyzed as (default /ctx/Dockerfile, or /ctx/compose.yaml for a Compose rule). */
  path?: string;
  /** Absolute paths that exist for the host (e.g. a .dockerignore). */
  files?: string[];
  options?: AnalyzeOptions;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message?: RegExp | string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /**
   * The text after applying the first finding's preferred (else first) fix, as ESLint's RuleTester `output`; `null`
   * asserts that the first finding offers no fix. Whether or not it is given, every fix of every finding is checked
   * against the fix properties (test/helpers/fix-properties.ts).
   */
  output?: string | null;
  /** The titles of the first finding's fixes, in order. */
  fixTitles?: string[];
}

/** The default path of a case for a rule of this kind. */
export function defaultPathFor(kind: FileKind): string {
  return kind === 'compose' ? '/ctx/compose.yaml' : '/ctx/Dockerfile';
}

/**
 * The options a case is analyzed with: its path and files, the rule's file kind, and the rule switched on even when
 * off by default.
 */
export function optionsFor(rule: Rule, c: ValidCase): AnalyzeOptions & { kind: FileKind } {
  const files = new Set((c.files ?? []).map((f) => path.resolve(f)));
  return {
    kind: rule.meta.kind,
    path: c.path ?? defaultPathFor(rule.meta.kind),
    host: { exists: (p) => files.has(path.resolve(p)) },
    ...c.options,
    rules: { ...c.options?.rules, [rule.meta.id]: c.options?.rules?.[rule.meta.id] ?? (rule.meta.severity === 'off' ? 'warning' : rule.meta.severity) },
  };
}

export function findingsFor(rule: Rule, c: ValidCase): Finding[] {
  const result = analyze(c.code, optionsFor(rule, c));
  assert.deepEqual(result.ruleErrors, [], 'no rule may throw');
  return result.findings.filter((f) => f.ruleId === rule.meta.id);
}

function describeFinding(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`;
}

export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    before(() => initializeCore());
    cases.valid.forEach((v, i) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = findingsFor(rule, c);
        assert.equal(found.length, 0, `expected no finding, got:\n${found.map(describeFinding).join('\n')}\n--- code:\n${c.code}`);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = findingsFor(rule, c);
        assert.equal(
          found.length,
          c.errors.length,
          `expected ${c.errors.length} finding(s), got:\n${found.map(describeFinding).join('\n')}\n--- code:\n${c.code}`,
        );
        c.errors.forEach((e, k) => {
          const f = found[k];
          const where = `finding ${k + 1}: ${describeFinding(f)}`;
          assert.equal(f.range.start.line + 1, e.line, `line of ${where}`);
          if (e.column !== undefined) assert.equal(f.range.start.character + 1, e.column, `column of ${where}`);
          if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `endLine of ${where}`);
          if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `endColumn of ${where}`);
          if (e.message instanceof RegExp) assert.match(f.message, e.message, where);
          else if (typeof e.message === 'string') assert.equal(f.message, e.message, where);
        });
        const options = optionsFor(rule, c);
        for (const f of found) for (const fix of f.fixes ?? []) assertFixProperties(c.code, f, fix, options, `invalid #${i + 1}`);
        const first = found[0];
        if (c.fixTitles !== undefined) assert.deepEqual((first.fixes ?? []).map((x) => x.title), c.fixTitles);
        if (c.output === null) assert.equal(first.fixes?.length ?? 0, 0, 'expected no fix');
        else if (c.output !== undefined) {
          const fix = first.fixes?.find((x) => x.isPreferred) ?? first.fixes?.[0];
          assert.ok(fix, 'expected a fix');
          assert.equal(applyEdits(c.code, fix.edits), c.output);
        }
      });
    });
  });
}
