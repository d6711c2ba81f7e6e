/**
 * RUN scripts as shell commands, parsed with a real shell parser (tree-sitter-bash through web-tree-sitter, as
 * bash-language-server does), so rules see each command with its own flags: `apt-get update && apt-get install -y x
 * | tee log` is three commands. The parser is WebAssembly: `initShellParser()` loads it once per process (async);
 * after that, parsing is synchronous.
 *
 * Offsets are relative to the script text given; the caller maps them into the document by adding the script's base
 * offset (the script is built with the same length as the document slice it comes from).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { keepMemo, memoOf, UNWRAPPED } from './command-memo';

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
  /** Set when the parser met a syntax error; commands are what it recovered. */
  parseError?: string;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
/** Text that may hold a command inside a word or a redirection: `$(…)` (and `$((…))`), backticks, `<(…)`, `>(…)`. */
const HOLDS_COMMANDS = /\$\(|`|[<>]\(/;
/** Nodes that hold commands only through a substitution (HOLDS_COMMANDS): the walk skips them otherwise. */
const LEAVES = new Set([
  'word',
  'string',
  'raw_string',
  'ansi_c_string',
  'translated_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'number',
  'variable_assignment',
  'file_redirect',
  'herestring_redirect',
  'heredoc_redirect',
  'test_command',
  'comment',
]);

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Finds a .wasm file: beside the bundle (dist/) or in its npm package. */
function locate(file: string, pkg: string): string {
  const beside = path.join(__dirname, file);
  if (fs.existsSync(beside)) return beside;
  return require.resolve(`${pkg}/${file}`);
}

/** Loads the shell grammar; call once (awaited) before analyzing. Safe to call again. */
export function initShellParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locate('tree-sitter.wasm', 'web-tree-sitter') });
    const bash = await Language.load(fs.readFileSync(locate('tree-sitter-bash.wasm', 'tree-sitter-bash')));
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  return loading;
}

/**
 * The longest script given to the shell parser: twice the longest RUN of the 1,326 Dockerfiles of the corpus
 * (7,253 characters). The parser's time is linear but large per word (a 40 KB line of words cost 2× the whole
 * Dockerfile parse), so a longer script is split into commands by fallbackSplit, with a parseError: its commands are
 * still checked, and no fix edits inside it (as for a script that does not parse).
 */
export const MAX_SHELL_SCRIPT = 16 * 1024;

/** Parses `script`; offsets in the result are `base` + offsets into `script`. Never throws once initialized. */
export function parseShell(script: string, base = 0, depth = 0): ShellScript {
  if (!parser) {
    throw new Error('The shell parser is not loaded: await initializeCore() (server/core) once before analyzing.');
  }
  if (script.length > MAX_SHELL_SCRIPT) {
    return { commands: fallbackSplit(script, base), parseError: `the script is longer than ${MAX_SHELL_SCRIPT} characters: split into commands without the shell parser` };
  }
  let tree: Tree | null = null;
  try {
    tree = parser.parse(script);
  } catch {
    tree = null;
  }
  if (!tree) return { commands: fallbackSplit(script, base), parseError: 'the shell parser gave up on this script' };
  try {
    const result = collect(tree, script, base, depth);
    if (tree.rootNode.hasError) result.parseError = 'shell syntax error';
    return result;
  } finally {
    tree.delete();
  }
}

/**
 * Parsed scripts kept by their text across analyses of the same document, so that an edit re-parses only the scripts
 * it changed (the editor re-analyses on every keystroke). Results are stored relative to offset 0 and rebased on use.
 * Generational: `endGeneration()` (after each analysis) drops what the analysis before it did not use, so the cache
 * holds at most the scripts of the last two versions.
 */
export class ShellParseCache {
  private current = new Map<string, ShellScript>();
  private previous = new Map<string, ShellScript>();

  /** `parseShell(script, base)`, from the cache when this text was parsed before. */
  parse(script: string, base: number): ShellScript {
    let relative = this.current.get(script);
    if (!relative) {
      relative = this.previous.get(script) ?? parseShell(script, 0);
      this.current.set(script, relative);
    }
    return rebase(relative, base);
  }

  /** Forgets the scripts the analyses since the previous call did not ask for. */
  endGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** A copy of `script` with every offset moved by `base` (pipes re-linked between the copies). */
function rebase(script: ShellScript, base: number): ShellScript {
  const word = (w: ShellWord): ShellWord => ({ raw: w.raw, value: w.value, start: w.start + base, end: w.end + base });
  const copies = new Map<ShellCommand, ShellCommand>();
  const commands = script.commands.map((c) => {
    const copy: ShellCommand = {
      name: c.name,
      command: word(c.command),
      args: c.args.map(word),
      assigns: [...c.assigns],
      start: c.start + base,
      end: c.end + base,
    };
    copies.set(c, copy);
    return copy;
  });
  for (const c of script.commands) {
    const copy = copies.get(c)!;
    if (c.pipeTo) copy.pipeTo = copies.get(c.pipeTo);
    if (c.pipedFrom) copy.pipedFrom = copies.get(c.pipedFrom);
  }
  return script.parseError !== undefined ? { commands, parseError: script.parseError } : { commands };
}

interface Pending extends ShellCommand {
  substDepth: number;
}

interface Frame {
  type: string;
  /** For a pipeline: the ranges of its parts, filled as its children are visited. */
  parts?: [number, number][];
}

/**
 * One pass over the tree with a cursor (no per-node objects: marshalling nodes out of WebAssembly is what costs),
 * collecting commands, pipelines, and heredoc or `sh -c` bodies to parse as scripts.
 */
function collect(tree: Tree, script: string, base: number, depth: number): ShellScript {
  const commands: Pending[] = [];
  const pipelines: { substDepth: number; parts: [number, number][] }[] = [];
  const nested: { text: string; base: number }[] = [];
  const cursor: TreeCursor = tree.walk();
  const frames: Frame[] = [];
  let substDepth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      const parent = frames[frames.length - 1];
      if (parent?.parts && cursor.nodeIsNamed) parent.parts.push([cursor.startIndex, cursor.endIndex]);
      // Commands are read flat; the walk enters one only when it holds `$(…)`, backticks or `<(…)`, and the same for
      // words, strings, expansions and redirections (each step of the walk is a call into WebAssembly).
      let enter = true;
      if (LEAVES.has(type)) {
        enter = HOLDS_COMMANDS.test(script.slice(cursor.startIndex, cursor.endIndex));
      } else if (type === 'command') {
        const cmd = readCommand(cursor, script, base);
        enter = HOLDS_COMMANDS.test(script.slice(cursor.startIndex, cursor.endIndex));
        if (cmd) {
          commands.push(Object.assign(cmd, { substDepth }));
          if (SHELLS.has(cmd.name) && depth < 3) {
            // `sh -c 'script'`: the string is a script too.
            const c = cmd.args.findIndex((a) => a.value !== null && /^-[abd-z]*c[a-z]*$/.test(a.value));
            const body = c >= 0 ? cmd.args[c + 1] : undefined;
            if (body && body.value !== null) {
              const quoted = /^(['"])[\s\S]*\1$/.test(body.raw) && body.raw.slice(1, -1) === body.value;
              nested.push({ text: body.value, base: (quoted ? body.start + 1 : body.start) - base });
            }
          }
        }
      } else if (type === 'redirected_statement' && depth < 3) {
        // A heredoc fed to a shell is a script.
        const node = cursor.currentNode;
        const body = node.childForFieldName('body');
        const name = body?.type === 'command' ? commandName(body, script) : '';
        if (SHELLS.has(name)) {
          for (const r of node.namedChildren) {
            if (r?.type !== 'heredoc_redirect') continue;
            for (const part of r.namedChildren) {
              if (part?.type === 'heredoc_body') nested.push({ text: script.slice(part.startIndex, part.endIndex), base: part.startIndex });
            }
          }
        }
      }
      if (enter && cursor.gotoFirstChild()) {
        const frame: Frame = { type };
        if (type === 'pipeline') {
          frame.parts = [];
          pipelines.push({ substDepth, parts: frame.parts });
        }
        frames.push(frame);
        if (SUBSTITUTIONS.has(type)) substDepth++;
        continue;
      }
      let done = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          done = true;
          break;
        }
        if (SUBSTITUTIONS.has(frames.pop()!.type)) substDepth--;
      }
      if (done) break;
    }
  } finally {
    cursor.delete();
  }

  for (const p of pipelines) {
    for (let i = 0; i + 1 < p.parts.length; i++) {
      const [a, b] = [p.parts[i], p.parts[i + 1]];
      const inside = (c: Pending, [s, e]: [number, number]) => c.substDepth === p.substDepth && c.start - base >= s && c.end - base <= e;
      let from: Pending | undefined;
      for (const c of commands) if (inside(c, a)) from = c;
      const to = commands.find((c) => inside(c, b));
      if (from && to) {
        from.pipeTo = to;
        to.pipedFrom = from;
      }
    }
  }
  const out: ShellCommand[] = commands;
  for (const c of commands) delete (c as Partial<Pending>).substDepth;
  for (const n of nested) out.push(...parseShell(n.text, base + n.base, depth + 1).commands);
  out.sort((x, y) => x.start - y.start);
  return { commands: out };
}

function commandName(node: Node, script: string): string {
  const nameNode = node.childForFieldName('name');
  const literal = nameNode ? literalOf(script.slice(nameNode.startIndex, nameNode.endIndex)) ?? '' : '';
  return literal.slice(literal.lastIndexOf('/') + 1);
}

/** Reads the command under the cursor (the cursor is back on it when this returns). */
function readCommand(cursor: TreeCursor, script: string, base: number): ShellCommand | undefined {
  const words: ShellWord[] = [];
  const assigns: string[] = [];
  const end = base + cursor.endIndex;
  if (cursor.gotoFirstChild()) {
    do {
      if (!cursor.nodeIsNamed) continue;
      const type = cursor.nodeType;
      const s = cursor.startIndex;
      const e = cursor.endIndex;
      if (type === 'variable_assignment') {
        const text = script.slice(s, e);
        assigns.push(text.slice(0, Math.max(0, text.indexOf('='))));
        continue;
      }
      if (type === 'file_redirect' || type === 'herestring_redirect' || type === 'heredoc_redirect' || type === 'comment') continue;
      const raw = script.slice(s, e);
      words.push({ raw, value: literalOf(raw), start: base + s, end: base + e });
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  if (words.length === 0) return undefined;
  const literal = words[0].value ?? '';
  return {
    name: literal.slice(literal.lastIndexOf('/') + 1),
    command: words[0],
    args: words.slice(1),
    assigns,
    start: words[0].start,
    end,
  };
}

/**
 * The literal value of a shell word as written (`a"b c"'d'` → `ab cd`), or null when it has expansions
 * (`$x`, `${x}`, `$(…)`, backticks) outside single quotes.
 */
export function literalOf(raw: string): string | null {
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if ((c === '<' || c === '>') && raw[i + 1] === '(' && quote === '') {
      return null; // process substitution
    } else if (c === '$' || c === '`') {
      if (c === '$' && (i + 1 >= raw.length || !/[A-Za-z0-9_{(@*#?!$-]/.test(raw[i + 1]))) out += c;
      else return null;
    } else if (c === '\\') {
      const next = raw[i + 1];
      if (next === undefined) out += c;
      else if (quote === '"' && !'$`"\\\n'.includes(next)) out += c + next;
      else if (next !== '\n') out += next;
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * When the parser cannot run at all, still find the commands: split on
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
  // Most rules unwrap every command they look at: the answer is kept on the command object (command-memo.ts).
  return memoOf<ShellCommand>(cmd, UNWRAPPED) ?? keepMemo(cmd, UNWRAPPED, computeUnwrap(cmd));
}

function computeUnwrap(cmd: ShellCommand): ShellCommand {
  let current = cmd;
  for (let guard = 0; guard < 4; guard++) {
    const next = unwrapOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Wrapper commands and their options that take a value (a Map: a command named `constructor` is no wrapper). */
const WRAPPERS = new Map<string, string[]>([
  ['sudo', ['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t']],
  ['doas', ['-u']],
  ['env', ['-u', '-C', '-S']],
  ['nice', ['-n']],
  ['nohup', []],
  ['time', []],
  ['exec', []],
  ['command', []],
  ['gosu', []],
  ['su-exec', []],
]);

/** One level of `unwrap`: the command a wrapper runs, or `cmd` itself when it is not a wrapper. */
export function unwrapOnce(cmd: ShellCommand): ShellCommand {
  const withValue = WRAPPERS.get(cmd.name);
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
