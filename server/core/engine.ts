/**
 * analyze(text, options) -> findings. Picks the rules for the file kind, resolves severities, runs each
 * rule in isolation (a rule that throws is reported in `ruleErrors`; the others still publish).
 */
import { ComposeModel } from './compose/model';
import { DockerfileModel } from './dockerfile/model';
import { initShellParser } from './dockerfile/shell';
import { composeRules, dockerfileRules, getRule } from './rules';
import type { SuppressionProblem } from './suppressions';
import { composeSuppressions, dockerfileSuppressions } from './suppressions';
import type { DockerfileContext, Rule } from './rules/rule';
import invalidSuppression from './rules/dockerfile/invalid-suppression';
import fileTooLarge from './rules/dockerfile/file-too-large';
import type { AnalysisResult, AnalyzeOptions, FileCreation, FileKind, Finding, Fix, Host, Range, Severity, SeveritySetting, TextEdit } from './types';
import { applyEdits, editsOverlap } from './fixes/edits';
import type { ScopedRule } from './incremental';
import { LineIndex } from './text';
import { capMessage, composeUnits, FINDINGS_CAP, FindingsCapper, instructionAtLine, instructionUnit, unitAtOffset } from './cap';
import { compareCodeUnits, formatCount } from './format';

const NO_FILES: Host = { exists: () => false };

/**
 * Loads what the analysis needs before it can run synchronously (the shell grammar, WebAssembly). Await it once
 * per process before calling `analyze`; later calls return the same promise.
 */
export function initializeCore(): Promise<void> {
  return initShellParser();
}

/** The kind of file a path names, by Docker's and Compose's naming conventions; undefined otherwise. */
export function detectKind(path: string): FileKind | undefined {
  const base = path.replace(/\\/g, '/').replace(/^.*\//, '');
  if (/^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) {
    return 'dockerfile';
  }
  if (/^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(base)) return 'compose';
  return undefined;
}

export function effectiveSeverity(rule: Pick<Rule, 'meta'>, options: AnalyzeOptions): SeveritySetting {
  const configured = options.rules?.[rule.meta.id];
  if (configured) return configured;
  if (rule.meta.severity === 'off' && options.allRules) return defaultOnSeverity(rule);
  return rule.meta.severity;
}

/** Severity an `off`-by-default rule reports at when turned on without an explicit level. */
function defaultOnSeverity(rule: Pick<Rule, 'meta'>): Severity {
  return rule.meta.category === 'security' ? 'warning' : 'info';
}

export function analyzeDockerfile(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const model = new DockerfileModel(text, { shellCache: options.shellCache });
  return runDockerfileRules(model, options);
}

export function runDockerfileRules(model: DockerfileModel, options: AnalyzeOptions = {}): AnalysisResult {
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];
  const incremental = options.incremental?.begin(model, options);
  // Instruction-scoped rules, when the caller keeps incremental state: run together at the end, each only on the
  // instructions an edit changed (incremental.ts); the findings' order does not matter (sorted below).
  const scoped: (ScopedRule & { whole(): void })[] = [];
  for (const rule of dockerfileRules) {
    const severity = effectiveSeverity(rule, options);
    if (severity === 'off') continue;
    const ctx: DockerfileContext = {
      model,
      path: options.path,
      host: options.host ?? NO_FILES,
      options,
      report(range, message, fixes) {
        fixes = fixes?.filter((fix) => !swallowedAtEnd(model, fix));
        findings.push({ ruleId: rule.meta.id, severity, message, range, ...(fixes?.length ? { fixes } : {}) });
      },
      overCap: () => false,
    };
    const whole = () => {
      try {
        checkCapped(rule, ctx, model, ctx.report, options.findingsCap ?? FINDINGS_CAP);
      } catch (e) {
        ruleErrors.push({ ruleId: rule.meta.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    };
    if (incremental && rule.meta.scope === 'instruction') {
      scoped.push({ id: rule.meta.id, check: (view, report) => checkCapped(rule, ctx, view, report, options.findingsCap ?? FINDINGS_CAP), report: ctx.report, whole });
    } else whole();
  }
  if (incremental && scoped.length > 0) for (const rule of incremental.runAll(scoped)) (rule as (typeof scoped)[number]).whole();
  const suppressions = dockerfileSuppressions(model, (name) => getRule(name)?.meta.id, { hadolint: options.hadolintPragmas });
  const kept = findings.filter((f) => !suppressions.isSuppressed(f.ruleId, f.range));
  // `# check=error=true`: BuildKit fails the build on its checks' violations, so the rules it shares are errors.
  if (suppressions.buildkitError) {
    for (const f of kept) if (getRule(f.ruleId)?.meta.aliases.some((a) => a.startsWith('BK '))) f.severity = 'error';
  }
  return { kind: 'dockerfile', findings: withSuppressionProblems(kept, suppressions.problems, options), ruleErrors };
}

/**
 * Runs a Dockerfile rule on a model (or an incremental view of it) under the findings cap (cap.ts): at most `limit`
 * findings per instruction go to `report`, then one summary per instruction over the cap, on its keyword.
 */
function checkCapped(rule: Rule & { check(ctx: DockerfileContext): void }, ctx: DockerfileContext, model: DockerfileModel, report: DockerfileContext['report'], limit: number): void {
  if (limit === Infinity) {
    rule.check({ ...ctx, model, report });
    return;
  }
  const capper = new FindingsCapper(limit);
  const instructions = model.instructions;
  rule.check({
    ...ctx,
    model,
    report(range, message, fixes) {
      const instr = instructionAtLine(instructions, range.start.line);
      if (!instr || capper.admit(instructionUnit(instr))) report(range, message, fixes);
    },
    overCap: (instr) => capper.full(instructionUnit(instr)),
  });
  for (const s of capper.summaries()) report(s.unit.range, capMessage(rule.meta, s, limit));
}

/**
 * True for a fix that edits at or after the end of the file's last instruction while that instruction is left open
 * (a trailing escape character or an unclosed heredoc: the user is typing it). Whatever the fix appends would become
 * part of the open instruction, so the fix would not do what its title says; it is not offered until the instruction
 * is closed.
 */
function swallowedAtEnd(model: DockerfileModel, fix: Fix): boolean {
  const last = model.instructions[model.instructions.length - 1];
  if (!last || !fix.edits.some((e) => model.offsetAt(e.range.start) >= last.end)) return false;
  return model.openAtEnd;
}

/**
 * The findings to publish: those no comment suppressed, plus one `invalid-suppression` finding per unknown rule name in
 * a suppression comment, sorted by position, then rule id (by code unit: rule ids are lower-case ASCII words and
 * hyphens, which sort the same as with localeCompare, whose ICU call was ~2% of a keystroke on the compose file).
 */
function withSuppressionProblems(kept: Finding[], problems: SuppressionProblem[], options: AnalyzeOptions): Finding[] {
  const severity = effectiveSeverity(invalidSuppression, options);
  if (severity !== 'off') {
    for (const p of problems) kept.push({ ruleId: invalidSuppression.meta.id, severity, message: p.message, range: p.range });
  }
  return kept.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      compareCodeUnits(a.ruleId, b.ruleId),
  );
}

export function analyzeCompose(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return runComposeRules(new ComposeModel(text), options);
}

/**
 * Runs the Compose rules on a model: like the Dockerfile path, plus one finding per rule and range (a value merged
 * from one anchor into several services is written, and reported, once). Suppressions: `# bulwark-ignore` before a
 * key, `# bulwark-ignore-file` anywhere; unknown rule names in them are reported as `invalid-suppression`.
 */
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The lower of a rule's configured severity and a finding's own (ReportOptions.severity); never raises it. */
export function lowerSeverity(configured: Severity, own: Severity | undefined): Severity {
  return own !== undefined && SEVERITY_RANK[own] < SEVERITY_RANK[configured] ? own : configured;
}

export function runComposeRules(model: ComposeModel, options: AnalyzeOptions = {}): AnalysisResult {
  const findings: Finding[] = [];
  const ruleErrors: AnalysisResult['ruleErrors'] = [];
  const reported = new Set<string>();
  let units: ReturnType<typeof composeUnits> | undefined;
  for (const rule of composeRules) {
    const severity = effectiveSeverity(rule, options);
    if (severity === 'off') continue;
    // The findings cap (cap.ts): per service definition or top-level entry. Not for compose-yaml-syntax, which lists
    // at most 100 YAML problems and then says how many more there are (compose/yaml-parse.ts).
    const limit = rule.meta.id === 'compose-yaml-syntax' ? Infinity : (options.findingsCap ?? FINDINGS_CAP);
    const capper = new FindingsCapper(limit);
    const unitAt = (range: Range) => (limit === Infinity ? undefined : unitAtOffset((units ??= composeUnits(model)), model.lines.offsetAt(range.start)));
    const push = (range: Range, message: string, own: Severity, fixes?: Fix[]) => findings.push({ ruleId: rule.meta.id, severity: own, message, range, ...(fixes?.length ? { fixes } : {}) });
    try {
      rule.check({
        model,
        path: options.path,
        host: options.host ?? NO_FILES,
        options,
        report(range, message, fixes, reportOptions) {
          const key = `${rule.meta.id}:${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
          if (reported.has(key)) return;
          reported.add(key);
          const own = lowerSeverity(severity, reportOptions?.severity);
          const unit = unitAt(range);
          if (unit && !capper.admit(unit, own)) return;
          if (fixes?.length && rule.meta.id !== 'compose-yaml-syntax') fixes = fixes.filter((fix) => !inBrokenYaml(model, range, fix));
          push(range, message, own, fixes);
        },
        overCap(range) {
          const unit = unitAt(range);
          return !!unit && capper.full(unit);
        },
      });
      for (const s of capper.summaries()) push(s.unit.range, capMessage(rule.meta, s, limit), lowerSeverity(severity, s.severity));
    } catch (e) {
      ruleErrors.push({ ruleId: rule.meta.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  const suppressions = composeSuppressions(model, (name) => getRule(name)?.meta.id);
  const kept = findings.filter((f) => !suppressions.isSuppressed(f.ruleId, f.range));
  return { kind: 'compose', findings: withSuppressionProblems(kept, suppressions.problems, options), ruleErrors };
}

/**
 * True when a fix would be placed by a structure the parser guessed: its finding, or one of its edits, lies in a YAML
 * document with syntax errors, or in a mapping with a duplicate key.
 * - Syntax errors: the structure such a document parses to is the parser's guess (an unclosed `{` takes in the block
 *   mapping after it), so an edit placed by it may land anywhere.
 * - A duplicate key (the rest of the document parses as written): Docker Compose refuses the file, and the rules saw
 *   one of the repeated entries only (a second `services:` or service of the same name is skipped), so a fix would
 *   edit one copy while the other stays, or land in the middle of it. A fix that only deletes, for a finding on an
 *   occurrence of the repeated key itself, is kept: its rule reported that entry as written and removes it
 *   (compose-version-obsolete deletes each `version:`).
 * Only compose-yaml-syntax's own fixes are offered there until the error is fixed.
 */
function inBrokenYaml(model: ComposeModel, range: Range, fix: Fix): boolean {
  let broken = brokenSpans.get(model);
  if (!broken) {
    const errors = model.problems.filter((p) => p.severity === 'error' && p.code !== 'DUPLICATE_KEY').map((p) => model.lines.offsetAt(p.range.start));
    const documents = model.documents.filter((d) => errors.some((e) => d.yaml.range[0] <= e && e <= d.yaml.range[2])).map((d) => [d.yaml.range[0], d.yaml.range[2]] as [number, number]);
    // Errors outside every document (an empty stream's): the whole text.
    if (errors.length > 0 && documents.length === 0) documents.push([0, model.text.length]);
    broken = { documents, mappings: model.duplicateKeyMaps };
    brokenSpans.set(model, broken);
  }
  // A file without syntax errors or duplicate keys (most): nothing to look up per fix.
  if (broken.documents.length === 0 && broken.mappings.length === 0) return false;
  const touches = (spans: [number, number][]) => {
    if (spans.length === 0) return false;
    const inside = (offset: number) => spans.some(([s, e]) => s <= offset && offset <= e);
    return inside(model.lines.offsetAt(range.start)) || fix.edits.some((e) => inside(model.lines.offsetAt(e.range.start)) || inside(model.lines.offsetAt(e.range.end)));
  };
  const removesRepeatedEntry = model.repeatedKeyOffsets.has(model.lines.offsetAt(range.start)) && fix.edits.every((e) => e.newText === '');
  return touches(broken.documents) || (!removesRepeatedEntry && touches(broken.mappings));
}
const brokenSpans = new WeakMap<ComposeModel, { documents: [number, number][]; mappings: [number, number][] }>();

/**
 * A file with NUL bytes is binary (no Dockerfile or YAML text has one): rules would only report noise from its bytes,
 * so it gets one finding saying so, from the kind's syntax rule, and nothing else.
 */
function binaryFile(text: string, nul: number, kind: FileKind, options: AnalyzeOptions): AnalysisResult {
  const rule = getRule(kind === 'compose' ? 'compose-yaml-syntax' : 'syntax-error')!;
  const severity = effectiveSeverity(rule, options);
  const index = new LineIndex(text.slice(0, nul + 1));
  const at = index.positionAt(nul);
  const findings: Finding[] =
    severity === 'off'
      ? []
      : [{ ruleId: rule.meta.id, severity, message: `This file looks binary (a NUL byte at line ${at.line + 1}): it is not ${kind === 'compose' ? 'a Compose file' : 'a Dockerfile'} and is not analyzed.`, range: { start: at, end: { line: at.line, character: at.character + 1 } } }];
  return { kind, findings, ruleErrors: [] };
}

/** Default analysis limits (AnalyzeOptions.maxLines; the character limit is fixed). */
export const MAX_LINES = 5_000;
export const MAX_CHARS = 500_000;

/**
 * Where a file over the analysis limits is cut: after its last whole line within both limits. Undefined when the file
 * is within them (a final line break does not count as a line).
 */
export function analysisCut(text: string, maxLines = MAX_LINES): { lines: number; offset: number; totalLines: number } | undefined {
  if (text.length <= MAX_CHARS && text.length <= maxLines) return undefined;
  // Within the character limit and with fewer line breaks (CR or LF) than the line limit: no cut, and no line index
  // built for nothing (this runs on every analysis).
  if (text.length <= MAX_CHARS && lineBreaksUpTo(text, maxLines) < maxLines) return undefined;
  const index = new LineIndex(text);
  const totalLines = index.lineCount - (index.lineCount > 1 && index.lineText(index.lineCount - 1) === '' ? 1 : 0);
  let lines = Math.min(maxLines, totalLines);
  while (lines > 0 && index.lineStarts[lines] !== undefined && index.lineStarts[lines] > MAX_CHARS) lines--;
  if (lines >= totalLines) return undefined;
  return { lines, offset: index.lineStarts[lines], totalLines };
}

/** The number of CR and LF characters in the text, counted up to `limit`. */
function lineBreaksUpTo(text: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) n++;
  }
  return n;
}

/**
 * Analyzes a file of either kind; `kind` defaults to what the path's name says (Dockerfile otherwise). A file over
 * the analysis limits is analyzed up to the cut (analysisCut) with a `file-too-large` finding on its first line; fixes
 * that would edit at or past the cut are dropped (the text there is not what the analysis saw).
 */
export function analyze(text: string, options: AnalyzeOptions & { kind?: FileKind } = {}): AnalysisResult {
  const kind = options.kind ?? (options.path ? detectKind(options.path) : undefined) ?? 'dockerfile';
  const run = kind === 'compose' ? analyzeCompose : analyzeDockerfile;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return binaryFile(text, nul, kind, options);
  const cut = analysisCut(text, options.maxLines);
  if (!cut) return run(text, options);
  const result = run(text.slice(0, cut.offset), options);
  const lastLine = cut.lines - 1;
  for (const f of result.findings) {
    if (!f.fixes) continue;
    f.fixes = f.fixes.filter((fix) => fix.edits.every((e) => e.range.end.line < lastLine));
    if (f.fixes.length === 0) delete f.fixes;
  }
  const severity = effectiveSeverity(fileTooLarge, options);
  if (severity !== 'off') {
    const first = text.slice(0, Math.min(cut.offset, text.search(/\r|\n|$/)));
    result.findings.unshift({
      ruleId: fileTooLarge.meta.id,
      severity,
      message: `File too large: analyzed the first ${cut.lines} lines of ${cut.totalLines} (the limit is ${options.maxLines ?? MAX_LINES} lines and ${formatCount(MAX_CHARS)} characters); nothing after line ${cut.lines} is checked.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
    });
  }
  return result;
}

export interface FixAllResult {
  text: string;
  /** The findings whose fix was applied, pass by pass. */
  fixed: Finding[];
  /** Files safe fixes asked to create. */
  createFiles: FileCreation[];
  /** What is left after fixing. */
  remaining: Finding[];
}

/** The fix fix-all applies for a finding: its preferred safe fix, else its first safe one. */
export function safeFixOf(finding: Finding): Fix | undefined {
  const safe = finding.fixes?.filter((f) => f.safe) ?? [];
  return safe.find((f) => f.isPreferred) ?? safe[0];
}

/**
 * Applies every safe fix, in passes: each pass applies the fixes whose edits do not overlap, then re-analyzes (a fix
 * can change what other fixes should do). Fixes that need a choice or a lookup are never applied here.
 */
export function fixAll(text: string, options: AnalyzeOptions & { kind?: FileKind } = {}, maxPasses = 8): FixAllResult {
  const fixed: Finding[] = [];
  const createFiles: FileCreation[] = [];
  // Files a fix creates exist for the passes after it.
  const host = options.host ?? NO_FILES;
  options = {
    ...options,
    host: { exists: (p) => createFiles.some((f) => f.path === p) || host.exists(p), ...(host.readFile ? { readFile: (p: string) => host.readFile!(p) } : {}) },
  };
  let result = analyze(text, options);
  for (let pass = 0; pass < maxPasses; pass++) {
    const index = new LineIndex(text);
    const chosen: TextEdit[] = [];
    for (const finding of result.findings) {
      const fix = safeFixOf(finding);
      if (!fix || editsOverlap(fix.edits, chosen, index)) continue;
      chosen.push(...fix.edits);
      for (const file of fix.createFiles ?? []) if (!createFiles.some((f) => f.path === file.path)) createFiles.push(file);
      fixed.push(finding);
    }
    if (chosen.length === 0) break;
    const next = applyEdits(text, chosen, index);
    if (next === text) break;
    text = next;
    result = analyze(text, options);
  }
  return { text, fixed, createFiles, remaining: result.findings };
}
