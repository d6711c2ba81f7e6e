/**
 * `bulwark lint --format junit`: JUnit XML, for CI test-report views (GitLab's `artifacts:reports:junit`, Jenkins,
 * Azure Pipelines, CircleCI, …).
 *
 * One <testsuite> per file; in it, one <testcase> per rule that ran on the file: the rules are the tests, the files
 * what they test. A test case is named after the rule and the file (GitLab keeps only the first of several test cases
 * with the same name, and compares a merge request's failures with its target branch's by name), so its identity
 * survives edits that move lines, and a fixed finding shows as a resolved failure. `classname` is the file (GitLab
 * shows it as the suite), `file` its path.
 *
 * A test case fails when the rule found something at or above --fail-on, as the exit code does: one <failure> per
 * test case, its `message` the first finding (and how many more), `type` the highest severity, its text every finding
 * as `path:line:col: severity: message` followed by the rule's help and documentation link. Findings below --fail-on
 * leave the test case passing and are listed in its <system-out>. A file that could not be read is a test case with an
 * <error>.
 *
 * A configuration file with problems is a <testsuite> of its own, named after the file, with one <testcase>
 * ("configuration <path>"): in <error> when a problem is an error (the run exits 2), passing with the problems in
 * <system-out> when they are only warnings or notes. Each problem is listed as `path:line:col: severity: message`.
 */
import { getRule, ruleDocUrl } from '../core';
import type { FailOn, Finding, Severity } from '../core';
import type { ConfigProblemReport } from './config';
import type { Problem } from './discovery';
import { rulesThatRan } from './format';
import type { FileReport } from './format';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface JunitContext {
  /** --fail-on (or `error`): for files without a failOn of their own. */
  failOn: FailOn;
  allRules: boolean;
  /** Unreadable input, reported as test cases in error. */
  errors: Problem[];
  /** Problems in the configuration files read. */
  configProblems?: ConfigProblemReport[];
}

/**
 * Text fit for XML 1.0: the characters XML cannot carry at all (C0 controls other than tab, LF and CR; lone
 * surrogates; U+FFFE, U+FFFF) become U+FFFD, then markup is escaped (quotes too, so it is also fit for attributes, where
 * line breaks and tabs are written as character references so that parsers do not normalize them to spaces).
 */
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(text: string, attribute = false): string {
  const clean = text.replace(NOT_XML, '\ufffd');
  const escaped = clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return attribute ? escaped.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : escaped.replace(/\r/g, '&#13;');
}

interface Case {
  name: string;
  classname: string;
  file: string;
  failure?: { message: string; type: string; text: string };
  error?: { message: string; type: string; text: string };
  output?: string;
}

export function formatJunit(files: FileReport[], ctx: JunitContext): string {
  const suites: { name: string; cases: Case[] }[] = [];

  for (const f of files) {
    const failOn = f.failOn ?? ctx.failOn;
    // failOn `none`: nothing fails.
    const threshold = failOn === 'none' ? Infinity : RANK[failOn];
    const cases: Case[] = [];
    for (const rule of rulesThatRan([f], ctx.allRules)) {
      const id = rule.meta.id;
      const found = f.findings.filter((x) => x.ruleId === id);
      const failing = found.filter((x) => RANK[x.severity] >= threshold);
      const below = found.filter((x) => RANK[x.severity] < threshold);
      const c: Case = { name: `${id} in ${f.path}`, classname: f.path, file: f.path };
      if (failing.length) {
        const worst = failing.reduce((a, x) => (RANK[x.severity] > RANK[a.severity] ? x : a));
        c.failure = {
          message: failing[0].message + (failing.length > 1 ? ` (and ${failing.length - 1} more)` : ''),
          type: worst.severity,
          text: [...failing.map((x) => findingLine(f.path, x)), '', ...ruleHelp(id)].join('\n'),
        };
      }
      if (below.length) c.output = below.map((x) => findingLine(f.path, x)).join('\n');
      cases.push(c);
    }
    suites.push({ name: f.path, cases });
  }
  for (const e of ctx.errors) {
    suites.push({
      name: e.path,
      cases: [
        { name: `read ${e.path}`, classname: e.path, file: e.path, error: { message: e.message, type: 'io', text: `${e.path}: ${e.message}` } },
      ],
    });
  }

  const byFile = new Map<string, ConfigProblemReport[]>();
  for (const p of ctx.configProblems ?? []) byFile.set(p.path, [...(byFile.get(p.path) ?? []), p]);
  for (const [file, problems] of byFile) {
    const text = problems.map((p) => `${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message}`).join('\n');
    const errors = problems.filter((p) => p.severity === 'error');
    const c: Case = { name: `configuration ${file}`, classname: file, file };
    if (errors.length) {
      c.error = { message: errors[0].message + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''), type: 'config', text };
    } else {
      c.output = text;
    }
    suites.push({ name: file, cases: [c] });
  }

  const count = (cs: Case[], key: 'failure' | 'error') => cs.filter((c) => c[key]).length;
  const all = suites.flatMap((s) => s.cases);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Bulwark" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="0">`,
  ];
  for (const s of suites) {
    out.push(
      `  <testsuite name="${xmlEscape(s.name, true)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" ` +
        `errors="${count(s.cases, 'error')}" skipped="0" time="0">`,
    );
    for (const c of s.cases) {
      const open =
        `    <testcase name="${xmlEscape(c.name, true)}" classname="${xmlEscape(c.classname, true)}" ` +
        `file="${xmlEscape(c.file, true)}" time="0"`;
      const body: string[] = [];
      for (const [tag, v] of [['failure', c.failure], ['error', c.error]] as const) {
        if (v) body.push(`      <${tag} message="${xmlEscape(v.message, true)}" type="${xmlEscape(v.type, true)}">${xmlEscape(v.text)}</${tag}>`);
      }
      if (c.output) body.push(`      <system-out>${xmlEscape(c.output)}</system-out>`);
      out.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function findingLine(path: string, x: Finding): string {
  return `${path}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.severity}: ${x.message}`;
}

function ruleHelp(id: string): string[] {
  const meta = getRule(id)?.meta;
  if (!meta) return [];
  return [`${meta.title}. ${meta.rationale}`, `How to fix: ${meta.howToFix}`, `Documentation: ${ruleDocUrl(id)}`];
}
