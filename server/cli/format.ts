/**
 * Output formats of `bulwark lint`. Lines and columns are 1-based (columns count UTF-16 code units, as
 * editors do); `endColumn` is exclusive, so a 4-character word at column 1 has `endColumn` 5.
 */
import { allRules, effectiveSeverity } from '../core';
import type { AnalyzeOptions, FailOn, FileKind, Finding, Range, Severity } from '../core';
import type { ConfigProblemReport } from './config';

type Rule = (typeof allRules)[number];

export interface FileReport {
  /** Path as printed (relative to the current folder when inside it; `<stdin>` for unnamed standard input). */
  path: string;
  /** Absolute path; undefined for standard input without --stdin-filename. */
  absPath?: string;
  kind: FileKind;
  findings: Finding[];
  /** The text the findings are positions in (SARIF fingerprints and fixes need it); not in the JSON output. */
  text?: string;
  /** With --fix / --fix-dry-run: what was (or would be) fixed. */
  fix?: FixReport;
  /** The file's failOn (its configuration, or --fail-on); default `error`. */
  failOn?: FailOn;
  /** The rule options its configuration gave (which rules ran); default: --all-rules alone. */
  options?: Pick<AnalyzeOptions, 'rules' | 'allRules'>;
}

/** What --fix did to one file (--fix-dry-run: would do). */
export interface FixReport {
  /** Problems fixed: how many fewer findings the file has. */
  fixed: number;
  /** The file's text was (would be) rewritten. */
  changed: boolean;
  /** Files created beside it (paths as printed). */
  created: string[];
  /** --fix-dry-run: the unified diff of the file and of the files it would create ('' when none). */
  diff?: string;
}

/** The JSON format's finding: a contract other tools rely on; keep it stable (add keys, never rename). */
export interface JsonFinding {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

export interface JsonFile {
  path: string;
  kind: FileKind;
  findings: JsonFinding[];
  /** --fix / --fix-dry-run only. */
  fixed?: number;
  created?: string[];
  /** --fix-dry-run only. */
  diff?: string;
}

/** A problem in a configuration file (1-based, end exclusive), as the JSON format gives it. */
export type JsonConfigProblem = Omit<ConfigProblemReport, 'absPath'>;

/** A 0-based range as the formats print it: 1-based lines and columns, the end exclusive. */
export function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export interface JsonReport {
  version: 1;
  files: JsonFile[];
  /** Present when a configuration file read has problems. */
  configProblems?: JsonConfigProblem[];
}

export function toJsonReport(files: FileReport[], configProblems: ConfigProblemReport[] = []): JsonReport {
  return {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      kind: f.kind,
      findings: f.findings.map((x): JsonFinding => ({
        rule: x.ruleId,
        severity: x.severity,
        message: x.message,
        ...oneBased(x.range),
        fixable: (x.fixes?.length ?? 0) > 0,
      })),
      ...(f.fix ? { fixed: f.fix.fixed, created: f.fix.created } : {}),
      ...(f.fix?.diff !== undefined ? { diff: f.fix.diff } : {}),
    })),
    ...(configProblems.length ? { configProblems: configProblems.map(({ absPath: _absPath, ...p }): JsonConfigProblem => p) } : {}),
  };
}

/** One line (friendlier to pipes and line-oriented tools; `| jq .` pretty-prints it), newline-terminated. */
export function formatJson(files: FileReport[], configProblems: ConfigProblemReport[] = []): string {
  return JSON.stringify(toJsonReport(files, configProblems)) + '\n';
}

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  green: '\x1b[32m',
};

export type Painter = (style: keyof typeof ANSI | (keyof typeof ANSI)[], text: string) => string;

export function painter(color: boolean): Painter {
  if (!color) return (_style, text) => text;
  return (style, text) => {
    const codes = (Array.isArray(style) ? style : [style]).map((s) => ANSI[s]).join('');
    return `${codes}${text}${ANSI.reset}`;
  };
}

const SEVERITY_STYLE: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };

export function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Counts of findings by severity. */
export function countBySeverity(files: FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) counts[x.severity]++;
  return counts;
}

/**
 * `path:line:col  severity  message  [rule-id]`, one line per finding, grouped by file (a blank line
 * between files), then a summary line.
 */
export function formatText(files: FileReport[], color: boolean): string {
  const paint = painter(color);
  const out: string[] = [];
  const sevWidth = 'warning'.length;
  for (const f of files) {
    if (!f.findings.length) continue;
    const locations = f.findings.map((x) => `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}`);
    const locWidth = Math.max(...locations.map((l) => l.length));
    f.findings.forEach((x, i) => {
      const loc = locations[i].padEnd(locWidth);
      const sev = paint(SEVERITY_STYLE[x.severity], x.severity.padEnd(sevWidth));
      out.push(`${loc}  ${sev}  ${oneLine(x.message)}  ${paint('dim', `[${x.ruleId}]`)}`);
    });
    out.push('');
  }
  const counts = countBySeverity(files);
  const total = counts.error + counts.warning + counts.info;
  const fileCount = plural(files.length, 'file');
  if (total === 0) {
    out.push(paint('green', `No problems found in ${fileCount}.`));
  } else {
    const summary =
      `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
      `${counts.info} info) in ${fileCount}`;
    out.push(paint(['bold', counts.error ? 'red' : counts.warning ? 'yellow' : 'cyan'], summary));
  }
  return out.join('\n') + '\n';
}

/** Messages are one sentence, but a stray newline must not break the one-finding-per-line format. */
export function oneLine(message: string): string {
  // Each whitespace run holding a line break becomes one space (`/\s*[\r\n]+\s*/g` did the same, quadratically).
  return message.replace(/\s+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run));
}

/**
 * The rules that ran on these files, in catalog order (that of `bulwark rules`): for each file linted, the rules of its
 * kind its options (its configuration; else --all-rules) turned on, and any rule that reported.
 */
export function rulesThatRan(files: FileReport[], allRulesOn: boolean): Rule[] {
  const reported = new Set(files.flatMap((f) => f.findings.map((x) => x.ruleId)));
  return allRules.filter(
    (rule) =>
      reported.has(rule.meta.id) ||
      files.some((f) => f.kind === rule.meta.kind && effectiveSeverity(rule, f.options ?? { allRules: allRulesOn }) !== 'off'),
  );
}
