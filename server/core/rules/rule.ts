import type { ComposeModel } from '../compose/model';
import type { DfInstruction, DockerfileModel } from '../dockerfile/model';
import type { AnalyzeOptions, Fix, Host, Range, RuleMeta, Severity } from '../types';

/** What a Dockerfile rule's check receives. */
export interface DockerfileContext {
  model: DockerfileModel;
  /** Absolute path of the Dockerfile, when it has one. */
  path?: string;
  host: Host;
  options: AnalyzeOptions;
  /** Reports a finding at `range` (the offending word, not the whole line). */
  report(range: Range, message: string, fixes?: Fix[]): void;
  /**
   * The findings cap (cap.ts): call it for each finding about `instr`, before building it (message, range, fixes).
   * True when the rule already reported the cap's worth on that instruction: the finding is counted for the summary
   * the engine reports, and must not be built or reported. (Findings reported without asking are capped too, after
   * they are built.)
   */
  overCap(instr: DfInstruction): boolean;
}

export interface DockerfileRule {
  meta: RuleMeta;
  check(ctx: DockerfileContext): void;
}

/** What a Compose rule's check receives. */
export interface ComposeContext {
  model: ComposeModel;
  /** Absolute path of the Compose file, when it has one. */
  path?: string;
  host: Host;
  options: AnalyzeOptions;
  /**
   * Reports a finding at `range` (the offending key or value, not the whole service). A value merged from an anchor
   * into several services has one range (where it is written): the engine keeps one finding per rule and range.
   */
  report(range: Range, message: string, fixes?: Fix[], options?: ReportOptions): void;
  /**
   * The findings cap (cap.ts), as in DockerfileContext: call it with the range a finding would have (its start
   * decides the service or top-level entry), before building the rest of it; true: counted, do not report it.
   */
  overCap(range: Range): boolean;
}

/**
 * Per-finding options. `severity` lowers one finding below the rule's severity (a read-only sensitive mount is a
 * warning where the writable one is an error); it never raises it: the finding gets the lower of this and the rule's
 * configured severity.
 */
export interface ReportOptions {
  severity?: Severity;
}

export interface ComposeRule {
  meta: RuleMeta;
  check(ctx: ComposeContext): void;
}

export type Rule = DockerfileRule | ComposeRule;

/** Base URL of the generated rule documentation (docs/rules/<id>.md). */
export const DOCS_BASE_URL = 'https://github.com/bulwark-security/bulwark/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** CIS Docker Benchmark reference. */
export function cis(item: string, title: string): { title: string; url: string } {
  return { title: `CIS Docker Benchmark v1.6 ${item}: ${title}`, url: 'https://www.cisecurity.org/benchmark/docker' };
}

export function hadolint(code: string): { title: string; url: string } {
  return { title: `hadolint ${code}`, url: `https://github.com/hadolint/hadolint/wiki/${code}` };
}
