/**
 * Configuration for `bulwark lint`: the core's `resolveConfig` per file, read from disk, with the command line's flags
 * as the top layer.
 *
 *   - The project root (where `.bulwark.yaml` files are searched up to, and what `extends` may not leave): the nearest
 *     folder at or above the current folder that holds `.git`, else the current folder. A file outside it uses the
 *     nearest `.git` folder above itself, else its own folder.
 *   - `--config <file>`: that file instead of the discovered `.bulwark.yaml` / `.hadolint.yaml` files (see the core).
 *   - Problems in the configuration files read are collected once each, with their place, for every output format.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getRule, resolveConfig } from '../core';
import type { ConfigCache, ConfigHost, ConfigProblem, ConfigSettings, FailOn, ResolvedConfig, SeveritySetting } from '../core';
import { describeFsError, displayPath } from './discovery';
import { oneBased } from './format';

/** Configuration files larger than this are not read (they are reported as unreadable by the core). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A configuration problem as the formats print it: 1-based line and column, exclusive end. */
export interface ConfigProblemReport {
  /** The configuration file as printed (relative to the current folder when inside it). */
  path: string;
  absPath: string;
  severity: ConfigProblem['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree); undefined when none. */
export function gitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Reads configuration files from disk, each path once per run (a run does not change them). */
function diskHost(): ConfigHost {
  const existing = new Map<string, boolean>();
  const texts = new Map<string, string | undefined>();
  return {
    exists: (p) => {
      let found = existing.get(p);
      if (found === undefined) existing.set(p, (found = fs.existsSync(p)));
      return found;
    },
    readFile: (p) => {
      if (texts.has(p)) return texts.get(p);
      let text: string | undefined;
      try {
        if (fs.statSync(p).size <= MAX_CONFIG_BYTES) text = fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        text = undefined;
      }
      texts.set(p, text);
      return text;
    },
  };
}

/**
 * `--rule <id>=<severity>` values as a rules map; an error message for a malformed one (a usage error: flags are
 * checked before anything runs, not reported as configuration problems).
 */
export function parseRuleFlags(values: string[]): { rules: Record<string, SeveritySetting> } | { error: string } {
  const rules: Record<string, SeveritySetting> = {};
  for (const value of values) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(value);
    if (!m) return { error: `invalid --rule "${value}": expected <rule>=<error|warning|info|off>` };
    const [, name, severity] = m;
    if (!getRule(name) && !getRule(`BK ${name}`)) return { error: `invalid --rule "${value}": unknown rule "${name}" (run "bulwark rules" for the list)` };
    if (!['error', 'warning', 'info', 'off'].includes(severity)) {
      return { error: `invalid --rule "${value}": severity "${severity}" is not one of error, warning, info, off` };
    }
    rules[name] = severity as SeveritySetting;
  }
  return { rules };
}

/** The configuration options of `bulwark lint`, as parseArgs gives them. */
export interface ConfigFlagValues {
  'all-rules'?: boolean;
  'fail-on'?: string;
  rule?: string[];
  'trusted-registry'?: string[];
  config?: string;
}

/**
 * The flags given as the top configuration layer, and --config resolved against `cwd`; an error message (a usage
 * error) for a malformed one. --fail-on is checked by the caller.
 */
export function readConfigOptions(values: ConfigFlagValues, cwd: string): { flags: ConfigSettings; configFile?: string } | { error: string } {
  const flags: ConfigSettings = {};
  if (values['all-rules']) flags.allRules = true;
  if (values['fail-on'] !== undefined) flags.failOn = values['fail-on'] as FailOn;
  if (values.rule?.length) {
    const parsed = parseRuleFlags(values.rule);
    if ('error' in parsed) return parsed;
    flags.rules = parsed.rules;
  }
  if (values['trusted-registry']?.length) {
    const registries = values['trusted-registry'].map((r) => r.trim());
    if (registries.some((r) => !r)) return { error: '--trusted-registry needs a registry name or glob' };
    flags.trustedRegistries = registries;
  }
  if (values.config === undefined) return { flags };
  if (values.config === '') return { error: '--config needs a file name' };
  const configFile = path.resolve(cwd, values.config);
  try {
    if (!fs.statSync(configFile).isFile()) return { error: `--config "${values.config}" is not a file` };
  } catch (e) {
    return { error: `cannot read --config "${values.config}": ${describeFsError(e)}` };
  }
  return { flags, configFile };
}

export interface CliConfigOptions {
  cwd: string;
  /** The flags given (only those), the top layer. */
  flags: ConfigSettings;
  /** --config, absolute. */
  configFile?: string;
}

/** One run's configuration: a cache shared by every file, and the problems met, each once. */
export class CliConfig {
  readonly root: string;
  private readonly cache: ConfigCache = new Map();
  private readonly host = diskHost();
  private readonly roots = new Map<string, string | undefined>();
  private readonly seen = new Set<string>();
  readonly problems: ConfigProblemReport[] = [];

  constructor(private readonly opts: CliConfigOptions) {
    this.root = gitRoot(opts.cwd) ?? path.resolve(opts.cwd);
  }

  /**
   * The configuration of a file (absolute path). Standard input without a name stands for a file in the current
   * folder.
   */
  resolve(absPath: string | undefined): ResolvedConfig {
    const filePath = absPath ?? path.join(this.opts.cwd, '<stdin>');
    const resolved = resolveConfig({
      filePath,
      workspaceRoot: this.rootOf(filePath),
      flags: this.opts.flags,
      ...(this.opts.configFile !== undefined ? { configFile: this.opts.configFile } : {}),
      host: this.host,
      // The CLI runs where its user asked it to.
      trusted: true,
      cache: this.cache,
    });
    for (const p of resolved.problems) this.record(p);
    return resolved;
  }

  /** True when a configuration file has an error (an invalid value, a syntax error, a missing `extends`). */
  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  private rootOf(filePath: string): string | undefined {
    if (isInside(this.root, filePath)) return this.root;
    const dir = path.dirname(filePath);
    if (!this.roots.has(dir)) this.roots.set(dir, gitRoot(dir));
    return this.roots.get(dir);
  }

  private record(p: ConfigProblem): void {
    // Problems of flags are usage errors, checked before the run; settings do not exist in the CLI.
    if (p.path === undefined) return;
    const key = `${p.path}|${p.range.start.line}:${p.range.start.character}|${p.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({
      path: displayPath(p.path, this.opts.cwd),
      absPath: p.path,
      severity: p.severity,
      message: p.message,
      ...oneBased(p.range),
    });
  }
}

/** `path:line:col` of a configuration problem. */
export function problemLocation(p: ConfigProblemReport): string {
  return `${p.path}:${p.line}:${p.column}`;
}

/** The lowest severity rank that fails a file under `failOn`; undefined: never fails. */
export function failRank(failOn: FailOn): number | undefined {
  return failOn === 'none' ? undefined : { info: 0, warning: 1, error: 2 }[failOn];
}
