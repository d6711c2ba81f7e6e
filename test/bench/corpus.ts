/** The benchmark corpus: ../shared/corpus/{dockerfile,compose}, sorted by name, optionally thinned for `--quick`. */
import fs from 'node:fs';
import path from 'node:path';
import { sharedDir } from '../helpers/shared';

export type Kind = 'dockerfile' | 'compose';
export const KINDS: readonly Kind[] = ['dockerfile', 'compose'];

export interface CorpusFile {
  name: string;
  /** Absolute path in the shared corpus. */
  path: string;
  text: string;
}

export function corpusDir(kind: Kind): string {
  return path.join(sharedDir(), 'corpus', kind);
}

/** Every `step`-th file of the kind, in name order (step 1: all of them). */
export function corpusFiles(kind: Kind, step = 1): CorpusFile[] {
  const dir = corpusDir(kind);
  return fs
    .readdirSync(dir)
    .sort()
    .filter((_, i) => i % step === 0)
    .map((name) => {
      const p = path.join(dir, name);
      return { name, path: p, text: fs.readFileSync(p, 'utf8') };
    });
}

/** `count` files spread evenly over `files` (deterministic), for the per-file process spawns. */
export function spread<T>(files: readonly T[], count: number): T[] {
  if (files.length <= count) return [...files];
  return Array.from({ length: count }, (_, i) => files[Math.floor(((i + 0.5) * files.length) / count)]);
}

export function totalBytes(files: readonly CorpusFile[]): number {
  return files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
}
