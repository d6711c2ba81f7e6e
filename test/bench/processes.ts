/**
 * Contenders as whole processes, as a user or a CI job runs them: the Bulwark CLI (dist/cli.js) once over all the
 * files of a kind (total time and peak memory), and per-file spawns on an even sample of the files (per-file
 * latency, node's start-up included) for the Bulwark CLI and the peers' own CLIs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../helpers/shared';
import type { CorpusFile, Kind } from './corpus';
import { since, stats } from './stats';
import type { Stats } from './stats';

const PEAK_RSS = path.join(__dirname, 'peak-rss.js');

export interface SpawnResult {
  ms: number;
  /** Peak resident set of the child (bytes; NaN if it could not be read). */
  peakRss: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with the peak-memory preload; the time is spawn → exit, as a shell would see it. */
export function timedNode(args: string[]): Promise<SpawnResult> {
  const peakFile = path.join(os.tmpdir(), `bulwark-bench-peak-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', PEAK_RSS, ...args], {
      env: { ...process.env, BULWARK_BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = since(start);
      let peakRss = NaN;
      try {
        peakRss = Number(fs.readFileSync(peakFile, 'utf8'));
        fs.rmSync(peakFile);
      } catch {
        // No peak reported: left NaN.
      }
      resolve({ ms, peakRss, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** dist/cli.js ($BULWARK_DIST names another folder holding the bundles). */
export function cliPath(): string {
  const p = path.resolve(process.env.BULWARK_DIST ?? path.join(projectRoot, 'dist'), 'cli.js');
  if (!fs.existsSync(p)) throw new Error(`${p} not found: run \`npm run build\` first`);
  return p;
}

/**
 * A folder of symlinks to the corpus files under names the CLI recognises (`0001.Dockerfile`, `compose.0001.yaml`):
 * the corpus names (`owner__repo__path__Dockerfile`) do not say their kind. Returns the folder and each file's link.
 */
export function linkFarm(kind: Kind, files: readonly CorpusFile[], root: string): { dir: string; links: string[] } {
  const dir = path.join(root, kind);
  fs.mkdirSync(dir, { recursive: true });
  const links = files.map((f, i) => {
    const n = String(i).padStart(4, '0');
    const link = path.join(dir, kind === 'dockerfile' ? `${n}.Dockerfile` : `compose.${n}.yaml`);
    fs.symlinkSync(f.path, link);
    return link;
  });
  return { dir, links };
}

export interface WholeRun {
  ms: number;
  peakRss: number;
  /** Files the CLI reported on (must equal the corpus count). */
  files: number;
  findings: number;
}

/** `bulwark lint --format json` over a folder, `runs` times; the fastest run counts, the highest peak is kept. */
export async function cliWholeCorpus(dir: string, expected: number, runs: number): Promise<WholeRun> {
  let best: WholeRun | undefined;
  let peak = 0;
  for (let r = 0; r < runs; r++) {
    const res = await timedNode([cliPath(), 'lint', '--format', 'json', '--exit-zero', dir]);
    if (res.code !== 0) throw new Error(`bulwark lint exited ${res.code}: ${res.stderr.slice(0, 2000)}`);
    const json = JSON.parse(res.stdout) as { files: { findings: unknown[] }[] };
    const run: WholeRun = {
      ms: res.ms,
      peakRss: res.peakRss,
      files: json.files.length,
      findings: json.files.reduce((n, f) => n + f.findings.length, 0),
    };
    if (run.files !== expected) throw new Error(`bulwark lint reported ${run.files} files of ${dir}, expected ${expected}`);
    peak = Math.max(peak, run.peakRss);
    if (!best || run.ms < best.ms) best = run;
  }
  return { ...best!, peakRss: peak };
}

export interface PerFileSpawns {
  perFile: Stats;
  /** Highest peak resident set over the spawns (bytes). */
  peakRss: number;
}

/** One process per file of `paths` (after one unmeasured warm-up spawn): spawn → exit time of each. */
export async function perFileSpawns(command: (file: string) => string[], paths: readonly string[]): Promise<PerFileSpawns> {
  if (paths.length === 0) return { perFile: stats([]), peakRss: NaN };
  await timedNode(command(paths[0]));
  const times: number[] = [];
  let peakRss = 0;
  for (const p of paths) {
    const res = await timedNode(command(p));
    if (res.code === null) throw new Error(`${command(p).join(' ')} was killed`);
    times.push(res.ms);
    peakRss = Math.max(peakRss, res.peakRss);
  }
  return { perFile: stats(times), peakRss };
}

/** The command line of each CLI for one file. */
export const CLI_COMMANDS = {
  bulwark: (file: string) => [cliPath(), 'lint', '--format', 'json', '--exit-zero', file],
  'dockerfile-utils': (file: string) => [path.join(packageDir('dockerfile-utils'), 'bin', 'dockerfile-utils'), 'lint', file],
  dclint: (file: string) => [path.join(packageDir('dclint'), 'bin', 'dclint.cjs'), file],
};

function packageDir(name: string): string {
  return path.join(projectRoot, 'node_modules', name);
}
