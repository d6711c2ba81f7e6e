/**
 * The Dockerfile model rules ask questions of: stages and their FROM chain, the final stage, ARG/ENV
 * values in effect at each instruction, RUN scripts as shell commands, heredoc bodies.
 * Built on dockerfile-ast; pure and synchronous.
 */
import { DockerfileParser, From, Instruction, JSONInstruction, Arg, Env, Run } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';
import './ast-memo';
import { argumentCacheFor, useArgumentCache } from './argument-cache';
import { LineIndex } from '../text';
import type { Range } from '../types';
import { Scope, substitute, unquote, PREDEFINED_ARGS } from './variables';
import { parseShell, ShellCommand, ShellParseCache, ShellScript } from './shell';
import { parseImageRef, ImageRef } from './image';

export interface InstructionFlag {
  name: string;
  value: string | null;
  range: Range;
}

export interface DfInstruction {
  /** Upper-case keyword as written (`RUN`, `FROM`, … or an unknown word). */
  keyword: string;
  ast: Instruction;
  /** Stage the instruction belongs to; undefined for ARGs before the first FROM. */
  stage?: Stage;
  index: number;
  range: Range;
  keywordRange: Range;
  /** Offsets of the instruction in the text. */
  start: number;
  end: number;
  /** `--flag[=value]` options written after the keyword (FROM, RUN, COPY, ADD, HEALTHCHECK). */
  flags: InstructionFlag[];
  /** Offset where the arguments start, after the keyword and its flags (= `end` when there are none). */
  argsStart: number;
  /** Variables in effect before this instruction. */
  scope: Scope;
  /** JSON (exec) form: `CMD ["a", "b"]`. */
  execForm: boolean;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as the builder compares it. */
  name?: string;
  nameRange?: Range;
  from: DfInstruction;
  /** The image reference as written and as resolved through ARGs. */
  image: ImageRef;
  imageRange?: Range;
  /** The earlier stage this one builds on (`FROM build AS final`). */
  parent?: Stage;
  instructions: DfInstruction[];
  isFinal: boolean;
  /** Some later `COPY --from=` (or `RUN --mount=from=`) reads from it. */
  copiedFrom: boolean;
}

export interface RunCommand {
  instruction: DfInstruction;
  command: ShellCommand;
}

export interface EffectiveUser {
  /** The user as resolved, e.g. `app`, `1000:1000`, `root`; undefined when unknown or unset. */
  user?: string;
  /** The USER instruction that set it (in this stage or an ancestor). */
  instruction?: DfInstruction;
  /** Whether the value is known (false when it comes from an ARG without a default, say). */
  known: boolean;
  /** True when nothing in the chain sets a user and the base image is not known to be non-root. */
  defaultRoot: boolean;
}

export class DockerfileModel {
  readonly lines: LineIndex;
  readonly ast: Dockerfile;
  readonly escapeChar: string;
  readonly instructions: DfInstruction[] = [];
  readonly stages: Stage[] = [];
  /** ARGs declared before the first FROM, with their defaults. */
  readonly globalScope: Scope = new Map();
  private readonly shellCache = new Map<DfInstruction, ShellScript | null>();
  private readonly shellsCache = new Map<Stage, DfInstruction[]>();
  private runCommandsCache?: RunCommand[];
  private readonly commandsByInstruction = new Map<DfInstruction, ShellCommand[]>();
  private readonly commandsByStage = new Map<Stage, RunCommand[]>();
  private readonly lowerTextCache = new Map<DfInstruction, string>();

  /** `shellCache`: scripts parsed by earlier analyses of the same document (the language server keeps one per document). */
  constructor(
    readonly text: string,
    private readonly options: { shellCache?: ShellParseCache } = {},
  ) {
    this.lines = new LineIndex(text);
    // Argument lists through the document's argument cache, kept beside its shell cache (argument-cache.ts).
    const restore = useArgumentCache(argumentCacheFor(options.shellCache));
    try {
      this.ast = DockerfileParser.parse(text);
      this.escapeChar = this.ast.getEscapeCharacter() || '\\';
      this.build();
    } finally {
      restore();
    }
  }

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  offsetAt(pos: { line: number; character: number }): number {
    return this.lines.offsetAt(pos);
  }

  rangeOf(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  textOf(range: Range): string {
    return this.lines.textOf(range);
  }

  /** Substitutes the variables in effect at `instr`; undefined when a value is unknown. */
  resolve(text: string, instr: DfInstruction): string | undefined {
    return substitute(text, instr.scope, this.escapeChar);
  }

  stageByName(name: string): Stage | undefined {
    const lower = name.toLowerCase();
    return this.stages.find((s) => s.name === lower);
  }

  /** All instructions with this keyword, optionally in one stage. */
  instructionsOf(keyword: string, stage?: Stage): DfInstruction[] {
    const list = stage ? stage.instructions : this.instructions;
    return list.filter((i) => i.keyword === keyword);
  }

  /**
   * The shell script of a RUN (or of `sh -c` in its exec form); null for exec forms that are not a shell
   * and for non-RUN instructions. Heredoc bodies are part of the script.
   */
  shellOf(instr: DfInstruction): ShellScript | null {
    if (this.shellCache.has(instr)) return this.shellCache.get(instr)!;
    const script = this.buildShell(instr);
    this.shellCache.set(instr, script);
    return script;
  }

  /** Parses a shell script found at offset `base` of the document (through the shell cache, when there is one). */
  parseScript(script: string, base: number): ShellScript {
    return this.options.shellCache ? this.options.shellCache.parse(script, base) : parseShell(script, base);
  }

  /** Every shell command of every RUN, in document order (the same array on every call: do not modify it). */
  runCommands(stage?: Stage): RunCommand[] {
    if (!this.runCommandsCache) {
      this.runCommandsCache = [];
      for (const instruction of this.instructions) {
        if (instruction.keyword !== 'RUN') continue;
        const script = this.shellOf(instruction);
        const own: ShellCommand[] = [];
        for (const command of script?.commands ?? []) {
          this.runCommandsCache.push({ instruction, command });
          own.push(command);
        }
        this.commandsByInstruction.set(instruction, own);
        if (instruction.stage) {
          let list = this.commandsByStage.get(instruction.stage);
          if (!list) this.commandsByStage.set(instruction.stage, (list = []));
          for (const command of own) list.push({ instruction, command });
        }
      }
    }
    return stage ? (this.commandsByStage.get(stage) ?? []) : this.runCommandsCache;
  }

  /** The shell commands of one RUN, in document order (empty for other instructions). */
  commandsOf(instr: DfInstruction): ShellCommand[] {
    this.runCommands();
    return this.commandsByInstruction.get(instr) ?? [];
  }

  /** The instruction's text (keyword to end), lower-cased; computed once. */
  lowerTextOf(instr: DfInstruction): string {
    let lower = this.lowerTextCache.get(instr);
    if (lower === undefined) {
      lower = this.text.slice(instr.start, instr.end).toLowerCase();
      this.lowerTextCache.set(instr, lower);
    }
    return lower;
  }

  /** The user the stage's containers (or its RUNs at the end of the stage) run as. */
  effectiveUser(stage: Stage): EffectiveUser {
    const seen = new Set<Stage>();
    for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
      seen.add(s);
      const users = s.instructions.filter((i) => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (last) {
        const raw = this.argumentText(last);
        const value = raw === undefined ? undefined : this.resolve(raw, last);
        return { user: value === undefined ? undefined : unquote(value), instruction: last, known: value !== undefined, defaultRoot: false };
      }
      if (!s.parent) {
        const nonRootBase = isKnownNonRootImage(s.image);
        return { user: nonRootBase ? 'nonroot' : undefined, known: nonRootBase, defaultRoot: !nonRootBase };
      }
    }
    return { known: false, defaultRoot: false };
  }

  private openAtEndCache?: boolean;

  /**
   * True when the file ends inside its last instruction: a trailing escape character (with only blank or comment lines
   * after it) or a heredoc with no closing delimiter. Lines appended to such a file become part of that instruction, so
   * a fix that appends an instruction would not do what it says. Decided by the parser itself: an instruction
   * appended on a new line must parse as an instruction of its own. Only the last instruction and what follows it are
   * parsed again (with the file's escape character): the instructions before it are closed, and parsing the whole
   * file a second time doubled the parse cost of a file with a huge instruction. Computed on first use.
   */
  get openAtEnd(): boolean {
    if (this.openAtEndCache === undefined) {
      const last = this.instructions[this.instructions.length - 1];
      if (!last) this.openAtEndCache = false;
      // Without its escape character and without `<<`, the tail can neither continue nor open a heredoc: closed, and
      // no second parse of a huge last instruction (a 64 KB `RUN apt-get install …`).
      else if (!this.text.includes(this.escapeChar, last.start) && !this.text.includes('<<', last.start)) this.openAtEndCache = false;
      else {
        // After an empty line, so that the tail does not start the text: a BOM there is an instruction of its own (as in
        // the file), at the start of a text it is skipped, and `\uFEFF\\` + a line break then read as closed (fuzzing).
        // Without `<<` only an escaped line break can hold the tail open, and the parser continues lines the same way
        // whatever the keyword; what differs is the build of the instruction: a RUN or CMD splits its arguments into
        // words (a 40 KB line of words took 48 ms per probe: fuzzing). A letter before a keyword that starts with one
        // makes it one the parser does not know, built without that split.
        const neutral = !this.text.includes('<<', last.start) && /[A-Za-z]/.test(this.text[last.start] ?? '') ? 'X' : '';
        const tail = `${this.escapeChar === '\\' ? '' : `# escape=${this.escapeChar}\n`}\n${neutral}${this.text.slice(last.start)}`;
        // Counted, not assumed to be one: the tail may still parse differently from its place in the file.
        const alone = DockerfileParser.parse(tail).getInstructions().length;
        const probe = DockerfileParser.parse(`${tail}\nLABEL bulwark.probe=1\n`).getInstructions();
        this.openAtEndCache = !(probe.length === alone + 1 && probe[alone].getKeyword() === 'LABEL');
      }
    }
    return this.openAtEndCache;
  }

  /** The instruction's argument text after its flags, as written (continuations kept). */
  argumentText(instr: DfInstruction): string | undefined {
    const text = this.text.slice(instr.argsStart, instr.end).trim();
    return text.length ? text : undefined;
  }

  // ---- construction ---------------------------------------------------------------------------

  private build(): void {
    let stage: Stage | undefined;
    // ARGs are per stage; ENV values carry into stages built on this one. ENV wins over ARG.
    let args: Scope = new Map();
    let env: Scope = new Map();
    let scope: Scope = new Map();
    const finalEnv = new Map<Stage, Scope>();
    let index = 0;
    for (const ast of this.ast.getInstructions()) {
      const keyword = ast.getKeyword().toUpperCase();
      const range = ast.getRange();
      const instr: DfInstruction = {
        keyword,
        ast,
        stage,
        index: index++,
        range,
        keywordRange: ast.getInstructionRange(),
        start: this.offsetAt(range.start),
        end: this.offsetAt(range.end),
        flags: [],
        argsStart: 0,
        scope,
        execForm: false,
      };
      this.scanArguments(instr);
      if (keyword === 'FROM') {
        if (stage) finalEnv.set(stage, env);
        instr.scope = this.globalScope;
        stage = this.newStage(instr as DfInstruction & { ast: From });
        instr.stage = stage;
        args = new Map();
        env = new Map(stage.parent ? finalEnv.get(stage.parent) ?? env : []);
        scope = env;
      } else if (keyword === 'ARG') {
        if (stage) {
          args = this.applyArg(ast as Arg, args, false);
          scope = new Map([...args, ...env]);
        } else {
          this.applyArg(ast as Arg, this.globalScope, true);
        }
      } else if (keyword === 'ENV') {
        env = this.applyEnv(ast as Env, env, scope);
        scope = new Map([...args, ...env]);
      }
      stage?.instructions.push(instr);
      this.instructions.push(instr);
    }
    const last = this.stages[this.stages.length - 1];
    if (last) last.isFinal = true;
    for (const i of this.instructions) {
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD' && i.keyword !== 'RUN') continue;
      for (const f of i.flags) {
        let ref: string | null = null;
        if (f.name === 'from') ref = f.value;
        else if (f.name === 'mount' && f.value) ref = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1] ?? null;
        if (!ref) continue;
        const target = this.stageByName(ref) ?? (/^\d+$/.test(ref) ? this.stages[Number(ref)] : undefined);
        if (target && target !== i.stage) target.copiedFrom = true;
      }
    }
  }

  private newStage(from: DfInstruction & { ast: From }): Stage {
    const ast = from.ast;
    const nameRange = ast.getBuildStageRange() ?? undefined;
    const name = ast.getBuildStage()?.toLowerCase() ?? undefined;
    const rawImage = ast.getImage() ?? '';
    const resolved = substitute(rawImage, this.globalScope, this.escapeChar);
    const image = parseImageRef(rawImage, resolved);
    const parentName = (resolved ?? rawImage).toLowerCase();
    const parent = this.stages.find((s) => s.name !== undefined && s.name === parentName);
    const stage: Stage = {
      index: this.stages.length,
      name,
      nameRange,
      from,
      image,
      imageRange: ast.getImageRange() ?? undefined,
      parent,
      instructions: [],
      isFinal: false,
      copiedFrom: false,
    };
    this.stages.push(stage);
    return stage;
  }

  private applyArg(ast: Arg, scope: Scope, global: boolean): Scope {
    const prop = ast.getProperty();
    if (!prop) return scope;
    const name = prop.getName();
    const next = new Map(scope);
    const raw = prop.getValue();
    if (raw !== null && ast.getProperty()?.getAssignmentOperator() !== null) {
      next.set(name, substitute(raw, scope, this.escapeChar));
    } else if (!global && this.globalScope.has(name)) {
      next.set(name, this.globalScope.get(name));
    } else if (!next.has(name) || PREDEFINED_ARGS.has(name)) {
      next.set(name, undefined);
    }
    if (global) this.globalScope.set(name, next.get(name));
    return next;
  }

  private applyEnv(ast: Env, env: Scope, scope: Scope): Scope {
    const next = new Map(env);
    for (const prop of ast.getProperties()) {
      const raw = prop.getValue();
      // All pairs of one ENV see the scope before it, as the builder does.
      next.set(prop.getName(), raw === null ? undefined : substitute(raw, scope, this.escapeChar));
    }
    return next;
  }

  /**
   * Finds where the arguments start, reads `--flags` and decides exec (JSON) form, from the text itself:
   * dockerfile-ast recomputes its argument list on every call, which is costly on long RUN scripts.
   */
  private scanArguments(instr: DfInstruction): void {
    const text = this.text;
    const end = instr.end;
    let i = this.offsetAt(instr.keywordRange.end);
    const skipBlanks = () => {
      // Every read stays below `end`: the character at `end` belongs to what follows the instruction (a `#` there
      // once kept the comment loop below from advancing).
      while (i < end) {
        while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
        if (i >= end) return;
        // An escaped line break continues the instruction on the next line.
        if (text[i] === this.escapeChar) {
          let j = i + 1;
          while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
          if (text[j] === '\r') j++;
          if (text[j] === '\n') {
            i = j + 1;
            // The builder drops comment lines inside a continuation: the arguments start after them.
            for (;;) {
              let k = i;
              while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
              if (k >= end || text[k] !== '#') break;
              const nl = text.indexOf('\n', k);
              i = nl < 0 || nl >= end ? end : nl + 1;
            }
            continue;
          }
        }
        if (text[i] === '\r' || text[i] === '\n') {
          i++;
          continue;
        }
        return;
      }
    };
    skipBlanks();
    if (FLAGGED.has(instr.keyword)) {
      while (i < end && text.startsWith('--', i) && /[A-Za-z]/.test(text[i + 2] ?? '')) {
        const flagStart = i;
        while (i < end && !/\s/.test(text[i])) i++;
        const word = text.slice(flagStart + 2, i);
        const eq = word.indexOf('=');
        instr.flags.push({
          name: eq >= 0 ? word.slice(0, eq) : word,
          value: eq >= 0 ? word.slice(eq + 1) : null,
          range: this.rangeOf(flagStart, i),
        });
        skipBlanks();
      }
    }
    instr.argsStart = Math.min(i, end);
    if (JSON_FORM.has(instr.keyword) && text[instr.argsStart] === '[') {
      const body = text.slice(instr.argsStart, end).replace(new RegExp(`${escapeRegExp(this.escapeChar)}[ \\t]*\\r?\\n`, 'g'), ' ');
      try {
        // The builder trims the arguments with Go's strings.TrimSpace before reading JSON: a trailing form feed or
        // U+2028 keeps the exec form (JSON.parse alone refuses any blank but space, tab, CR and LF).
        const value: unknown = JSON.parse(trimGoSpaceEnd(body));
        instr.execForm = Array.isArray(value) && value.every((v) => typeof v === 'string');
      } catch {
        instr.execForm = false;
      }
    }
  }

  /**
   * The shell RUN's shell form runs with at this instruction: the last `SHELL` of its stage or of the stages it
   * builds on, else `cmd` on Windows base images and `/bin/sh -c` elsewhere. `after`: the shell of an instruction
   * placed right after this one (a SHELL instruction itself counts).
   */
  shellCommandAt(instr: DfInstruction, after = false): string[] {
    const seen = new Set<Stage>();
    for (let stage = instr.stage, limit = instr.index + (after ? 1 : 0); stage && !seen.has(stage); stage = stage.parent) {
      seen.add(stage);
      // Only the stage's SHELL instructions are looked at (scanning every instruction made long stages quadratic).
      let shells = this.shellsCache.get(stage);
      if (!shells) this.shellsCache.set(stage, (shells = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.execForm)));
      for (let k = shells.length - 1; k >= 0; k--) {
        const i = shells[k];
        if (i.index >= limit) continue;
        const strings = (i.ast as JSONInstruction).getJSONStrings().map((j) => decodeJsonString(this.textOf(j.getRange())) ?? '');
        if (strings.length) return strings;
      }
      limit = Infinity;
      if (!stage.parent && isWindowsImage(stage.image)) return ['cmd', '/S', '/C'];
    }
    return ['/bin/sh', '-c'];
  }

  private buildShell(instr: DfInstruction): ShellScript | null {
    if (instr.keyword !== 'RUN') return null;
    if (!instr.execForm) {
      // Only POSIX-like shells are parsed; PowerShell and cmd scripts are left alone.
      const shell = this.shellCommandAt(instr)[0]?.replace(/^.*[\\/]/, '').toLowerCase() ?? '';
      if (!POSIX_SHELLS.has(shell)) return { commands: [] };
    }
    if (instr.execForm) {
      const strings = (instr.ast as JSONInstruction).getJSONStrings();
      if (strings.length === 0) return { commands: [] };
      const words = strings.map((s) => {
        const start = this.offsetAt(s.getJSONRange().start);
        const end = this.offsetAt(s.getJSONRange().end);
        return { raw: this.text.slice(start, end), value: decodeJsonString(this.textOf(s.getRange())), start, end };
      });
      const name = (words[0].value ?? '').replace(/^.*\//, '');
      if (['sh', 'bash', 'ash', 'dash'].includes(name)) {
        const c = words.findIndex((w, i) => i > 0 && /^-[abd-z]*c[a-z]*$/.test(w.value ?? ''));
        const body = c > 0 ? words[c + 1] : undefined;
        // Offsets map 1:1 only when the JSON string has no escapes; otherwise they point at its start.
        if (body?.value) return this.parseScript(body.value, body.start);
      }
      return {
        commands: [{ name, command: words[0], args: words.slice(1), assigns: [], start: words[0].start, end: words[words.length - 1].end }],
      };
    }
    const start = instr.argsStart;
    const end = instr.end;
    if (start >= end) return { commands: [] };
    const heredocs = this.text.slice(start, end).includes('<<') ? (instr.ast as Run).getHeredocs() : [];
    if (heredocs.length > 0) {
      // Heredoc RUNs: the command is on the first line (markers blanked out, offsets kept); each body is a script when
      // no command is given (`RUN <<EOF`: the builder runs it with the shell) or a shell reads it (`RUN bash <<EOF`),
      // and data otherwise (`RUN cat <<EOF > /etc/x.conf`, `RUN python3 <<EOF`).
      const firstLineEnd = this.lines.lineEnd(this.lines.positionAt(start).line);
      const line = this.text.slice(start, firstLineEnd).replace(/<<-?\s*(["']?)[A-Za-z_][\w.-]*\1/g, (m) => ' '.repeat(m.length));
      const head = line.trim() === '' || line.trim() === this.escapeChar ? { commands: [] } : this.parseScript(line, start);
      const bodiesAreScripts =
        head.commands.length === 0 ||
        head.commands.some((c) => POSIX_SHELLS.has(c.name) && !c.args.some((a) => /^-[abd-z]*c[a-z]*$/.test(a.value ?? '')));
      const commands: ShellCommand[] = [...head.commands];
      let parseError = head.parseError;
      if (bodiesAreScripts) {
        for (const h of heredocs) {
          const content = h.getContentRange();
          if (!content) continue;
          const from = this.offsetAt(content.start);
          const script = this.parseScript(this.text.slice(from, this.offsetAt(content.end)), from);
          commands.push(...script.commands);
          parseError ??= script.parseError;
        }
      }
      return parseError ? { commands, parseError } : { commands };
    }
    return this.parseScript(this.shellText(start, end), start);
  }

  /**
   * The slice [start, end) of the text as the shell sees it, keeping its length so offsets map 1:1:
   * escaped line breaks and the comment or blank lines inside a continuation become blanks. With `heredocs`, heredoc
   * bodies (after the first line that opens one) are kept verbatim. Every reader of an instruction's script text (RUN,
   * CMD/ENTRYPOINT, the fixes that edit a script) goes through here, so they agree on its offsets.
   *
   * Line breaks are the model's own (dockerfile-ast's, the editor's): LF, CRLF and a lone CR. An escape before a lone
   * CR is a continuation like any other, so the shell parser never meets an escaped CR (tree-sitter-bash cannot lex
   * one and recovered from it differently depending on the text before it: a `set -o pipefail && ` prefix changed the
   * words of a later `apk add`), and a script reads the same whatever surrounds it.
   */
  shellText(start: number, end: number, heredocs = true): string {
    const text = this.text;
    const esc = this.escapeChar;
    const out: string[] = [];
    let i = start;
    let inHeredoc = false;
    let continuing = false;
    const continuation = new RegExp(`${escapeRegExp(esc)}[ \\t]*$`);
    const lineBreak = /\r\n|[\r\n]/g;
    while (i < end) {
      lineBreak.lastIndex = i;
      const found = lineBreak.exec(text);
      const lineEnd = found && found.index < end ? found.index : end;
      const nl = lineEnd < end ? Math.min(found![0].length, end - lineEnd) : 0;
      const line = text.slice(i, lineEnd);
      if (inHeredoc) {
        out.push(text.slice(i, lineEnd + nl));
      } else if (continuing && (/^\s*#/.test(line) || /^\s*$/.test(line))) {
        out.push(' '.repeat(line.length + nl));
      } else {
        const m = continuation.exec(line);
        if (m) {
          out.push(line.slice(0, m.index) + ' '.repeat(line.length - m.index + nl));
          continuing = true;
        } else {
          // The line break as one newline (a CRLF's CR as a blank).
          out.push(line + (nl === 2 ? ' \n' : nl ? '\n' : ''));
          continuing = false;
          if (heredocs && /<<-?\s*["']?[A-Za-z_]/.test(line)) inHeredoc = true;
        }
      }
      i = lineEnd + nl;
    }
    return out.join('');
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The value of a JSON string literal as written (dockerfile-ast's getJSONValue drops its blanks). */
function decodeJsonString(literal: string): string | null {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** `s` without the trailing characters Go's unicode.IsSpace accepts (what strings.TrimSpace removes), by a scan. */
function trimGoSpaceEnd(s: string): string {
  let end = s.length;
  while (end > 0 && GO_SPACE.test(s[end - 1])) end--;
  return s.slice(0, end);
}

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** The program name of a shell command (`/bin/bash` → `bash`, `C:\\Windows\\cmd.exe` → `cmd`), lower case. */
export function shellName(shell: string[]): string {
  return (shell[0] ?? '').replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
}

/** True when a shell command (`['/bin/sh', '-c']`) is a POSIX-like shell, which RUN scripts are parsed with. */
export function isPosixShell(shell: string[]): boolean {
  return POSIX_SHELLS.has(shellName(shell));
}

const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** Windows base images, whose default shell is `cmd /S /C`. */
export function isWindowsImage(image: ImageRef): boolean {
  const ref = (image.resolved ?? image.raw).toLowerCase();
  return /(^|\/)windows\/|nanoserver|servercore|windowsservercore/.test(ref);
}

/** Images documented to run as a non-root user by default. */
function isKnownNonRootImage(image: ImageRef): boolean {
  const ref = image.resolved ?? image.raw;
  const tag = image.tag ?? '';
  if (/(^|[-_.])nonroot([-_.]|$)/.test(tag) || /rootless/.test(tag)) return true;
  return /^(cgr\.dev\/chainguard\/|chainguard\/)/.test(ref) && !/-dev$/.test(tag);
}

export { ShellCommand, ShellScript } from './shell';
