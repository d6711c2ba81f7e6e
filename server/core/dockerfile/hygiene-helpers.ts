/**
 * Helpers for the package-hygiene rules (package-upgrade, update-alone, apt-use-apt-get,
 * apt-no-install-recommends, package-manager-yes, apt-lists-not-cleaned, package-cache-not-cleaned,
 * pipefail): the commands of one RUN with their package-manager calls, cache mounts, cleanup commands,
 * configuration written earlier in a stage, and the edits their quick fixes make (a flag after a word,
 * a command appended to a RUN, commands removed from a chain).
 *
 * Pure functions over the model; offsets are document offsets.
 */
import type { DfInstruction, DockerfileModel, Stage } from './model';
import type { ShellCommand, ShellWord } from './shell';
import { literalOf } from './shell';
import {
  effectiveCommand,
  interpreterOf,
  packageManagerOf,
  parseOptions,
  resolveCommand,
  type OptionSpec,
  type PackageManagerCall,
} from './commands';
import { runtimeStages, stageChain } from './words';
import { detectEol, trimEndOf } from '../text';
import { deleteLines, indentationOf } from '../fixes/edits';
import type { TextEdit } from '../types';

// ---- the commands of a RUN --------------------------------------------------------------------

export interface RunCmd {
  instruction: DfInstruction;
  /** The command as parsed (wrappers such as `sudo` included): what a removal removes. */
  command: ShellCommand;
  /** With ARG/ENV values substituted and wrappers removed: what the rules judge. */
  effective: ShellCommand;
  call?: PackageManagerCall;
}

const runCache = new WeakMap<DockerfileModel, Map<DfInstruction, RunCmd[]>>();

/** The commands of every RUN, grouped by instruction, in document order (cached per model). */
export function commandsByRun(model: DockerfileModel): Map<DfInstruction, RunCmd[]> {
  let map = runCache.get(model);
  if (map) return map;
  map = new Map();
  for (const { instruction, command } of model.runCommands()) {
    const resolved = resolveCommand(model, instruction, command);
    const entry: RunCmd = { instruction, command, effective: effectiveCommand(resolved), call: packageManagerOf(resolved) };
    let list = map.get(instruction);
    if (!list) map.set(instruction, (list = []));
    list.push(entry);
  }
  runCache.set(model, map);
  return map;
}

/** The package-manager families whose index an `update` refreshes and whose tools read it. */
export type Family = 'apt' | 'apk' | 'rpm' | 'zypper';

export function familyOf(manager: string | undefined): Family | undefined {
  switch (manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return 'apt';
    case 'apk':
      return 'apk';
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return 'rpm';
    case 'zypper':
      return 'zypper';
    default:
      return undefined;
  }
}

/** apt-get and apt (not aptitude, whose options differ): the tools the apt rules judge. */
export function isAptCall(call: PackageManagerCall | undefined): call is PackageManagerCall {
  return call?.manager === 'apt-get' || call?.manager === 'apt';
}

/** apt-get / apt options that take a value (short letters and long names). */
export const APT_OPTIONS: OptionSpec = {
  shortWithValue: 'octa',
  longWithValue: ['option', 'config-file', 'target-release', 'default-release', 'host-architecture', 'arch'],
};

/** The global options and the options after the subcommand, parsed together. */
export function callOptions(call: PackageManagerCall, spec: OptionSpec): ReturnType<typeof parseOptions>['options'] {
  return [...parseOptions(call.globalArgs, spec).options, ...parseOptions(call.args, spec).options];
}

/** `-o Name=value` / `--option=Name=value` settings of an apt call, keys lower-cased. */
export function aptSettings(call: PackageManagerCall): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const o of callOptions(call, APT_OPTIONS)) {
    if ((o.name !== 'o' || o.long) && o.name !== 'option') continue;
    const v = o.value;
    if (v === null || v === undefined) continue;
    const eq = v.indexOf('=');
    if (eq > 0) out.set(v.slice(0, eq).toLowerCase(), v.slice(eq + 1));
  }
  return out;
}

/**
 * True when a word of the call is an unknown variable whose name says it holds options (`$APT_OPTS`,
 * `${PIP_FLAGS}`, `$INSTALL_ARGS`): the flag a rule looks for may be in it, so it is not guessed missing.
 */
export function mayHoldOptions(call: PackageManagerCall): boolean {
  return [...call.globalArgs, ...call.args].some((w) => w.value === null && /\$\{?[A-Za-z0-9_]*(OPT|FLAG|ARG|PARAM)/i.test(w.raw));
}

/** True for an apt call that only simulates (`-s`, `--simulate`, `--dry-run`, …): nothing is installed or asked. */
export function aptSimulates(call: PackageManagerCall): boolean {
  return callOptions(call, APT_OPTIONS).some(
    (o) => (!o.long && o.name === 's') || (o.long && ['simulate', 'dry-run', 'just-print', 'no-act', 'recon'].includes(o.name)),
  );
}

export function isTrue(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && /^(1|true|yes|on)$/i.test(value.replace(/^["']|["']$/g, ''));
}

export function isFalse(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && /^(0|false|no|off)$/i.test(value.replace(/^["']|["']$/g, ''));
}

// ---- index updates and the commands that read the index ----------------------------------------

/** Subcommands that refresh a package index (and nothing else). */
const INDEX_UPDATES: Record<Family, string[]> = { apt: ['update'], apk: ['update'], rpm: [], zypper: [] };
/** Subcommands that do not read the index (they clean it, remove packages, or only refresh it). */
const NON_CONSUMERS = new Set(['update', 'clean', 'autoclean', 'auto-clean', 'distclean', 'dist-clean', 'autoremove', 'remove', 'purge', 'del', 'cache', 'mark', 'hold', 'unhold']);
/** Commands that run package installs of their own (or could: scripts), so an update before them is not alone. */
const INSTALL_HELPERS = new Set(['install_packages', 'apt-install', 'apt-fast', 'nala', 'eval', 'source', '.', 'make', 'ansible-playbook', 'ansible']);
const SYSTEM_DIRS = /^\/(usr\/)?s?bin\//;

export function isIndexUpdate(rc: RunCmd): Family | undefined {
  const family = familyOf(rc.call?.manager);
  return family && INDEX_UPDATES[family].includes(rc.call?.subcommand ?? '') ? family : undefined;
}

/** True when the command reads the family's index (an install, upgrade, download, search, `apt-cache`, …). */
function consumes(rc: RunCmd, family: Family): boolean {
  if (family === 'apt' && rc.effective.name === 'apt-cache') return true;
  const call = rc.call;
  if (!call || familyOf(call.manager) !== family) return false;
  return call.subcommand !== undefined && !NON_CONSUMERS.has(call.subcommand);
}

/** True when what the command runs is unknown here (a dynamic command word, a script, an install helper). */
function opaque(rc: RunCmd): boolean {
  const eff = rc.effective;
  const word = eff.command.value;
  if (word === null || eff.name === '') return true;
  if (INSTALL_HELPERS.has(eff.name) || /\.(sh|bash)$/.test(eff.name)) return true;
  if (word.includes('/') && !SYSTEM_DIRS.test(word)) return true;
  const interp = interpreterOf(eff);
  if (interp?.kind === 'shell' && (interp.source === 'file' || interp.source === 'stdin')) return true;
  if (interp?.kind === 'shell' && interp.source === 'string' && interp.word?.value === null) return true;
  return false;
}

/**
 * The index updates of one RUN that nothing in the same RUN reads (`apt-get update` with no install
 * after it). A RUN that also runs something opaque (a script, a dynamic command) has none: the script
 * may install.
 */
export function aloneUpdates(cmds: RunCmd[]): RunCmd[] {
  if (cmds.some(opaque)) return [];
  return cmds.filter((rc) => {
    const family = isIndexUpdate(rc);
    return family !== undefined && !cmds.some((other) => other !== rc && consumes(other, family));
  });
}

// ---- stages, mounts, configuration ------------------------------------------------------------

/** True when the stage's files reach an image someone runs (the final stage and its bases, unused targets). */
export function reachesImage(model: DockerfileModel, stage: Stage | undefined): boolean {
  if (!stage) return true;
  let set = runtimeCache.get(model);
  if (!set) runtimeCache.set(model, (set = new Set(runtimeStages(model))));
  return set.has(stage);
}
const runtimeCache = new WeakMap<DockerfileModel, Set<Stage>>();

export interface Mount {
  type: string;
  /** The mount point, normalised without a trailing slash; undefined when unknown. */
  target?: string;
}

/** The `--mount=` flags of a RUN (values resolved through ARG/ENV where known). */
export function mountsOf(model: DockerfileModel, instr: DfInstruction): Mount[] {
  const out: Mount[] = [];
  for (const f of instr.flags) {
    if (f.name !== 'mount' || !f.value) continue;
    const value = model.resolve(f.value, instr) ?? f.value;
    const fields = new Map<string, string>();
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase().replace(/^["']|["']$/g, '');
      fields.set(key, eq < 0 ? 'true' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, ''));
    }
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    out.push({ type: (fields.get('type') ?? 'bind').toLowerCase(), target: target && !target.includes('$') ? trimEndOf(target, '/') || '/' : undefined });
  }
  return out;
}

/** True when a cache or tmpfs mount of the RUN holds `path` (the mount point is `path` or a parent of it). */
export function mountHolds(model: DockerfileModel, instr: DfInstruction, path: string): boolean {
  return mountsOf(model, instr).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && (path === m.target || path.startsWith(m.target === '/' ? '/' : `${m.target}/`)));
}

/** True when a RUN or COPY before `instr` (in its stage chain) writes text matching `pattern` (a config file). */
export function configWrittenBefore(model: DockerfileModel, instr: DfInstruction, pattern: RegExp): boolean {
  let byPattern = configCache.get(model);
  if (!byPattern) configCache.set(model, (byPattern = new Map()));
  let writers = byPattern.get(pattern.source);
  if (!writers) {
    writers = model.instructions.filter((i) => (i.keyword === 'RUN' || i.keyword === 'COPY') && pattern.test(model.text.slice(i.start, i.end)));
    byPattern.set(pattern.source, writers);
  }
  if (writers.length === 0 || !instr.stage) return false;
  const chain = stageChain(instr.stage);
  return writers.some((w) => w.index < instr.index && !!w.stage && chain.includes(w.stage));
}
const configCache = new WeakMap<DockerfileModel, Map<string, DfInstruction[]>>();

/**
 * True when the command deletes a path `matches` accepts: `rm -r…` of it (the path as written, so
 * `$HOME/.cache` is seen too), or `find <path> … -delete` / `-exec rm`.
 */
export function removesPath(rc: RunCmd, matches: (path: string) => boolean): boolean {
  const eff = rc.effective;
  const pathOf = (w: ShellWord) => w.value ?? w.raw.replace(/^["']|["']$/g, '');
  if (eff.name === 'rm') {
    const parsed = parseOptions(eff.args);
    const recursive = parsed.options.some((o) => (!o.long && (o.name === 'r' || o.name === 'R')) || (o.long && o.name === 'recursive'));
    if (!recursive) return false;
    return parsed.positionals.some((p) => matches(pathOf(p)));
  }
  if (eff.name === 'find') {
    const start = eff.args[0];
    const deletes = eff.args.some((a) => a.value === '-delete') || eff.args.some((a, i) => (a.value === '-exec' || a.value === '-execdir') && eff.args[i + 1]?.value === 'rm');
    return deletes && !!start && matches(pathOf(start));
  }
  return false;
}

// ---- words and offsets --------------------------------------------------------------------------

/** True when the word is written literally at its offsets (not from a variable, not an escaped JSON string). */
export function isLiteralAt(model: DockerfileModel, w: ShellWord): boolean {
  return model.text.slice(w.start, w.end) === w.raw && w.value !== null && literalOf(w.raw) === w.value;
}

/** True when the word is an element of an exec-form JSON array (`RUN ["apt-get", "install", …]`). */
export function isJsonElement(model: DockerfileModel, instr: DfInstruction, w: ShellWord): boolean {
  if (!instr.execForm) return false;
  const text = model.text;
  return text[w.start - 1] === '"' && text[w.end] === '"' && /[[,]\s*$/.test(text.slice(instr.argsStart, w.start - 1));
}

/** An edit inserting the option word `flag` right after `w` (` flag`, or `, "flag"` in an exec-form array). */
export function insertAfterWord(model: DockerfileModel, instr: DfInstruction, w: ShellWord, flag: string): TextEdit | undefined {
  if (isJsonElement(model, instr, w)) {
    const at = model.rangeOf(w.end + 1, w.end + 1);
    return { range: at, newText: `, "${flag}"` };
  }
  if (!isLiteralAt(model, w)) return undefined;
  if (instr.execForm && /["\\]/.test(flag)) return undefined;
  return { range: model.rangeOf(w.end, w.end), newText: ` ${flag}` };
}

/**
 * `text` from `start` to `end` with the continuation line breaks (escape char + newline) and the comment
 * or blank lines inside a continuation turned into blanks: same length, so offsets still match.
 */
export function blankContinuations(model: DockerfileModel, start: number, end: number): string {
  return model.shellText(start, end, false);
}

/** True for a RUN whose script is its heredoc bodies (`RUN <<EOF` with nothing else on the line). */
export function isHeredocScript(model: DockerfileModel, instr: DfInstruction): boolean {
  if (instr.execForm) return false;
  const heredocs = heredocsOf(model, instr);
  if (heredocs.length === 0) return false;
  const firstLineEnd = model.lines.lineEnd(model.lines.positionAt(instr.argsStart).line);
  const command = model.text.slice(instr.argsStart, firstLineEnd).replace(/<<-?\s*(["']?)[A-Za-z_][\w.-]*\1/g, '').trim();
  return command === '' || command === model.escapeChar;
}

type Pos = { line: number; character: number };
interface HeredocLike {
  getContentRange(): { start: Pos; end: Pos } | null;
  getDelimiterRange(): { start: Pos; end: Pos } | null;
}

/** The instruction's heredocs (cached: dockerfile-ast recomputes them on every call, and most RUNs have none). */
export function heredocsOf(model: DockerfileModel, instr: DfInstruction): HeredocLike[] {
  let list = heredocCache.get(instr);
  if (!list) {
    const ast = instr.ast as unknown as { getHeredocs?: () => HeredocLike[] };
    list = model.text.slice(instr.start, instr.end).includes('<<') ? ast.getHeredocs?.() ?? [] : [];
    heredocCache.set(instr, list);
  }
  return list;
}
const heredocCache = new WeakMap<DfInstruction, HeredocLike[]>();

/** The shebang line of a heredoc script (`#!/usr/bin/env python3`), if its first body line is one. */
export function heredocShebang(model: DockerfileModel, instr: DfInstruction): string | undefined {
  const first = heredocsOf(model, instr)[0]?.getContentRange();
  if (!first) return undefined;
  const line = model.lines.lineText(first.start.line);
  return line.startsWith('#!') ? line : undefined;
}

// ---- appending a command to a RUN ---------------------------------------------------------------

/**
 * An edit appending `command` to the end of a shell-form RUN so that it runs after everything else:
 * ` && command` on a one-line RUN, a new continuation line on a multi-line one (leading `&&` when the RUN
 * writes its operators first), a new line before the terminator of a `RUN <<EOF` script. Undefined when
 * the end of the script is not plain (a trailing comment, an operator, a background `&`, exec form,
 * heredocs used as data) or the script has a shell syntax error (an unfinished `for … in` list, say: the end of the
 * text is then not the end of a command).
 */
export function appendToRun(model: DockerfileModel, instr: DfInstruction, command: string): TextEdit | undefined {
  if (instr.execForm || instr.argsStart >= instr.end) return undefined;
  if (model.shellOf(instr)?.parseError) return undefined;
  const eol = detectEol(model.text);
  const heredocs = heredocsOf(model, instr);
  if (heredocs.length > 0) {
    if (!isHeredocScript(model, instr) || heredocShebang(model, instr)) return undefined;
    const last = heredocs[heredocs.length - 1];
    const content = last.getContentRange();
    const delimiter = last.getDelimiterRange();
    if (!content || !delimiter) return undefined;
    let indent = '';
    for (let l = content.end.line; l >= content.start.line; l--) {
      const t = model.lines.lineText(l);
      if (t.trim() !== '') {
        indent = indentationOf(model.lines, l);
        // A body whose last line continues (`\`) or ends in an operator cannot take a new line safely.
        if (/(\\|&&|\|\||\|)\s*$/.test(t)) return undefined;
        break;
      }
    }
    const at = { line: delimiter.start.line, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}${command}${eol}` };
  }
  const text = blankContinuations(model, instr.argsStart, instr.end);
  let codeEnd = text.trimEnd().length;
  if (codeEnd === 0) return undefined;
  const endOffset = instr.argsStart + codeEnd;
  const line = model.lines.positionAt(endOffset - 1).line;
  const lineStart = model.lines.lineStarts[line];
  const lineText = model.text.slice(lineStart, endOffset);
  // A `#` on the last line may start a shell comment: the appended command would be commented out.
  if (lineText.includes('#')) return undefined;
  const code = text.slice(0, codeEnd);
  if (/(&&|\|\||[|&\\(]|\bthen|\bdo|\belse|\{)$/.test(code) && !/;;$/.test(code)) return undefined;
  const joiner = /;$/.test(code) ? '' : ' &&';
  const firstLine = model.lines.positionAt(instr.argsStart).line;
  if (line === firstLine) return { range: model.rangeOf(endOffset, endOffset), newText: `${joiner} ${command}` };
  const indent = indentationOf(model.lines, line);
  const trimmed = model.lines.lineText(line).trim();
  const esc = model.escapeChar;
  const leading = /^(&&|\|\||;)/.test(trimmed) && joiner !== '';
  const newText = leading ? ` ${esc}${eol}${indent}&& ${command}` : `${joiner} ${esc}${eol}${indent}${command}`;
  return { range: model.rangeOf(endOffset, endOffset), newText };
}

// ---- removing commands from a RUN ---------------------------------------------------------------

/** The RUN's commands that are not nested in another one (in `$(…)`, `sh -c '…'`), in order. */
function topLevel(cmds: RunCmd[]): RunCmd[] {
  const sorted = [...cmds].sort((a, b) => a.command.start - b.command.start);
  const out: RunCmd[] = [];
  let reach = -1;
  for (const c of sorted) {
    if (c.command.start < reach) continue;
    out.push(c);
    reach = Math.max(reach, c.command.end);
  }
  return out;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const PLAIN_VALUE_STOP = /[\s;&|"'`$()<>\\]/;

/**
 * Length of the run of `NAME=value` assignments, each followed by blanks, that ends `gap` (a command's prefix): what
 * `/((?:[A-Za-z_][A-Za-z0-9_]*=(?:"[^"`$\\]*"|'[^']*'|[^\s;&|"'`$()<>\\]*)[ \t]+)*)$/` matched, in linear time (that
 * pattern re-parsed the rest of the text from every position). From a given position the parse has one way only (a
 * name runs to its `=`, a value to its closing quote or to the first character it cannot hold, blanks to the next
 * word), so one right-to-left pass, with the next stop of each kind at hand, knows for every position whether a run of
 * assignments starting there reaches the end; the leftmost such position gives the length.
 */
export function trailingAssignmentsLength(gap: string): number {
  const n = gap.length;
  const nameEnd = new Int32Array(n + 1).fill(n);
  const plainEnd = new Int32Array(n + 1).fill(n);
  const doubleQuoteStop = new Int32Array(n + 1).fill(n);
  const singleQuote = new Int32Array(n + 1).fill(n);
  const blankEnd = new Int32Array(n + 1).fill(n);
  const reachesEnd = new Uint8Array(n + 1);
  reachesEnd[n] = 1;
  let first = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = gap[i];
    nameEnd[i] = NAME_CHAR.test(c) ? nameEnd[i + 1] : i;
    plainEnd[i] = PLAIN_VALUE_STOP.test(c) ? i : plainEnd[i + 1];
    doubleQuoteStop[i] = c === '"' || c === '`' || c === '$' || c === '\\' ? i : doubleQuoteStop[i + 1];
    singleQuote[i] = c === "'" ? i : singleQuote[i + 1];
    blankEnd[i] = c === ' ' || c === '\t' ? blankEnd[i + 1] : i;
    if (!NAME_START.test(c) || gap[nameEnd[i]] !== '=') continue;
    const v = nameEnd[i] + 1;
    let end = -1;
    if (gap[v] === '"') end = gap[doubleQuoteStop[v + 1]] === '"' ? doubleQuoteStop[v + 1] + 1 : -1;
    else if (gap[v] === "'") end = singleQuote[v + 1] < n ? singleQuote[v + 1] + 1 : -1;
    else end = plainEnd[v];
    if (end >= 0 && blankEnd[end] > end && reachesEnd[blankEnd[end]]) {
      reachesEnd[i] = 1;
      first = i;
    }
  }
  return n - first;
}

/** The operator between two commands, judged from the (continuation-blanked) text between them. */
function separator(gap: string): '&&' | ';' | 'newline' | undefined {
  const m = /^(&&|;)?$/.exec(gap.trim());
  if (!m) return undefined;
  if (m[1]) return m[1] as '&&' | ';';
  return gap.includes('\n') ? 'newline' : undefined;
}

/**
 * Edits removing the commands `group` (adjacent top-level commands of one RUN, in order) so that the rest
 * of the chain keeps its meaning: `a && X && b` → `a && b`, `X && b` → `b`, `a && X` → `a`, a whole line
 * of a heredoc script; the whole RUN when nothing else is left. Undefined when the commands sit inside a
 * pipeline, a condition, `||`, or a construct the removal could break.
 */
export function removeCommands(model: DockerfileModel, instr: DfInstruction, all: RunCmd[], group: RunCmd[]): TextEdit[] | undefined {
  if (group.length === 0) return undefined;
  const top = topLevel(all);
  const idx = group.map((g) => top.indexOf(g));
  if (idx.some((i) => i < 0)) return undefined;
  for (let k = 1; k < idx.length; k++) if (idx[k] !== idx[k - 1] + 1) return undefined;
  const first = idx[0];
  const last = idx[idx.length - 1];
  // Nothing else runs (or only `set -e`-style shell options): delete the RUN.
  if (top.every((c, i) => (i >= first && i <= last) || /^(set|true|:)$/.test(c.effective.name))) {
    return [deleteLines(model.lines, instr.range.start.line, instr.range.end.line)];
  }
  if (instr.execForm) return undefined;
  const heredoc = isHeredocScript(model, instr);
  const scriptStart = heredoc ? model.offsetAt(heredocsOf(model, instr)[0].getContentRange()?.start ?? model.rangeOf(instr.argsStart, instr.argsStart).start) : instr.argsStart;
  const text = blankContinuations(model, instr.start, instr.end);
  const slice = (s: number, e: number) => text.slice(s - instr.start, e - instr.start);
  // Where each command's statement starts: before its `NAME=value` prefix.
  const stmtStart = (i: number): number | undefined => {
    const c = top[i].command;
    const from = i === 0 ? scriptStart : top[i - 1].command.end;
    const gap = slice(from, c.start);
    const prefix = trailingAssignmentsLength(gap);
    const before = gap.slice(0, gap.length - prefix);
    if (i === 0 ? !/^\s*$/.test(before) : separator(before) === undefined) return undefined;
    return c.start - prefix;
  };
  const groupStart = stmtStart(first);
  if (groupStart === undefined) return undefined;
  // Inside the group every command must follow the previous one by a plain separator.
  for (let i = first + 1; i <= last; i++) if (stmtStart(i) === undefined) return undefined;
  const groupEnd = top[last].command.end;
  const hasNext = last + 1 < top.length;
  const nextStart = hasNext ? stmtStart(last + 1) : undefined;
  if (hasNext && nextStart === undefined) return undefined;
  if (!hasNext) {
    // The rest of the script after the group must be blank (no redirection, no closing construct).
    if (!/^;?$/.test(slice(groupEnd, heredoc ? model.offsetAt(heredocsOf(model, instr)[0].getContentRange()?.end ?? model.rangeOf(instr.end, instr.end).start) : instr.end).trim())) return undefined;
  }
  const after = hasNext ? separator(slice(groupEnd, nextStart!)) : undefined;
  const before = first > 0 ? separator(slice(top[first - 1].command.end, groupStart)) : undefined;
  if (after === 'newline' || (before === 'newline' && !hasNext)) {
    // A line of a script: delete the group's whole lines when they hold nothing else.
    const startLine = model.lines.positionAt(groupStart).line;
    const endLine = model.lines.positionAt(groupEnd).line;
    const lineStart = model.lines.lineStarts[startLine];
    const lineEnd = model.lines.lineEnd(endLine);
    if (!/^\s*$/.test(model.text.slice(lineStart, groupStart)) || !/^\s*$/.test(model.text.slice(groupEnd, lineEnd))) return undefined;
    const next = endLine + 1 < model.lines.lineCount ? model.lines.lineStarts[endLine + 1] : model.text.length;
    return [{ range: model.rangeOf(lineStart, next), newText: '' }];
  }
  if (hasNext && (after === '&&' || first === 0)) return [{ range: model.rangeOf(groupStart, nextStart!), newText: '' }];
  if (first > 0 && (before === '&&' || before === ';')) return [{ range: model.rangeOf(top[first - 1].command.end, groupEnd), newText: '' }];
  return undefined;
}

/** The top-level commands of a RUN (exported for the rules that must know what else a RUN runs). */
export function topLevelCommands(cmds: RunCmd[]): RunCmd[] {
  return topLevel(cmds);
}
