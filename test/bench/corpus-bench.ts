/**
 * The corpus part of `npm run bench`: for one kind of file, the in-process contenders (each in its own child process),
 * the Bulwark CLI as a process over all files, and per-file spawns of the Bulwark and peer CLIs; with the ratios.
 */
import { CONTENDERS } from './contenders';
import { corpusFiles, spread, totalBytes } from './corpus';
import type { Kind } from './corpus';
import { runInChild } from './in-process';
import type { LspOptions } from './lsp-latency';
import { CLI_COMMANDS, cliWholeCorpus, linkFarm, perFileSpawns } from './processes';
import type { Comparison, KindSection, Row } from './report';
import { bestOf, stats } from './stats';
import type { WorkerResult } from './worker';

export interface Plan {
  /** Every step-th corpus file. */
  step: number;
  warmup: number;
  rounds: number;
  /** dclint takes ~0.25 s a file: it runs on every dclintStep-th of the files (Bulwark is compared on the same ones). */
  dclintStep: number;
  /** Files per kind spawned one process each. */
  spawnSample: number;
  lsp: LspOptions;
}

const PEER_CLI: Record<Kind, keyof typeof CLI_COMMANDS> = { dockerfile: 'dockerfile-utils', compose: 'dclint' };
const OUTPUT: Record<string, string> = {
  'bare-dockerfile': 'instructions',
  'bare-yaml': 'documents',
  'bulwark-dockerfile': 'findings',
  'bulwark-compose': 'findings',
  'bulwark-model-dockerfile': 'shell commands',
  'bulwark-model-compose': 'services',
  'dockerfile-utils': 'diagnostics',
  dclint: 'messages',
};

export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Per-file times of `r` restricted to `names` (the files another contender ran on). */
function timesOn(r: WorkerResult, names: ReadonlySet<string>): number[] {
  return r.times.filter((_, i) => names.has(r.names[i]));
}

/** Two children's results for the same files: each file's best time, the best round, the higher peak. */
export function bestOfChildren(a: WorkerResult, b: WorkerResult): WorkerResult {
  if (a.names.join('\n') !== b.names.join('\n')) throw new Error(`${a.contender}: the two children measured different files`);
  return { ...a, times: bestOf([a.times, b.times]), bestRound: Math.min(a.bestRound, b.bestRound), peakRss: Math.max(a.peakRss, b.peakRss) };
}

function inProcessRow(label: string, role: Row['role'], r: WorkerResult, how: string): Row {
  return {
    label,
    role,
    how,
    files: r.files,
    perFile: stats(r.times),
    total: stats(r.times).total,
    peakRss: r.peakRss,
    output: `${r.results} ${OUTPUT[r.contender] ?? 'results'}`,
  };
}

export async function kindSection(kind: Kind, plan: Plan, farmRoot: string): Promise<KindSection> {
  const files = corpusFiles(kind, plan.step);
  const results = new Map<string, WorkerResult>();
  const rows: Row[] = [];
  const contenders = CONTENDERS.filter((x) => x.kind === kind);
  // Each contender runs in two child processes, taken in turn with the others (A B C, then C B A), and a file counts
  // with its best time over both: a slow spell of the machine then hits every contender instead of one side of a ratio.
  for (const [pass, order] of [contenders, [...contenders].reverse()].entries()) {
    for (const c of order) {
      const step = c.id === 'dclint' ? plan.step * plan.dclintStep : plan.step;
      log(`${c.id} (child ${pass + 1} of 2): ${Math.ceil(files.length / (step / plan.step))} files, ${plan.warmup} warm-up + ${plan.rounds} rounds…`);
      const r = await runInChild({ contender: c.id, step, warmup: plan.warmup, rounds: plan.rounds });
      const earlier = results.get(c.role);
      results.set(c.role, earlier ? bestOfChildren(earlier, r) : r);
    }
  }
  for (const c of contenders) {
    const step = c.id === 'dclint' ? plan.step * plan.dclintStep : plan.step;
    rows.push(inProcessRow(c.label, c.role, results.get(c.role)!, step === plan.step ? 'in-process' : `in-process, every ${plan.dclintStep}th file`));
  }
  const bare = results.get('floor')!;
  const bulwark = results.get('bulwark')!;
  const peer = results.get('peer')!;
  const reference = results.get('reference');
  const peerLabel = CONTENDERS.find((c) => c.id === peer.contender)!.label;
  const peerNames = new Set(peer.names);
  const bulwarkOnPeer = stats(timesOn(bulwark, peerNames));
  const peerStats = stats(peer.times);
  const peerVsBulwark: Comparison = {
    peer: peerLabel,
    files: peer.files,
    median: peerStats.median / bulwarkOnPeer.median,
    total: peerStats.total / bulwarkOnPeer.total,
  };

  // The CLIs as processes.
  const farm = linkFarm(kind, files, farmRoot);
  log(`bulwark CLI: one process over ${files.length} files…`);
  const whole = await cliWholeCorpus(farm.dir, files.length, 1);
  const sample = spread(
    files.map((f, i) => ({ file: f, link: farm.links[i] })),
    plan.spawnSample,
  );
  log(`bulwark CLI and ${PEER_CLI[kind]} CLI: one process per file on ${sample.length} files…`);
  const cliSpawns = await perFileSpawns(CLI_COMMANDS.bulwark, sample.map((s) => s.link));
  const peerSpawns = await perFileSpawns(CLI_COMMANDS[PEER_CLI[kind]], sample.map((s) => s.file.path));
  rows.push(
    {
      label: 'Bulwark CLI, one process over all files',
      role: 'process',
      how: '`bulwark lint --format json`; median/p95 = total ÷ files',
      files: whole.files,
      perFile: { ...stats([]), n: whole.files, median: whole.ms / whole.files, p95: NaN },
      total: whole.ms,
      peakRss: whole.peakRss,
      output: `${whole.findings} findings`,
    },
    {
      label: 'Bulwark CLI, one process per file',
      role: 'process',
      how: `${sample.length} spawns (even sample), node start-up included`,
      files: sample.length,
      perFile: cliSpawns.perFile,
      total: NaN,
      peakRss: cliSpawns.peakRss,
      output: '',
    },
    {
      label: `${PEER_CLI[kind]} CLI, one process per file`,
      role: 'process',
      how: `same ${sample.length} spawns`,
      files: sample.length,
      perFile: peerSpawns.perFile,
      total: NaN,
      peakRss: peerSpawns.peakRss,
      output: '',
    },
  );
  return {
    kind,
    files: files.length,
    bytes: totalBytes(files),
    rows,
    analysisVsParse: {
      median: stats(bulwark.times).median / stats(bare.times).median,
      total: stats(bulwark.times).total / stats(bare.times).total,
    },
    ...(reference && {
      parseOnlyVsParse: {
        label: CONTENDERS.find((c) => c.id === reference.contender)!.label,
        median: stats(reference.times).median / stats(bare.times).median,
        total: stats(reference.times).total / stats(bare.times).total,
      },
    }),
    peerVsBulwark,
    cliVsCli: {
      peer: `${PEER_CLI[kind]} CLI`,
      files: sample.length,
      median: peerSpawns.perFile.median / cliSpawns.perFile.median,
      total: NaN,
    },
  };
}

export function method(plan: Plan, quick: boolean): string[] {
  return [
    `${quick ? 'Quick run: every 5th corpus file' : 'Full run: every corpus file'} of ../shared/corpus; Dockerfiles and Compose files measured apart.`,
    `In-process contenders each run in child processes of their own (so each peak RSS is its own: node and the corpus texts, ~50 MB, included), two per contender, taken in turn with the other contenders (A B C, then C B A): in each, ${plan.warmup} warm-up pass over every 4th file, then ${plan.rounds} measured passes over every file; a file's time is its best over both children's passes (a noisy machine only ever adds time, and a slow spell then hits every side of a ratio). Total = sum of the per-file times.`,
    'Bare parse: `DockerfileParser.parse` (dockerfile-ast) / `parseAllDocuments` (yaml). Bulwark: `analyze()` of server/core with default settings, no file-system host (no cross-file reads). Bulwark parse only: the model the rules read, built without running a rule (Dockerfiles: `new DockerfileModel(text)` and `shellOf` of every instruction, so every RUN script goes through tree-sitter-bash; Compose: `new ComposeModel(text)`, the bounded YAML parse with positions, no schema check), to split the time over the floor between parsing and rules. dockerfile-utils: `validate(text)` with default settings. dclint: `new DCLinter({rules: {}}).lintFiles([file])`, its only API, which reads the file and compiles its JSON schema for each file.',
    `dclint takes ~0.25 s per file, so it runs on every ${plan.dclintStep}th file; its ratio to Bulwark compares the same files.`,
    'CLI processes: `node dist/cli.js lint --format json --exit-zero <folder>` once over all files (through a folder of symlinks named so the CLI recognises each kind; the file count reported is checked), and one process per file on an even sample for Bulwark and the peer CLIs (`dockerfile-utils lint <file>`, `dclint <file>`), after one unmeasured spawn. Time is spawn → exit; peak RSS is the child\'s VmHWM, written by a `--require` preload at exit.',
    'Ratios rather than absolute times are what to compare between machines: both sides of a ratio ran on the same machine in the same run.',
    'Where the time goes: `npm run bench -- --profile` ([benchmarks-profile.md](benchmarks-profile.md)).',
  ];
}

