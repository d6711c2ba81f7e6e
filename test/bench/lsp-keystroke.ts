/**
 * The LSP benchmark's keystroke phase alone, for one document, in a server started with chosen flags: for A/B runs
 * and profiles of the real server (dist/server.js over stdio, debounce 0, the same edits as lsp-latency.ts).
 * Prints p50/p95 wall latency and the server's CPU per edit (all threads / main thread, from /proc).
 *
 * `node out/test/bench/lsp-keystroke.js [--kind dockerfile|compose] [--edits 200] [--warmup-ms 6000]
 *   [--flags "<node flags>"] [--cpu-prof <dir>]`
 * `--flags` replaces the client's flags (client/server-flags.ts; `--flags default` keeps them); `--cpu-prof` writes a
 * V8 CPU profile of the server (warm-up included) into the folder.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { SERVER_EXEC_ARGV } from '../../client/server-flags';
import { TestClient } from '../protocol/lsp-client';
import { generatedCompose, generatedDockerfile } from './generate';
import { typing } from './lsp-latency';
import { procCpu } from './proc';
import { since, stats } from './stats';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const kind = arg('--kind', 'dockerfile');
  const edits = Number(arg('--edits', '200'));
  const warmupMs = Number(arg('--warmup-ms', '6000'));
  const flagArg = arg('--flags', 'default');
  const flags = flagArg === 'default' ? [...SERVER_EXEC_ARGV] : flagArg.split(/\s+/).filter(Boolean);
  const prof = arg('--cpu-prof', '');
  if (prof) flags.push('--cpu-prof', `--cpu-prof-dir=${prof}`);
  const doc =
    kind === 'compose'
      ? { uri: 'file:///bench/lsp/compose.yaml', languageId: 'dockercompose', text: generatedCompose(50) }
      : { uri: 'file:///bench/lsp/Dockerfile', languageId: 'dockerfile', text: generatedDockerfile(1000) };
  const client = TestClient.start('stdio', flags);
  await client.initialize({ debounceMs: 0, workspaceScan: false });
  const open = async () => {
    const from = client.published.length;
    await client.open(doc.uri, doc.languageId, doc.text, 1);
    await client.waitForDiagnostics(doc.uri, (p) => p.version === 1, 60_000, from);
  };
  await open();
  const start = performance.now();
  for (let i = 0; i < 5 || since(start) < warmupMs; i++) {
    await client.close(doc.uri);
    await open();
  }
  const gen = typing(doc.text);
  // A few edits before measuring: the per-document caches are made at the first edit.
  let version = 2;
  const typeOne = async (): Promise<number> => {
    const change = gen.next().value as TextDocumentContentChangeEvent;
    const from = client.published.length;
    const v = version++;
    const t0 = performance.now();
    await client.change(doc.uri, v, [change]);
    await client.waitForDiagnostics(doc.uri, (p) => p.version === v, 60_000, from);
    return since(t0);
  };
  for (let i = 0; i < 20; i++) await typeOne();
  const before = procCpu(client.child.pid!);
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) latencies.push(await typeOne());
  const after = procCpu(client.child.pid!);
  await client.stop();
  const s = stats(latencies);
  console.log(
    `${kind} [${flags.join(' ')}]: ${edits} edits; p50 ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms; server CPU per edit ${((after.process - before.process) / edits).toFixed(1)} all / ${((after.mainThread - before.mainThread) / edits).toFixed(1)} main ms`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
