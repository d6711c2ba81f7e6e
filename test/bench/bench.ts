/**
 * `npm run bench`: Bulwark against the floor (the bare parse) and the peers, over ../shared/corpus (Dockerfiles and
 * Compose files apart), then the language server's keystroke latency and memory; prints the report and, on a full
 * run, writes docs/benchmarks.md and the README's Performance table.
 *
 *   npm run bench                   everything (a few minutes)
 *   npm run bench -- --quick        every 5th corpus file, fewer edits: a check of the shape, writes nothing
 *   npm run bench -- --lsp          the language-server part only, writes nothing
 *   npm run bench -- --no-lsp       the corpus part only, writes nothing
 *   npm run bench -- --profile      CPU profiles of Bulwark's analysis over the corpus (out/bench/*.cpuprofile) with
 *                                   a summary by layer and by rule; combine with --quick
 *
 * One module per concern: contenders.ts (what is measured in-process), worker.ts + in-process.ts (one child process
 * per contender), processes.ts (the CLIs as processes), lsp-latency.ts, report.ts, machine.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../helpers/shared';
import { CONTENDERS } from './contenders';
import { KINDS, corpusFiles, spread, totalBytes } from './corpus';
import type { Kind } from './corpus';
import { runInChild } from './in-process';
import { runLspBench } from './lsp-latency';
import type { LspOptions } from './lsp-latency';
import { machine } from './machine';
import { CLI_COMMANDS, cliWholeCorpus, linkFarm, perFileSpawns } from './processes';
import { readProfile, renderSummary, summarize } from './profile';
import { renderReadmeBlock, renderReport } from './report';
import type { BenchResult, Comparison, KindSection, Row } from './report';
import { stats } from './stats';
import type { WorkerResult } from './worker';

interface Plan {
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

const FULL: Plan = { step: 1, warmup: 1, rounds: 2, dclintStep: 8, spawnSample: 8, lsp: { edits: 200, debouncedEdits: 20, corpusStep: 1, warmupMs: 6000 } };
const QUICK: Plan = { step: 5, warmup: 1, rounds: 2, dclintStep: 4, spawnSample: 3, lsp: { edits: 50, debouncedEdits: 5, corpusStep: 5, warmupMs: 2000 } };

const PEER_CLI: Record<Kind, keyof typeof CLI_COMMANDS> = { dockerfile: 'dockerfile-utils', compose: 'dclint' };
const OUTPUT: Record<string, string> = {
  'bare-dockerfile': 'instructions',
  'bare-yaml': 'documents',
  'bulwark-dockerfile': 'findings',
  'bulwark-compose': 'findings',
  'dockerfile-utils': 'diagnostics',
  dclint: 'messages',
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Per-file times of `r` restricted to `names` (the files another contender ran on). */
function timesOn(r: WorkerResult, names: ReadonlySet<string>): number[] {
  return r.times.filter((_, i) => names.has(r.names[i]));
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

async function kindSection(kind: Kind, plan: Plan, farmRoot: string): Promise<KindSection> {
  const files = corpusFiles(kind, plan.step);
  const results = new Map<string, WorkerResult>();
  const rows: Row[] = [];
  for (const c of CONTENDERS.filter((x) => x.kind === kind)) {
    const step = c.id === 'dclint' ? plan.step * plan.dclintStep : plan.step;
    log(`${c.id}: ${Math.ceil(files.length / (step / plan.step))} files, ${plan.warmup} warm-up + ${plan.rounds} rounds…`);
    const r = await runInChild({ contender: c.id, step, warmup: plan.warmup, rounds: plan.rounds });
    results.set(c.role, r);
    rows.push(inProcessRow(c.label, c.role, r, step === plan.step ? 'in-process' : `in-process, every ${plan.dclintStep}th file`));
  }
  const bare = results.get('floor')!;
  const bulwark = results.get('bulwark')!;
  const peer = results.get('peer')!;
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
    peerVsBulwark,
    cliVsCli: {
      peer: `${PEER_CLI[kind]} CLI`,
      files: sample.length,
      median: peerSpawns.perFile.median / cliSpawns.perFile.median,
      total: NaN,
    },
  };
}

function method(plan: Plan, quick: boolean): string[] {
  return [
    `${quick ? 'Quick run: every 5th corpus file' : 'Full run: every corpus file'} of ../shared/corpus; Dockerfiles and Compose files measured apart.`,
    `In-process contenders each run in a child process of their own (so each peak RSS is its own: node and the corpus texts, ~50 MB, included): ${plan.warmup} warm-up pass over every 4th file, then ${plan.rounds} measured passes over every file; a file's time is its best over the passes (a noisy machine only ever adds time). Total = sum of the per-file times.`,
    'Bare parse: `DockerfileParser.parse` (dockerfile-ast) / `parseAllDocuments` (yaml). Bulwark: `analyze()` of server/core with default settings, no file-system host (no cross-file reads). dockerfile-utils: `validate(text)` with default settings. dclint: `new DCLinter({rules: {}}).lintFiles([file])`, its only API, which reads the file and compiles its JSON schema for each file.',
    `dclint takes ~0.25 s per file, so it runs on every ${plan.dclintStep}th file; its ratio to Bulwark compares the same files.`,
    'CLI processes: `node dist/cli.js lint --format json --exit-zero <folder>` once over all files (through a folder of symlinks named so the CLI recognises each kind; the file count reported is checked), and one process per file on an even sample for Bulwark and the peer CLIs (`dockerfile-utils lint <file>`, `dclint <file>`), after one unmeasured spawn. Time is spawn → exit; peak RSS is the child\'s VmHWM, written by a `--require` preload at exit.',
    'Ratios rather than absolute times are what to compare between machines: both sides of a ratio ran on the same machine in the same run.',
  ];
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const quick = args.has('--quick');
  const lspOnly = args.has('--lsp');
  const noLsp = args.has('--no-lsp');
  const plan = { ...(quick ? QUICK : FULL) };
  if (process.env.BULWARK_BENCH_ROUNDS) plan.rounds = Number(process.env.BULWARK_BENCH_ROUNDS);
  const started = performance.now();
  const result: BenchResult = { machine: machine(), method: method(plan, quick), sections: [] };

  if (args.has('--profile')) {
    console.log(await profiles(plan));
    return;
  }
  if (!lspOnly) {
    const farmRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-bench-'));
    try {
      for (const kind of KINDS) result.sections.push(await kindSection(kind, plan, farmRoot));
    } finally {
      fs.rmSync(farmRoot, { recursive: true, force: true });
    }
  }
  if (!noLsp) {
    log(`language server: ${plan.lsp.edits} edits per document, then ${plan.lsp.debouncedEdits} with the default debounce, then the corpus…`);
    result.lsp = await runLspBench(plan.lsp);
  }

  const report = renderReport(result);
  console.log(report);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (quick || lspOnly || noLsp) {
    log('partial run: docs/benchmarks.md and README left as they are');
    return;
  }
  fs.writeFileSync(path.join(projectRoot, 'docs', 'benchmarks.md'), report);
  updateReadme(renderReadmeBlock(result));
  log('wrote docs/benchmarks.md and the README Performance table');
}

/** One profiled pass of Bulwark's analysis per kind (after the warm-up), summarised. */
async function profiles(plan: Plan): Promise<string> {
  const dir = path.join(projectRoot, 'out', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const c of CONTENDERS.filter((x) => x.role === 'bulwark')) {
    const file = path.join(dir, `${c.id}.cpuprofile`);
    log(`${c.id}: profiling one pass…`);
    await runInChild({ contender: c.id, step: plan.step, warmup: plan.warmup, rounds: 1, profile: file });
    out.push(renderSummary(`${c.id}, ${plan.step === 1 ? 'every' : `every ${plan.step}th`} corpus file`, summarize(readProfile(file)), path.relative(projectRoot, file)));
  }
  return out.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the README text between the bench markers (left alone if the markers are missing). */
function updateReadme(block: string): void {
  const file = path.join(projectRoot, 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) {
    log(`README.md has no ${START} … ${END} markers: table not written`);
    return;
  }
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n${block}\n${text.slice(b)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
