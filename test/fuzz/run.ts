/**
 * `npm run fuzz`: the long fuzzing run (not part of `npm test`). Generates mutated and from-scratch Dockerfiles and
 * Compose files (test/fuzz/harness.ts), analyzes each with every rule on, checks every offered fix's properties, and
 * prints the counts: cases, findings, fixes checked, failures, median / p99 / max analysis time (CPU, with wall time
 * beside it). Inputs under 64 KB whose analysis takes more than 50 ms of CPU time are reported one by one.
 *
 * Usage: npm run fuzz [-- --runs N] [--seed S] [--workers W] [--out DIR]   (also BULWARK_FUZZ_RUNS, _SEED, _WORKERS)
 *        npm run fuzz -- --replay FILE...                                 (re-check saved inputs; the name says the kind)
 *
 * Cases are generated in batches of 500, batch b from the fast-check seed batchSeed(S, b), so a run is the same
 * whatever the number of workers: with --workers W, W child processes take the batches in turn (worker w the batches b with b mod W = w) and
 * the parent sums their counts. Failing and slow inputs are saved to DIR (default out/fuzz-failures/) as
 * `Dockerfile.NNNN` / `compose.NNNN.yaml`, with a `.txt` beside each saying what failed and where the input came from.
 * Exit status: 0 when no failure and no slow input, 1 otherwise.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { analyze, detectKind, initializeCore } from '../../server/core/engine';
import { bareParseMs, checkInput, corpusSamples, fuzzInputArb, optionsFor, TARGET_MS, TARGET_SIZE } from './harness';
import type { FuzzInput } from './harness';
import { projectRoot } from '../helpers/shared';

const BATCH = 500;

/**
 * The fast-check seed of batch b of a run with seed S: S × 100,003 + b (32-bit). Runs with neighbouring seeds share
 * no batch (the first 100,003 batches of each, 50 million cases); with S + b, seeds 7 and 8 shared all batches but one.
 */
function batchSeed(seed: number, batch: number): number {
  return (Math.imul(seed, 100_003) + batch) | 0;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** What a run (or one worker's share of it) counted. */
interface Stats {
  cases: number;
  dockerfiles: number;
  composeFiles: number;
  findings: number;
  fixes: number;
  failed: number;
  slow: number;
  /** CPU and wall times (ms) of the inputs under TARGET_SIZE. */
  cpu: number[];
  wall: number[];
  maxMs: number;
  maxWall: number;
  maxAt: string;
  failureKinds: [string, number][];
}

type Message = { type: 'bad'; input: FuzzInput; report: string[] } | { type: 'progress'; cases: number } | { type: 'done'; stats: Stats };

/** Checks the cases of the batches `mine` picks; reports each failing or slow input to `bad`. */
function runBatches(runs: number, seed: number, mine: (batch: number) => boolean, bad: (input: FuzzInput, report: string[]) => void, progress: (cases: number) => void): Stats {
  // Warm up (JIT) on corpus files first: a cold first analysis is not the input's time.
  const samples = corpusSamples();
  for (const kind of ['dockerfile', 'compose'] as const) for (const s of samples[kind].slice(0, 150)) analyze(s.text, optionsFor(kind));
  const arb = fuzzInputArb();
  const stats: Stats = { cases: 0, dockerfiles: 0, composeFiles: 0, findings: 0, fixes: 0, failed: 0, slow: 0, cpu: [], wall: [], maxMs: 0, maxWall: 0, maxAt: '', failureKinds: [] };
  const failureKinds = new Map<string, number>();
  for (let b = 0; b * BATCH < runs; b++) {
    if (!mine(b)) continue;
    for (const input of fc.sample(arb, { numRuns: Math.min(BATCH, runs - b * BATCH), seed: batchSeed(seed, b) })) {
      stats.cases++;
      if (input.kind === 'compose') stats.composeFiles++;
      else stats.dockerfiles++;
      const outcome = checkInput(input);
      stats.findings += outcome.findings;
      stats.fixes += outcome.fixesChecked;
      const timed = input.text.length < TARGET_SIZE;
      if (timed) {
        stats.cpu.push(outcome.ms);
        stats.wall.push(outcome.wallMs);
        stats.maxWall = Math.max(stats.maxWall, outcome.wallMs);
        if (outcome.ms > stats.maxMs) {
          stats.maxMs = outcome.ms;
          stats.maxAt = input.origin;
        }
      }
      const report: string[] = [];
      if (outcome.failures.length) {
        stats.failed++;
        report.push(...outcome.failures);
        for (const f of outcome.failures) {
          const key = f.replace(/\{.*$/, '').replace(/".*$/, '').slice(0, 80);
          failureKinds.set(key, (failureKinds.get(key) ?? 0) + 1);
        }
      }
      if (outcome.ms > TARGET_MS && timed) {
        stats.slow++;
        report.push(`slow: ${outcome.ms.toFixed(1)} ms CPU (${outcome.wallMs.toFixed(1)} ms wall; bare parse ${bareParseMs(input).toFixed(1)} ms CPU) for ${input.text.length} characters (target ${TARGET_MS} ms under ${TARGET_SIZE / 1024} KB)`);
      }
      if (report.length) bad(input, report);
    }
    progress(stats.cases);
  }
  stats.failureKinds = [...failureKinds];
  return stats;
}

/** Sums the workers' counts. */
function merge(all: Stats[]): Stats {
  const kinds = new Map<string, number>();
  for (const s of all) for (const [k, n] of s.failureKinds) kinds.set(k, (kinds.get(k) ?? 0) + n);
  const top = all.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
  const sum = (f: (s: Stats) => number) => all.reduce((n, s) => n + f(s), 0);
  return {
    cases: sum((s) => s.cases),
    dockerfiles: sum((s) => s.dockerfiles),
    composeFiles: sum((s) => s.composeFiles),
    findings: sum((s) => s.findings),
    fixes: sum((s) => s.fixes),
    failed: sum((s) => s.failed),
    slow: sum((s) => s.slow),
    cpu: all.flatMap((s) => s.cpu),
    wall: all.flatMap((s) => s.wall),
    maxMs: top.maxMs,
    maxWall: Math.max(...all.map((s) => s.maxWall)),
    maxAt: top.maxAt,
    failureKinds: [...kinds],
  };
}

/** The batches of a run in `workers` child processes (this script with --worker-of / --worker-index). */
function runWorkers(workers: number, runs: number, seed: number, bad: (input: FuzzInput, report: string[]) => void, progress: (cases: number) => void): Promise<Stats> {
  const done: Promise<Stats>[] = [];
  const cases = new Array<number>(workers).fill(0);
  for (let w = 0; w < workers; w++) {
    const child = fork(__filename, ['--runs', String(runs), '--seed', String(seed), '--worker-of', String(workers), '--worker-index', String(w)], { execArgv: process.execArgv });
    done.push(
      new Promise<Stats>((resolve, reject) => {
        let stats: Stats | undefined;
        child.on('message', (m: Message) => {
          if (m.type === 'bad') bad(m.input, m.report);
          else if (m.type === 'progress') {
            cases[w] = m.cases;
            progress(cases.reduce((a, b) => a + b, 0));
          } else stats = m.stats;
        });
        child.on('exit', (code) => (stats ? resolve(stats) : reject(new Error(`fuzz worker ${w} exited with ${code} before reporting`))));
      }),
    );
  }
  return Promise.all(done).then(merge);
}

async function main(): Promise<number> {
  await initializeCore();
  const outDir = path.resolve(arg('--out') ?? path.join(projectRoot, 'out', 'fuzz-failures'));
  const replay = process.argv.indexOf('--replay');
  if (replay >= 0) {
    let bad = 0;
    for (const file of process.argv.slice(replay + 1).filter((f) => !f.endsWith('.txt'))) {
      const kind = detectKind(file) ?? 'dockerfile';
      const text = fs.readFileSync(file, 'utf8');
      // Warm up on the input itself: a replay has no corpus warm-up, and a cold first analysis is not the input's time.
      for (let i = 0; i < 3; i++) analyze(text, optionsFor(kind));
      const outcome = checkInput({ kind, origin: file, text });
      const slow = outcome.ms > TARGET_MS && text.length < TARGET_SIZE;
      const bare = bareParseMs({ kind, origin: file, text });
      console.log(`${file}: ${outcome.ms.toFixed(1)} ms CPU (${outcome.wallMs.toFixed(1)} ms wall; bare parse ${bare.toFixed(1)} ms CPU)${slow ? ' SLOW' : ''}, ${outcome.findings} findings, ${outcome.fixesChecked} fixes checked`);
      for (const f of outcome.failures) console.log(`  ${f}`);
      if (outcome.failures.length || slow) bad++;
    }
    return bad ? 1 : 0;
  }

  const runs = Number(arg('--runs') ?? process.env.BULWARK_FUZZ_RUNS ?? 100_000);
  const seed = Number(arg('--seed') ?? process.env.BULWARK_FUZZ_SEED ?? Date.now() % 2 ** 31);
  const workerOf = arg('--worker-of');
  if (workerOf !== undefined) {
    // A worker: its share of the batches; results go to the parent.
    const of = Number(workerOf);
    const index = Number(arg('--worker-index'));
    const send = (m: Message) => process.send!(m);
    const stats = runBatches(runs, seed, (b) => b % of === index, (input, report) => send({ type: 'bad', input, report }), (cases) => send({ type: 'progress', cases }));
    await new Promise<void>((resolve) => process.send!({ type: 'done', stats } satisfies Message, () => resolve()));
    return 0;
  }
  const workers = Math.max(1, Math.floor(Number(arg('--workers') ?? process.env.BULWARK_FUZZ_WORKERS ?? 1)));
  console.log(`fuzz: ${runs} cases, seed ${seed}${workers > 1 ? `, ${workers} workers` : ''} (re-run with --seed ${seed})`);
  let saved = 0;
  const save = (input: FuzzInput, report: string[]) => {
    fs.mkdirSync(outDir, { recursive: true });
    const n = String(++saved).padStart(4, '0');
    const base = path.join(outDir, input.kind === 'compose' ? `compose.${n}.yaml` : `Dockerfile.${n}`);
    fs.writeFileSync(base, input.text);
    fs.writeFileSync(`${base}.txt`, [`origin: ${input.origin}`, `seed: ${seed}`, ...report, ''].join('\n'));
    console.log(`${base}: ${report[0]}`);
  };
  const started = Date.now();
  let shown = 0;
  const progress = (cases: number) => {
    if (cases - shown < Math.min(10_000, Math.max(BATCH, runs / 10)) && cases < runs) return;
    shown = cases;
    console.log(`  … ${cases} cases, ${saved} saved, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  const stats = workers > 1 ? await runWorkers(workers, runs, seed, save, progress) : runBatches(runs, seed, () => true, save, progress);
  const cpu = stats.cpu.sort((a, b) => a - b);
  const wall = stats.wall.sort((a, b) => a - b);
  console.log('');
  console.log(`cases:          ${stats.cases} (${stats.dockerfiles} Dockerfiles, ${stats.composeFiles} Compose files), seed ${seed}`);
  console.log(`findings:       ${stats.findings}`);
  console.log(`fixes checked:  ${stats.fixes}`);
  console.log(`failures:       ${stats.failed}`);
  for (const [k, n] of stats.failureKinds.sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${n} × ${k}`);
  console.log(`analysis CPU:   median ${percentile(cpu, 50).toFixed(2)} ms, p99 ${percentile(cpu, 99).toFixed(2)} ms, max ${stats.maxMs.toFixed(1)} ms (${stats.maxAt})`);
  console.log(`analysis wall:  median ${percentile(wall, 50).toFixed(2)} ms, p99 ${percentile(wall, 99).toFixed(2)} ms, max ${stats.maxWall.toFixed(1)} ms (not judged: load from other processes counts in it)`);
  console.log(`slower than ${TARGET_MS} ms CPU (under ${TARGET_SIZE / 1024} KB): ${stats.slow}`);
  console.log(`run time:       ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (saved) console.log(`saved ${saved} inputs to ${outDir} (re-check: npm run fuzz -- --replay ${outDir}/*)`);
  return stats.failed || stats.slow ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
