/**
 * The Compose model: a Compose file parsed with the `yaml` package (positions kept), its documents, services and their
 * effective values, with typed accessors for the keys rules ask about. Rules ask the model questions instead of
 * walking YAML.
 *
 * Decisions (see also server/core/compose/README.md):
 * - **Positions.** Every value's range is where the value is *written*. A value that reaches a service through an
 *   alias (`ports: *common`) or a merge key (`<<: *defaults`) points at the anchor's text — that is the text a fix
 *   edits — and carries `via`: the alias or merge in the service's own mapping (the first one crossed on the way), so a
 *   rule can also point there. Several services merging one anchor therefore produce findings at one range; the
 *   engine keeps one finding per rule and range.
 * - **Merge keys** (`<<: *a`, `<<: [*a, *b]`, inline `<<: {…}`): keys written in the mapping win over merged ones;
 *   among merged mappings the earlier one wins (YAML 1.1 merge semantics, as compose-go's YAML parser applies them).
 * - **Multiple documents** (`---`): compose-go loads each document of the stream as a layer and merges them in order
 *   like override files (compose-spec/compose-go loader/multidoc_test.go). `services` lists each service once, with
 *   its definitions in document order; the later document's value wins (`get`) and list-valued keys (ports, volumes,
 *   environment, cap_add, …) combine across documents as Compose merges them. Each document is validated on its own.
 * - **extends**: `extends: base` / `extends: {service: base}` in the same file layers the base service under the
 *   service (values from it carry `via.kind === 'extends'`). `extends: {file: …}` is recorded as unresolved: the core
 *   reads no files.
 * - **Interpolation**: values are interpolated; a value is known only when every variable in it has a default
 *   (`${VAR:-default}`, `${VAR-default}`: the default is judged). Otherwise `value` is undefined and `known` false:
 *   rules then report nothing rather than guess.
 * - **Aliases are bounded**: a document whose aliases would expand past a fixed budget (billion laughs) or refer to
 *   themselves is refused — a `compose-yaml-syntax` problem is reported and its aliases resolve to nothing.
 * - `!reset` / `!override` (Compose merge tags) are understood; other tags are YAML warnings.
 */
import { MAX_YAML_DEPTH, yamlNestingDepth } from './nesting';
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { MAX_YAML_DOCUMENTS, MAX_YAML_ERRORS, parseComposeYaml } from './yaml-parse';
import type { CollectionTag, Document, Pair, ParsedNode, ScalarTag } from 'yaml';
import { LineIndex, detectEol, withoutSpans } from '../text';
import type { Range } from '../types';
import { parseImageRef } from '../dockerfile/image';
import type { ImageRef } from '../dockerfile/image';
import { hasInterpolation, interpolate } from './interpolation';
import type { Interpolated } from './interpolation';
import { isHostPath, parsePortRange, parsePortSpec, parseVolumeSpec, PROPAGATION_MODES } from './short-syntax';
import type { MountType } from './short-syntax';
import { formatCount } from '../format';

export type YamlNode = ParsedNode;

export interface YamlProblem {
  range: Range;
  message: string;
  severity: 'error' | 'warning';
  /** The `yaml` package's error code, or `ALIAS_REFUSED` / `ALIAS_UNRESOLVED` / `PARSE_FAILED` / `TOO_DEEP` / `TOO_MANY_PROBLEMS` / `TOO_MANY_ERRORS` / `TOO_MANY_DOCUMENTS`. */
  code: string;
}

/** How a value reached a service other than being written in its mapping. */
export interface Via {
  kind: 'merge' | 'alias' | 'extends';
  /** The alias (`*defaults`), merge key or `extends` entry in the service's own text. */
  range: Range;
}

/** Above this many expanded nodes (plus 10 per node written) a document's aliases are refused. */
const EXPANSION_BUDGET = 200_000;
/** Deeper nesting is not followed (values below are ignored, never a stack overflow). */
const MAX_DEPTH = 200;

const COMPOSE_TAGS: (CollectionTag | ScalarTag)[] = ['!reset', '!override'].flatMap((tag): (CollectionTag | ScalarTag)[] => [
  { tag, collection: 'map', nodeClass: YAMLMap, identify: () => false, resolve: (m) => m },
  { tag, collection: 'seq', nodeClass: YAMLSeq, identify: () => false, resolve: (s) => s },
  { tag, identify: () => false, resolve: (s: string) => s },
]);

/** The parse options of every Compose file: one object, so the schema made from them is made once (yaml-parse.ts). */
const YAML_OPTIONS = { keepSourceTokens: true, merge: true, customTags: COMPOSE_TAGS, prettyErrors: false } as const;

function isMergePair(pair: Pair): boolean {
  const k = pair.key;
  return isScalar(k) && k.type === 'PLAIN' && (k.source === '<<' || typeof k.value === 'symbol');
}

/** A mapping key as text (`80: x` gives `80`); undefined for complex keys. */
export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  if (key.value === null) return key.source ?? '';
  return key.source ?? String(key.value);
}

/** compose-go's string → boolean cast (for values that are strings, e.g. after interpolation). */
export function parseBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === 'yes' || t === 'y' || t === 'on') return true;
  if (t === 'false' || t === 'no' || t === 'n' || t === 'off') return false;
  return undefined;
}

// ---- documents ----------------------------------------------------------------------------------

/** A number written as a string (`" 1.5e3 "`). */
export const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export class ComposeDocument {
  /** The document's top-level value (a mapping in a valid file); undefined for an empty document. */
  readonly root: ComposeValue | undefined;
  /** Alias expansion was refused (too large, or recursive): aliases in this document resolve to nothing. */
  readonly aliasesRefused: boolean;
  /** Offsets of the YAML errors inside this document. */
  readonly errorOffsets: number[] = [];
  private readonly aliasTargets = new Map<Alias, YamlNode>();
  private readonly ownKeys = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    readonly model: ComposeModel,
    readonly index: number,
    readonly yaml: Document.Parsed,
    problems: YamlProblem[],
  ) {
    const anchors = new Map<string, YamlNode>();
    let nodeCount = 0;
    const unresolved: Alias[] = [];
    // One pass in document order: an alias refers to the last anchor of its name before it.
    const walk = (node: unknown, depth: number) => {
      if (!node || depth > MAX_DEPTH) return;
      if (isPair(node)) {
        walk(node.key, depth + 1);
        walk(node.value, depth + 1);
        return;
      }
      nodeCount++;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) this.aliasTargets.set(node, target);
        else unresolved.push(node);
        return;
      }
      const n = node as YamlNode;
      if (n.anchor) anchors.set(n.anchor, n);
      if (isMap(n) || isSeq(n)) for (const item of n.items) walk(item, depth + 1);
    };
    walk(yaml.contents, 0);
    for (const a of unresolved) {
      problems.push({
        range: model.rangeOfNode(a),
        message: `The alias \`*${a.source}\` refers to no anchor \`&${a.source}\` defined before it.`,
        severity: 'error',
        code: 'ALIAS_UNRESOLVED',
      });
    }
    let refused = false;
    if (this.aliasTargets.size > 0) {
      const verdict = this.expansion(nodeCount);
      if (verdict) {
        refused = true;
        problems.push({ range: model.rangeOfNode(verdict.at), message: verdict.message, severity: 'error', code: 'ALIAS_REFUSED' });
      }
    }
    this.aliasesRefused = refused;
    this.root = yaml.contents ? this.value(yaml.contents as YamlNode, yaml.contents.range?.[0] ?? 0) : undefined;
  }

  /** Checks what the aliases would expand to; a reason when the document must be refused. */
  private expansion(nodeCount: number): { at: YamlNode; message: string } | undefined {
    const size = new Map<unknown, number>();
    const visiting = new Set<unknown>();
    const limit = EXPANSION_BUDGET + 10 * nodeCount;
    let recursive: YamlNode | undefined;
    const measure = (node: unknown, depth: number): number => {
      if (!node || depth > MAX_DEPTH) return 1;
      if (isPair(node)) return measure(node.key, depth + 1) + measure(node.value, depth + 1);
      const target = isAlias(node) ? this.aliasTargets.get(node) : node;
      if (!target) return 1;
      const known = size.get(target);
      if (known !== undefined) return known;
      if (visiting.has(target)) {
        recursive ??= node as YamlNode;
        return limit + 1;
      }
      visiting.add(target);
      let total = 1;
      if (isMap(target) || isSeq(target)) {
        for (const item of target.items) {
          total += measure(item, depth + 1);
          if (total > limit) break;
        }
      }
      visiting.delete(target);
      total = Math.min(total, limit + 1);
      size.set(target, total);
      return total;
    };
    const total = measure(this.yaml.contents, 0);
    if (recursive) return { at: recursive, message: `The alias \`*${(recursive as unknown as Alias).source}\` refers to a node that contains it; aliases in this document are not expanded.` };
    if (total > limit) {
      // Point at the first alias: that is where the expansion starts.
      const first = [...this.aliasTargets.keys()][0] as unknown as YamlNode;
      return {
        at: first,
        message: `The aliases in this document would expand to more than ${formatCount(limit)} nodes (an alias bomb); they are not expanded.`,
      };
    }
    return undefined;
  }

  /** The node an alias stands for (undefined when unresolved or refused); other nodes as they are. */
  resolve(node: unknown): YamlNode | undefined {
    if (isAlias(node)) return this.aliasesRefused ? undefined : this.aliasTargets.get(node);
    return (node ?? undefined) as YamlNode | undefined;
  }

  /** A view of `node` (an alias is followed, and remembered as `via` unless one is given). */
  value(node: unknown, fallbackOffset: number, via?: Via): ComposeValue {
    if (isAlias(node)) {
      const target = this.resolve(node);
      return new ComposeValue(this, target ?? null, fallbackOffset, via ?? { kind: 'alias', range: this.model.rangeOfNode(node as YamlNode) }, target ? undefined : node);
    }
    return new ComposeValue(this, (node ?? null) as YamlNode | null, fallbackOffset, via);
  }

  /** The pairs written in `map` by key (merge keys excluded), cached. */
  ownPairs(map: YAMLMap): Map<string, Pair> {
    let own = this.ownKeys.get(map);
    if (!own) {
      own = new Map();
      for (const item of map.items) {
        if (isMergePair(item)) continue;
        const k = keyText(item.key);
        if (k !== undefined && !own.has(k)) own.set(k, item);
      }
      this.ownKeys.set(map, own);
    }
    return own;
  }

  /** The mappings a merge key brings in, in priority order, with the node that brought each (for `via`). */
  mergeSources(pair: Pair): { map: YAMLMap; through: YamlNode }[] {
    const out: { map: YAMLMap; through: YamlNode }[] = [];
    const v = pair.value;
    const add = (node: unknown) => {
      const target = this.resolve(node);
      if (isMap(target)) out.push({ map: target, through: (node ?? pair.key) as YamlNode });
    };
    const target = this.resolve(v);
    if (isSeq(target)) for (const item of target.items) add(item);
    else add(v);
    return out;
  }
}

// ---- values ------------------------------------------------------------------------------------

export type ValueKind = 'map' | 'seq' | 'scalar' | 'null' | 'unresolved';

/**
 * A value in a Compose document, aliases resolved. Scalars expose their value after interpolation; mappings and
 * sequences their entries and items (merge keys resolved).
 */
export class ComposeValue {
  private interpolated?: Interpolated | null;

  constructor(
    readonly document: ComposeDocument,
    /** The value node (aliases resolved); null for a missing value or an alias that resolves to nothing. */
    readonly node: YamlNode | null,
    /** Where a missing value would be (just after its key). */
    private readonly fallbackOffset: number,
    /** The alias, merge key or extends through which the value reached its service. */
    readonly via?: Via,
    /** An alias that resolved to nothing (unknown anchor, or refused). */
    readonly unresolvedAlias?: unknown,
  ) {}

  get model(): ComposeModel {
    return this.document.model;
  }

  /** Where the value is written (the anchor's text for an aliased value); zero-width after the key when missing. */
  get range(): Range {
    const [s, e] = this.offsets;
    return this.model.rangeOf(s, e);
  }

  /** Offsets [start, end) of the value's text (a block collection's trailing line break and blanks excluded). */
  get offsets(): [number, number] {
    const r = this.node?.range;
    if (!r) return [this.fallbackOffset, this.fallbackOffset];
    let end = r[1];
    if (!isScalar(this.node)) {
      const text = this.model.text;
      while (end > r[0] && /\s/.test(text[end - 1])) end--;
    }
    return [r[0], end];
  }

  get kind(): ValueKind {
    const n = this.node;
    if (!n) return this.unresolvedAlias ? 'unresolved' : 'null';
    if (isMap(n)) return 'map';
    if (isSeq(n)) return 'seq';
    if (isScalar(n) && n.value === null) return 'null';
    return 'scalar';
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isSeq(): boolean {
    return isSeq(this.node);
  }

  get isScalar(): boolean {
    return isScalar(this.node) && this.node.value !== null;
  }

  /** The node's tag, e.g. `!reset`, `!override`, `tag:yaml.org,2002:str`. */
  get tag(): string | undefined {
    return this.node?.tag;
  }

  /** The source text of the value, as written (quotes and all). */
  get raw(): string {
    const [s, e] = this.offsets;
    return this.model.text.slice(s, e);
  }

  /** The scalar as YAML reads it, before interpolation (string, number, boolean or null); undefined for collections. */
  get scalar(): string | number | boolean | null | undefined {
    const n = this.node;
    if (!n) return this.unresolvedAlias ? undefined : null;
    return scalarOf(n);
  }

  /** The interpolation of a string scalar that holds `$` references; undefined otherwise. */
  get interpolation(): Interpolated | undefined {
    if (this.interpolated === undefined) {
      const s = this.scalar;
      this.interpolated = typeof s === 'string' && hasInterpolation(s) ? this.model.interpolate(s) : null;
    }
    return this.interpolated ?? undefined;
  }

  /** False when the scalar holds a variable without a default (its value is then unknown), or an alias is unresolved. */
  get known(): boolean {
    if (this.kind === 'unresolved') return false;
    return this.interpolation?.known ?? true;
  }

  /** The scalar after interpolation; undefined when unknown or not a scalar. */
  get value(): string | number | boolean | null | undefined {
    const s = this.scalar;
    if (typeof s === 'string') {
      const i = this.interpolation;
      return i ? i.value : s;
    }
    return s;
  }

  /**
   * The scalar as text after interpolation (`8080` for the number 8080, as written for plain numbers: `0.50`);
   * undefined for a missing/null value, a collection, or an unknown value.
   */
  get text(): string | undefined {
    const v = this.value;
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    const n = this.node;
    if (isScalar(n) && n.type === 'PLAIN' && n.source) return n.source;
    return String(v);
  }

  /** A boolean (also the strings `true`/`false`/`yes`/`no`/`on`/`off`, as Compose casts them); undefined otherwise. */
  bool(): boolean | undefined {
    const v = this.value;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return parseBoolean(v);
    return undefined;
  }

  /** A number (also a numeric string); undefined otherwise. */
  number(): number | undefined {
    const v = this.value;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
    return undefined;
  }

  /** The entry for `key` in a mapping (merge keys resolved: keys written here win, then the merged mappings in order). */
  get(key: string): ComposeEntry | undefined {
    const n = this.node;
    return isMap(n) ? lookup(this.document, n, key, this.via, 0) : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Every entry of a mapping, merge keys resolved (each key once, in written order, merged keys at the merge). */
  entries(): ComposeEntry[] {
    const n = this.node;
    if (!isMap(n)) return [];
    return collectEntries(this.document, n, this.via, 0);
  }

  /**
   * Every entry written in this mapping under `key`, duplicates included (a duplicate key is a YAML error, but each
   * occurrence is text a fix may need to edit); merged keys are not included.
   */
  written(key: string): ComposeEntry[] {
    const n = this.node;
    if (!isMap(n)) return [];
    return n.items.filter((p) => !isMergePair(p) && keyText(p.key) === key).map((p) => entryOf(this.document, p, key, this.via));
  }

  /** The keys of a mapping (merge keys resolved). */
  keys(): string[] {
    return this.entries().map((e) => e.key);
  }

  /** The items of a sequence, aliases resolved; a scalar counts as a one-item list; [] otherwise. */
  items(): ComposeValue[] {
    const n = this.node;
    if (isSeq(n)) {
      return n.items.map((item, i) => {
        const prev = i > 0 ? (n.items[i - 1] as YamlNode | null)?.range?.[1] : undefined;
        return this.document.value(item, prev ?? n.range?.[0] ?? this.fallbackOffset, this.via);
      });
    }
    if (this.isScalar) return [this];
    return [];
  }

  /** The value at a path of keys and indexes (`at('deploy', 'resources', 'limits', 'memory')`). */
  at(...path: (string | number)[]): ComposeValue | undefined {
    let cur: ComposeValue | undefined = this;
    for (const step of path) {
      if (!cur) return undefined;
      cur = typeof step === 'number' ? (cur.isSeq ? cur.items()[step] : undefined) : cur.get(step);
    }
    return cur;
  }

  /**
   * The range of [start, end) offsets inside the scalar's string value (before interpolation). Exact when the text is
   * written as it reads (plain, or quoted without escapes); otherwise the whole value's range.
   */
  rangeInValue(start: number, end: number): Range {
    const n = this.node;
    if (!isScalar(n) || typeof n.value !== 'string' || !n.range) return this.range;
    const raw = this.raw;
    let base: number | undefined;
    if (n.type === 'PLAIN' && raw === n.value) base = n.range[0];
    else if ((n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && raw.slice(1, -1) === n.value) base = n.range[0] + 1;
    if (base === undefined) return this.range;
    return this.model.rangeOf(base + start, base + end);
  }

  /**
   * A plain JavaScript value with merge keys applied and interpolation done where known (unknown strings are kept as
   * written). Values tagged `!reset` are left out. `budget` bounds the nodes visited.
   */
  toJS(budget = { left: 1_000_000 }): unknown {
    return toPlain(this.document, this.node, budget, 0);
  }
}

/** A mapping entry: its key and, as a ComposeValue, its value. */
export class ComposeEntry extends ComposeValue {
  constructor(
    document: ComposeDocument,
    readonly key: string,
    readonly pair: Pair,
    valueNode: YamlNode | null,
    fallbackOffset: number,
    via?: Via,
    unresolvedAlias?: unknown,
  ) {
    super(document, valueNode, fallbackOffset, via, unresolvedAlias);
  }

  get keyNode(): Scalar {
    return this.pair.key as Scalar;
  }

  /** Where the key is written. */
  get keyRange(): Range {
    return this.model.rangeOfNode(this.pair.key as YamlNode);
  }

  /** Where the value is written (same as `range`). */
  get valueRange(): Range {
    return this.range;
  }

  /** From the key's start to the value's end. */
  get entryRange(): Range {
    const k = (this.pair.key as YamlNode).range;
    const start = k?.[0] ?? this.offsets[0];
    const end = Math.max(this.offsets[1], k?.[1] ?? 0);
    return this.model.rangeOf(start, end);
  }
}

function entryOf(doc: ComposeDocument, pair: Pair, key: string, via: Via | undefined): ComposeEntry {
  // A missing value (`? key`, `{key}`) is placed just after the key.
  const fallback = (pair.key as YamlNode | null)?.range?.[1] ?? 0;
  if (isAlias(pair.value)) {
    const target = doc.resolve(pair.value);
    return new ComposeEntry(doc, key, pair, target ?? null, fallback, via ?? { kind: 'alias', range: doc.model.rangeOfNode(pair.value as YamlNode) }, target ? undefined : pair.value);
  }
  return new ComposeEntry(doc, key, pair, (pair.value ?? null) as YamlNode | null, fallback, via);
}

function lookup(doc: ComposeDocument, map: YAMLMap, key: string, via: Via | undefined, depth: number): ComposeEntry | undefined {
  const own = doc.ownPairs(map).get(key);
  if (own) return entryOf(doc, own, key, via);
  if (depth > MAX_DEPTH) return undefined;
  for (const pair of map.items) {
    if (!isMergePair(pair)) continue;
    for (const src of doc.mergeSources(pair)) {
      const found = lookup(doc, src.map, key, via ?? { kind: 'merge', range: doc.model.rangeOfNode(src.through) }, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A mapping's entries: keys written in it (first occurrence), then merged keys it does not write (earlier merges win). */
function collectEntries(doc: ComposeDocument, map: YAMLMap, via: Via | undefined, depth: number): ComposeEntry[] {
  const own = doc.ownPairs(map);
  const out: ComposeEntry[] = [];
  const seen = new Set<string>();
  for (const pair of map.items) {
    if (isMergePair(pair)) {
      if (depth > MAX_DEPTH) continue;
      for (const src of doc.mergeSources(pair)) {
        for (const e of collectEntries(doc, src.map, via ?? { kind: 'merge', range: doc.model.rangeOfNode(src.through) }, depth + 1)) {
          if (own.has(e.key) || seen.has(e.key)) continue;
          seen.add(e.key);
          out.push(e);
        }
      }
      continue;
    }
    const k = keyText(pair.key);
    if (k === undefined || seen.has(k) || own.get(k) !== pair) continue;
    seen.add(k);
    out.push(entryOf(doc, pair, k, via));
  }
  return out;
}

function toPlain(doc: ComposeDocument, node: unknown, budget: { left: number }, depth: number): unknown {
  if (--budget.left < 0 || depth > MAX_DEPTH) return null;
  const n = doc.resolve(node);
  if (!n) return null;
  if (isMap(n)) {
    const obj: Record<string, unknown> = {};
    const merged: { key: string; value: unknown }[] = [];
    for (const pair of n.items) {
      if (isMergePair(pair)) {
        for (const src of doc.mergeSources(pair)) {
          const sub = toPlain(doc, src.map, budget, depth + 1) as Record<string, unknown>;
          for (const [k, v] of Object.entries(sub ?? {})) merged.push({ key: k, value: v });
        }
      }
    }
    // Earlier merged mappings win over later ones; keys written here win over all.
    for (const m of merged.reverse()) obj[m.key] = m.value;
    for (const pair of n.items) {
      if (isMergePair(pair)) continue;
      const k = keyText(pair.key);
      if (k === undefined) continue;
      const v = doc.resolve(pair.value);
      if (v?.tag === '!reset') {
        delete obj[k];
        continue;
      }
      obj[k] = toPlain(doc, pair.value, budget, depth + 1);
    }
    return obj;
  }
  if (isSeq(n)) return n.items.filter((i) => doc.resolve(i)?.tag !== '!reset').map((i) => toPlain(doc, i, budget, depth + 1));
  // A scalar's value as ComposeValue.value gives it (interpolated when known, else as written), without making one.
  const scalar = scalarOf(n);
  if (typeof scalar === 'string' && hasInterpolation(scalar)) {
    const value = doc.model.interpolate(scalar).value;
    return value === undefined ? scalar : value;
  }
  return scalar ?? null;
}

/** A node's scalar as YAML reads it (see ComposeValue.scalar); undefined for collections. */
function scalarOf(n: YamlNode): string | number | boolean | null | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return v === undefined ? null : String(v);
}

// ---- services ------------------------------------------------------------------------------------

export interface ExtendsInfo {
  /** The `extends` entry. */
  entry: ComposeEntry;
  /** The base service's name, when known. */
  service?: string;
  /** `extends.file`, when given (then unresolved: the core reads no files). */
  file?: string;
  /** The base service in this file, when resolved. */
  base?: ComposeService;
  /** Why the base is not layered under the service. */
  unresolved?: 'file' | 'unknown-service' | 'cycle' | 'unknown';
}

export interface PortMapping {
  /** The item of `ports:` (a string or number, or a long-syntax mapping). */
  item: ComposeValue;
  syntax: 'short' | 'long';
  /** The item's range. */
  range: Range;
  /** False when some part of the mapping depends on a variable without a default. */
  known: boolean;
  /** Host address to bind (`127.0.0.1`); undefined when none is given (all interfaces) or unknown (see `hostIpKnown`). */
  hostIp?: string;
  hostIpRange?: Range;
  hostIpKnown: boolean;
  /** The host port or range as written (`8080`, `8000-8010`); undefined when Compose picks one, or unknown. */
  published?: string;
  publishedRange?: Range;
  publishedKnown: boolean;
  /** Numeric host port range, when known and numeric. */
  publishedPorts?: { start: number; end: number };
  /** The container port or range. */
  target?: string;
  targetRange?: Range;
  targetPorts?: { start: number; end: number };
  /** `tcp` unless given. */
  protocol: string;
  protocolRange?: Range;
  /** Long syntax `mode` (`host`, `ingress`). */
  mode?: string;
}

export interface VolumeMount {
  /** The item of `volumes:` (a string, or a long-syntax mapping). */
  item: ComposeValue;
  syntax: 'short' | 'long';
  range: Range;
  known: boolean;
  /** `bind` for a host path, `volume` for a named or anonymous volume, … ; undefined when unknown. */
  type?: MountType;
  /** Host path or volume name (after interpolation); undefined for an anonymous volume or when unknown. */
  source?: string;
  sourceRange?: Range;
  target?: string;
  targetRange?: Range;
  /** True for `:ro` / `read_only: true`; false when writable; undefined when unknown. */
  readOnly: boolean | undefined;
  /** The `ro`/`rw` option or the `read_only` entry, when written. */
  readOnlyRange?: Range;
  /** Short syntax: the options after the second colon (`ro,z`). */
  mode?: string;
  modeRange?: Range;
  /** Bind propagation (`rshared`, …), short or long syntax. */
  propagation?: string;
  propagationRange?: Range;
}

export interface EnvVar {
  name: string;
  nameRange: Range;
  /** The value after interpolation; undefined when none is given (`- KEY`, `KEY:`) or unknown. */
  value?: string;
  /** The value as written (before interpolation). */
  raw?: string;
  valueRange?: Range;
  /** False for `- KEY` / `KEY:` (the value comes from the shell environment). */
  hasValue: boolean;
  known: boolean;
  syntax: 'map' | 'list';
  /** The list item, or the map entry. */
  item: ComposeValue;
}

export interface ImageInfo {
  entry: ComposeEntry;
  /** Parsed with the Dockerfile image parser: `resolved` is the interpolated reference, undefined when unknown. */
  ref: ImageRef;
}

export interface BuildInfo {
  entry: ComposeEntry;
  /** The build context (the string form, or `build.context`). */
  context?: ComposeValue;
  dockerfile?: ComposeEntry;
  dockerfileInline?: ComposeEntry;
  /** `build.target`: the Dockerfile stage the service runs. */
  target?: ComposeEntry;
  args?: ComposeEntry;
}

export interface HealthcheckInfo {
  entry: ComposeEntry;
  /** `disable: true`, or `test: ["NONE"]` / `test: NONE`. */
  disabled: boolean;
  test?: ComposeEntry;
}

export interface NetworkRef {
  name: string;
  range: Range;
  /** The list item, or the map entry (its value holds aliases, ipv4_address, …). */
  value: ComposeValue;
}

/** Keys whose lists Compose merges across documents and `extends` by value (others: the higher layer wins). */
const LIST_MERGE_BY_VALUE = new Set(['cap_add', 'cap_drop', 'security_opt', 'dns', 'dns_search', 'dns_opt', 'expose', 'external_links', 'group_add', 'links', 'tmpfs', 'device_cgroup_rules', 'volumes_from', 'profiles', 'devices', 'env_file']);

export class ComposeService {
  /** Each document's definition of the service (`name: {…}` entries), in document order. */
  readonly definitions: ComposeEntry[] = [];
  private layerCache?: ComposeValue[];
  private extendsCache?: ExtendsInfo | null;
  private resolving = false;

  constructor(
    readonly model: ComposeModel,
    readonly name: string,
  ) {}

  /** The first definition's entry (`web:` and its mapping). */
  get entry(): ComposeEntry {
    return this.definitions[0];
  }

  /** Where the service's name is written (first definition). */
  get keyRange(): Range {
    return this.entry.keyRange;
  }

  /** The service's mapping node (first definition). */
  get node(): YamlNode | null {
    return this.entry.node;
  }

  /**
   * The mappings that make up the service, highest priority first: the definitions from the last document to the
   * first, then (for `extends` in this file) the base service's layers.
   */
  get layers(): ComposeValue[] {
    if (this.layerCache) return this.layerCache;
    const own = [...this.definitions].reverse().filter((d) => d.isMap);
    if (this.resolving) return own;
    this.resolving = true;
    const ext = this.extends;
    let layers: ComposeValue[] = own;
    if (ext?.base) {
      const via: Via = { kind: 'extends', range: ext.entry.keyRange };
      const baseLayers = ext.base.layers.map((l) => new ComposeValue(l.document, l.node, l.offsets[0], l.via ?? via));
      layers = [...own, ...baseLayers];
    }
    this.resolving = false;
    this.layerCache = layers;
    return layers;
  }

  /** `extends`, resolved within this file when possible. */
  get extends(): ExtendsInfo | undefined {
    if (this.extendsCache !== undefined) return this.extendsCache ?? undefined;
    let entry: ComposeEntry | undefined;
    for (const d of [...this.definitions].reverse()) {
      entry = d.get('extends');
      if (entry) break;
    }
    if (!entry) {
      this.extendsCache = null;
      return undefined;
    }
    const info: ExtendsInfo = { entry };
    if (entry.isScalar) info.service = entry.text;
    else if (entry.isMap) {
      info.service = entry.get('service')?.text;
      const file = entry.get('file');
      if (file) info.file = file.text ?? file.raw;
    }
    this.extendsCache = info;
    if (info.file !== undefined) info.unresolved = 'file';
    else if (info.service === undefined) info.unresolved = 'unknown';
    else {
      const base = this.model.service(info.service);
      if (!base) info.unresolved = 'unknown-service';
      else if (this.inExtendsCycle()) info.unresolved = 'cycle';
      else info.base = base;
    }
    return info;
  }

  /** The service named by `extends` in this file (not resolved further), when there is one. */
  private extendsTarget(): ComposeService | undefined {
    for (const d of [...this.definitions].reverse()) {
      const e = d.get('extends');
      if (!e) continue;
      if (e.isMap && e.get('file')) return undefined;
      const name = e.isScalar ? e.text : e.get('service')?.text;
      return name === undefined ? undefined : this.model.service(name);
    }
    return undefined;
  }

  /** True when following `extends` from this service comes back to it. */
  private inExtendsCycle(): boolean {
    let cur: ComposeService | undefined = this.extendsTarget();
    for (let i = 0; cur && i < 64; i++) {
      if (cur === this) return true;
      cur = cur.extendsTarget();
    }
    return false;
  }

  /** The effective entry for `key`: the highest layer that has it (merge keys resolved); undefined after `!reset`. */
  get(key: string): ComposeEntry | undefined {
    for (const layer of this.layers) {
      const e = layer.get(key);
      if (e) return e.tag === '!reset' ? undefined : e;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Every layer's entry for `key`, highest first, as Compose merges them: stops after an `!override` entry and before
   * a `!reset` one.
   */
  getAll(key: string): ComposeEntry[] {
    const out: ComposeEntry[] = [];
    for (const layer of this.layers) {
      const e = layer.get(key);
      if (!e) continue;
      if (e.tag === '!reset') break;
      out.push(e);
      if (e.tag === '!override') break;
    }
    return out;
  }

  /** The service's effective keys. */
  keys(): string[] {
    const seen = new Set<string>();
    for (const layer of this.layers) for (const k of layer.keys()) seen.add(k);
    return [...seen].filter((k) => this.has(k));
  }

  /** The value at a path (`at('deploy', 'resources', 'limits', 'memory')`), from the highest layer that has it. */
  at(...path: (string | number)[]): ComposeValue | undefined {
    if (path.length === 0) return undefined;
    for (const layer of this.layers) {
      const v = layer.at(...path);
      if (v) return v.tag === '!reset' ? undefined : v;
    }
    return undefined;
  }

  /** `get(key)?.bool()`. */
  bool(key: string): boolean | undefined {
    return this.get(key)?.bool();
  }

  /** `get(key)?.text`. */
  string(key: string): string | undefined {
    return this.get(key)?.text;
  }

  /**
   * The items of a list-valued key, merged across layers (a value listed twice counts once; the highest layer's item
   * is kept). For `cap_add`, `cap_drop`, `security_opt`, `devices`, `tmpfs`, `dns`, … A scalar counts as one item.
   */
  list(key: string): ComposeValue[] {
    const entries = LIST_MERGE_BY_VALUE.has(key) ? this.getAll(key) : this.getAll(key).slice(0, 1);
    const out: ComposeValue[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      for (const item of e.items()) {
        const id = item.text ?? item.raw;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(item);
      }
    }
    return out;
  }

  get image(): ImageInfo | undefined {
    const entry = this.get('image');
    if (!entry || !entry.isScalar) return undefined;
    const raw = typeof entry.scalar === 'string' ? entry.scalar : (entry.text ?? entry.raw);
    return { entry, ref: parseImageRef(raw, entry.known ? entry.text : undefined) };
  }

  get build(): BuildInfo | undefined {
    const all = this.getAll('build');
    if (!all.length) return undefined;
    const info: BuildInfo = { entry: all[0] };
    const first = <K extends 'dockerfile' | 'dockerfile_inline' | 'target' | 'args'>(k: K) => {
      for (const e of all) {
        const v = e.get(k);
        if (v) return v;
      }
      return undefined;
    };
    for (const e of all) {
      if (e.isScalar) {
        info.context ??= e;
      } else if (e.isMap) {
        const c = e.get('context');
        if (c) info.context ??= c;
      }
    }
    const dockerfile = first('dockerfile');
    const inline = first('dockerfile_inline');
    const target = first('target');
    const args = first('args');
    if (dockerfile) info.dockerfile = dockerfile;
    if (inline) info.dockerfileInline = inline;
    if (target) info.target = target;
    if (args) info.args = args;
    return info;
  }

  get healthcheck(): HealthcheckInfo | undefined {
    const entry = this.get('healthcheck');
    if (!entry) return undefined;
    const test = entry.get('test');
    let disabled = entry.get('disable')?.bool() === true;
    if (test) {
      const first = test.isSeq ? test.items()[0]?.text : test.text;
      if (first !== undefined && first.trim().toUpperCase() === 'NONE') disabled = true;
    }
    return { entry, disabled, ...(test ? { test } : {}) };
  }

  /** `deploy.resources.limits.<name>` (`memory`, `cpus`, `pids`). */
  limit(name: string): ComposeValue | undefined {
    return this.at('deploy', 'resources', 'limits', name);
  }

  /** The networks the service joins (list or mapping form). */
  get networks(): NetworkRef[] {
    const entry = this.get('networks');
    if (!entry) return [];
    if (entry.isMap) return entry.entries().map((e) => ({ name: e.key, range: e.keyRange, value: e }));
    return entry.items().flatMap((i) => (i.text !== undefined ? [{ name: i.text, range: i.range, value: i }] : []));
  }

  /** Published and exposed ports of `ports:`, short and long syntax, merged across layers. */
  get ports(): PortMapping[] {
    const out: PortMapping[] = [];
    const seen = new Set<string>();
    for (const e of this.getAll('ports')) {
      for (const item of e.items()) {
        const id = item.isMap ? JSON.stringify(item.toJS()) : (item.text ?? item.raw);
        if (seen.has(id)) continue;
        seen.add(id);
        const p = portMapping(item);
        if (p) out.push(p);
      }
    }
    return out;
  }

  /** Mounts of `volumes:`, short and long syntax, merged across layers by target (the highest layer wins). */
  get volumes(): VolumeMount[] {
    const out: VolumeMount[] = [];
    const targets = new Set<string>();
    for (const e of this.getAll('volumes')) {
      const layer: VolumeMount[] = [];
      for (const item of e.items()) {
        const v = volumeMount(item);
        if (v) layer.push(v);
      }
      for (const v of layer) {
        if (v.target !== undefined && targets.has(v.target)) continue;
        out.push(v);
      }
      for (const v of layer) if (v.target !== undefined) targets.add(v.target);
    }
    return out;
  }

  /** `environment:` variables, map and `KEY=VALUE` list forms, merged across layers by name (the highest wins). */
  get environment(): EnvVar[] {
    const out: EnvVar[] = [];
    const names = new Set<string>();
    for (const e of this.getAll('environment')) {
      const layer = environmentOf(e);
      for (const v of layer) if (!names.has(v.name)) out.push(v);
      for (const v of layer) names.add(v.name);
    }
    return out;
  }
}

function portMapping(item: ComposeValue): PortMapping | undefined {
  const range = item.range;
  if (item.isMap) {
    const field = (k: string) => item.get(k);
    const target = field('target');
    const published = field('published');
    const hostIp = field('host_ip');
    const protocol = field('protocol');
    const mode = field('mode');
    const p: PortMapping = {
      item,
      syntax: 'long',
      range,
      known: [target, published, hostIp, protocol].every((f) => !f || f.known),
      hostIpKnown: !hostIp || hostIp.known,
      publishedKnown: !published || published.known,
      protocol: protocol?.text ?? 'tcp',
    };
    if (hostIp?.text) {
      p.hostIp = hostIp.text;
      p.hostIpRange = hostIp.range;
    } else if (hostIp) p.hostIpRange = hostIp.range;
    if (published) {
      p.publishedRange = published.range;
      if (published.text !== undefined && published.text !== '') {
        p.published = published.text;
        const r = parsePortRange(published.text);
        if (r) p.publishedPorts = r;
      }
    }
    if (target) {
      p.targetRange = target.range;
      if (target.text !== undefined) {
        p.target = target.text;
        const r = parsePortRange(target.text);
        if (r) p.targetPorts = r;
      }
    }
    if (protocol) p.protocolRange = protocol.range;
    if (mode?.text) p.mode = mode.text;
    return p;
  }
  const short = item.isScalar ? shortSyntax(item, range) : undefined;
  if (!short) return undefined;
  const { known, part, sub } = short;
  const spec = parsePortSpec(short.text);
  if (!spec) return undefined;
  const p: PortMapping = { item, syntax: 'short', range, known, hostIpKnown: true, publishedKnown: true, protocol: 'tcp' };
  if (spec.hostIp) {
    const h = part(spec.hostIp);
    p.hostIpKnown = h.known;
    if (h.text) p.hostIp = h.text;
    p.hostIpRange = sub(spec.hostIp);
  }
  if (spec.published) {
    const pub = part(spec.published);
    p.publishedKnown = pub.known;
    p.publishedRange = sub(spec.published);
    if (pub.text) {
      p.published = pub.text;
      const r = parsePortRange(pub.text);
      if (r) p.publishedPorts = r;
    }
  }
  const t = part(spec.target);
  p.targetRange = sub(spec.target);
  if (t.text !== undefined) {
    p.target = t.text;
    const r = parsePortRange(t.text);
    if (r) p.targetPorts = r;
  }
  if (spec.protocol) {
    const pr = part(spec.protocol);
    if (pr.text) p.protocol = pr.text;
    p.protocolRange = sub(spec.protocol);
  }
  return p;
}

/**
 * How to read a short-syntax item (`8080:80`, `./data:/data:ro`). Known: parse the interpolated `text` (sub-ranges
 * exact only without interpolation, else the item's `range`). Unknown: parse the text as written with variables
 * masked, judging each part on its own (`part`). Undefined for a scalar that is not text.
 */
function shortSyntax(item: ComposeValue, range: Range): ShortSyntax | undefined {
  const scalar = typeof item.scalar === 'string' ? item.scalar : item.text;
  if (scalar === undefined) return undefined;
  const known = item.known;
  // Interpolations go through the model's memo: three rules read a service's volumes, each reading every item.
  const text = known ? (item.text ?? scalar) : maskVariables(scalar, item.model.interpolate(scalar));
  const exact = !item.interpolation;
  return {
    scalar,
    known,
    text,
    sub: (s) => (exact || !known ? item.rangeInValue(s.start, s.end) : range),
    part: (s) => {
      if (known) return { text: text.slice(s.start, s.end), known: true };
      const i = item.model.interpolate(scalar.slice(s.start, s.end));
      return { text: i.value, known: i.known };
    },
  };
}

interface ShortSyntax {
  /** The value as written. */
  scalar: string;
  known: boolean;
  /** What to parse: the interpolated value when known, else `scalar` with its variables masked. */
  text: string;
  /** The range of a span of `text`. */
  sub(s: { start: number; end: number }): Range;
  /** A span's text and whether it is known. */
  part(s: { start: number; end: number }): { text?: string; known: boolean };
}

/**
 * Replaces each `${…}` / `$NAME` of `text` (its interpolation `i`) with as many `x` so that separators inside
 * defaults do not split. Exported for tests.
 */
export function maskVariables(text: string, i: Interpolated): string {
  // Built in one pass (re-slicing the whole text per variable was quadratic: a 40 KB value of `${` took 170 ms).
  const parts: string[] = [];
  let from = 0;
  // Adjacent references are masked by one run of `x` (10,000 `${A}` in a row made 20,000 parts: 1 ms a call).
  let masked = 0;
  // The top-level references come in order and do not overlap (nested ones are not listed); the guard keeps it so.
  for (const v of i.variables) {
    const start = Math.max(v.start, from);
    if (v.end <= start) continue;
    if (start > from) {
      parts.push('x'.repeat(masked), text.slice(from, start));
      masked = 0;
    }
    masked += v.end - start;
    from = v.end;
  }
  parts.push('x'.repeat(masked), text.slice(from));
  return parts.join('');
}

function volumeMount(item: ComposeValue): VolumeMount | undefined {
  const range = item.range;
  if (item.isMap) {
    const type = item.get('type');
    const source = item.get('source');
    const target = item.get('target');
    const readOnly = item.get('read_only');
    const propagation = item.at('bind', 'propagation');
    const v: VolumeMount = {
      item,
      syntax: 'long',
      range,
      known: [type, source, target, readOnly, propagation].every((f) => !f || f.known),
      readOnly: readOnly ? readOnly.bool() : false,
    };
    const t = type?.text;
    if (t) v.type = t as MountType;
    if (source) {
      v.sourceRange = source.range;
      if (source.text !== undefined) v.source = source.text;
    }
    if (target) {
      v.targetRange = target.range;
      if (target.text !== undefined) v.target = target.text;
    }
    if (readOnly) v.readOnlyRange = readOnly.range;
    if (propagation) {
      v.propagationRange = propagation.range;
      if (propagation.text) v.propagation = propagation.text;
    }
    return v;
  }
  const short = item.isScalar ? shortSyntax(item, range) : undefined;
  if (!short) return undefined;
  const { scalar, known, text, part, sub } = short;
  const spec = parseVolumeSpec(text);
  const v: VolumeMount = { item, syntax: 'short', range, known, readOnly: false };
  if (spec.source) {
    const s = part(spec.source);
    v.sourceRange = sub(spec.source);
    if (s.text !== undefined && s.text !== '') {
      v.source = s.text;
      v.type = isHostPath(s.text) ? 'bind' : 'volume';
    } else if (!s.known) {
      // `${DATA}` alone could name a volume or a path; `${HOME}/x` is a path either way.
      const raw = scalar.slice(spec.source.start, spec.source.end);
      if (/[\\/]/.test(withoutSpans(raw, '${', '}', true))) v.type = 'bind';
    }
  } else v.type = 'volume';
  if (spec.target) {
    const t = part(spec.target);
    v.targetRange = sub(spec.target);
    if (t.text !== undefined) v.target = t.text;
  }
  if (spec.mode) {
    const m = part(spec.mode);
    v.modeRange = sub(spec.mode);
    if (m.text !== undefined) v.mode = m.text;
    if (!m.known) v.readOnly = undefined;
    for (const o of spec.options) {
      const opt = text.slice(o.start, o.end);
      if (opt === 'ro' || opt === 'rw') {
        v.readOnly = opt === 'ro';
        v.readOnlyRange = sub(o);
      } else if (PROPAGATION_MODES.has(opt)) {
        v.propagation = opt;
        v.propagationRange = sub(o);
      }
    }
  }
  return v;
}

function environmentOf(e: ComposeEntry): EnvVar[] {
  const out: EnvVar[] = [];
  if (e.isMap) {
    for (const entry of e.entries()) {
      const hasValue = entry.kind !== 'null';
      const v: EnvVar = { name: entry.key, nameRange: entry.keyRange, hasValue, known: entry.known, syntax: 'map', item: entry };
      if (hasValue) {
        v.valueRange = entry.range;
        const raw = typeof entry.scalar === 'string' ? entry.scalar : entry.isScalar ? entry.raw : undefined;
        if (raw !== undefined) v.raw = raw;
        if (entry.text !== undefined) v.value = entry.text;
      }
      out.push(v);
    }
    return out;
  }
  for (const item of e.items()) {
    const s = item.scalar;
    if (typeof s !== 'string') continue;
    const eq = s.indexOf('=');
    const name = (eq >= 0 ? s.slice(0, eq) : s).trim();
    if (!name) continue;
    const lead = s.length - s.trimStart().length;
    const v: EnvVar = {
      name,
      nameRange: item.rangeInValue(lead, lead + name.length),
      hasValue: eq >= 0,
      known: true,
      syntax: 'list',
      item,
    };
    if (eq >= 0) {
      const raw = s.slice(eq + 1);
      const i = hasInterpolation(raw) ? item.model.interpolate(raw) : undefined;
      v.raw = raw;
      v.known = i?.known ?? true;
      if (!i || i.known) v.value = i ? i.value : raw;
      v.valueRange = item.rangeInValue(eq + 1, s.length);
    }
    out.push(v);
  }
  return out;
}

// ---- the model -------------------------------------------------------------------------------------

/** YAML problems listed per file; past this, one problem says how many more there are. */
export const MAX_YAML_PROBLEMS = 100;

export type TopLevelMap = 'networks' | 'volumes' | 'secrets' | 'configs' | 'services' | 'models';

export class ComposeModel {
  readonly lines: LineIndex;
  readonly documents: ComposeDocument[] = [];
  /** YAML errors and warnings (and refused or unresolved aliases), in order. */
  readonly problems: YamlProblem[] = [];
  /**
   * The mappings (start and end offsets) in which the parser reported a duplicate key. Docker Compose refuses such a
   * file, and which of the repeated entries a rule saw is a guess: no fix is placed in them (engine.ts).
   */
  readonly duplicateKeyMaps: [number, number][] = [];
  /** Where each occurrence of a key repeated in one of those mappings starts (the first occurrence included). */
  readonly repeatedKeyOffsets = new Set<number>();
  /** Every service, once per name across documents, in order of first appearance. */
  readonly services: ComposeService[] = [];
  /** Set when the file had more than MAX_YAML_ERRORS YAML errors or MAX_YAML_DOCUMENTS documents: the offset where reading stopped (the documents end there). */
  readonly stoppedAt?: number;
  private readonly byName = new Map<string, ComposeService>();
  private readonly interpolations = new Map<string, Interpolated>();

  constructor(readonly text: string) {
    this.lines = new LineIndex(text);
    let docs: Document.Parsed[] = [];
    let tooMany = '';
    const depth = yamlNestingDepth(text);
    if (depth > MAX_YAML_DEPTH) {
      this.problems.push({
        range: this.rangeOf(0, Math.min(text.length, this.lines.lineEnd(0))),
        message: `The YAML nests more than ${MAX_YAML_DEPTH} levels deep: the file is not analyzed (Compose files nest a few levels).`,
        severity: 'error',
        code: 'TOO_DEEP',
      });
    } else try {
      // A lone CR ends a line for editors, for LineIndex and for Docker Compose's YAML parser, but not for the `yaml`
      // library: it is read as a line feed (same length, so every offset stays the text's own).
      // Past MAX_YAML_ERRORS errors the rest of the file is not read (yaml-parse.ts).
      const parsed = parseComposeYaml(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text, YAML_OPTIONS);
      docs = parsed.documents;
      this.stoppedAt = parsed.stoppedAt;
      tooMany = parsed.stopReason === 'documents' ? `More than ${MAX_YAML_DOCUMENTS} YAML documents` : `Too many YAML syntax errors (more than ${MAX_YAML_ERRORS})`;
      // An empty stream carries its own errors (e.g. a directive without a document).
      for (const e of parsed.streamErrors) {
        this.problems.push({ range: this.rangeOf(e.pos[0], e.pos[1]), message: humanYamlMessage(e.message), severity: 'error', code: e.code });
      }
    } catch (e) {
      this.problems.push({
        range: this.rangeOf(0, Math.min(text.length, this.lines.lineEnd(0))),
        message: /Maximum call stack/i.test(String(e)) ? humanYamlMessage(String(e)) : `The file could not be parsed as YAML: ${e instanceof Error ? e.message : String(e)}.`,
        severity: 'error',
        code: 'PARSE_FAILED',
      });
    }
    let unlisted = 0;
    for (const yamlDoc of docs) {
      const problems: YamlProblem[] = [];
      const offsets: number[] = [];
      for (const e of yamlDoc.errors) {
        offsets.push(e.pos[0]);
        // Past the listing limit, errors are only counted (describing thousands of them costs more than parsing).
        if (problems.length > MAX_YAML_PROBLEMS) unlisted++;
        else problems.push({ range: this.rangeOf(e.pos[0], e.pos[1]), message: humanYamlMessage(e.message), severity: 'error', code: e.code });
      }
      for (const w of yamlDoc.warnings) {
        problems.push({ range: this.rangeOf(w.pos[0], w.pos[1]), message: humanYamlMessage(w.message), severity: 'warning', code: w.code });
      }
      if (problems.some((p) => p.code === 'DUPLICATE_KEY')) this.describeDuplicateKeys(yamlDoc, problems);
      if (problems.some((p) => p.code === 'MISSING_CHAR' && /quote/.test(p.message))) this.describeUnclosedQuote(yamlDoc, problems);
      const doc = new ComposeDocument(this, this.documents.length, yamlDoc, problems);
      doc.errorOffsets.push(...offsets);
      this.documents.push(doc);
      this.problems.push(...problems);
    }
    this.problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (this.problems.length > MAX_YAML_PROBLEMS) {
      const rest = this.problems.splice(MAX_YAML_PROBLEMS);
      const at = rest[0].range;
      this.problems.push({ range: at, message: `…and ${rest.length + unlisted} more YAML problems after this point (only the first ${MAX_YAML_PROBLEMS} are listed).`, severity: 'error', code: 'TOO_MANY_PROBLEMS' });
    }
    if (this.stoppedAt !== undefined) {
      const at = this.lines.positionAt(this.stoppedAt);
      this.problems.push({
        range: this.rangeOf(this.stoppedAt, Math.max(this.stoppedAt, this.lines.lineEnd(at.line))),
        message: `${tooMany}: reading stopped at line ${at.line + 1}, column ${at.character + 1}; the rest of the file is not analyzed.`,
        severity: 'error',
        code: tooMany.startsWith('More') ? 'TOO_MANY_DOCUMENTS' : 'TOO_MANY_ERRORS',
      });
    }
    for (const doc of this.documents) {
      const services = doc.root?.get('services');
      if (!services?.isMap) continue;
      for (const entry of services.entries()) {
        let svc = this.byName.get(entry.key);
        if (!svc) {
          svc = new ComposeService(this, entry.key);
          this.byName.set(entry.key, svc);
          this.services.push(svc);
        }
        svc.definitions.push(entry);
      }
    }
  }

  /**
   * Points duplicate-key errors at the whole repeated key and names it and its first line; notes the mappings that
   * hold them (duplicateKeyMaps).
   */
  private describeDuplicateKeys(yamlDoc: Document.Parsed, problems: YamlProblem[]): void {
    const repeated: { key: string; node: YamlNode; first: YamlNode; map: [number, number] }[] = [];
    const walk = (node: unknown, depth: number) => {
      if (!node || depth > MAX_DEPTH) return;
      if (isMap(node)) {
        const seen = new Map<string, YamlNode>();
        for (const pair of node.items) {
          const k = keyText(pair.key);
          const kn = pair.key as YamlNode | null;
          if (k !== undefined && kn?.range && !isMergePair(pair)) {
            const first = seen.get(k);
            if (first && node.range) repeated.push({ key: k, node: kn, first, map: [node.range[0], node.range[2]] });
            else seen.set(k, kn);
          }
          walk(pair.value, depth + 1);
        }
      } else if (isSeq(node)) for (const item of node.items) walk(item, depth + 1);
    };
    walk(yamlDoc.contents, 0);
    repeated.sort((a, b) => a.node.range![0] - b.node.range![0]);
    for (const p of problems) {
      if (p.code !== 'DUPLICATE_KEY') continue;
      // The parser reports the repeated key at the start of its pair, which may begin before the key itself (at the
      // end of the line before): the first repeated key at or after that offset.
      const offset = this.lines.offsetAt(p.range.start);
      const d = repeated.find((r) => r.node.range![0] >= offset);
      if (!d) continue;
      this.duplicateKeyMaps.push(d.map);
      this.repeatedKeyOffsets.add(d.node.range![0]).add(d.first.range![0]);
      p.range = this.rangeOfNode(d.node);
      const line = this.lines.positionAt(d.first.range![0]).line + 1;
      p.message = `\`${d.key}\` is already defined in this mapping (line ${line}); each key may appear only once.`;
    }
  }

  /** Points a missing closing quote at the string that lacks it (the parser reports the end of the file). */
  private describeUnclosedQuote(yamlDoc: Document.Parsed, problems: YamlProblem[]): void {
    let open: Scalar | undefined;
    const walk = (node: unknown, depth: number) => {
      if (!node || open || depth > MAX_DEPTH) return;
      if (isScalar(node)) {
        const r = node.range;
        if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
          const raw = this.text.slice(r[0], r[1]);
          const q = raw[0];
          let closed = raw.length >= 2 && raw.endsWith(q);
          if (closed && q === '"') {
            // An escaped final quote (`\"`) does not close the string.
            let backslashes = 0;
            for (let k = raw.length - 2; k > 0 && raw[k] === '\\'; k--) backslashes++;
            closed = backslashes % 2 === 0;
          }
          if (!closed) open = node;
        }
        return;
      }
      if (isMap(node)) {
        for (const pair of node.items) {
          walk(pair.key, depth + 1);
          walk(pair.value, depth + 1);
        }
      } else if (isSeq(node)) for (const item of node.items) walk(item, depth + 1);
    };
    walk(yamlDoc.contents, 0);
    if (!open?.range) return;
    const quote = this.text[open.range[0]];
    const start = this.lines.positionAt(open.range[0]);
    for (const p of problems) {
      if (p.code !== 'MISSING_CHAR' || !/quote/.test(p.message)) continue;
      p.range = { start, end: { line: start.line, character: this.lines.lineText(start.line).length } };
      p.message = `This string has no closing \`${quote}\`: it runs on to the end of the file.`;
      break;
    }
  }

  service(name: string): ComposeService | undefined {
    return this.byName.get(name);
  }

  private eolCache?: '\n' | '\r\n' | '\r';

  /** The line ending the file mostly uses (computed once: `detectEol` scans the whole text). */
  get eol(): '\n' | '\r\n' | '\r' {
    return (this.eolCache ??= detectEol(this.text));
  }

  /** A top-level key's entry: the last document that has it. */
  top(key: string): ComposeEntry | undefined {
    for (let i = this.documents.length - 1; i >= 0; i--) {
      const e = this.documents[i].root?.get(key);
      if (e) return e;
    }
    return undefined;
  }

  /** A top-level key's entry in every document that has it, in document order. */
  topAll(key: string): ComposeEntry[] {
    return this.documents.flatMap((d) => {
      const e = d.root?.get(key);
      return e ? [e] : [];
    });
  }

  /** The named entries of a top-level mapping (`networks`, `volumes`, `secrets`, `configs`), merged across documents. */
  named(key: TopLevelMap): ComposeEntry[] {
    const byName = new Map<string, ComposeEntry>();
    for (const top of this.topAll(key)) for (const e of top.entries()) byName.set(e.key, e);
    return [...byName.values()];
  }

  /** Every top-level `version:` entry, in every document (a duplicated key counts each time it is written). */
  get version(): ComposeEntry[] {
    return this.documents.flatMap((d) => d.root?.written('version') ?? []);
  }

  /** Interpolates a string (memoized). */
  interpolate(text: string): Interpolated {
    let i = this.interpolations.get(text);
    if (!i) {
      i = interpolate(text);
      this.interpolations.set(text, i);
    }
    return i;
  }

  rangeOf(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  /** A node's range (its value, without a trailing comment); zero-width at 0 for a node without one. */
  rangeOfNode(node: { range?: [number, number, number] | null } | null | undefined): Range {
    const r = node?.range;
    return r ? this.rangeOf(r[0], r[1]) : this.rangeOf(0, 0);
  }

  /**
   * The lines that belong to the outermost key or list item starting on `line`: from `line` to the last line of its
   * value (trailing blank lines excluded); undefined when no key or item starts there.
   */
  spanStartingAt(line: number): { from: number; to: number } | undefined {
    const to = this.layout().spans.get(line);
    return to === undefined ? undefined : { from: line, to };
  }

  /** True for a line inside a multi-line scalar (a block scalar or a quoted string): a `#` there is text, not a comment. */
  isScalarTextLine(line: number): boolean {
    return this.layout().textLines.has(line);
  }

  /** True when a mapping key or a sequence item starts at `offset`. */
  startsKeyOrItemAt(offset: number): boolean {
    return this.layout().starts.has(offset);
  }

  private layoutCache?: { spans: Map<number, number>; textLines: Set<number>; starts: Set<number> };

  private layout(): { spans: Map<number, number>; textLines: Set<number>; starts: Set<number> } {
    if (this.layoutCache) return this.layoutCache;
    const spans = new Map<number, number>();
    const textLines = new Set<number>();
    const starts = new Set<number>();
    const lastLine = (end: number) => {
      let e = end;
      while (e > 0 && /\s/.test(this.text[e - 1])) e--;
      return this.lines.positionAt(Math.max(e - 1, 0)).line;
    };
    const note = (start: number, end: number) => {
      starts.add(start);
      const from = this.lines.positionAt(start).line;
      const to = Math.max(from, lastLine(end));
      if ((spans.get(from) ?? -1) < to) spans.set(from, to);
    };
    const walk = (node: unknown, depth: number) => {
      if (!node || depth > MAX_DEPTH) return;
      if (isScalar(node)) {
        const r = node.range;
        if (r && node.type !== 'PLAIN') {
          const from = this.lines.positionAt(r[0]).line;
          const to = lastLine(r[1]);
          for (let l = from + 1; l <= to; l++) textLines.add(l);
        }
        return;
      }
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = (pair.key as YamlNode | null)?.range;
          const v = (pair.value as YamlNode | null)?.range;
          if (k) note(k[0], Math.max(k[1], v?.[1] ?? 0));
          walk(pair.key, depth + 1);
          walk(pair.value, depth + 1);
        }
        return;
      }
      if (isSeq(node)) {
        for (const item of node.items) {
          const r = (item as YamlNode | null)?.range;
          if (r) note(r[0], r[1]);
          walk(item, depth + 1);
        }
      }
    };
    for (const d of this.documents) walk(d.yaml.contents, 0);
    this.layoutCache = { spans, textLines, starts };
    return this.layoutCache;
  }

}

/** The `yaml` package's messages, tidied: first line only, a capital and a full stop. */
export function humanYamlMessage(message: string): string {
  if (/Maximum call stack/i.test(message)) return 'The YAML is nested too deeply to be parsed.';
  let m = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  if (!m) m = 'Invalid YAML';
  m = m[0].toUpperCase() + m.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}
