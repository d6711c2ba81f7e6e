/**
 * Reading a `.hadolint.yaml` / `.hadolint.yml` so a team moving from hadolint keeps its decisions. Rule codes go
 * through the rule aliases (DL3008 → apt-pin-versions); several codes may name one Bulwark rule (DL3006 and DL3007
 * are both image-latest-tag), so a code's decision applies to that whole rule.
 *
 *   ignored: [DL3008, …]                              those rules off (wins over `override`, as in hadolint)
 *   override: { error: […], warning: […], info: […], style: […] }   severities (style → info)
 *   trustedRegistries / trusted-registries: [docker.io, …]        the registry allow-list
 *   failure-threshold: error|warning|info|style|ignore|none       → failOn (style and ignore → info, none → never)
 *   no-fail: true                                                 → failOn none
 *   disable-ignore-pragma: true                                   `# hadolint ignore=` comments are not honoured
 *
 * hadolint codes Bulwark does not implement (and ShellCheck's SCxxxx) are normal and ignored silently; a name that is
 * neither an alias nor a well-formed code is reported, as are unknown keys (hadolint itself ignores them silently,
 * which hides typos such as `ignore:`). Keys that configure hadolint's output or its label checks are accepted.
 */
import { nearest } from '../dockerfile/edit-distance';
import { getRule } from '../rules';
import { maskSecretsIn } from '../secrets';
import type { Range, SeveritySetting } from '../types';
import { sortByPosition } from './bulwark-file';
import type { RuleEntry } from './bulwark-file';
import type { ConfigProblem, FailOn } from './types';
import type { Segment, YamlSource } from './yaml-source';

export interface ParsedHadolintFile {
  path: string;
  rules: RuleEntry[];
  trustedRegistries?: string[];
  failOn?: FailOn;
  /** False when `disable-ignore-pragma: true`. */
  hadolintPragmas?: boolean;
  problems: ConfigProblem[];
}

const USED_KEYS = ['ignored', 'override', 'trustedRegistries', 'trusted-registries', 'failure-threshold', 'no-fail', 'disable-ignore-pragma'];
/** hadolint keys about its own output or checks Bulwark does not have: accepted, not used. */
const ACCEPTED_KEYS = ['format', 'output-format', 'no-color', 'verbose', 'label-schema', 'strict-labels'];
const LEVELS: Record<string, SeveritySetting> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };
const THRESHOLDS: Record<string, FailOn> = { error: 'error', warning: 'warning', info: 'info', style: 'info', ignore: 'info', none: 'none' };
const CODE = /^(DL|SC)\d{4}$/i;

export function parseHadolintFile(source: YamlSource): ParsedHadolintFile {
  const parsed: ParsedHadolintFile = { path: source.path, rules: [], problems: [] };
  const problem = (at: Segment[], message: string, severity: ConfigProblem['severity'] = 'error', part: 'key' | 'value' = 'value') =>
    parsed.problems.push({ path: source.path, range: source.rangeOf(at, part), message: maskSecretsIn(message), severity });
  const fileProblem = (range: Range, message: string) => parsed.problems.push({ path: source.path, range, message: maskSecretsIn(message), severity: 'error' });

  for (const e of source.syntaxErrors) fileProblem(e.range, `${e.message} (the file is ignored until it parses).`);
  if (source.syntaxErrors.length) return parsed;
  const value = source.value;
  if (value === null || value === undefined) return parsed;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem([], 'A hadolint configuration file must be a map of keys (ignored, override, …); the file is ignored.');
    return parsed;
  }
  const o = value as Record<string, unknown>;

  for (const key of Object.keys(o)) {
    if (USED_KEYS.includes(key) || ACCEPTED_KEYS.includes(key)) continue;
    const near = nearest(key, [...USED_KEYS, ...ACCEPTED_KEYS], Math.max(2, Math.floor(key.length / 3)), true)[0];
    problem([key], `\`${key}\` is not a hadolint configuration key${near ? `; did you mean \`${near}\`?` : '.'}`, 'warning', 'key');
  }

  /** The rule ids a list of codes names (unknown well-formed codes dropped silently). */
  const codes = (list: unknown, at: Segment[]): string[] => {
    if (list === null || list === undefined) return [];
    if (!Array.isArray(list)) {
      problem(at, `\`${at.join('.')}\` must be a list of rule codes (DL3008, …).`);
      return [];
    }
    const ids: string[] = [];
    list.forEach((code, i) => {
      if (typeof code !== 'string' && typeof code !== 'number') {
        problem([...at, i], 'A rule code must be a string such as DL3008.');
        return;
      }
      const name = String(code).trim();
      const rule = getRule(name);
      if (rule) ids.push(rule.meta.id);
      else if (!CODE.test(name)) problem([...at, i], `\`${name}\` is not a hadolint rule code (DLxxxx, SCxxxx) nor a Bulwark rule.`, 'warning');
    });
    return ids;
  };

  const override = o.override;
  if (override !== undefined && override !== null) {
    if (typeof override !== 'object' || Array.isArray(override)) {
      problem(['override'], '`override` must be a map from a severity (error, warning, info, style) to rule codes.');
    } else {
      for (const [level, list] of Object.entries(override as Record<string, unknown>)) {
        const severity = LEVELS[level];
        if (!severity) {
          const near = nearest(level, Object.keys(LEVELS), 2, true)[0];
          problem(['override', level], `\`${level}\` is not a hadolint severity: use error, warning, info or style${near ? ` (did you mean \`${near}\`?)` : ''}.`, 'error', 'key');
          continue;
        }
        for (const id of codes(list, ['override', level])) parsed.rules.push([id, severity]);
      }
    }
  }
  for (const id of codes(o.ignored, ['ignored'])) parsed.rules.push([id, 'off']);

  const registriesKey = 'trustedRegistries' in o ? 'trustedRegistries' : 'trusted-registries' in o ? 'trusted-registries' : undefined;
  if (registriesKey) {
    const r = o[registriesKey];
    if (typeof r === 'string' && r.trim()) parsed.trustedRegistries = [r.trim()];
    else if (Array.isArray(r) && r.every((x) => typeof x === 'string')) parsed.trustedRegistries = r.map((x: string) => x.trim()).filter(Boolean);
    else if (r !== null && r !== undefined) problem([registriesKey], `\`${registriesKey}\` must be a registry name or a list of them.`);
  }

  const threshold = o['failure-threshold'];
  if (threshold !== undefined && threshold !== null) {
    const failOn = typeof threshold === 'string' ? THRESHOLDS[threshold.toLowerCase()] : undefined;
    if (failOn) parsed.failOn = failOn;
    else problem(['failure-threshold'], `\`${String(threshold)}\` is not a failure threshold: use error, warning, info, style, ignore or none.`);
  }
  const noFail = o['no-fail'];
  if (noFail === true) parsed.failOn = 'none';
  else if (noFail !== undefined && noFail !== false && noFail !== null) problem(['no-fail'], '`no-fail` must be true or false.');

  const pragma = o['disable-ignore-pragma'];
  if (typeof pragma === 'boolean') parsed.hadolintPragmas = !pragma;
  else if (pragma !== undefined && pragma !== null) problem(['disable-ignore-pragma'], '`disable-ignore-pragma` must be true or false.');

  sortByPosition(parsed.problems);
  return parsed;
}
