/**
 * RUN scripts as shell commands, parsed with a real shell parser (mvdan-sh, synchronous), so rules see
 * each command with its own flags: `apt-get update && apt-get install -y x | tee log` is three commands.
 *
 * Offsets are relative to the script text given; the caller maps them into the document by adding the
 * script's base offset (the script is built with the same length as the document slice it comes from).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const sh = require('mvdan-sh');
const syntax = sh.syntax;

export interface ShellWord {
  /** The word as written (quotes included). */
  raw: string;
  /** The word's literal value with quotes removed; `null` when it contains expansions. */
  value: string | null;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Base name of the literal command word (`/usr/bin/apt-get` → `apt-get`); '' when dynamic. */
  name: string;
  /** The command word itself. */
  command: ShellWord;
  /** Arguments after the command word. */
  args: ShellWord[];
  /** Names of `VAR=value` assignments written before the command. */
  assigns: string[];
  start: number;
  end: number;
  /** The command this one's stdout is piped into, if any. */
  pipeTo?: ShellCommand;
  pipedFrom?: ShellCommand;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Set when the parser rejected the script; commands then come from a simple fallback split. */
  parseError?: string;
}

const OP_PIPE = 12;
const OP_PIPE_ALL = 13;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

let parser: any;
function getParser(): any {
  if (!parser) parser = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
  return parser;
}

/** Parses `script`; offsets in the result are `base` + offsets into `script`. Never throws. */
export function parseShell(script: string, base = 0, depth = 0): ShellScript {
  const commands: ShellCommand[] = [];
  let toChar: (byteOffset: number) => number = (b) => b;
  // mvdan-sh reports UTF-8 byte offsets; map them back to string offsets when the script is not ASCII.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(script)) toChar = byteToCharMapper(script);
  let file: any;
  try {
    file = getParser().Parse(script, '');
  } catch (e: any) {
    const message = typeof e?.Error === 'function' ? String(e.Error()) : String(e?.message ?? e);
    return { commands: fallbackSplit(script, base), parseError: message.replace(/^:?\d+:\d+:\s*/, '') };
  }
  const byStart = new Map<number, ShellCommand>();
  const pipes: [any, any][] = [];
  const nested: { text: string; base: number }[] = [];

  const word = (w: any): ShellWord => {
    const start = toChar(w.Pos().Offset());
    const end = toChar(w.End().Offset());
    return { raw: script.slice(start, end), value: wordValue(w), start: base + start, end: base + end };
  };

  syntax.Walk(file, (node: any) => {
    if (!node) return true;
    const type = syntax.NodeType(node);
    if (type === 'CallExpr') {
      if (node.Args.length === 0) return true;
      const words: ShellWord[] = node.Args.map(word);
      const command = words[0];
      const literal = command.value ?? '';
      const cmd: ShellCommand = {
        name: literal.slice(literal.lastIndexOf('/') + 1),
        command,
        args: words.slice(1),
        assigns: node.Assigns.map((a: any) => String(a.Name?.Value ?? '')),
        start: command.start,
        end: base + toChar(node.End().Offset()),
      };
      commands.push(cmd);
      byStart.set(cmd.start, cmd);
      // `sh -c 'script'`: the string is a script too.
      if (SHELLS.has(cmd.name) && depth < 3) {
        const c = cmd.args.findIndex((a) => a.value !== null && /^-[a-z]*c[a-z]*$/.test(a.value));
        const body = c >= 0 ? cmd.args[c + 1] : undefined;
        if (body && body.value !== null) {
          const quoted = /^(['"])[\s\S]*\1$/.test(body.raw) && body.raw.slice(1, -1) === body.value;
          nested.push({ text: body.value, base: quoted ? body.start + 1 : body.start });
        }
      }
    } else if (type === 'BinaryCmd' && (node.Op === OP_PIPE || node.Op === OP_PIPE_ALL)) {
      pipes.push([node.X, node.Y]);
    } else if (type === 'Stmt' && node.Redirs.length > 0 && depth < 3) {
      // A heredoc fed to a shell (or to nothing, as in `RUN <<EOF`) is a script.
      const call = node.Cmd && syntax.NodeType(node.Cmd) === 'CallExpr' ? node.Cmd : null;
      const name = call && call.Args.length ? String(wordValue(call.Args[0]) ?? '') : '';
      if (!node.Cmd || SHELLS.has(name.slice(name.lastIndexOf('/') + 1))) {
        for (const r of node.Redirs) {
          if (!r.Hdoc) continue;
          const s = toChar(r.Hdoc.Pos().Offset());
          let e = toChar(r.Hdoc.End().Offset());
          // The heredoc word ends after its terminator line; the script is the body before it.
          const delimiter = script.slice(toChar(r.Word.Pos().Offset()), toChar(r.Word.End().Offset())).replace(/['"\\]/g, '');
          const body = script.slice(s, e);
          const lastBreak = body.lastIndexOf('\n');
          if (body.slice(lastBreak + 1).trim() === delimiter) e = s + lastBreak + 1;
          nested.push({ text: script.slice(s, e), base: base + s });
        }
      }
    }
    return true;
  });

  for (const [x, y] of pipes) {
    const from = edgeCall(x, 'last', byStart, toChar, base);
    const to = edgeCall(y, 'first', byStart, toChar, base);
    if (from && to) {
      from.pipeTo = to;
      to.pipedFrom = from;
    }
  }
  for (const n of nested) commands.push(...parseShell(n.text, n.base, depth + 1).commands);
  commands.sort((a, b) => a.start - b.start);
  return { commands };
}

/** The first or last simple command of a pipeline side. */
function edgeCall(
  stmt: any,
  which: 'first' | 'last',
  byStart: Map<number, ShellCommand>,
  toChar: (b: number) => number,
  base: number,
): ShellCommand | undefined {
  let cmd = stmt?.Cmd;
  while (cmd && syntax.NodeType(cmd) === 'BinaryCmd') cmd = (which === 'first' ? cmd.X : cmd.Y).Cmd;
  if (!cmd || syntax.NodeType(cmd) !== 'CallExpr' || cmd.Args.length === 0) return undefined;
  return byStart.get(base + toChar(cmd.Args[0].Pos().Offset()));
}

/** The literal value of a word, or null when it has parameter/command/arithmetic expansions. */
function wordValue(w: any): string | null {
  let out = '';
  for (const part of w.Parts) {
    const type = syntax.NodeType(part);
    if (type === 'Lit') out += unescapeUnquoted(String(part.Value));
    else if (type === 'SglQuoted') out += String(part.Value);
    else if (type === 'DblQuoted') {
      for (const inner of part.Parts) {
        if (syntax.NodeType(inner) !== 'Lit') return null;
        out += String(inner.Value).replace(/\\([$`"\\\n])/g, '$1');
      }
    } else return null;
  }
  return out;
}

function unescapeUnquoted(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

function byteToCharMapper(script: string): (b: number) => number {
  const map: number[] = [];
  let bytes = 0;
  for (let i = 0; i < script.length; i++) {
    const code = script.codePointAt(i)!;
    const len = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < len; k++) map[bytes + k] = i;
    bytes += len;
    if (code >= 0x10000) i++;
  }
  map[bytes] = script.length;
  return (b) => map[Math.min(b, bytes)] ?? script.length;
}

/**
 * When the parser gives up (templated scripts, odd syntax), still find the commands: split on
 * `&&`, `||`, `;`, `|` and newlines outside quotes, and words on blanks. Good enough for flag checks.
 */
export function fallbackSplit(script: string, base = 0): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  let wordStart = -1;
  let quote = '';
  let pendingPipe: ShellCommand | undefined;
  const endWord = (i: number) => {
    if (wordStart < 0) return;
    const raw = script.slice(wordStart, i);
    const value = /[$`]/.test(raw) ? null : raw.replace(/^(['"])([\s\S]*)\1$/, '$2');
    words.push({ raw, value, start: base + wordStart, end: base + i });
    wordStart = -1;
  };
  const endCommand = (pipe: boolean) => {
    const assigns: string[] = [];
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].raw)) assigns.push(words.shift()!.raw.split('=')[0]);
    if (words.length) {
      const literal = words[0].value ?? '';
      const cmd: ShellCommand = {
        name: literal.slice(literal.lastIndexOf('/') + 1),
        command: words[0],
        args: words.slice(1),
        assigns,
        start: words[0].start,
        end: words[words.length - 1].end,
      };
      if (pendingPipe) {
        pendingPipe.pipeTo = cmd;
        cmd.pipedFrom = pendingPipe;
      }
      commands.push(cmd);
      pendingPipe = pipe ? cmd : undefined;
    } else {
      pendingPipe = undefined;
    }
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') {
      if (wordStart < 0) wordStart = i;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (wordStart < 0) wordStart = i;
      quote = c;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      continue;
    }
    if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      endWord(i);
      const pipe = c === '|' && script[i + 1] !== '|';
      if ((c === '&' || c === '|') && script[i + 1] === c) i++;
      endCommand(pipe);
      continue;
    }
    if (wordStart < 0) wordStart = i;
  }
  endWord(script.length);
  endCommand(false);
  return commands;
}

// ---- Helpers rules use to read a command's flags -------------------------------------------------

/** True when the command has the short flag (also inside a cluster such as `-qy`) or a long one. */
export function hasFlag(cmd: ShellCommand, short: string[], long: string[] = []): boolean {
  return findFlag(cmd, short, long) !== undefined;
}

/** The word carrying the flag, if present. Stops at `--`. */
export function findFlag(cmd: ShellCommand, short: string[], long: string[] = []): ShellWord | undefined {
  for (const a of cmd.args) {
    const v = a.value;
    if (v === null) continue;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const name = v.slice(2).split('=')[0];
      if (long.includes(name)) return a;
    } else if (v.startsWith('-') && v.length > 1) {
      if (short.some((s) => (s.length === 1 ? v.slice(1).includes(s) : v.slice(1) === s))) return a;
    }
  }
  return undefined;
}

/**
 * Positional arguments (not flags), skipping the values of options listed in `withValue`
 * (e.g. `['-t', '--target-release', '-o']`). Dynamic words are included with `value: null`.
 */
export function positionals(cmd: ShellCommand, withValue: string[] = [], from = 0): ShellWord[] {
  const out: ShellWord[] = [];
  let afterDashes = false;
  for (let i = from; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    const v = a.value;
    if (!afterDashes && v !== null && v.startsWith('-') && v.length > 1) {
      if (v === '--') {
        afterDashes = true;
        continue;
      }
      if (withValue.includes(v)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * For wrapper commands (`sudo apt-get …`, `env X=1 pip …`, `xargs …`), the command they run, as a
 * ShellCommand view over the same words; otherwise the command itself.
 */
export function unwrap(cmd: ShellCommand): ShellCommand {
  let current = cmd;
  for (let guard = 0; guard < 4; guard++) {
    const next = unwrapOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

const WRAPPERS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t'],
  doas: ['-u'],
  env: ['-u', '-C', '-S'],
  nice: ['-n'],
  nohup: [],
  time: [],
  exec: [],
  command: [],
  gosu: [],
  'su-exec': [],
};

/** One level of `unwrap`: the command a wrapper runs, or `cmd` itself when it is not a wrapper. */
export function unwrapOnce(cmd: ShellCommand): ShellCommand {
  const withValue = WRAPPERS[cmd.name];
  if (!withValue) return cmd;
  // gosu/su-exec take the user first.
  let i = cmd.name === 'gosu' || cmd.name === 'su-exec' ? 1 : 0;
  for (; i < cmd.args.length; i++) {
    const v = cmd.args[i].value;
    if (v === null) return cmd;
    if (cmd.name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) continue;
    if (v.startsWith('-')) {
      if (withValue.includes(v)) i++;
      continue;
    }
    break;
  }
  if (i >= cmd.args.length) return cmd;
  const word = cmd.args[i];
  const literal = word.value ?? '';
  return {
    name: literal.slice(literal.lastIndexOf('/') + 1),
    command: word,
    args: cmd.args.slice(i + 1),
    assigns: cmd.assigns,
    start: word.start,
    end: cmd.end,
    pipeTo: cmd.pipeTo,
    pipedFrom: cmd.pipedFrom,
  };
}
