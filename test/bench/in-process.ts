/** Runs each in-process contender in a child process of its own (worker.ts), one after the other. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { WorkerJob, WorkerResult } from './worker';

const WORKER = path.join(__dirname, 'worker.js');

export function runInChild(job: WorkerJob): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let done = false;
    child.on('message', (m: { result?: WorkerResult; error?: string }) => {
      done = true;
      // The result is in: end the child now (node would otherwise wait for V8's background WebAssembly tier-up).
      child.kill();
      if (m.result) resolve(m.result);
      else reject(new Error(`${job.contender}: ${m.error}`));
    });
    child.on('exit', (code, signal) => {
      if (!done) reject(new Error(`${job.contender}: worker exited (${code ?? signal}) without a result`));
    });
  });
}
