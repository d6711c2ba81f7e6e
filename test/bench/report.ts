/** Renders a benchmark run as Markdown (docs/benchmarks.md and the README block) and judges it against the targets. */
import type { Kind } from './corpus';
import type { CorpusMemory, LspResult } from './lsp-latency';
import type { Machine } from './machine';
import { describeMachine } from './machine';
import { mb, ms, ratio } from './stats';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../client/server-flags';
import type { Stats } from './stats';

export const TARGETS = {
  /** Bulwark's analysis at most this many times the bare parse. */
  analysisVsParse: 1.5,
  /** The fastest peer at least this many times slower per file. */
  peerVsBulwark: 5,
  /** Keystroke → diagnostics p95, debounce excluded (ms). */
  keystrokeP95Ms: 20,
  /** Server resident set with the corpus open (bytes). */
  serverRss: 120 * 1024 * 1024,
};

export interface Row {
  label: string;
  /** In-process floor, Bulwark or peer; or a whole process. */
  role: 'floor' | 'bulwark' | 'peer' | 'process';
  how: string;
  files: number;
  perFile: Stats;
  /** Total time (ms): sum of the per-file times, or the wall time of one process over all files; NaN if not measured. */
  total: number;
  peakRss: number;
  /** What the contender produced (evidence it did the work), e.g. "4996 findings". */
  output: string;
}

export interface Comparison {
  /** What is compared with Bulwark. */
  peer: string;
  files: number;
  median: number;
  total: number;
}

export interface KindSection {
  kind: Kind;
  files: number;
  bytes: number;
  rows: Row[];
  /** Bulwark's analysis ÷ the bare parse, over all files. */
  analysisVsParse: { median: number; total: number };
  /** The peer ÷ Bulwark in-process, on the files the peer ran on. */
  peerVsBulwark: Comparison;
  /** The peer's CLI ÷ Bulwark's CLI, one process per file, on the same sample. */
  cliVsCli?: Comparison;
}

export interface BenchResult {
  machine: Machine;
  /** How the run was done (rounds, sampling…), one line each. */
  method: string[];
  sections: KindSection[];
  lsp?: LspResult;
}

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

const TITLE: Record<Kind, string> = { dockerfile: 'Dockerfiles', compose: 'Compose files' };

export function verdicts(r: BenchResult): Verdict[] {
  const out: Verdict[] = [];
  for (const s of r.sections) {
    out.push({
      target: `${TITLE[s.kind]}: analysis ≤ ${TARGETS.analysisVsParse}× the bare parse (total)`,
      measured: `${ratio(s.analysisVsParse.total)} (median per file ${ratio(s.analysisVsParse.median)})`,
      met: s.analysisVsParse.total <= TARGETS.analysisVsParse,
    });
    out.push({
      target: `${TITLE[s.kind]}: ≥ ${TARGETS.peerVsBulwark}× faster per file than ${s.peerVsBulwark.peer} (median)`,
      measured: `${ratio(s.peerVsBulwark.median)} (total ${ratio(s.peerVsBulwark.total)}, ${s.peerVsBulwark.files} files)`,
      met: s.peerVsBulwark.median >= TARGETS.peerVsBulwark,
    });
  }
  if (r.lsp) {
    for (const d of r.lsp.docs) {
      out.push({
        target: `LSP ${d.name}: keystroke → diagnostics p95 ≤ ${TARGETS.keystrokeP95Ms} ms (debounce excluded)`,
        measured: `${ms(d.edits.p95)} ms (p50 ${ms(d.edits.median)} ms, ${d.edits.n} edits)`,
        met: d.edits.p95 <= TARGETS.keystrokeP95Ms,
      });
    }
    out.push({
      target: `LSP server RSS ≤ ${mb(TARGETS.serverRss)} MB with the corpus open: fresh server, corpus opened`,
      measured: `${mb(r.lsp.freshCorpus.rss)} MB (peak ${mb(r.lsp.freshCorpus.peak)} MB, ${r.lsp.freshCorpus.files} files open)`,
      met: r.lsp.freshCorpus.rss <= TARGETS.serverRss,
    });
    out.push({
      target: `LSP server RSS ≤ ${mb(TARGETS.serverRss)} MB with the corpus open: corpus opened after the keystroke phase`,
      measured: `${mb(r.lsp.corpus.rss)} MB (peak ${mb(r.lsp.corpus.peak)} MB, ${r.lsp.corpus.files} files open)`,
      met: r.lsp.corpus.rss <= TARGETS.serverRss,
    });
  }
  return out;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function section(s: KindSection): string[] {
  const rows = s.rows.map((r) => [r.label, r.how, String(r.files), ms(r.perFile.median), ms(r.perFile.p95), ms(r.total), mb(r.peakRss), r.output]);
  const lines = [
    `## ${TITLE[s.kind]} — ${s.files} files, ${size(s.bytes)}`,
    '',
    ...table(['contender', 'how', 'files', 'median ms/file', 'p95 ms/file', 'total ms', 'peak RSS MB', 'output'], rows),
    '',
    `- Bulwark ÷ bare parse: median ${ratio(s.analysisVsParse.median)}, total ${ratio(s.analysisVsParse.total)} (target ≤ ${TARGETS.analysisVsParse}×).`,
    `- ${s.peerVsBulwark.peer} ÷ Bulwark, same ${s.peerVsBulwark.files} files: median ${ratio(s.peerVsBulwark.median)}, total ${ratio(s.peerVsBulwark.total)} (target ≥ ${TARGETS.peerVsBulwark}×).`,
  ];
  const floor = s.rows.find((r) => r.role === 'floor');
  const peer = s.rows.find((r) => r.role === 'peer');
  if (floor && peer) {
    const needed = peer.perFile.median / TARGETS.peerVsBulwark;
    lines.push(
      `- For ≥ ${TARGETS.peerVsBulwark}× the peer, Bulwark's median must be ≤ ${ms(needed)} ms; the bare parse alone takes ${ms(floor.perFile.median)} ms (the peer is ${ratio(peer.perFile.median / floor.perFile.median)} the bare parse)${needed < floor.perFile.median ? ': out of reach while Bulwark parses with the same parser' : ''}.`,
    );
  }
  if (s.cliVsCli) {
    lines.push(`- As processes, ${s.cliVsCli.peer} ÷ Bulwark CLI, one spawn per file on the same ${s.cliVsCli.files} files: median ${ratio(s.cliVsCli.median)}.`);
  }
  return [...lines, ''];
}

function memoryRow(label: string, m: CorpusMemory): string[] {
  return [label, String(m.files), (m.openMs / 1000).toFixed(1), mb(m.rss), mb(m.peak)];
}

function lspSection(l: LspResult): string[] {
  const rows = l.docs.map((d) => [
    d.name,
    String(d.lines),
    ms(d.openMs),
    String(d.edits.n),
    ms(d.edits.median),
    ms(d.edits.p95),
    ms(d.edits.max),
    `${ms(d.cpuPerEdit.process)} / ${ms(d.cpuPerEdit.mainThread)}`,
    String(d.debounced.n),
    ms(d.debounced.median),
    ms(d.debounced.p95),
    ms(d.inProcess.analysis),
    ms(d.inProcess.parse),
  ]);
  return [
    '## Language server: keystroke → diagnostics',
    '',
    `Single-character edits (incremental \`didChange\`), one at a time, each timed from sending it to the \`publishDiagnostics\` of that version, in dist/server.js over stdio, after the document was closed and opened again for ${(l.warmupMs / 1000).toFixed(0)} s (JIT warm-up: V8 takes seconds to optimise, more on a busy machine). The debounce is reported separately: the main measurement runs with \`initializationOptions.debounceMs: 0\`; the "debounce ${l.debounceMs} ms" columns repeat fewer edits with the default debounce, which that adds. For reference, the last two columns time the same text in-process (best of 7 after the same warm-up): Bulwark's whole analysis and the bare parse, to set beside the keystroke latency. The server's CPU per edit (mean, from /proc) separates its own work from waiting for a core on a busy machine: "all threads" includes V8's helper threads (parallel scavenges, concurrent marking and compiling), "main" is the analysis and protocol.`,
    '',
    ...table(
      [
        'document',
        'lines',
        'first open ms',
        'edits',
        'p50 ms',
        'p95 ms',
        'max ms',
        'server CPU ms/edit (all threads / main)',
        `edits, debounce ${l.debounceMs} ms`,
        'p50 ms',
        'p95 ms',
        'in-process analysis ms',
        'bare parse ms',
      ],
      rows,
    ),
    '',
    `Server memory with the whole corpus open (target RSS ≤ ${mb(TARGETS.serverRss)} MB), read from /proc once every corpus document was published:`,
    '',
    ...table(
      ['server', 'documents', 'opened in s', 'RSS MB', 'peak RSS (VmHWM) MB'],
      [
        memoryRow('fresh server, only the corpus opened', l.freshCorpus),
        memoryRow('the server of the keystroke phase above, corpus opened after it', l.corpus),
      ],
    ),
    '',
    `The second number is higher because the keystrokes' garbage grew V8's old generation before the corpus was opened. The server runs with the flags and environment the VS Code client starts it with (client/server-flags.ts): \`${SERVER_EXEC_ARGV.join(' ')}\`, \`${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}\`.`,
    '',
  ];
}

export function renderReport(r: BenchResult): string {
  const v = verdicts(r);
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (test/bench/bench.ts); re-run it rather than editing this file. -->',
    '',
    `Machine: ${describeMachine(r.machine)}.`,
    '',
    '## Targets',
    '',
    ...table(
      ['target', 'measured', 'met'],
      v.map((x) => [x.target, x.measured, x.met ? 'yes' : '**no**']),
    ),
    '',
    ...r.sections.flatMap(section),
    ...(r.lsp ? lspSection(r.lsp) : []),
    '## Method',
    '',
    ...r.method.map((m) => `- ${m}`),
    '',
  ].join('\n');
}

/** The short README table (between the bench markers). */
export function renderReadmeBlock(r: BenchResult): string {
  const cell = (s: KindSection, role: Row['role']) => {
    const row = s.rows.find((x) => x.role === role);
    return row ? `${ms(row.perFile.median)} ms / ${ms(row.perFile.p95)} ms` : '—';
  };
  const [df, cf] = [r.sections.find((s) => s.kind === 'dockerfile'), r.sections.find((s) => s.kind === 'compose')];
  const both = [df, cf].filter((s): s is KindSection => !!s);
  const lines = [
    ...table(
      ['per file, median / p95', ...both.map((s) => `${TITLE[s.kind]} (${s.files})`)],
      [
        ['bare parse (the floor)', ...both.map((s) => cell(s, 'floor'))],
        ['Bulwark full analysis', ...both.map((s) => cell(s, 'bulwark'))],
        ['peer', ...both.map((s) => `${s.peerVsBulwark.peer}: ${cell(s, 'peer')}`)],
        ['Bulwark ÷ bare parse (total)', ...both.map((s) => ratio(s.analysisVsParse.total))],
        ['peer ÷ Bulwark (median)', ...both.map((s) => ratio(s.peerVsBulwark.median))],
      ],
    ),
  ];
  if (r.lsp) {
    const p95 = r.lsp.docs.map((d) => `${ms(d.edits.p95)} ms (${d.name.split(' ')[1]})`).join(', ');
    lines.push(
      '',
      `Language server: keystroke → diagnostics p95 ${p95}, plus the ${r.lsp.debounceMs} ms debounce; RSS with the corpus open ${mb(r.lsp.freshCorpus.rss)} MB in a fresh server, ${mb(r.lsp.corpus.rss)} MB after the keystroke phase.`,
    );
  }
  lines.push('', `Measured on ${describeMachine(r.machine)}. Full results and method: [docs/benchmarks.md](docs/benchmarks.md).`);
  return lines.join('\n');
}
