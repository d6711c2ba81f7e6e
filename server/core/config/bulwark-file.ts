/**
 * Reading one `.bulwark.yaml`: YAML with positions, validated against the JSON schema (problems at the offending key
 * or value, in words), then the usable values extracted. An invalid entry is reported and ignored; the rest of the
 * file still applies. A file that does not parse is reported and ignored as a whole.
 */
import type { ErrorObject } from 'ajv';
import { nearest } from '../dockerfile/edit-distance';
import { allRules, getRule } from '../rules';
import { maskSecretsIn } from '../secrets';
import type { Range, SeveritySetting } from '../types';
import { CONFIG_KEYS, FAIL_ON_VALUES, configValidator } from './schema';
import type { ConfigProblem, FailOn } from './types';
import type { Segment, YamlSource } from './yaml-source';

export type RuleEntry = [id: string, severity: SeveritySetting];

export interface ParsedOverride {
  files: string[];
  rules: RuleEntry[];
}

export interface ParsedBulwarkFile {
  path: string;
  root: boolean;
  extends: { value: string; range: Range }[];
  rules: RuleEntry[];
  allRules?: boolean;
  trustedRegistries?: string[];
  exclude: string[];
  failOn?: FailOn;
  registryEnabled?: { value: boolean; range: Range };
  overrides: ParsedOverride[];
  /** Problems of the file on its own (syntax, schema, unknown rules). */
  problems: ConfigProblem[];
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** A rule by id or alias; BuildKit check names also without their `BK ` prefix (as in `# check=skip=`). */
export function resolveRuleName(name: string): string | undefined {
  return (getRule(name) ?? getRule(`BK ${name}`))?.meta.id;
}

/** "Unknown rule `x`" with the nearest rule id, if one is close. */
export function unknownRuleMessage(name: string): string {
  const ids = allRules.map((r) => r.meta.id);
  const near = nearest(name, ids, Math.max(2, Math.floor(name.length / 3)), true)[0];
  return `Unknown rule \`${name}\`: it is neither a Bulwark rule id nor an alias of one${near ? `; did you mean \`${near}\`?` : '.'}`;
}

export function severityOf(value: unknown): SeveritySetting | undefined {
  return typeof value === 'string' && SEVERITIES.includes(value) ? (value as SeveritySetting) : undefined;
}

export function parseBulwarkFile(source: YamlSource): ParsedBulwarkFile {
  const parsed: ParsedBulwarkFile = { path: source.path, root: false, extends: [], rules: [], exclude: [], overrides: [], problems: [] };
  const problem = (range: Range, message: string, severity: ConfigProblem['severity'] = 'error') =>
    parsed.problems.push({ path: source.path, range, message: maskSecretsIn(message), severity });

  for (const e of source.syntaxErrors) problem(e.range, `${e.message} (the file is ignored until it parses).`);
  if (source.syntaxErrors.length) return parsed;
  const value = source.value;
  if (value === null || value === undefined) return parsed;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(source.rangeOf([]), 'A Bulwark configuration file must be a map of keys (rules, exclude, …); the file is ignored.');
    return parsed;
  }

  const validate = configValidator();
  if (!validate(value)) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      const p = schemaProblem(source, err);
      const key = `${p.range.start.line}:${p.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problem(p.range, p.message);
    }
  }

  const o = value as Record<string, unknown>;
  if (o.root === true) parsed.root = true;
  const ext = typeof o.extends === 'string' ? [o.extends] : Array.isArray(o.extends) ? o.extends : [];
  ext.forEach((entry, i) => {
    if (typeof entry === 'string' && entry !== '') {
      parsed.extends.push({ value: entry, range: source.rangeOf(typeof o.extends === 'string' ? ['extends'] : ['extends', i]) });
    }
  });
  parsed.rules = readRules(source, o.rules, ['rules'], problem);
  if (typeof o.allRules === 'boolean') parsed.allRules = o.allRules;
  if (Array.isArray(o.trustedRegistries)) parsed.trustedRegistries = strings(o.trustedRegistries);
  if (Array.isArray(o.exclude)) {
    parsed.exclude = strings(o.exclude);
    checkGlobs(source, o.exclude, ['exclude'], problem);
  }
  if (typeof o.failOn === 'string' && (FAIL_ON_VALUES as readonly string[]).includes(o.failOn)) parsed.failOn = o.failOn as FailOn;
  const registry = o.registry;
  if (registry && typeof registry === 'object' && typeof (registry as { enabled?: unknown }).enabled === 'boolean') {
    parsed.registryEnabled = { value: (registry as { enabled: boolean }).enabled, range: source.rangeOf(['registry', 'enabled'], 'key') };
  }
  if (Array.isArray(o.overrides)) {
    o.overrides.forEach((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return;
      const ov = item as Record<string, unknown>;
      const files = typeof ov.files === 'string' ? [ov.files] : Array.isArray(ov.files) ? strings(ov.files) : [];
      if (Array.isArray(ov.files)) checkGlobs(source, ov.files, ['overrides', i, 'files'], problem);
      else if (typeof ov.files === 'string') checkGlobs(source, [ov.files], ['overrides', i, 'files'], problem, true);
      const rules = readRules(source, ov.rules, ['overrides', i, 'rules'], problem);
      if (files.length) parsed.overrides.push({ files, rules });
    });
  }
  sortByPosition(parsed.problems);
  return parsed;
}

/** In file order (stable: problems at one place keep their order). */
export function sortByPosition(problems: ConfigProblem[]): void {
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function strings(list: unknown[]): string[] {
  return list.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
}

/** The valid entries of a `rules` map, by rule id; unknown names are reported (the schema reports bad severities). */
export function readRules(
  source: YamlSource,
  value: unknown,
  at: Segment[],
  problem: (range: Range, message: string, severity?: ConfigProblem['severity']) => void,
): RuleEntry[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: RuleEntry[] = [];
  for (const [name, sev] of Object.entries(value as Record<string, unknown>)) {
    const id = resolveRuleName(name);
    if (!id) {
      problem(source.rangeOf([...at, name], 'key'), unknownRuleMessage(name), 'warning');
      continue;
    }
    const severity = severityOf(sev);
    if (severity) out.push([id, severity]);
  }
  return out;
}

function checkGlobs(
  source: YamlSource,
  list: unknown[],
  at: Segment[],
  problem: (range: Range, message: string, severity?: ConfigProblem['severity']) => void,
  single = false,
): void {
  list.forEach((glob, i) => {
    if (typeof glob !== 'string') return;
    const g = glob.trim().replace(/\\/g, '/');
    if (g.startsWith('/') || /^[A-Za-z]:\//.test(g) || g === '..' || g.startsWith('../') || g.includes('/../')) {
      problem(
        source.rangeOf(single ? at : [...at, i]),
        `\`${glob}\` cannot match anything: globs are relative to the folder of this file and stay inside it.`,
        'warning',
      );
    }
  });
}

/** An ajv error as a problem at the offending key or value, in words. */
function schemaProblem(source: YamlSource, err: ErrorObject): { range: Range; message: string } {
  const path: Segment[] = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s, i, all) => (/^\d+$/.test(s) && isListPosition(all, i) ? Number(s) : s));
  const name = describePath(path);
  const shown = (v: unknown) => (typeof v === 'string' ? `\`${v}\`` : `\`${JSON.stringify(v)}\``);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = path.length === 0 ? CONFIG_KEYS : Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      const near = nearest(key, allowed, Math.max(2, Math.floor(key.length / 3)), true)[0];
      const where = path.length === 0 ? 'a Bulwark configuration key' : `a key of ${name}`;
      return {
        range: source.rangeOf([...path, key], 'key'),
        message: `\`${key}\` is not ${where}${near ? `; did you mean \`${near}\`?` : ` (expected one of: ${allowed.join(', ')}).`}`,
      };
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const near = typeof err.data === 'string' ? nearest(err.data, allowed, 2, true)[0] : undefined;
      return {
        range: source.rangeOf(path),
        message: `${shown(err.data)} is not a valid value for ${name}: use ${orList(allowed)}${near ? ` (did you mean \`${near}\`?)` : ''}.`,
      };
    }
    case 'type': {
      const type = String((err.params as { type: string | string[] }).type);
      const words: Record<string, string> = {
        array: 'a list',
        object: 'a map',
        boolean: 'true or false',
        string: 'a string',
        'string,array': 'a string or a list of strings',
      };
      return { range: source.rangeOf(path), message: `${capitalize(name)} must be ${words[type] ?? type}.` };
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return { range: source.rangeOf(path), message: `${capitalize(name)} needs \`${missing}\` (the globs of the files it applies to).` };
    }
    case 'minLength':
      return { range: source.rangeOf(path), message: `${capitalize(name)} must not be empty.` };
    case 'minItems':
      return { range: source.rangeOf(path), message: `${capitalize(name)} must list at least one glob.` };
    default:
      return { range: source.rangeOf(path), message: `${capitalize(name)} ${err.message ?? 'is invalid'}.` };
  }
}

/** Segments that index a list: the ones after `extends`, `trustedRegistries`, `exclude`, `overrides`, `files`. */
function isListPosition(all: string[], i: number): boolean {
  return i > 0 && ['extends', 'trustedRegistries', 'exclude', 'overrides', 'files'].includes(all[i - 1]);
}

function describePath(path: Segment[]): string {
  if (path.length === 0) return 'the file';
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return `\`${out}\``;
}

function orList(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items.join('');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
