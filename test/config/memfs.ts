/** An in-memory ConfigHost for configuration tests: paths are POSIX, under /ws. */
import type { ConfigHost } from '../../server/core/config';

export interface MemHost extends ConfigHost {
  files: Map<string, string>;
  reads: string[];
}

export function memHost(files: Record<string, string>): MemHost {
  const map = new Map(Object.entries(files));
  const reads: string[] = [];
  return {
    files: map,
    reads,
    readFile(p) {
      reads.push(p);
      return map.get(p);
    },
    exists: (p) => map.has(p),
  };
}

/** Text lines joined with newlines, ending with one. */
export const yaml = (...lines: string[]) => lines.join('\n') + '\n';
