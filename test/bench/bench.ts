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
 * per contender), processes.ts (the CLIs as processes), corpus-bench.ts (the corpus part, per kind), lsp-latency.ts,
 * profile.ts, report.ts, machine.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../helpers/shared';
import { CONTENDERS } from './contenders';
import { KINDS } from './corpus';
import { kindSection, log, method } from './corpus-bench';
import type { Plan } from './corpus-bench';
import { runInChild } from './in-process';
import { runLspBench } from './lsp-latency';
import { machine } from './machine';
import { readProfile, renderSummary, summarize } from './profile';
import { renderReadmeBlock, renderReport } from './report';
import type { BenchResult } from './report';

const FULL: Plan = {
  step: 1,
  warmup: 1,
  rounds: 2,
  dclintStep: 8,
  spawnSample: 8,
  lsp: { edits: 200, debouncedEdits: 20, corpusStep: 1, warmupMs: 6000 },
};
const QUICK: Plan = {
  step: 5,
  warmup: 1,
  rounds: 2,
  dclintStep: 4,
  spawnSample: 3,
  lsp: { edits: 50, debouncedEdits: 5, corpusStep: 5, warmupMs: 2000 },
};

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
