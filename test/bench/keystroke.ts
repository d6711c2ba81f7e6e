/**
 * In-process keystroke cost: the LSP bench's generated documents analysed after each of N single-character edits
 * (the same edits as lsp-latency.ts), the way the language server analyses an edited document (with its per-document
 * caches; `--fresh`: without them). Reports per edit: main-thread CPU (from /proc), process CPU (all threads: V8's GC
 * helpers too) and the bytes allocated (heap growth plus what each GC freed, from v8.GCProfiler).
 *
 * `node out/test/bench/keystroke.js [--edits 200] [--kind dockerfile|compose] [--fresh | --no-incremental]`
 * (`--no-incremental`: the shell cache only, as before incremental.ts).
 */
import v8 from 'node:v8';
import { analyze, initializeCore, ShellParseCache } from '../../server/core';
import type { AnalyzeOptions, FileKind } from '../../server/core';
import { IncrementalState } from '../../server/core/incremental';
import { LineIndex } from '../../server/core/text';
import { generatedCompose, generatedDockerfile } from './generate';
import { typing } from './lsp-latency';
import { procCpu } from './proc';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

interface GcStat {
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

async function main(): Promise<void> {
  await initializeCore();
  const edits = Number(arg('--edits', '200'));
  const kind = arg('--kind', 'dockerfile') as FileKind;
  const fresh = process.argv.includes('--fresh');
  let text = kind === 'compose' ? generatedCompose(50) : generatedDockerfile(1000);
  const shellCache = new ShellParseCache();
  const incremental = new IncrementalState();
  const options: AnalyzeOptions & { kind: FileKind } = { kind, path: kind === 'compose' ? '/bench/compose.yaml' : '/bench/Dockerfile' };
  const cached = process.argv.includes('--no-incremental') ? { ...options, shellCache } : { ...options, shellCache, incremental };
  const run = () => {
    const result = analyze(text, fresh ? options : cached);
    shellCache.endGeneration();
    return result;
  };
  const gen = typing(text);
  const apply = () => {
    const change = gen.next().value!;
    const index = new LineIndex(text);
    text = text.slice(0, index.offsetAt(change.range.start)) + change.text + text.slice(index.offsetAt(change.range.end));
  };
  // Warm-up: the JIT, and the caches' first generation.
  for (let i = 0; i < 60; i++) {
    apply();
    run();
  }
  const profiler = new v8.GCProfiler();
  const heap0 = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  const cpu0 = procCpu(process.pid);
  const u0 = process.cpuUsage();
  let findings = 0;
  const t0 = performance.now();
  for (let i = 0; i < edits; i++) {
    apply();
    findings = run().findings.length;
  }
  const wall = performance.now() - t0;
  const u = process.cpuUsage(u0);
  const cpu1 = procCpu(process.pid);
  const heap1 = v8.getHeapStatistics().used_heap_size;
  const stats = (profiler.stop() as unknown as { statistics: GcStat[] }).statistics;
  const freed = stats.reduce((s, g) => s + g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize, 0);
  const per = (x: number) => (x / edits).toFixed(2);
  console.log(
    `${kind}${fresh ? ' (fresh)' : process.argv.includes('--no-incremental') ? ' (no incremental)' : ''}: ${edits} edits, ${findings} findings; per edit: wall ${per(wall)} ms, main thread ${per(cpu1.mainThread - cpu0.mainThread)} ms, process ${per((u.user + u.system) / 1000)} ms, allocated ${((heap1 - heap0 + freed) / edits / 1e6).toFixed(2)} MB`,
  );
}

void main();
