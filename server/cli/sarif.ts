/**
 * `bulwark lint --format sarif`: SARIF 2.1.0 (OASIS), shaped for GitHub code scanning and checked with Microsoft's
 * SARIF validator (`sarif-multitool validate`, GitHub rules included) in test/cli/sarif-validator.test.ts.
 *
 * One run. `tool.driver.rules` holds every rule that ran, with its help (why it matters, how to fix it, an example,
 * references) and its documentation page. Result paths are relative to the folder the CLI ran in (`%SRCROOT%`, which
 * `originalUriBaseIds` maps to that folder); files outside it get absolute `file:` URIs. Regions are 1-based, columns
 * in UTF-16 code units, the end exclusive. Each result has a partial fingerprint that survives line shifts, and the
 * safe fixes that only edit the file itself as SARIF `fixes`.
 *
 * No snippet of the file is ever copied into the log (a finding may sit on a secret); messages come from the core,
 * which masks secret values.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { effectiveSeverity, LineIndex, ruleDocUrl, safeFixOf } from '../core';
import type { Finding, Fix, Range, RuleMeta, Severity } from '../core';
// The core's secret patterns (a pure module): what the fingerprints and fixes must not carry.
import { findSecrets } from '../core/secrets';
import { rulesThatRan } from './format';
import type { FileReport } from './format';
import type { ConfigProblemReport } from './config';
import type { Problem } from './discovery';
import { trimEndOf } from '../core/text';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
export const INFORMATION_URI = 'https://github.com/bulwark-security/bulwark';
/** The partial fingerprint's name (SARIF §3.27.17: "name/vN"; bump N if the hashed text ever changes). */
export const FINGERPRINT_KEY = 'bulwarkFindingHash/v1';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * GitHub's `security-severity` (a number from 0.0 to 10.0, as a string): it files an alert as Critical (≥ 9.0), High
 * (≥ 7.0), Medium (≥ 4.0) or Low. Derived from the rule's severity.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export interface SarifContext {
  /** The folder the CLI ran in: `%SRCROOT%`. */
  cwd: string;
  /** Bulwark's version (package.json). */
  version: string;
  /** --all-rules. */
  allRules: boolean;
  /** The exit code the CLI returns. */
  exitCode: number;
  /** Unreadable input (the run is then not "successful") and other warnings, as tool notifications. */
  errors: Problem[];
  warnings: Problem[];
  /**
   * Problems in the configuration files read: `toolConfigurationNotifications` at their place. An error among them
   * makes the run unsuccessful (the CLI exits 2).
   */
  configProblems?: ConfigProblemReport[];
}

/** The SARIF log of a `bulwark lint` run, as a JSON text (pretty-printed, newline-terminated). */
export function formatSarif(files: FileReport[], ctx: SarifContext): string {
  return JSON.stringify(toSarif(files, ctx), null, 2) + '\n';
}

export function toSarif(files: FileReport[], ctx: SarifContext): Sarif.Log {
  const rules = rulesThatRan(files, ctx.allRules);
  const ruleIndex = new Map(rules.map((r, i) => [r.meta.id, i]));
  // A result of a rule not in the catalog (none today) still gets a descriptor, so that ruleIndex always resolves.
  const extra: string[] = [];
  for (const f of files) {
    for (const x of f.findings) {
      if (!ruleIndex.has(x.ruleId) && !extra.includes(x.ruleId)) extra.push(x.ruleId);
    }
  }
  const descriptors = [...rules.map((r) => ruleDescriptor(r.meta, onSeverity(r))), ...extra.map(unknownDescriptor)];
  extra.forEach((id, i) => ruleIndex.set(id, rules.length + i));

  const results: Sarif.Result[] = [];
  for (const f of files) {
    const artifact = artifactLocation(f, ctx.cwd);
    const index = f.text !== undefined ? new LineIndex(f.text) : undefined;
    const lines = index ? new SecretAwareLines(index, f.findings) : undefined;
    // Occurrences of each fingerprint key so far in this file.
    const seen = new Map<string, number>();
    for (const x of f.findings) {
      const result: Sarif.Result = {
        ruleId: x.ruleId,
        ruleIndex: ruleIndex.get(x.ruleId),
        level: LEVEL[x.severity],
        message: { text: sentence(x.message) },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(x.range, index) } }],
      };
      if (lines) {
        const key = fingerprintKey(x, f.path, lines);
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        result.partialFingerprints = { [FINGERPRINT_KEY]: hash(`${key}\u0000${n}`) };
      }
      const fix = sarifFix(x, artifact, lines);
      if (fix) result.fixes = [fix];
      results.push(result);
    }
  }

  const notifications: Sarif.Notification[] = [
    ...ctx.errors.map((p) => notification('error', p)),
    ...ctx.warnings.map((p) => notification('warning', p)),
  ];
  const configProblems = ctx.configProblems ?? [];
  const invocation: Sarif.Invocation = {
    executionSuccessful: ctx.errors.length === 0 && !configProblems.some((p) => p.severity === 'error'),
    exitCode: ctx.exitCode,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
    ...(configProblems.length ? { toolConfigurationNotifications: configProblems.map((p) => configNotification(p, ctx.cwd)) } : {}),
  };

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bulwark',
            fullName: 'Bulwark: Dockerfile and Compose security linter',
            version: ctx.version,
            ...(/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(ctx.version) ? { semanticVersion: ctx.version } : {}),
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/**
 * SARIF's "friendly name" (§3.49.7), a Pascal-case identifier, from the rule's title: "Container runs as root" →
 * `ContainerRunsAsRoot`, "`apt` used in RUN instead of `apt-get`" → `AptUsedInRunInsteadOfAptGet`. (From the title, not
 * the id: a one-word id such as `chpasswd` would give a name equal to the id, which SARIF forbids.)
 */
export function pascalName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    // Articles go: a one-letter word would put two capitals side by side ("WithoutADockerignore"), not Pascal case.
    .filter((w) => w && !/^(a|an|the)$/i.test(w))
    .map((w) => (w === w.toUpperCase() ? w[0] + w.slice(1).toLowerCase() : w[0].toUpperCase() + w.slice(1)))
    .join('');
}

/** The rule's default severity; for a rule that is off by default, the severity it reports at when turned on. */
function onSeverity(rule: Parameters<typeof effectiveSeverity>[0]): Severity {
  const s = effectiveSeverity(rule, { allRules: true });
  return s === 'off' ? 'info' : s;
}

function ruleDescriptor(meta: RuleMeta, severity: Severity): Sarif.ReportingDescriptor {
  // GitHub files a rule tagged `security` with a `security-severity` as a security alert; correctness rules are not.
  const tags = [...new Set([meta.category, ...(meta.category === 'correctness' ? [] : ['security']), meta.kind])];
  // precision: Bulwark reports only what it can see for certain (an unresolved value is no finding), hence 'high'.
  const properties: Sarif.PropertyBag = { tags, precision: 'high' };
  // Only security and supply-chain rules are security alerts; correctness rules stay plain code-quality results.
  if (meta.category !== 'correctness') properties['security-severity'] = SECURITY_SEVERITY[severity];
  return {
    id: meta.id,
    name: pascalName(meta.title),
    shortDescription: { text: meta.title },
    fullDescription: { text: sentence(meta.description) },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    helpUri: ruleDocUrl(meta.id),
    defaultConfiguration: { level: LEVEL[severity] },
    properties,
  };
}

function unknownDescriptor(id: string): Sarif.ReportingDescriptor {
  return { id, shortDescription: { text: `${id}.` }, fullDescription: { text: `${id}.` }, help: { text: `${id}.` } };
}

function helpText(meta: RuleMeta): string {
  const parts = [meta.description, `Why it matters: ${meta.rationale}`, `How to fix: ${meta.howToFix}`];
  if (meta.aliases.length) parts.push(`Also known as: ${meta.aliases.join(', ')}.`);
  const refs = [...meta.references.map((r) => `- ${r.title}: ${r.url}`), `- Rule documentation: ${ruleDocUrl(meta.id)}`];
  parts.push(`References:\n${refs.join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(meta: RuleMeta): string {
  const fence = meta.kind === 'compose' ? 'yaml' : 'dockerfile';
  const parts = [
    meta.description,
    `**Why it matters.** ${meta.rationale}`,
    `**How to fix.** ${meta.howToFix}`,
    `Reported:\n\n${codeBlock(meta.example.bad, fence)}\n\nFixed:\n\n${codeBlock(meta.example.good, fence)}`,
  ];
  if (meta.aliases.length) parts.push(`**Also known as:** ${meta.aliases.map((a) => `\`${a}\``).join(', ')}`);
  const refs = [...meta.references.map((r) => `- [${r.title}](${r.url})`), `- [Rule documentation](${ruleDocUrl(meta.id)})`];
  parts.push(`**References**\n\n${refs.join('\n')}`);
  return parts.join('\n\n');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function codeBlock(code: string, lang: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${trimEndOf(code, '\n')}\n${fence}`;
}

/** Plain-text SARIF messages are complete sentences (the validator's SARIF2001). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * Where a file is: relative to `%SRCROOT%` (the CLI's folder) when inside it, an absolute `file:` URI otherwise;
 * `<stdin>` without --stdin-filename.
 */
function artifactLocation(f: Pick<FileReport, 'path' | 'absPath'>, cwd: string): Sarif.ArtifactLocation {
  if (f.absPath === undefined) return { uri: encodeRelative(f.path) };
  const rel = path.relative(cwd, f.absPath);
  if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: encodeRelative(rel.split(path.sep).join('/')), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(f.absPath).href };
}

/** A relative path as a relative URI reference: each segment percent-encoded (RFC 3986), slashes kept. */
export function encodeRelative(relPath: string): string {
  return relPath
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** The folder as an absolute `file:` URI ending in a slash (SARIF §3.14.14). */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A 1-based SARIF region with an exclusive end. A range that ends at the start of a later line (a whole-line range
 * that took its line break) ends at the end of the line before instead, as a viewer would show it.
 */
function region(range: Range, lines: LineIndex | undefined): Sarif.Region {
  let end = range.end;
  if (lines && end.character === 0 && end.line > range.start.line) {
    const prev = end.line - 1;
    end = { line: prev, character: lineText(lines, prev).length };
  }
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** The text of a 0-based line, without its line break ('' past the end). */
function lineText(lines: LineIndex, line: number): string {
  return line < lines.lineCount ? lines.lineText(line) : '';
}

/** Rules whose findings sit on secret values (their lines are redacted before hashing, and guard the fixes). */
const SECRET_RULES = new Set(['hardcoded-secret', 'secret-in-arg-env']);
const REDACTED = '\u0000redacted\u0000';

/**
 * The file's lines as the fingerprints and the fix guard see them, secrets taken out: on a line with a
 * `secret-in-arg-env` finding everything after the variable's name; on a line with a `hardcoded-secret` finding the
 * secret itself (a multi-line secret, such as a private key, takes its lines whole); anywhere, what the core's secret
 * patterns match. A fingerprint is a hash, but a hash of a short password and a known line can be brute-forced.
 */
class SecretAwareLines {
  private readonly redacted = new Map<number, string>();
  /** Lines that carry a secret finding, as written (for the fix guard). */
  readonly secretLines: string[] = [];

  constructor(
    readonly lines: LineIndex,
    findings: Finding[],
  ) {
    const cut = new Map<number, number>();
    const spans = new Map<number, [number, number][]>();
    for (const x of findings) {
      if (!SECRET_RULES.has(x.ruleId)) continue;
      const { start, end } = x.range;
      for (let l = start.line; l <= end.line; l++) this.secretLines.push(lineText(lines, l));
      if (x.ruleId === 'secret-in-arg-env') {
        cut.set(start.line, Math.min(cut.get(start.line) ?? Infinity, start.line === end.line ? end.character : start.character));
      } else if (start.line === end.line) {
        spans.set(start.line, [...(spans.get(start.line) ?? []), [start.character, end.character]]);
      } else {
        for (let l = start.line; l <= end.line; l++) this.redacted.set(l, REDACTED);
      }
    }
    for (const l of new Set([...cut.keys(), ...spans.keys()])) {
      if (this.redacted.has(l)) continue;
      let text = lineText(lines, l);
      const at = cut.get(l);
      if (at !== undefined) text = text.slice(0, at) + REDACTED;
      const kept = (spans.get(l) ?? []).filter(([a]) => at === undefined || a < at).sort((p, q) => q[0] - p[0]);
      for (const [a, e] of kept) text = text.slice(0, a) + REDACTED + text.slice(Math.min(e, at ?? e));
      this.redacted.set(l, text);
    }
  }

  /** The text of a 0-based line, secrets redacted. */
  line(l: number): string {
    let text = this.redacted.get(l) ?? lineText(this.lines, l);
    for (const m of findSecrets(text).sort((p, q) => q.start - p.start)) text = text.slice(0, m.start) + REDACTED + text.slice(m.end);
    return text;
  }

  /** Whether text a fix inserts could carry a secret: it matches a secret pattern, or repeats a word of a secret's line. */
  mayCarrySecret(inserted: string): boolean {
    if (findSecrets(inserted).length) return true;
    return this.secretLines.some((line) => line.split(/[\s"'`=:,;]+/).some((w) => w.length >= 4 && inserted.includes(w)));
  }
}

/**
 * What identifies a finding when lines move: the rule, the file, the text of its first line (trimmed, so that
 * re-indenting keeps it; secrets redacted) and where on that line it starts. Identical keys are told apart by their
 * order in the file.
 */
function fingerprintKey(x: Finding, filePath: string, lines: SecretAwareLines): string {
  const line = lines.line(x.range.start.line);
  const indent = line.length - line.trimStart().length;
  return [x.ruleId, filePath, line.trim(), Math.max(0, x.range.start.character - indent)].join('\u0000');
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/**
 * The finding's safe fix as a SARIF fix (§3.55): replacements in the analysed file only. A fix that creates another
 * file (a `.dockerignore`) is left out: SARIF has no way to say "create this file only if it does not exist". So is a
 * fix whose inserted text might carry a secret (rewriting `ENV TOKEN abc` as `ENV TOKEN=abc` would copy it).
 */
function sarifFix(x: Finding, artifact: Sarif.ArtifactLocation, lines: SecretAwareLines | undefined): Sarif.Fix | undefined {
  const fix: Fix | undefined = safeFixOf(x);
  if (!fix || fix.createFiles?.length || !fix.edits.length || !lines) return undefined;
  if (fix.edits.some((e) => e.newText && lines.mayCarrySecret(e.newText))) return undefined;
  const index = lines.lines;
  const edits = [...fix.edits].sort((a, b) => index.offsetAt(a.range.start) - index.offsetAt(b.range.start));
  return {
    description: { text: sentence(fix.title) },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: edits.map((e) => ({
          deletedRegion: {
            startLine: e.range.start.line + 1,
            startColumn: e.range.start.character + 1,
            endLine: e.range.end.line + 1,
            endColumn: e.range.end.character + 1,
          },
          ...(e.newText ? { insertedContent: { text: e.newText } } : {}),
        })),
      },
    ],
  };
}

function notification(level: 'error' | 'warning', p: Problem): Sarif.Notification {
  return { level, message: { text: sentence(`${p.path}: ${p.message}`) } };
}

/** A configuration problem as a notification located in its configuration file. */
function configNotification(p: ConfigProblemReport, cwd: string): Sarif.Notification {
  return {
    level: LEVEL[p.severity],
    message: { text: sentence(p.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(p, cwd),
          region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
        },
      },
    ],
  };
}
