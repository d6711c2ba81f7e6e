/**
 * Preloaded (`node --require`) into a process the benchmark spawns: on exit, writes the process's peak resident set
 * (VmHWM, bytes) to the file named by $BULWARK_BENCH_PEAK_FILE, so the parent learns a child's peak memory.
 */
import fs from 'node:fs';
import { procMemory } from './proc';

const file = process.env.BULWARK_BENCH_PEAK_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, String(procMemory().peak));
    } catch {
      // The measurement is lost, the process is not disturbed.
    }
  });
}
