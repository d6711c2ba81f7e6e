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
