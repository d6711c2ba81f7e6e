/**
 * Which settings apply to one analyzed file. Layers, lowest precedence first:
 *
 *   1. Bulwark's defaults (each rule's own severity; failOn error; registry lookups off).
 *   2. The editor's `bulwark.*` settings. They sit UNDER the repository's files: a `.bulwark.yaml` is the project's
 *      decision, shared by everyone and by CI, and a personal setting should not silently disagree with what CI
 *      enforces (ESLint's stance). Settings still decide everything the repository's files leave open.
 *   3. The nearest `.hadolint.yaml` / `.hadolint.yml` (one file, as hadolint reads one), mapped through the aliases.
 *   4. The `.bulwark.yaml` files from the workspace root down to the file's folder; a nearer file wins, key by key.
 *      Each file is itself: what it `extends` (in order), then its own keys, then its `overrides` that match the file.
 *      A file with `root: true` ends the search: nothing above it (Bulwark or hadolint) is read.
 *   5. CLI flags that were given: a command line is an explicit request for this run.
 *
 * An explicit configuration file (`configFile`, the CLI's `--config`) replaces layers 3 and 4: nothing is searched, as
 * with hadolint's and ESLint's `--config`, so a run uses exactly the file it names (plus its `extends`).
 *
 * Merging: `rules` merge per rule; `allRules`, `trustedRegistries`, `failOn`, `registry.enabled` and hadolint's
 * `disable-ignore-pragma` take the value of the highest layer that sets them (lists are replaced, not merged);
 * `exclude` globs add up, each relative to the folder of the file that wrote it (editor settings and flags: the
 * workspace root). Globs in an extended file are relative to the folder of the `.bulwark.yaml` that extends it, so a
 * shared base works wherever it is used. Globs (`exclude`, `overrides[].files`) match as VS Code's `files.exclude`
 * does: against the path relative to their folder, dot files included, a leading `**` for any depth (a bare `Dockerfile`
 * is that folder's only), and a folder that matches covers everything below it.
 *
 * Untrusted workspaces (`trusted: false`): analysis only reads text, so rule severities, excludes and registry
 * allow-lists from the workspace still apply (they change findings, never what runs). What could reach the network or
 * run something is not honoured: `registry.enabled` is off whatever any layer says, and a workspace file asking for it
 * gets an info problem saying why. `extends` only ever reads files inside the workspace, and never fetches URLs.
 */
import * as nodePath from 'node:path';
import picomatch from 'picomatch';
import type { Range, SeveritySetting } from '../types';
import { parseBulwarkFile, resolveRuleName, severityOf, unknownRuleMessage } from './bulwark-file';
import type { ParsedBulwarkFile, ParsedOverride, RuleEntry } from './bulwark-file';
import { parseHadolintFile } from './hadolint';
import type { ParsedHadolintFile } from './hadolint';
import { FAIL_ON_VALUES } from './schema';
import type { ConfigCache, ConfigHost, ConfigProblem, ConfigSettings, FailOn, ResolveConfigInput, ResolvedConfig } from './types';
import { parseYamlSource } from './yaml-source';
import { maskSecretsIn } from '../secrets';
import { trimEndOf } from '../text';

export const BULWARK_CONFIG_FILES = ['.bulwark.yaml', '.bulwark.yml'];
export const HADOLINT_CONFIG_FILES = ['.hadolint.yaml', '.hadolint.yml'];

/** True when a change to this file can change the configuration (the face re-resolves and re-analyzes). */
export function isConfigFile(path: string): boolean {
  const base = nodePath.basename(path);
  return BULWARK_CONFIG_FILES.includes(base) || HADOLINT_CONFIG_FILES.includes(base);
}

const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** What one source contributes. Globs are relative to `baseDir`. */
interface Layer {
  source?: string;
  baseDir: string;
  rules: RuleEntry[];
  allRules?: boolean;
  trustedRegistries?: string[];
  exclude: string[];
  failOn?: FailOn;
  registryEnabled?: boolean;
  hadolintPragmas?: boolean;
  overrides: ParsedOverride[];
}

interface Context {
  host: ConfigHost;
  cache?: ConfigCache;
  root: string;
  trusted: boolean;
  problems: ConfigProblem[];
}

export function resolveConfig(input: ResolveConfigInput): ResolvedConfig {
  const filePath = nodePath.resolve(input.filePath);
  const fileDir = nodePath.dirname(filePath);
  const root = effectiveRoot(input.workspaceRoot, fileDir);
  const ctx: Context = { host: input.host, cache: input.cache, root, trusted: input.trusted, problems: [] };

  const layers: Layer[] = [];
  if (input.settings) layers.push(settingsLayer(input.settings, root, 'bulwark.', ctx.problems));

  // The folders from the file's up to the root, nearest first; `root: true` ends the search.
  const bulwarkFiles: string[] = [];
  let hadolintFile: string | undefined;
  const configFile = input.configFile === undefined ? undefined : nodePath.resolve(input.configFile);
  if (configFile !== undefined) layers.push(...explicitLayers(ctx, configFile));
  else for (const dir of foldersUp(fileDir, root)) {
    const found = findConfig(ctx, dir, BULWARK_CONFIG_FILES);
    const h = hadolintFile ? undefined : findConfig(ctx, dir, HADOLINT_CONFIG_FILES);
    if (h) hadolintFile = h;
    if (found) {
      bulwarkFiles.push(found);
      if (loadBulwark(ctx, found).root) break;
    }
  }
  if (hadolintFile) layers.push(hadolintLayer(ctx, hadolintFile));
  for (const file of bulwarkFiles.reverse()) layers.push(...expand(ctx, file, nodePath.dirname(file), []));
  if (input.flags) layers.push(settingsLayer(input.flags, root, 'flags.', ctx.problems));

  // Merge.
  const rules = new Map<string, SeveritySetting>();
  const setRules = (entries: RuleEntry[]) => {
    for (const [id, sev] of entries) rules.set(id, sev);
  };
  let allRules: boolean | undefined;
  let trustedRegistries: string[] | undefined;
  let failOn: FailOn = 'error';
  let registryEnabled = false;
  let hadolintPragmas: boolean | undefined;
  const exclude: string[] = [];
  let excluded = false;
  for (const layer of layers) {
    setRules(layer.rules);
    for (const ov of layer.overrides) if (matches(ov.files, layer.baseDir, filePath)) setRules(ov.rules);
    if (layer.allRules !== undefined) allRules = layer.allRules;
    if (layer.trustedRegistries !== undefined) trustedRegistries = layer.trustedRegistries;
    if (layer.failOn !== undefined) failOn = layer.failOn;
    if (layer.registryEnabled !== undefined) registryEnabled = layer.registryEnabled;
    if (layer.hadolintPragmas !== undefined) hadolintPragmas = layer.hadolintPragmas;
    const prefix = toSlash(nodePath.relative(root, layer.baseDir));
    for (const glob of layer.exclude) exclude.push(prefix && !prefix.startsWith('..') ? `${prefix}/${normalizeGlob(glob)}` : normalizeGlob(glob));
    if (!excluded && matches(layer.exclude, layer.baseDir, filePath)) excluded = true;
  }
  if (!input.trusted) registryEnabled = false;

  const options: ResolvedConfig['options'] = {};
  if (rules.size) options.rules = Object.fromEntries(rules);
  if (allRules !== undefined) options.allRules = allRules;
  if (trustedRegistries !== undefined) options.trustedRegistries = trustedRegistries;
  if (hadolintPragmas !== undefined) options.hadolintPragmas = hadolintPragmas;
  return {
    options,
    ...(trustedRegistries !== undefined ? { trustedRegistries } : {}),
    failOn,
    registry: { enabled: registryEnabled },
    exclude,
    excluded,
    problems: dedupe(ctx.problems),
    sources: [...new Set(layers.map((l) => l.source).filter((s): s is string => s !== undefined))],
  };
}

/**
 * The problems of one configuration file, as its own diagnostics (for an open `.bulwark.yaml` or `.hadolint.yaml`,
 * whatever Dockerfile uses it): syntax, schema, unknown rules, its `extends` entries, keys ignored when untrusted.
 * `text` is the editor's unsaved text, when there is one.
 */
export function configFileProblems(input: {
  path: string;
  text?: string;
  workspaceRoot?: string;
  host: ConfigHost;
  trusted: boolean;
  cache?: ConfigCache;
}): ConfigProblem[] {
  const path = nodePath.resolve(input.path);
  const host: ConfigHost =
    input.text === undefined
      ? input.host
      : { readFile: (p) => (p === path ? input.text : input.host.readFile(p)), exists: (p) => p === path || input.host.exists(p) };
  const ctx: Context = {
    host,
    cache: input.cache,
    root: effectiveRoot(input.workspaceRoot, nodePath.dirname(path)),
    trusted: input.trusted,
    problems: [],
  };
  if (HADOLINT_CONFIG_FILES.includes(nodePath.basename(path))) loadHadolint(ctx, path);
  else expand(ctx, path, nodePath.dirname(path), []);
  return dedupe(ctx.problems.filter((p) => p.path === path));
}

function hadolintLayer(ctx: Context, path: string): Layer {
  const h = loadHadolint(ctx, path);
  return {
    source: path,
    baseDir: nodePath.dirname(path),
    rules: h.rules,
    trustedRegistries: h.trustedRegistries,
    exclude: [],
    failOn: h.failOn,
    hadolintPragmas: h.hadolintPragmas,
    overrides: [],
  };
}

/**
 * The layers of an explicit configuration file (`--config`): a hadolint file by name, else a Bulwark file whose globs
 * are relative to the workspace root. Its `extends` may reach what the workspace holds, or, for a file kept outside
 * the workspace, its own folder.
 */
function explicitLayers(ctx: Context, path: string): Layer[] {
  if (!ctx.host.exists(path) || ctx.host.readFile(path) === undefined) {
    ctx.problems.push({ path, range: NOWHERE, message: 'The configuration file does not exist or cannot be read; no configuration file is applied.', severity: 'error' });
    return [];
  }
  if (/hadolint/i.test(nodePath.basename(path))) return [{ ...hadolintLayer(ctx, path), baseDir: ctx.root }];
  const dir = nodePath.dirname(path);
  const extendsCtx = isInside(ctx.root, dir) ? ctx : { ...ctx, root: dir };
  return expand(extendsCtx, path, ctx.root, []);
}

function effectiveRoot(workspaceRoot: string | undefined, fileDir: string): string {
  const root = workspaceRoot ? nodePath.resolve(workspaceRoot) : undefined;
  return root && isInside(root, fileDir) ? root : fileDir;
}

/** True when `p` is `dir` or below it. */
function isInside(dir: string, p: string): boolean {
  const rel = nodePath.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

/** `from` and its parents up to `root` (inclusive), nearest first. */
function foldersUp(from: string, root: string): string[] {
  const out: string[] = [];
  let dir = from;
  for (;;) {
    out.push(dir);
    if (dir === root) break;
    const parent = nodePath.dirname(dir);
    if (parent === dir || !isInside(root, parent)) break;
    dir = parent;
  }
  return out;
}

/** The configuration file of a folder: the first name that exists; a second one beside it is reported as unused. */
function findConfig(ctx: Context, dir: string, names: string[]): string | undefined {
  const present = names.map((n) => nodePath.join(dir, n)).filter((p) => ctx.host.exists(p));
  for (const extra of present.slice(1)) {
    ctx.problems.push({
      path: extra,
      range: NOWHERE,
      message: `This file is not read: ${nodePath.basename(present[0])} in the same folder takes precedence.`,
      severity: 'warning',
    });
  }
  return present[0];
}

function cached<T>(ctx: Context, kind: string, path: string, parse: (text: string) => T): T | undefined {
  const text = ctx.host.readFile(path);
  if (text === undefined) return undefined;
  const key = `${kind}:${path}`;
  const hit = ctx.cache?.get(key);
  if (hit && hit.text === text) return hit.parsed as T;
  const parsed = parse(text);
  ctx.cache?.set(key, { text, parsed });
  return parsed;
}

const EMPTY_BULWARK = (path: string): ParsedBulwarkFile => ({ path, root: false, extends: [], rules: [], exclude: [], overrides: [], problems: [] });

function loadBulwark(ctx: Context, path: string): ParsedBulwarkFile {
  const parsed = cached(ctx, 'bulwark', path, (text) => parseBulwarkFile(parseYamlSource(path, text))) ?? EMPTY_BULWARK(path);
  ctx.problems.push(...parsed.problems);
  return parsed;
}

function loadHadolint(ctx: Context, path: string): ParsedHadolintFile {
  const parsed = cached(ctx, 'hadolint', path, (text) => parseHadolintFile(parseYamlSource(path, text))) ?? { path, rules: [], problems: [] };
  ctx.problems.push(...parsed.problems);
  return parsed;
}

/** A `.bulwark.yaml` as layers: what it extends, recursively, then itself. `chain`: the files extending it. */
function expand(ctx: Context, path: string, baseDir: string, chain: string[]): Layer[] {
  const parsed = loadBulwark(ctx, path);
  const layers: Layer[] = [];
  const problem = (range: Range, message: string) => ctx.problems.push({ path, range, message: maskSecretsIn(message), severity: 'error' });
  for (const ext of parsed.extends) {
    const target = extendsTarget(ctx, path, ext.value, ext.range, problem);
    if (!target) continue;
    if (target === path || chain.includes(target)) {
      const cycle = [...chain, path, target].map((p) => toSlash(nodePath.relative(ctx.root, p)) || nodePath.basename(p));
      problem(ext.range, `\`extends\` makes a cycle (${cycle.join(' → ')}); it is not followed.`);
      continue;
    }
    if (chain.length >= 16) {
      problem(ext.range, '`extends` is nested more than 16 files deep; it is not followed.');
      continue;
    }
    layers.push(...expand(ctx, target, baseDir, [...chain, path]));
  }
  if (parsed.registryEnabled?.value === true && !ctx.trusted) {
    ctx.problems.push({
      path,
      range: parsed.registryEnabled.range,
      message: 'Registry lookups stay off in an untrusted workspace: trust the workspace to use this setting.',
      severity: 'info',
    });
  }
  layers.push({
    source: path,
    baseDir,
    rules: parsed.rules,
    allRules: parsed.allRules,
    trustedRegistries: parsed.trustedRegistries,
    exclude: parsed.exclude,
    failOn: parsed.failOn,
    registryEnabled: parsed.registryEnabled?.value,
    overrides: parsed.overrides,
  });
  return layers;
}

/** The file an `extends` entry names, or undefined (reported) when it is a URL, leaves the workspace or is missing. */
function extendsTarget(
  ctx: Context,
  from: string,
  value: string,
  range: Range,
  problem: (range: Range, message: string) => void,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]+:/i.test(value)) {
    problem(range, `\`${value}\` is a URL: \`extends\` only reads files inside the workspace and never downloads configuration.`);
    return undefined;
  }
  if (nodePath.isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('~')) {
    problem(range, `\`${value}\` is not a relative path: write the path relative to this file.`);
    return undefined;
  }
  const target = nodePath.resolve(nodePath.dirname(from), value);
  if (!isInside(ctx.root, target)) {
    problem(range, `\`${value}\` is outside the workspace: \`extends\` only reads files inside it.`);
    return undefined;
  }
  if (!ctx.host.exists(target) || ctx.host.readFile(target) === undefined) {
    problem(range, `\`${value}\` does not exist (resolved to ${toSlash(nodePath.relative(ctx.root, target))}).`);
    return undefined;
  }
  return target;
}

/** Editor settings or CLI flags as a layer, read defensively (the values come from JSON a person wrote). */
function settingsLayer(raw: ConfigSettings, root: string, prefix: string, problems: ConfigProblem[]): Layer {
  const layer: Layer = { baseDir: root, rules: [], exclude: [], overrides: [] };
  const problem = (key: string, message: string, severity: ConfigProblem['severity'] = 'error') =>
    problems.push({ range: NOWHERE, message: `${prefix}${key}: ${maskSecretsIn(message)}`, severity, setting: `${prefix}${key}` });
  const o = (raw ?? {}) as Record<string, unknown>;
  if (o.rules !== undefined && o.rules !== null) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules)) problem('rules', 'must be a map from rule id to severity.');
    else {
      for (const [name, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        const id = resolveRuleName(name);
        const severity = severityOf(sev);
        if (!id) problem('rules', unknownRuleMessage(name), 'warning');
        else if (!severity) problem('rules', `\`${String(sev)}\` is not a valid severity for \`${name}\`: use error, warning, info or off.`);
        else layer.rules.push([id, severity]);
      }
    }
  }
  if (typeof o.allRules === 'boolean') layer.allRules = o.allRules;
  else if (o.allRules !== undefined && o.allRules !== null) problem('allRules', 'must be true or false.');
  const list = (key: string): string[] | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x: string) => x.trim()).filter(Boolean);
    if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
    // `files.exclude`-style `{ glob: true }`.
    if (key === 'exclude' && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>).filter(([g, on]) => on === true && g.trim()).map(([g]) => g.trim());
    }
    problem(key, 'must be a list of strings.');
    return undefined;
  };
  const registries = list('trustedRegistries');
  if (registries !== undefined) layer.trustedRegistries = registries;
  layer.exclude = list('exclude') ?? [];
  if (typeof o.failOn === 'string' && (FAIL_ON_VALUES as readonly string[]).includes(o.failOn)) layer.failOn = o.failOn as FailOn;
  else if (o.failOn !== undefined && o.failOn !== null) problem('failOn', `\`${String(o.failOn)}\` is not one of ${FAIL_ON_VALUES.join(', ')}.`);
  const registry = o.registry;
  if (registry !== undefined && registry !== null) {
    const enabled = typeof registry === 'object' && !Array.isArray(registry) ? (registry as { enabled?: unknown }).enabled : null;
    if (typeof enabled === 'boolean') layer.registryEnabled = enabled;
    else if (enabled !== undefined) problem('registry.enabled', 'must be true or false.');
  }
  return layer;
}

function toSlash(p: string): string {
  return p.split(nodePath.sep).join('/');
}

function normalizeGlob(glob: string): string {
  return trimEndOf(glob.trim().replace(/\\/g, '/').replace(/^\.\//, ''), '/');
}

const matchers = new Map<string, (p: string) => boolean>();

/** True when a glob (relative to `baseDir`) matches the file, or a folder above it inside `baseDir`. */
function matches(globs: string[], baseDir: string, filePath: string): boolean {
  if (globs.length === 0) return false;
  const rel = toSlash(nodePath.relative(baseDir, filePath));
  if (rel === '' || rel.startsWith('../') || rel === '..' || nodePath.isAbsolute(rel)) return false;
  const key = JSON.stringify(globs);
  let match = matchers.get(key);
  if (!match) {
    const patterns = globs.map(normalizeGlob).filter((g) => g !== '');
    match = patterns.length ? picomatch(patterns, { dot: true }) : () => false;
    if (matchers.size > 500) matchers.clear();
    matchers.set(key, match);
  }
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) if (match(parts.slice(0, i).join('/'))) return true;
  return false;
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.range.start.line}:${p.range.start.character}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
