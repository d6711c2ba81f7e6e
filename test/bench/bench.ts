/**
 * `npm run bench`: per-file time of the bare parse (dockerfile-ast / yaml — the floor) and of Bulwark's full analysis,
 * over every file of ../shared/corpus (Dockerfiles and Compose files), with median, p95, total, the ratio of the two,
 * and peak memory. Several rounds; the best round counts (a noisy machine only ever makes a round slower).
 * (Issue 8 extends this with the CLI as a whole process, the peers, and the LSP latency benchmark.)
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import { analyze, initializeCore } from '../../server/core/engine';
import { sharedDir } from '../helpers/shared';

interface Stats {
  median: number;
  p95: number;
  total: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  return { median: at(0.5), p95: at(0.95), total: samples.reduce((a, b) => a + b, 0) };
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function measure(files: { name: string; text: string }[], bare: (t: string) => void, full: (f: { name: string; text: string }) => void, rounds: number) {
  let best: { bare: Stats; full: Stats } | undefined;
  for (let r = 0; r < rounds; r++) {
    const b: number[] = [];
    const f: number[] = [];
    for (const file of files) {
      b.push(time(() => bare(file.text)));
      f.push(time(() => full(file)));
    }
    const round = { bare: stats(b), full: stats(f) };
    if (!best || round.full.total < best.full.total) best = round;
  }
  return best!;
}

const fmt = (n: number) => n.toFixed(2).padStart(8);

async function main(): Promise<void> {
  await initializeCore();
  const rounds = Number(process.env.BULWARK_BENCH_ROUNDS ?? 3);
  const corpus = path.join(sharedDir(), 'corpus');
  const read = (dir: string) =>
    fs.readdirSync(path.join(corpus, dir)).sort().map((name) => ({ name, text: fs.readFileSync(path.join(corpus, dir, name), 'utf8') }));
  const dockerfiles = read('dockerfile');
  const composeFiles = read('compose');
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

  const df = measure(dockerfiles, (t) => DockerfileParser.parse(t), (f) => analyze(f.text, { path: `/corpus/${f.name}`, kind: 'dockerfile' }), rounds);
  const cf = measure(
    composeFiles,
    (t) => parseAllDocuments(t),
    (f) => analyze(f.text, { path: `/corpus/${f.name}`, kind: 'compose' }),
    rounds,
  );
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);

  const lines = [
    `Bulwark benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, best of ${rounds} rounds`,
    '',
    '| corpus | files | step | median ms | p95 ms | total ms |',
    '|---|---|---|---|---|---|',
    `| Dockerfile | ${dockerfiles.length} | bare parse (dockerfile-ast) | ${fmt(df.bare.median)} | ${fmt(df.bare.p95)} | ${fmt(df.bare.total)} |`,
    `| Dockerfile | ${dockerfiles.length} | Bulwark full analysis | ${fmt(df.full.median)} | ${fmt(df.full.p95)} | ${fmt(df.full.total)} |`,
    `| Compose | ${composeFiles.length} | bare parse (yaml) | ${fmt(cf.bare.median)} | ${fmt(cf.bare.p95)} | ${fmt(cf.bare.total)} |`,
    `| Compose | ${composeFiles.length} | Bulwark full analysis | ${fmt(cf.full.median)} | ${fmt(cf.full.p95)} | ${fmt(cf.full.total)} |`,
    '',
    `Ratio analysis ÷ bare parse (total): Dockerfile ${(df.full.total / df.bare.total).toFixed(2)}×, Compose ${(cf.full.total / cf.bare.total).toFixed(2)}× (target ≤ 1.5×).`,
    `Peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB.`,
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
