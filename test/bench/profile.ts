/**
 * CPU profiles of Bulwark's analysis (`npm run bench -- --profile`): the worker records the measured passes with the
 * inspector's sampling profiler (a .cpuprofile, openable in Chrome DevTools or VS Code), and `summarize` attributes the
 * samples to layers (the libraries Bulwark builds on, its model, each rule, GC) and to each rule inclusively (with
 * the lazily built model parts it was the first to ask for).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts the sampling profiler in this process; the returned function stops it and gives the profile. */
export async function startProfiler(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

const LIBRARIES: [RegExp, string][] = [
  [/web-tree-sitter|^wasm:/, 'shell parse (web-tree-sitter, WebAssembly)'],
  [/node_modules\/dockerfile-ast\//, 'dockerfile-ast'],
  [/node_modules\/yaml\//, 'yaml'],
  [/node_modules\/ajv\//, 'ajv (schema validation)'],
  [/node_modules\/vscode-languageserver-(textdocument|types)\//, 'vscode-languageserver-textdocument/types'],
];

function ruleOf(url: string): string | undefined {
  const m = /\/rules\/(dockerfile|compose)\/([^/]+)\.js$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** The layer a stack (leaf first) is spent in: the innermost library, else the innermost Bulwark module. */
function layerOf(stack: CallFrame[]): string {
  if (stack[0]?.functionName === '(garbage collector)') return 'GC';
  for (const f of stack) for (const [re, name] of LIBRARIES) if (re.test(f.url)) return name;
  for (const f of stack) {
    const rule = ruleOf(f.url);
    if (rule) return `rule ${rule} (own code)`;
    const core = /\/server\/core\/(.+)\.js$/.exec(f.url);
    if (core) return `core ${core[1]}`;
  }
  return 'other';
}

export interface ProfileSummary {
  totalMs: number;
  layers: [string, number][];
  rules: [string, number][];
}

export function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layers = new Map<string, number>();
  const rules = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((leaf, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack: CallFrame[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!.callFrame);
    if (stack[0]?.functionName === '(idle)' || stack[0]?.functionName === '(program)') return;
    total += dt;
    const layer = layerOf(stack);
    layers.set(layer, (layers.get(layer) ?? 0) + dt);
    // Inclusive per rule: the outermost rule frame of the stack.
    let rule: string | undefined;
    for (const f of stack) rule = ruleOf(f.url) ?? rule;
    if (rule) rules.set(rule, (rules.get(rule) ?? 0) + dt);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, layers: sorted(layers), rules: sorted(rules) };
}

export function renderSummary(title: string, s: ProfileSummary, file: string, top = 15): string {
  const pct = (t: number) => `${((100 * t) / s.totalMs).toFixed(1)}%`;
  const rows = (list: [string, number][]) => list.slice(0, top).map(([name, t]) => `| ${name} | ${t.toFixed(0)} | ${pct(t)} |`);
  return [
    `### Profile: ${title} (${s.totalMs.toFixed(0)} ms sampled; ${file})`,
    '',
    '| layer (innermost library, else Bulwark module) | ms | share |',
    '|---|---|---|',
    ...rows(s.layers),
    '',
    '| rule, inclusive (lazy model parts it built first included) | ms | share |',
    '|---|---|---|',
    ...rows(s.rules),
    '',
  ].join('\n');
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
}
