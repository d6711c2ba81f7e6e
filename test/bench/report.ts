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
  role: 'floor' | 'bulwark' | 'peer' | 'reference' | 'process';
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
  /** Bulwark's own parse (its model, no rules) ÷ the bare parse, when measured. */
  parseOnlyVsParse?: { label: string; median: number; total: number };
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
  /** For a miss: its cause, from what the same run measured ('' when met). */
  cause: string;
}

const TITLE: Record<Kind, string> = { dockerfile: 'Dockerfiles', compose: 'Compose files' };

export function verdicts(r: BenchResult): Verdict[] {
  const out: Verdict[] = [];
  const verdict = (target: string, measured: string, met: boolean, cause: string) => out.push({ target, measured, met, cause: met ? '' : cause });
  for (const s of r.sections) {
    verdict(
      `${TITLE[s.kind]}: analysis ≤ ${TARGETS.analysisVsParse}× the bare parse (total)`,
      `${ratio(s.analysisVsParse.total)} (median per file ${ratio(s.analysisVsParse.median)})`,
      s.analysisVsParse.total <= TARGETS.analysisVsParse,
      parseCause(s),
    );
    verdict(
      `${TITLE[s.kind]}: ≥ ${TARGETS.peerVsBulwark}× faster per file than ${s.peerVsBulwark.peer} (median)`,
      `${ratio(s.peerVsBulwark.median)} (total ${ratio(s.peerVsBulwark.total)}, ${s.peerVsBulwark.files} files)`,
      s.peerVsBulwark.median >= TARGETS.peerVsBulwark,
      peerCause(s),
    );
  }
  if (r.lsp) {
    for (const d of r.lsp.docs) {
      verdict(
        `LSP ${d.name}: keystroke → diagnostics p95 ≤ ${TARGETS.keystrokeP95Ms} ms (debounce excluded)`,
        `${ms(d.edits.p95)} ms (p50 ${ms(d.edits.median)} ms, ${d.edits.n} edits)`,
        d.edits.p95 <= TARGETS.keystrokeP95Ms,
        `The whole analysis of this document takes ${ms(d.inProcess.analysis)} ms in-process (its bare parse ${ms(d.inProcess.parse)} ms); the server spends ${ms(d.cpuPerEdit.mainThread)} ms of main-thread CPU per edit (the analysis, garbage collection, the protocol) and ${ms(d.cpuPerEdit.process)} ms with V8's helper threads. Where it goes: docs/keystroke-latency.md.`,
      );
    }
    const rssCause = 'Node and V8 take ~70 MB before the first document; what the rest is: docs/memory.md.';
    verdict(
      `LSP server RSS ≤ ${mb(TARGETS.serverRss)} MB with the corpus open: fresh server, corpus opened`,
      `${mb(r.lsp.freshCorpus.rss)} MB (peak ${mb(r.lsp.freshCorpus.peak)} MB, ${r.lsp.freshCorpus.files} files open)`,
      r.lsp.freshCorpus.rss <= TARGETS.serverRss,
      rssCause,
    );
    verdict(
      `LSP server RSS ≤ ${mb(TARGETS.serverRss)} MB with the corpus open: corpus opened after the keystroke phase`,
      `${mb(r.lsp.corpus.rss)} MB (peak ${mb(r.lsp.corpus.peak)} MB, ${r.lsp.corpus.files} files open)`,
      r.lsp.corpus.rss <= TARGETS.serverRss,
      rssCause,
    );
  }
  return out;
}

/** Why the analysis is over its ratio to the bare parse: how much of it is Bulwark's own parse, how much the rules. */
function parseCause(s: KindSection): string {
  const p = s.parseOnlyVsParse;
  if (!p) return 'Not split in this run (see the profile: `npm run bench -- --profile`).';
  const parsing = `Bulwark's parse alone (${p.label}) is ${ratio(p.total)} the bare parse`;
  const rules = `the rules add ${ratio(s.analysisVsParse.total - p.total)}`;
  return p.total > TARGETS.analysisVsParse
    ? `${parsing}, over the target before any rule runs; ${rules}.`
    : `${parsing}; ${rules}. Where the rules' time goes: \`npm run bench -- --profile\`.`;
}

/** Why the peer is not 5× slower: the time Bulwark would need against what the shared floor already takes. */
function peerCause(s: KindSection): string {
  const floor = s.rows.find((r) => r.role === 'floor');
  const peer = s.rows.find((r) => r.role === 'peer');
  if (!floor || !peer) return '';
  const needed = peer.perFile.median / TARGETS.peerVsBulwark;
  return needed < floor.perFile.median
    ? `It needs a median ≤ ${ms(needed)} ms per file, and the bare parse alone takes ${ms(floor.perFile.median)} ms: the peer is only ${ratio(peer.perFile.median / floor.perFile.median)} the bare parse, which both tools run.`
    : `It needs a median ≤ ${ms(needed)} ms per file (the bare parse takes ${ms(floor.perFile.median)} ms).`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function section(s: KindSection): string[] {
  const rows = s.rows.map((r) => [r.label, r.how, String(r.files), ms(r.perFile.median), ms(r.perFile.p95), ms(r.total), mb(r.peakRss), r.output]);
  const p = s.parseOnlyVsParse;
  const lines = [
    `## ${TITLE[s.kind]} — ${s.files} files, ${size(s.bytes)}`,
    '',
    ...table(['contender', 'how', 'files', 'median ms/file', 'p95 ms/file', 'total ms', 'peak RSS MB', 'output'], rows),
    '',
    `- Bulwark ÷ bare parse: median ${ratio(s.analysisVsParse.median)}, total ${ratio(s.analysisVsParse.total)} (target ≤ ${TARGETS.analysisVsParse}×).`,
    ...(p ? [`- Bulwark parse only ÷ bare parse: median ${ratio(p.median)}, total ${ratio(p.total)}; the rules are the rest.`] : []),
    `- ${s.peerVsBulwark.peer} ÷ Bulwark, same ${s.peerVsBulwark.files} files: median ${ratio(s.peerVsBulwark.median)}, total ${ratio(s.peerVsBulwark.total)} (target ≥ ${TARGETS.peerVsBulwark}×).`,
  ];
  const needs = peerCause(s);
  if (needs) lines.push(`- For ≥ ${TARGETS.peerVsBulwark}× the peer: ${needs}`);
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
      ['target', 'measured', 'met', 'cause of a miss (from this run)'],
      v.map((x) => [x.target, x.measured, x.met ? 'yes' : '**no**', x.cause]),
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
