/**
 * A benchmark child process: measures one in-process contender over the corpus and sends the result to its parent
 * (`process.send`). Started by in-process.ts with the job as JSON in argv[2]. One contender per process, so that
 * each peak resident set (VmHWM) is that contender's own (plus node and the corpus texts, reported as `baseRss`).
 */
import fs from 'node:fs';
import { contender } from './contenders';
import { corpusFiles } from './corpus';
import { procMemory } from './proc';
import { startProfiler } from './profile';
import { bestOf, since } from './stats';

export interface WorkerJob {
  contender: string;
  /** Every step-th corpus file (1: all). */
  step: number;
  /** Warm-up passes over every 4th file, not measured. */
  warmup: number;
  /** Measured passes over every file; each file's best time counts. */
  rounds: number;
  /** Record the measured passes with the CPU profiler and write the .cpuprofile here (profile.ts). */
  profile?: string;
}

export interface WorkerResult {
  contender: string;
  files: number;
  /** The files measured, in order. */
  names: string[];
  /** Per-file time (ms), in the order of `names`: each file's best over the rounds. */
  times: number[];
  /** Wall time (ms) of the fastest whole round. */
  bestRound: number;
  /** Results the contender returned over one round (findings, diagnostics…): evidence it did the work. */
  results: number;
  /** Resident set after loading node and the corpus, before loading the contender (bytes). */
  baseRss: number;
  /** Peak resident set of the process (bytes). */
  peakRss: number;
}

async function run(job: WorkerJob): Promise<WorkerResult> {
  const c = contender(job.contender);
  const files = corpusFiles(c.kind, job.step);
  const baseRss = procMemory().rss;
  const fn = await c.load();
  const warm = files.filter((_, i) => i % 4 === 0);
  for (let w = 0; w < job.warmup; w++) for (const f of warm) fn(f);
  const rounds: number[][] = [];
  let bestRound = Infinity;
  let results = 0;
  const stopProfiler = job.profile ? await startProfiler() : undefined;
  for (let r = 0; r < job.rounds; r++) {
    const times: number[] = [];
    let count = 0;
    const roundStart = performance.now();
    for (const f of files) {
      const t = performance.now();
      count += fn(f);
      times.push(since(t));
    }
    bestRound = Math.min(bestRound, since(roundStart));
    rounds.push(times);
    results = count;
  }
  if (stopProfiler) fs.writeFileSync(job.profile!, JSON.stringify(await stopProfiler()));
  return {
    contender: c.id,
    files: files.length,
    names: files.map((f) => f.name),
    times: bestOf(rounds),
    bestRound,
    results,
    baseRss,
    peakRss: procMemory().peak,
  };
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  run(job).then(
    (result) => process.send!({ result }),
    (e: unknown) => process.send!({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
}
