/**
 * LSP latency benchmark: the real server (dist/server.js) over stdio. A generated 1,000-line Dockerfile and a
 * 50-service Compose file are opened (then closed and opened again for a few seconds, to warm the server up) and typed
 * into: single-character edits (incremental didChange), one at a time, each timed from sending the change to the publishDiagnostics of that version. Measured with the debounce
 * set to 0 (initializationOptions.debounceMs), which is the analysis + protocol latency, and again on fewer edits
 * with the server's default debounce, which adds the debounce. Then the whole corpus is opened in the same server
 * and its resident set read from /proc (VmRSS now, VmHWM peak), and again in a fresh server that only opens the corpus
 * (no keystroke phase before it, whose garbage grows V8's old generation). The server is started as the VS Code client
 * starts it: TestClient passes the client's Node/V8 flags (client/server-flags.ts).
 *
 * `node out/test/bench/lsp-latency.js --memory [runs]` only opens the corpus in fresh servers (runs of them, default 3)
 * and prints their memory.
 *
 * `node out/test/bench/lsp-latency.js [--quick]` runs it alone (bench.ts runs it as part of `npm run bench`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { projectRoot } from '../helpers/shared';
import { TestClient } from '../protocol/lsp-client';
import { CONTENDERS } from './contenders';
import { KINDS, corpusFiles } from './corpus';
import type { Kind } from './corpus';
import { generatedCompose, generatedDockerfile } from './generate';
import { procCpu, procMemory } from './proc';
import { since, stats } from './stats';
import type { Stats } from './stats';

export interface LspOptions {
  /** Edits per document with the debounce at 0. */
  edits: number;
  /** Edits per document with the default debounce. */
  debouncedEdits: number;
  /** Every step-th corpus file is opened for the memory measurement. */
  corpusStep: number;
  /** Warm-up per document before timing (ms; at least 5 runs): V8 takes seconds on a busy machine to optimise. */
  warmupMs: number;
}

export interface LspDocResult {
  name: string;
  lines: number;
  /** didOpen → first publishDiagnostics (ms), in a fresh server. */
  openMs: number;
  /** Keystroke → publishDiagnostics with debounceMs 0 (ms). */
  edits: Stats;
  /**
   * The server's CPU time per edit over those edits (ms, mean): all threads, and the main thread alone (analysis,
   * protocol); the difference is V8's helper threads (parallel scavenges, concurrent marking and compiling).
   */
  cpuPerEdit: { process: number; mainThread: number };
  /** Keystroke → publishDiagnostics with the default debounce (ms). */
  debounced: Stats;
  /** The same text in-process, best of a few runs (ms): Bulwark's analysis and the bare parse, for reference. */
  inProcess: { analysis: number; parse: number };
}

export interface LspResult {
  /** The server's default debounce (ms), from server/lsp/main.ts. */
  debounceMs: number;
  /** Warm-up per document (ms). */
  warmupMs: number;
  docs: LspDocResult[];
  /** The corpus opened in the server after the keystroke phase. */
  corpus: CorpusMemory;
  /** The corpus opened in a fresh server, nothing else. */
  freshCorpus: CorpusMemory;
}

export interface CorpusMemory {
  files: number;
  /** From the first didOpen to the last corpus file's publishDiagnostics (ms). */
  openMs: number;
  /** VmRSS after the corpus was published (bytes). */
  rss: number;
  /** VmHWM: the process's peak resident set (bytes). */
  peak: number;
}

const TIMEOUT_MS = 60_000;

interface Doc {
  name: string;
  uri: string;
  languageId: string;
  kind: Kind;
  text: string;
}

const DOCS: Doc[] = [
  { name: 'generated Dockerfile', uri: 'file:///bench/lsp/Dockerfile', languageId: 'dockerfile', kind: 'dockerfile', text: generatedDockerfile(1000) },
  { name: 'generated compose.yaml (50 services)', uri: 'file:///bench/lsp/compose.yaml', languageId: 'dockercompose', kind: 'compose', text: generatedCompose(50) },
];

/** The default debounce as written in the server's source (a constant, so it cannot drift from the report). */
export function defaultDebounceMs(): number {
  const src = fs.readFileSync(path.join(projectRoot, 'server', 'lsp', 'main.ts'), 'utf8');
  const m = /DEFAULT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(src);
  return m ? Number(m[1]) : NaN;
}

/**
 * Deterministic single-character edits: even edits insert a letter in the middle of a pseudo-random non-empty
 * line, odd edits delete it again (so the document stays the realistic one it started as).
 */
export function* typing(text: string): Generator<TextDocumentContentChangeEvent> {
  const lines = text.split('\n');
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; ; i++) {
    let line: number;
    do line = next() % lines.length;
    while (lines[line].length === 0);
    const character = Math.floor(lines[line].length / 2);
    const letter = 'etaoinshrd'[i % 10];
    yield { range: { start: { line, character }, end: { line, character } }, text: letter };
    lines[line] = lines[line].slice(0, character) + letter + lines[line].slice(character);
    yield { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    lines[line] = lines[line].slice(0, character) + lines[line].slice(character + 1);
  }
}

async function openAndWait(client: TestClient, doc: Doc): Promise<number> {
  const from = client.published.length;
  const start = performance.now();
  await client.open(doc.uri, doc.languageId, doc.text, 1);
  await client.waitForDiagnostics(doc.uri, (p) => p.version === 1, TIMEOUT_MS, from);
  return since(start);
}

/** Closes and opens the document again (analysed at once on open) for `ms` and at least 5 times: JIT warm-up. */
async function warmUp(client: TestClient, doc: Doc, ms: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < 5 || since(start) < ms; i++) {
    await client.close(doc.uri);
    await openAndWait(client, doc);
  }
}

/** `count` edits, each waited for; latency of each (ms). */
async function type(client: TestClient, doc: Doc, count: number): Promise<number[]> {
  const latencies: number[] = [];
  const edits = typing(doc.text);
  for (let version = 2; latencies.length < count; version++) {
    const change = edits.next().value as TextDocumentContentChangeEvent;
    const from = client.published.length;
    const start = performance.now();
    await client.change(doc.uri, version, [change]);
    await client.waitForDiagnostics(doc.uri, (p) => p.version === version, TIMEOUT_MS, from);
    latencies.push(since(start));
  }
  return latencies;
}

/** Opens every corpus file (real paths) and waits until each has been published; returns the count and time. */
async function openCorpus(client: TestClient, step: number): Promise<{ files: number; openMs: number }> {
  const uris = new Set<string>();
  const start = performance.now();
  const from = client.published.length;
  for (const kind of KINDS) {
    for (const f of corpusFiles(kind, step)) {
      const uri = pathToFileURL(f.path).href;
      uris.add(uri);
      await client.open(uri, kind === 'dockerfile' ? 'dockerfile' : 'dockercompose', f.text, 1);
    }
  }
  const seen = new Set<string>();
  let scanned = from;
  await client.waitFor(
    () => {
      for (; scanned < client.published.length; scanned++) {
        const uri = client.published[scanned].uri;
        if (uris.has(uri)) seen.add(uri);
      }
      return seen.size === uris.size ? true : undefined;
    },
    `diagnostics for all ${uris.size} corpus files`,
    10 * TIMEOUT_MS,
  );
  return { files: uris.size, openMs: since(start) };
}

/** Best time (ms) of `runs` in-process runs of the contender of `role` for `doc`, after a warm-up like the server's. */
async function inProcess(doc: Doc, role: 'bulwark' | 'floor', warmupMs: number, runs = 7): Promise<number> {
  const fn = await CONTENDERS.find((c) => c.kind === doc.kind && c.role === role)!.load();
  const file = { name: path.basename(doc.uri), path: doc.uri, text: doc.text };
  const start = performance.now();
  for (let i = 0; i < 5 || since(start) < warmupMs; i++) fn(file);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(file);
    times.push(since(start));
  }
  return Math.min(...times);
}

async function withServer<T>(initializationOptions: object, body: (client: TestClient) => Promise<T>): Promise<T> {
  const client = TestClient.start('stdio');
  try {
    await client.initialize(initializationOptions);
    const result = await body(client);
    await client.stop();
    return result;
  } catch (e) {
    client.kill();
    throw e;
  }
}

export async function runLspBench(options: LspOptions): Promise<LspResult> {
  const docs: LspDocResult[] = [];
  const reference: LspDocResult['inProcess'][] = [];
  for (const doc of DOCS) reference.push({ analysis: await inProcess(doc, 'bulwark', options.warmupMs), parse: await inProcess(doc, 'floor', options.warmupMs) });
  const corpus = await withServer({ debounceMs: 0, workspaceScan: false }, async (client) => {
    for (const [i, doc] of DOCS.entries()) {
      const openMs = await openAndWait(client, doc);
      await warmUp(client, doc, options.warmupMs);
      const before = procCpu(client.child.pid!);
      const edits = stats(await type(client, doc, options.edits));
      const after = procCpu(client.child.pid!);
      const cpuPerEdit = { process: (after.process - before.process) / edits.n, mainThread: (after.mainThread - before.mainThread) / edits.n };
      docs.push({ name: doc.name, lines: doc.text.split('\n').length, openMs, edits, cpuPerEdit, debounced: stats([]), inProcess: reference[i] });
    }
    const opened = await openCorpus(client, options.corpusStep);
    return { ...opened, ...procMemory(client.child.pid!) };
  });
  await withServer({ workspaceScan: false }, async (client) => {
    for (const [i, doc] of DOCS.entries()) {
      await openAndWait(client, doc);
      await warmUp(client, doc, options.warmupMs);
      docs[i].debounced = stats(await type(client, doc, options.debouncedEdits));
    }
  });
  const freshCorpus = await corpusInFreshServer(options.corpusStep);
  return { debounceMs: defaultDebounceMs(), warmupMs: options.warmupMs, docs, corpus, freshCorpus };
}

/** Opens the corpus (every step-th file) in a fresh server and reads its memory once all of it is published. */
export async function corpusInFreshServer(step: number): Promise<CorpusMemory> {
  return withServer({ debounceMs: 0, workspaceScan: false }, async (client) => {
    const opened = await openCorpus(client, step);
    return { ...opened, ...procMemory(client.child.pid!) };
  });
}

async function memoryOnly(runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const m = await corpusInFreshServer(1);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`fresh server, ${m.files} files: RSS ${mb(m.rss)} MB, peak ${mb(m.peak)} MB, opened in ${(m.openMs / 1000).toFixed(1)} s`);
  }
}

if (require.main === module && process.argv.includes('--memory')) {
  const runs = Number(process.argv[process.argv.indexOf('--memory') + 1]);
  memoryOnly(Number.isInteger(runs) && runs > 0 ? runs : 3).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  const quick = process.argv.includes('--quick');
  runLspBench(quick ? { edits: 50, debouncedEdits: 5, corpusStep: 5, warmupMs: 2000 } : { edits: 200, debouncedEdits: 20, corpusStep: 1, warmupMs: 6000 }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
