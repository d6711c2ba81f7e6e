/**
 * The fuzzing harness shared by the bounded property test (fuzz.test.ts, part of `npm test`) and the long run
 * (`npm run fuzz`, run.ts): inputs built from the real files of ../shared/corpus/ (a window of lines or the whole
 * file) and mutated — truncations, byte flips, insertions of `\`, heredoc markers, quotes, `${`, YAML anchors and
 * aliases, deep nesting, huge lines, line-ending changes — or written from scratch out of Dockerfile / Compose tokens.
 *
 * Each input goes through the full analysis (all rules on) and every offered fix. `checkInput` returns what went
 * wrong (never throws): an exception, a rule that threw, a finding outside the file, a fix that breaks a fix property
 * (test/helpers/fix-properties.ts). It also returns the analysis time, which the long run compares with the 50 ms
 * target for inputs under 64 KB (timing is never asserted in `npm test`): the process's CPU time (process.cpuUsage),
 * with the wall time beside it. On a loaded machine the wall time counts the time other processes ran, which is not a
 * property of the input; the analysis is synchronous and single-threaded, so its CPU time is its own work (plus the
 * garbage collector's helper threads).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/core/engine';
import { LineIndex } from '../../server/core/text';
import type { AnalyzeOptions, FileKind, Finding } from '../../server/core/types';
import { assertFixProperties } from '../helpers/fix-properties';
import { sharedDir } from '../helpers/shared';

export interface FuzzInput {
  kind: FileKind;
  /** Where the text came from and what was done to it (for the report). */
  origin: string;
  text: string;
}

interface Sample {
  name: string;
  text: string;
}

let cache: Record<FileKind, Sample[]> | undefined;

/** The corpus files, by kind (read once). */
export function corpusSamples(): Record<FileKind, Sample[]> {
  if (cache) return cache;
  const read = (sub: string) => {
    const dir = path.join(sharedDir(), 'corpus', sub);
    return fs
      .readdirSync(dir)
      .sort()
      .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  };
  cache = { dockerfile: read('dockerfile'), compose: read('compose') };
  return cache;
}

/** Fragments that stress the parsers: continuations, heredocs, quotes, variables, YAML structure, odd characters. */
const TOKENS = [
  '\\', '\\\n', ' \\\n', '\\\r\n', '`', '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\uFEFF', '\u2028', '\uD83D', '\uDE00', '😀',
  '<<EOF\n', '<<-EOF\n', '<<"EOF"\n', "<<'EOF'\n", 'EOF\n', '<<EOT cat\n', '<<', 'EOF',
  '"', "'", '""', "''", '[', ']', '{', '}', '[]', '{}', '["', '"]', ',',
  '${', '$', '${A', '${A:-', '${A:+x}', '${A?err}', '}', '$$', '$(', '${A:-${B:-${C}}}',
  '#', '# ', '# syntax=docker/dockerfile:1\n', '# escape=`\n', '# escape=\\\n', '# check=error=true\n',
  '# bulwark-ignore\n', '# bulwark-ignore-file\n', '# hadolint ignore=DL3008\n', '# bulwark-ignore nope\n',
  '&a ', '*a', '&anchor\n', '<<: *a\n', '<<: [*a, *b]\n', '? ', ': ', ':', '- ', '-', '---\n', '...\n', '|\n', '>-\n',
  '!!str ', '!!binary ', '!tag ', '%YAML 1.2\n', '@', '%', '&', '*', '|', '>', '~', 'null', '0x1F', '1e9', '.inf',
  'FROM ', 'FROM scratch\n', 'FROM alpine:latest AS a\n', 'RUN ', 'ARG ', 'ENV ', 'COPY ', 'ADD ', 'USER ', 'WORKDIR ', 'EXPOSE ',
  'HEALTHCHECK ', 'CMD ', 'ENTRYPOINT ', 'SHELL ', 'ONBUILD ', 'LABEL ', 'VOLUME ', 'STOPSIGNAL ', 'MAINTAINER ',
  '--mount=type=secret,id=x ', '--from=', '--chmod=777 ', '--platform=$BUILDPLATFORM ', '--network=none ',
  'apt-get install -y curl', 'apk add curl', 'pip install x', 'npm install -g x', 'curl -k https://x | sh', '&& ', '||', ';', '|', '>',
  'services:\n', 'image: ', 'build: .\n', 'ports:\n', '- "80:80"\n', 'volumes:\n', '- /var/run/docker.sock:/var/run/docker.sock\n',
  'environment:\n', 'PASSWORD: ', 'privileged: true\n', 'cap_add:\n', '- ALL\n', 'extends: x\n', 'network_mode: host\n',
  'x-common: &common\n', 'user: root\n', 'deploy:\n', 'healthcheck:\n', 'secrets:\n',
];

const tokenArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** A structure nested `depth` levels deep. */
const nestingArb = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('yaml-map', 'yaml-seq', 'flow', 'continuation', 'subst', 'anchors')).map(([depth, shape]) => {
  switch (shape) {
    case 'yaml-map':
      return Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' v\n';
    case 'yaml-seq':
      return Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- `).join('\n') + 'v\n';
    case 'flow':
      return '['.repeat(depth) + '{a: 1}' + ']'.repeat(depth) + '\n';
    case 'continuation':
      return 'RUN ' + Array.from({ length: depth }, (_, i) => `echo ${i}`).join(' \\\n  && ') + '\n';
    case 'subst':
      return '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
    default: {
      // Aliases of aliases: a small "laughs" structure (the yaml library's alias limit must hold it back).
      const lines = ['x-a0: &a0 [lol, lol]'];
      for (let i = 1; i < Math.min(depth, 12); i++) lines.push(`x-a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]`);
      return lines.join('\n') + '\n';
    }
  }
});

/** A huge line: one token repeated (up to ~40 KB). */
const hugeArb = fc.tuple(fc.constantFrom('x', 'a ', '\\', '$', '${A}', '"', "'", 'a=b ', '-', ' ', '&& ', '[', '\t', 'é'), fc.integer({ min: 100, max: 40_000 })).map(([t, n]) => t.repeat(Math.ceil(n / t.length)));

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; char: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'eol'; to: '\n' | '\r\n' | '\r' | 'mixed' }
  | { op: 'indent'; line: number; by: number };

/** Positions are fractions of the text's length, so one mutation applies to any text. */
const at = fc.double({ min: 0, max: 1, noNaN: true });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: at.map((a) => ({ op: 'truncate' as const, at: a })) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at, char: fc.oneof(fc.constantFrom('\u0000', '\\', '"', "'", '\n', '\r', '\t', ' ', ':', '-', '#', '$', '{', '}', '[', ']', '&', '*', '`', '='), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: tokenArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: nestingArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: hugeArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), to: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('indent' as const), line: at, by: fc.integer({ min: -4, max: 4 }) }) },
);

export function mutate(text: string, m: Mutation): string {
  const pos = 'at' in m ? Math.floor(m.at * text.length) : 0;
  switch (m.op) {
    case 'truncate':
      return text.slice(0, pos);
    case 'flip':
      return text.slice(0, pos) + m.char + text.slice(pos + 1);
    case 'insert':
      return text.slice(0, pos) + m.text + text.slice(pos);
    case 'delete':
      return text.slice(0, pos) + text.slice(pos + m.length);
    case 'duplicate':
      return text.slice(0, pos + m.length) + text.slice(pos, pos + m.length) + text.slice(pos + m.length);
    case 'eol': {
      const lines = text.split(/\r\n|\r|\n/);
      if (m.to !== 'mixed') return lines.join(m.to);
      const eols = ['\n', '\r\n', '\r'];
      return lines.map((l, i) => l + (i < lines.length - 1 ? eols[i % 3] : '')).join('');
    }
    case 'indent': {
      const lines = text.split('\n');
      const i = Math.floor(m.line * lines.length) % Math.max(lines.length, 1);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** A corpus file, or a window of its lines (small inputs keep the long run fast and make failures readable). */
function sampleArb(kind: FileKind): fc.Arbitrary<{ origin: string; text: string }> {
  const samples = corpusSamples()[kind];
  return fc.tuple(fc.integer({ min: 0, max: samples.length - 1 }), fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: fc.tuple(at, fc.integer({ min: 1, max: 60 })) })).map(([i, window]) => {
    const s = samples[i];
    if (!window) return { origin: s.name, text: s.text };
    const lines = s.text.split('\n');
    const from = Math.floor(window[0] * lines.length);
    return { origin: `${s.name}[lines ${from + 1}-${Math.min(lines.length, from + window[1])}]`, text: lines.slice(from, from + window[1]).join('\n') };
  });
}

function mutatedArb(kind: FileKind): fc.Arbitrary<FuzzInput> {
  return fc.tuple(sampleArb(kind), fc.array(mutationArb, { minLength: 0, maxLength: 6 })).map(([s, ms]) => ({
    kind,
    origin: `${s.origin} + ${ms.map((m) => m.op).join(',') || 'unchanged'}`,
    text: ms.reduce(mutate, s.text),
  }));
}

/** A text written from scratch out of tokens (lines of them). */
function scratchArb(kind: FileKind): fc.Arbitrary<FuzzInput> {
  return fc.array(fc.array(tokenArb, { maxLength: 8 }).map((t) => t.join('')), { maxLength: 30 }).map((lines) => ({ kind, origin: 'scratch', text: lines.join('\n') }));
}

/** Any fuzz input: mostly mutated corpus files, of both kinds. */
export function fuzzInputArb(): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { weight: 5, arbitrary: mutatedArb('dockerfile') },
    { weight: 4, arbitrary: mutatedArb('compose') },
    { weight: 1, arbitrary: scratchArb('dockerfile') },
    { weight: 1, arbitrary: scratchArb('compose') },
  );
}

export function optionsFor(kind: FileKind): AnalyzeOptions & { kind: FileKind } {
  return {
    kind,
    path: kind === 'compose' ? '/fuzz/compose.yaml' : '/fuzz/Dockerfile',
    allRules: true,
    now: '2026-01-01',
    host: { exists: () => false, readFile: () => undefined },
  };
}

export interface CheckOutcome {
  /**
   * Analysis CPU time in ms (the minimum of up to 3 runs when the first exceeded the target: a GC pause is not the
   * input's). The verdict against TARGET_MS uses it.
   */
  ms: number;
  /** Wall time of the same run (reported beside, not judged). */
  wallMs: number;
  findings: number;
  fixesChecked: number;
  failures: string[];
}

export const TARGET_MS = 50;
export const TARGET_SIZE = 64 * 1024;

function rangeProblem(f: Finding, lines: LineIndex): string | undefined {
  const { start, end } = f.range;
  if (start.line < 0 || end.line >= lines.lineCount || start.line >= lines.lineCount) return 'range beyond the file';
  if (start.character < 0 || start.character > lines.lineText(start.line).length) return 'start beyond its line';
  if (end.character > lines.lineText(end.line).length) return 'end beyond its line';
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'inverted range';
  if (!f.message) return 'empty message';
  return undefined;
}

/**
 * CPU time (ms, the minimum of 3 runs) of the bare parse of an input, the floor of its analysis (as in `npm run bench`:
 * `DockerfileParser.parse` / `parseAllDocuments`): a slow input whose bare parse is itself near the target is slow in
 * the parser, not in the rules.
 */
export function bareParseMs(input: FuzzInput): number {
  const parse = input.kind === 'compose' ? () => parseAllDocuments(input.text, { prettyErrors: false }) : () => DockerfileParser.parse(input.text).getInstructions();
  // Errors without stack traces or pretty context, as in ComposeModel (thousands of YAML errors each cost one).
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Math.min(...[0, 1, 2].map(() => time(parse).cpu));
  } finally {
    Error.stackTraceLimit = traces;
  }
}

/** CPU (user + system) and wall time of `fn`, in ms. */
function time(fn: () => void): { cpu: number; wall: number } {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(c);
  return { cpu: (used.user + used.system) / 1000, wall };
}

/** Analyzes the input, then checks every fix of every finding. Never throws. */
export function checkInput(input: FuzzInput, opts: { checkFixes?: boolean } = {}): CheckOutcome {
  const options = optionsFor(input.kind);
  const failures: string[] = [];
  let result: ReturnType<typeof analyze> | undefined;
  let ms = 0;
  let wallMs = 0;
  try {
    ({ cpu: ms, wall: wallMs } = time(() => (result = analyze(input.text, options))));
    for (let i = 0; i < 2 && ms > TARGET_MS && input.text.length < TARGET_SIZE; i++) {
      const again = time(() => analyze(input.text, options));
      if (again.cpu < ms) ({ cpu: ms, wall: wallMs } = again);
    }
  } catch (e) {
    return { ms, wallMs, findings: 0, fixesChecked: 0, failures: [`analyze threw: ${errorText(e)}`] };
  }
  const r = result!;
  for (const e of r.ruleErrors) failures.push(`rule ${e.ruleId} threw: ${e.error.split('\n').slice(0, 3).join(' | ')}`);
  const lines = new LineIndex(input.text);
  for (const f of r.findings) {
    const p = rangeProblem(f, lines);
    if (p) failures.push(`${f.ruleId}: ${p} ${JSON.stringify(f.range)}`);
  }
  let fixesChecked = 0;
  if (opts.checkFixes !== false && failures.length === 0) {
    for (const f of r.findings) {
      for (const fix of f.fixes ?? []) {
        fixesChecked++;
        try {
          assertFixProperties(input.text, f, fix, options);
        } catch (e) {
          failures.push(`fix property: ${errorText(e).split('\n')[0]}`);
        }
      }
    }
  }
  return { ms, wallMs, findings: r.findings.length, fixesChecked, failures };
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
