/** The machine a benchmark ran on, for the report header. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { projectRoot } from '../helpers/shared';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started (a busy machine makes every number slower). */
  load: number;
  /** The commit measured (with `+` when tracked files other than the bench's outputs had changes). */
  commit: string;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    // The bench's own outputs (README table, docs/benchmarks*.md) do not count as changes.
    const status = ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!README.md', ':!docs/benchmarks*.md'];
    const dirty = execFileSync('git', status, { cwd: projectRoot, encoding: 'utf8' }).trim();
    return dirty ? `${head}+` : head;
  } catch {
    return 'unknown';
  }
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    load: os.loadavg()[0],
    commit: commit(),
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpu}, ${m.cores} cores, ${m.ramGb} GB RAM, ${m.os}, node ${m.node}; load average ${m.load.toFixed(2)} at start; commit ${m.commit}; ${m.date}`;
}
