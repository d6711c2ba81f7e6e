/** Memory of a process from /proc (Linux): resident set now (VmRSS) and its peak (VmHWM), in bytes. */
import fs from 'node:fs';

export interface ProcMemory {
  rss: number;
  peak: number;
}

/** VmRSS and VmHWM of `pid` (default: this process); NaN where /proc is unavailable. */
export function procMemory(pid: number | 'self' = 'self'): ProcMemory {
  let text = '';
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // Not Linux, or the process is gone: fall back to what node knows about itself.
    if (pid === 'self' || pid === process.pid) {
      return { rss: process.memoryUsage().rss, peak: process.resourceUsage().maxRSS * 1024 };
    }
    return { rss: NaN, peak: NaN };
  }
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/**
 * CPU time (ms, user + system) a process has used: all its threads, and its main thread alone (V8's GC and compiler
 * threads are the rest). From /proc/<pid>/stat (clock ticks of 10 ms); NaN where /proc is unavailable.
 */
export function procCpu(pid: number): { process: number; mainThread: number } {
  const ticks = (file: string): number => {
    try {
      const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return NaN;
    }
  };
  return { process: ticks(`/proc/${pid}/stat`), mainThread: ticks(`/proc/${pid}/task/${pid}/stat`) };
}
