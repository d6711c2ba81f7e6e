/*!
 * Bulwark bundles the Compose Specification JSON schema (compose-spec.json) from
 * https://github.com/compose-spec/compose-go, commit e70e961c3a3acebf0800b882f1afb3dbf1fb74a2 (2026-07-21),
 * unmodified. Copyright The Compose Specification Authors.
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 * Unless required by applicable law or agreed to in writing, software distributed under the License is distributed
 * on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 */
/**
 * Compose Specification schema validation with ajv (draft 2020-12), turned into findings a person can act on: each
 * error at the offending key or value (not ajv's JSON pointer), in words ("`servcies` is not a Compose top-level key;
 * did you mean `services`?"), one finding per mistake (ajv's oneOf/anyOf branch noise is folded into the branch that
 * fits the value's type), and values that depend on variables without defaults are not judged.
 *
 * The validator is compiled once per process, on first use (see `composeValidator`).
 */
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import ajvOptions from './ajv-options.json';
import schemaJson from './compose-spec.schema.json';
import { editDistance } from '../dockerfile/edit-distance';
import { findSecrets, looksLikeSecretName, looksLikeSecretValue, maskSecret } from '../secrets';
import type { Range } from '../types';
import { ComposeEntry, parseBoolean } from './model';
import type { ComposeDocument, ComposeModel, ComposeValue } from './model';

const SCHEMA = schemaJson as unknown as Record<string, unknown>;

let compiled: ValidateFunction | undefined;

/**
 * ajv's options for the Compose schema, shared with the build (scripts/build.mjs), which generates the same validator
 * ahead of time. Strict mode stays on except for `strictTypes` (the schema puts `additionalProperties` in branches
 * without a `type`), and union types are allowed (`"type": ["boolean", "string"]` is how the schema tolerates
 * interpolated values). Not inlining `$ref`s and not optimizing the generated code halves the compile time (about
 * 0.3 s instead of 0.6–1 s here) for the same errors and a validation that stays well under a millisecond per file.
 */
export const AJV_OPTIONS = ajvOptions as Options;

/** The validator the build generated with ajv's standalone code (dist/compose-validator.js, beside the bundles). */
export const PREBUILT_VALIDATOR = 'compose-validator.js';

/**
 * The compiled Compose schema validator, built once per process on first call and then reused: the bundles load the
 * code the build generated (no compile at start-up: it took about 0.3–0.5 s of every CLI run on a Compose file);
 * elsewhere (tests on the compiled sources) ajv compiles the schema with the same options.
 */
export function composeValidator(): ValidateFunction {
  compiled ??= prebuiltValidator() ?? compileValidator();
  return compiled;
}

/** Compiles the schema with ajv (what the build's generated code does, ahead of time). */
export function compileValidator(extra: Partial<Options> = {}): ValidateFunction {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra, code: { ...AJV_OPTIONS.code, ...extra.code } });
  return ajv.compile(SCHEMA);
}

function prebuiltValidator(): ValidateFunction | undefined {
  const file = path.join(__dirname, PREBUILT_VALIDATOR);
  if (!fs.existsSync(file)) return undefined;
  // A runtime path on purpose: the bundles load the file beside them (esbuild leaves this require alone).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as ValidateFunction | { default: ValidateFunction };
  return typeof loaded === 'function' ? loaded : loaded.default;
}

export interface SchemaFix {
  title: string;
  range: Range;
  newText: string;
  safe: boolean;
  isPreferred?: boolean;
}

export interface SchemaProblem {
  range: Range;
  message: string;
  /** The JSON pointer of the offending value (ajv's `instancePath`, with the property for unknown keys). */
  pointer: string;
  fixes: SchemaFix[];
}

/** Validates every document of the model; problems in document order, one per mistake. */
export function validateComposeSchema(model: ComposeModel): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const doc of model.documents) {
    // A document with YAML errors is the syntax rule's to report: validating what the parser recovered would mostly
    // report the consequences of the syntax error (a key that lost its indentation, a value cut short).
    if (!doc.root || doc.root.kind === 'null' || doc.aliasesRefused || doc.errorOffsets.length > 0) continue;
    for (const p of validateDocument(doc)) {
      const key = `${p.range.start.line}:${p.range.start.character}:${p.range.end.line}:${p.range.end.character}\u0000${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

// ---- JSON pointers to YAML -------------------------------------------------------------------

interface Located {
  value: ComposeValue;
  /** The mapping entry the value is (when it is one). */
  entry?: ComposeEntry;
  segments: string[];
}

function decodePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(doc: ComposeDocument, pointer: string): Located | undefined {
  const segments = decodePointer(pointer);
  let cur: ComposeValue | undefined = doc.root;
  for (const seg of segments) {
    if (!cur) return undefined;
    if (cur.isMap) cur = cur.get(seg);
    else if (cur.isSeq) cur = cur.items().filter((i) => i.tag !== '!reset')[Number(seg)];
    else return undefined;
  }
  if (!cur) return undefined;
  return { value: cur, ...(cur instanceof ComposeEntry ? { entry: cur } : {}), segments };
}

/** Path text with array indexes shown as `[n]`: uses the located values to know which segments index lists. */
function pathText(doc: ComposeDocument, segments: string[]): string {
  let out = '';
  let cur: ComposeValue | undefined = doc.root;
  for (const seg of segments) {
    if (cur?.isSeq) {
      out += `[${seg}]`;
      cur = cur.items().filter((i) => i.tag !== '!reset')[Number(seg)];
      continue;
    }
    out += /^[A-Za-z0-9_-]+$/.test(seg) ? (out ? `.${seg}` : seg) : `[${JSON.stringify(seg)}]`;
    cur = cur?.get(seg);
  }
  return out;
}

// ---- error simplification ----------------------------------------------------------------------

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

function jsonType(data: unknown): JsonType {
  if (data === null || data === undefined) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  if (typeof data === 'boolean') return 'boolean';
  if (typeof data === 'string') return 'string';
  return 'object';
}

function typeAccepts(type: string, actual: JsonType): boolean {
  return type === actual || (type === 'number' && actual === 'integer');
}

function deref(schema: unknown, depth = 0): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== 'object' || depth > 16) return undefined;
  const s = schema as Record<string, unknown>;
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = SCHEMA;
    for (const seg of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
    return deref(target, depth + 1);
  }
  return s;
}

/** The JSON types a (sub)schema accepts; undefined when it does not constrain the type. */
function schemaTypes(schema: unknown, depth = 0): string[] | undefined {
  const s = deref(schema);
  if (!s || depth > 8) return undefined;
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type as string[];
  const branches = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (Array.isArray(branches)) {
    const all = new Set<string>();
    for (const b of branches) {
      const t = schemaTypes(b, depth + 1);
      if (!t) return undefined;
      for (const x of t) all.add(x);
    }
    return [...all];
  }
  return undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (`true` or `false`)',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

function typeList(types: string[]): string {
  const uniq = [...new Set(types)].filter((t, _i, all) => !(t === 'integer' && all.includes('number')));
  const words = uniq.map((t) => TYPE_WORDS[t] ?? t);
  if (words.length <= 1) return words[0] ?? 'something else';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * A value as a message may show it: shortened, and masked when it could be a secret (a credential pattern, a
 * high-entropy literal, or a value under a secret-looking key) — a message never carries a secret.
 */
function displayValue(text: string, segments: string[]): string {
  // A random-looking run of letters and digits (`Zx9yPq2w…`) may be a credential; words, numbers, paths and
  // addresses (`no-new-privileges:true`, `127.0.0.1:8080:80`) are shown.
  const randomPart = text.split(/[-:/._=,\s@]+/).some((p) => p.length >= 8 && /[0-9]/.test(p) && /[a-zA-Z]/.test(p));
  const secret =
    segments.some((s) => looksLikeSecretName(s)) || findSecrets(text).length > 0 || (randomPart && looksLikeSecretValue(text));
  if (secret) return maskSecret(text) || '…';
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function foundWord(data: unknown, segments: string[]): string {
  const t = jsonType(data);
  if (t === 'null') return 'it is empty';
  if (t === 'array' || t === 'object') return `found ${TYPE_WORDS[t]}`;
  return `found ${t === 'string' ? 'the string ' : ''}${code(displayValue(String(data), segments))}`;
}

const VALUE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'oneOf', 'anyOf',
]);

interface Err extends ErrorObject {
  synthesizedTypes?: string[];
}

/** Folds oneOf/anyOf noise: keeps the errors of the branches whose type fits the value, or one "must be X or Y". */
function foldCombinators(errors: Err[]): Err[] {
  let list = [...errors];
  const combinators = list
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  for (const c of combinators) {
    if (!list.includes(c)) continue;
    const p = c.instancePath;
    const branches = Array.isArray(c.schema) ? (c.schema as unknown[]) : [];
    const actual = jsonType(c.data);
    const branchTypes = branches.map((b) => schemaTypes(b));
    const fits = branchTypes.filter((t) => !t || t.some((x) => typeAccepts(x, actual)));
    const under = (e: Err) => e !== c && (e.instancePath === p || e.instancePath.startsWith(p + '/'));
    const isBranchTypeError = (e: Err) => e.instancePath === p && e.keyword === 'type';
    if (fits.length === 0) {
      const types = branchTypes.flatMap((t) => t ?? []);
      list = list.filter((e) => !(e === c || isBranchTypeError(e) || (e.instancePath === p && e.keyword === 'enum')));
      list.push({ ...c, keyword: 'type', params: { type: types }, synthesizedTypes: types });
      continue;
    }
    list = list.filter((e) => !(e === c || isBranchTypeError(e)));
    const rest = list.filter(under);
    const passing = (c.params as { passingSchemas?: unknown }).passingSchemas;
    if (rest.length === 0 && Array.isArray(passing)) list.push(c);
  }
  return list;
}

// ---- messages ----------------------------------------------------------------------------------

function keyThreshold(key: string): number {
  return key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
}

const normalizeKey = (k: string) => k.toLowerCase().replace(/-/g, '_');

/** The candidates are the schema's key names and enum values (a fixed set): each is normalized once per process. */
const normalizedCandidates = new Map<string, string>();
function normalizedCandidate(c: string): string {
  let n = normalizedCandidates.get(c);
  if (n === undefined) {
    n = normalizeKey(c);
    if (normalizedCandidates.size < 10_000) normalizedCandidates.set(c, n);
  }
  return n;
}

/** The nearest candidates to `word` (case and `-`/`_` ignored), best first; ties are all returned. */
function nearestKeys(word: string, candidates: string[]): { names: string[]; distance: number } {
  const w = normalizeKey(word);
  let best = Infinity;
  let names: string[] = [];
  const threshold = keyThreshold(word);
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(w, normalizedCandidate(c), threshold);
    if (d > threshold) continue;
    if (d < best) {
      best = d;
      names = [c];
    } else if (d === best) names.push(c);
  }
  return { names, distance: best };
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function shortValue(v: ComposeValue, segments: string[]): string {
  return displayValue(v.text ?? v.raw, segments);
}

/** The range to report for a value: itself when on one line, else its key, else its first line. */
function valueRange(loc: Located): Range {
  const r = loc.value.range;
  // An empty value (`volumes:`) has no text of its own: point at its key.
  if (loc.entry && r.start.line === r.end.line && r.start.character === r.end.character) return loc.entry.keyRange;
  if (r.start.line === r.end.line) return r;
  if (loc.entry) return loc.entry.keyRange;
  const lines = loc.value.model.lines;
  const start = loc.value.offsets[0];
  return loc.value.model.rangeOf(start, lines.lineEnd(r.start.line));
}

/** Renames a key in place (keeping its quotes); undefined for keys written in a form we do not rewrite. */
function fixRenameKey(entry: ComposeEntry, to: string, safe: boolean, preferred: boolean): SchemaFix | undefined {
  const key = entry.keyNode;
  if (!key.range) return undefined;
  const raw = entry.model.text.slice(key.range[0], key.range[1]);
  let newText: string;
  if (key.type === 'PLAIN' && /^[A-Za-z0-9_.-]+$/.test(to)) newText = to;
  else if (key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE') newText = raw[0] + to + raw[raw.length - 1];
  else return undefined;
  return { title: `Rename to ${code(to)}`, range: entry.keyRange, newText, safe, ...(preferred ? { isPreferred: true } : {}) };
}

/** True when the value's JSON type is one the property's schema accepts (so a rename does not trade one error for another). */
function fitsProperty(propertySchema: unknown, value: ComposeValue): boolean {
  const types = schemaTypes(propertySchema);
  if (!types) return true;
  const actual = jsonType(value.toJS({ left: 10_000 }));
  return types.some((t) => typeAccepts(t, actual));
}

function validateDocument(doc: ComposeDocument): SchemaProblem[] {
  const root = doc.root!;
  const validate = composeValidator();
  const instance = root.toJS();
  if (validate(instance)) return [];
  let errors = (validate.errors ?? []) as Err[];

  // Values that depend on variables without defaults are not judged; interpolated values Compose casts are fine.
  errors = errors.filter((e) => {
    if (e.keyword === 'if') return false;
    const loc = locate(doc, e.instancePath);
    if (!loc) return true;
    const v = loc.value;
    if (VALUE_KEYWORDS.has(e.keyword) && !v.known) return false;
    if (e.keyword === 'uniqueItems' && v.items().some((i) => !i.known)) return false;
    if (e.keyword === 'type' && v.interpolation?.known && typeof v.value === 'string') {
      const want = ([] as string[]).concat((e.params as { type: string | string[] }).type);
      if (want.includes('boolean') && parseBoolean(v.value) !== undefined) return false;
      const n = v.number();
      if (n !== undefined && (want.includes('number') || (want.includes('integer') && Number.isInteger(n)))) return false;
    }
    return true;
  });
  errors = foldCombinators(errors);

  const problems: SchemaProblem[] = [];
  for (const e of errors) {
    const problem = describe(doc, e);
    if (problem) problems.push(problem);
  }
  return problems;
}

function describe(doc: ComposeDocument, e: Err): SchemaProblem | undefined {
  const loc = locate(doc, e.instancePath);
  if (!loc) return undefined;
  const path = pathText(doc, loc.segments);
  const at = path ? code(path) : 'The file';
  const params = e.params as Record<string, unknown>;
  const fixes: SchemaFix[] = [];
  const v = loc.value;
  const parentSchema = deref(e.parentSchema) ?? {};

  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const entry = v.get(name);
      if (!entry) return undefined;
      const properties = (parentSchema.properties as Record<string, unknown> | undefined) ?? {};
      const props = Object.keys(properties);
      const present = new Set(v.keys());
      const { names, distance } = nearestKeys(name, props.filter((p) => !present.has(p)));
      const suggestion = names.length === 1 ? names[0] : undefined;
      let message: string;
      const isService = loc.segments.length === 2 && loc.segments[0] === 'services';
      const shown = name === '' ? 'An empty key' : code(name);
      if (loc.segments.length === 0 && !suggestion && entry.isMap && (entry.has('image') || entry.has('build'))) {
        // Compose file format v1: services at the top level.
        return {
          range: entry.keyRange,
          message: `${shown} looks like a service written at the top level (Compose file format v1, no longer supported): move it under \`services:\`.`,
          pointer: `${e.instancePath}/${name}`,
          fixes,
        };
      }
      if (loc.segments.length === 0) message = `${shown} is not a Compose top-level key`;
      else if (isService) message = `${shown} is not a service key (service ${code(loc.segments[1])})`;
      else if (props.length === 0 && parentSchema.patternProperties) {
        return {
          range: entry.keyRange,
          message: `${code(name)} is not a valid name in ${at}: use letters, digits, \`.\`, \`_\` and \`-\`.`,
          pointer: `${e.instancePath}/${name}`,
          fixes,
        };
      } else message = `${code(name)} is not allowed in ${at}`;
      const extensible = !!(parentSchema.patternProperties as Record<string, unknown> | undefined)?.['^x-'];
      if (suggestion) {
        message += `; did you mean ${code(suggestion)}?`;
        // A rename that trades this error for a type error is no fix; a one-edit typo is safe.
        if (fitsProperty(properties[suggestion], entry)) {
          const fix = fixRenameKey(entry, suggestion, distance <= 1, true);
          if (fix) fixes.push(fix);
        }
      } else if (names.length > 1) {
        message += `; did you mean ${names.map(code).join(' or ')}?`;
        for (const n of names) {
          const fix = fitsProperty(properties[n], entry) ? fixRenameKey(entry, n, false, false) : undefined;
          if (fix) fixes.push(fix);
        }
      } else if (extensible) {
        message += ` (custom ${loc.segments.length === 0 ? 'top-level ' : ''}keys must start with \`x-\`).`;
        const fix = name ? fixRenameKey(entry, `x-${name}`, false, false) : undefined;
        if (fix) fixes.push({ ...fix, title: `Rename to ${code(`x-${name}`)} (a custom extension key)` });
      } else message += '.';
      return { range: entry.keyRange, message, pointer: `${e.instancePath}/${name}`, fixes };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const range = loc.entry ? loc.entry.keyRange : (v.entries()[0]?.keyRange ?? valueRange(loc));
      return { range, message: `${at} is missing the required key ${code(missing)}.`, pointer: e.instancePath, fixes };
    }
    case 'type': {
      const types = e.synthesizedTypes ?? ([] as string[]).concat(params.type as string | string[]);
      if (loc.segments.length === 0) {
        return {
          range: valueRange(loc),
          message: 'A Compose file must be a mapping of top-level keys (`services:`, `networks:`, `volumes:`, …).',
          pointer: e.instancePath,
          fixes,
        };
      }
      return { range: valueRange(loc), message: `${at} must be ${typeList(types)}; ${foundWord(e.data, loc.segments)}.`, pointer: e.instancePath, fixes };
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map((x) => String(x));
      let message = `${at} must be ${allowed.length === 1 ? code(allowed[0]) : `one of ${allowed.map(code).join(', ')}`}`;
      const found = v.text;
      if (found !== undefined) {
        const { names } = nearestKeys(found, allowed);
        if (names.length === 1) {
          message += `; did you mean ${code(names[0])}?`;
          if (v.isScalar && !v.interpolation) {
            fixes.push({ title: `Replace with ${code(names[0])}`, range: v.range, newText: names[0], safe: false, isPreferred: true });
          }
        } else message += ` (found ${code(shortValue(v, loc.segments))}).`;
      } else message += '.';
      return { range: valueRange(loc), message, pointer: e.instancePath, fixes };
    }
    case 'pattern':
      return {
        range: valueRange(loc),
        message: `${at} is not valid: ${code(shortValue(v, loc.segments))} does not match ${code(String(params.pattern))}.`,
        pointer: e.instancePath,
        fixes,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = { '>=': 'at least', '<=': 'at most', '>': 'more than', '<': 'less than' };
      return {
        range: valueRange(loc),
        message: `${at} must be ${words[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}.`,
        pointer: e.instancePath,
        fixes,
      };
    }
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const items = v.items().filter((x) => x.tag !== '!reset');
      const dup = items[Math.max(i, j)];
      const what = dup?.isScalar ? ` ${code(shortValue(dup, loc.segments))}` : ' an item';
      return { range: dup ? dup.range : valueRange(loc), message: `${at} lists${what} twice.`, pointer: e.instancePath, fixes };
    }
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties': {
      const unit = e.keyword.endsWith('Items') ? 'item' : e.keyword.endsWith('Length') ? 'character' : 'key';
      const n = Number(params.limit);
      const bound = e.keyword.startsWith('min') ? 'at least' : 'at most';
      return { range: valueRange(loc), message: `${at} must have ${bound} ${n} ${unit}${n === 1 ? '' : 's'}.`, pointer: e.instancePath, fixes };
    }
    case 'oneOf':
      return { range: valueRange(loc), message: `${at} matches more than one of the forms Compose allows here; it is ambiguous.`, pointer: e.instancePath, fixes };
    case 'anyOf':
      return { range: valueRange(loc), message: `${at} does not match any of the forms Compose allows here.`, pointer: e.instancePath, fixes };
    case 'not':
      return { range: valueRange(loc), message: `${at} is not allowed here.`, pointer: e.instancePath, fixes };
    case 'dependentRequired':
    case 'dependencies':
      return {
        range: valueRange(loc),
        message: `${at} needs ${code(String(params.missingProperty))} when ${code(String(params.property))} is set.`,
        pointer: e.instancePath,
        fixes,
      };
    default:
      return { range: valueRange(loc), message: `${at} ${e.message ?? 'is not valid'}.`, pointer: e.instancePath, fixes };
  }
}
