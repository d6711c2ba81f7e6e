/**
 * The analysis core's public vocabulary. Nothing here knows about VS Code, the LSP connection or the
 * file system: the faces (server/lsp, server/cli) translate to and from these shapes.
 */
import type { ShellParseCache } from './dockerfile/shell';
import type { IncrementalState } from './incremental';

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** Half-open range [start, end), as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type FileKind = 'dockerfile' | 'compose';
export type RuleCategory = 'security' | 'supply-chain' | 'correctness';

export interface Reference {
  title: string;
  url: string;
}

/** Everything a user, a hover, a generated doc page or SARIF needs to know about a rule. */
export interface RuleMeta {
  /** Stable kebab-case id; the diagnostic `code`. */
  id: string;
  /** Short imperative-free title, e.g. "Container runs as root". */
  title: string;
  /** Default severity; `off` rules run only with --all-rules or when configured on. */
  severity: SeveritySetting;
  category: RuleCategory;
  kind: FileKind;
  /** What it does: the condition that triggers the rule (one or two sentences). */
  description: string;
  /** Why it matters: the concrete risk, in a sentence an engineer would accept. */
  rationale: string;
  /** How to fix it by hand. */
  howToFix: string;
  /** A minimal example: a file that triggers the rule and its fixed counterpart. */
  example: { bad: string; good: string };
  /** Other tools' codes that name the same check (hadolint DLxxxx, BuildKit, Trivy, Checkov, KICS, CIS). */
  aliases: string[];
  references: Reference[];
  /**
   * What a Dockerfile rule's findings depend on. `instruction`: each finding is about one instruction, depends only on
   * its text and context (escape character, shell, variables in effect, its stage chain's FROM lines) and lies within
   * its lines; the engine then re-runs the rule only on the instructions an edit changed (incremental.ts). Default:
   * the whole file.
   */
  scope?: 'instruction' | 'file';
  /**
   * What one finding is about, in the plural, for the findings cap's summary (cap.ts): "…and 9,303 more
   * `unpinned packages` in this RUN instruction". Default: "<id> findings".
   */
  findingNoun?: string;
  /** Options the examples are analyzed with, for rules that only run when configured (`trustedRegistries`). */
  exampleOptions?: Pick<AnalyzeOptions, 'trustedRegistries' | 'maxLines'>;
}

/** A text edit over the analyzed document (or, with `uri`, over a file beside it). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A file a fix creates beside the analyzed one (only when it does not exist yet). */
export interface FileCreation {
  /** Absolute path. */
  path: string;
  content: string;
}

export interface Fix {
  title: string;
  /** Edits to the analyzed document. */
  edits: TextEdit[];
  /** Files the fix creates (e.g. a `.dockerignore`). */
  createFiles?: FileCreation[];
  /** Safe fixes need no choice or lookup and are applied by fix-all / --fix. */
  safe: boolean;
  isPreferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

/** What a rule may ask the outside world. Provided by the face; pure and synchronous. */
export interface Host {
  /** True when a file or folder exists at this absolute path. */
  exists(path: string): boolean;
  /**
   * The text of the file at this absolute path (UTF-8), or undefined when it cannot be read. Optional: without it,
   * cross-file checks (a Compose service's Dockerfile, read by compose-root-user and compose-no-healthcheck) are
   * skipped. The CLI and the LSP server pass it (the LSP: an open document's text first, then the disk).
   */
  readFile?(path: string): string | undefined;
}

export interface AnalyzeOptions {
  /** Absolute path of the file, when it has one (used for context-relative checks). */
  path?: string;
  /** Per-rule severity overrides; `off` disables. */
  rules?: Record<string, SeveritySetting>;
  /** Turn on the rules that are `off` by default. */
  allRules?: boolean;
  /** Registries base images may come from (globs such as `*.gcr.io`, `registry.corp:5000`); unset: any. */
  trustedRegistries?: string[];
  /** False: `# hadolint ignore=` comments are not honoured (hadolint's `disable-ignore-pragma`). Default true. */
  hadolintPragmas?: boolean;
  host?: Host;
  /**
   * Analysis limit: a file longer than this many lines (default 5,000), or than 500,000 characters, is analyzed up
   * to the last whole line within both limits, with a `file-too-large` finding saying so.
   */
  maxLines?: number;
  /** "Today" for date-based rules (`eol-base-image`), `YYYY-MM-DD` or a Date; defaults to the current date. */
  now?: Date | string;
  /** Shell scripts parsed by earlier analyses of the same document, reused when their text is unchanged (editors). */
  shellCache?: ShellParseCache;
  /**
   * Findings of earlier analyses of the same document (editors): rules whose findings depend only on one instruction
   * are not re-run on instructions an edit did not change (see incremental.ts).
   */
  incremental?: IncrementalState;
  /**
   * Findings kept per rule and instruction (Compose: per rule and service definition or top-level entry); the rest
   * become one summary finding (cap.ts). Default FINDINGS_CAP (50); `Infinity` turns the cap off (the fix checker).
   */
  findingsCap?: number;
}

export interface AnalysisResult {
  kind: FileKind;
  findings: Finding[];
  /** Rules that threw, with their error; the other rules' findings are still returned. */
  ruleErrors: { ruleId: string; error: string }[];
}
