/**
 * Instruction arguments as words with document offsets, for the instructions whose arguments are a
 * list of paths or values (COPY, ADD, VOLUME, EXPOSE, WORKDIR, …), plus the shell script of CMD and
 * ENTRYPOINT and the stages whose settings reach a running container.
 *
 * Written for the image/filesystem rules (copy-context-without-dockerignore, add-*, expose-ssh,
 * docker-socket-volume, system-workdir); pure and synchronous like the rest of the model.
 */
import { JSONInstruction } from 'dockerfile-ast';
import type { JSONArgument } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel, Stage } from './model';
import type { ShellScript } from './shell';
import { unquote } from './variables';

export interface InstrWord {
  /** As written (quotes kept; for exec form, the JSON string's content). */
  raw: string;
  /** The word with one level of surrounding quotes removed, variables not substituted. */
  text: string;
  /** After ARG/ENV substitution and quote removal; undefined when a variable's value is unknown. */
  value: string | undefined;
  /** Document offsets of the word (for a JSON string, inside its quotes; for a quoted word, inside the quotes). */
  start: number;
  end: number;
  /** A heredoc operator (`<<EOF`) standing for an inline source. */
  heredoc: boolean;
}

const HEREDOC_OPERATOR = /^<<-?["']?[A-Za-z_][A-Za-z0-9_]*["']?$/;

/**
 * The argument words of an instruction, after its `--flags`. Heredoc bodies are left out: their
 * operator (`<<EOF`) is returned as a word with `heredoc: true`.
 */
export function instructionWords(model: DockerfileModel, instr: DfInstruction): InstrWord[] {
  const ast = instr.ast;
  const words: InstrWord[] = [];
  if (instr.execForm && ast instanceof JSONInstruction) {
    for (const s of ast.getJSONStrings()) {
      const r = s.getJSONRange();
      const text = jsonValue(model, s);
      words.push({
        raw: text,
        text,
        value: model.resolve(text, instr),
        start: model.offsetAt(r.start),
        end: model.offsetAt(r.end),
        heredoc: false,
      });
    }
    return words;
  }
  let heredocLine = -1;
  for (const a of ast.getArguments()) {
    const r = a.getRange();
    if (heredocLine >= 0 && r.start.line > heredocLine) break;
    const raw = a.getValue();
    let start = model.offsetAt(r.start);
    let end = model.offsetAt(r.end);
    const text = unquote(raw);
    if (text !== raw && model.text[start] === raw[0] && model.text[end - 1] === raw[raw.length - 1]) {
      start++;
      end--;
    }
    const heredoc = HEREDOC_OPERATOR.test(raw);
    if (heredoc && heredocLine < 0) heredocLine = r.end.line;
    const resolved = model.resolve(raw, instr);
    words.push({ raw, text, value: resolved === undefined ? undefined : unquote(resolved), start, end, heredoc });
  }
  return words;
}

/** A JSON string's value as the builder reads it (dockerfile-ast's getJSONValue() drops the blanks inside it). */
function jsonValue(model: DockerfileModel, s: JSONArgument): string {
  try {
    const value: unknown = JSON.parse(model.textOf(s.getRange()));
    if (typeof value === 'string') return value;
  } catch {
    // A line continuation inside the string, or an escape JSON does not know.
  }
  return s.getJSONValue();
}

/** COPY/ADD words split into sources and destination; undefined when there is no destination. */
export function sourcesAndDestination(words: InstrWord[]): { sources: InstrWord[]; destination: InstrWord } | undefined {
  if (words.length < 2) return undefined;
  return { sources: words.slice(0, -1), destination: words[words.length - 1] };
}

/** The value of a flag of the instruction (`--from=build` → `build`); null when given without a value. */
export function flagValue(instr: DfInstruction, name: string): string | null | undefined {
  const flag = instr.flags.find((f) => f.name.toLowerCase() === name);
  return flag ? flag.value : undefined;
}

/**
 * The shell script a CMD, ENTRYPOINT (or HEALTHCHECK CMD) runs: the shell form's text, or the exec
 * form's words as one command (with `sh -c '…'` bodies parsed as scripts). Offsets are document offsets.
 */
export function commandScript(model: DockerfileModel, instr: DfInstruction): ShellScript | null {
  // Parsed once per instruction: several rules read it (a 12 KB CMD took two 30 ms parses in one analysis).
  if (commandScripts.has(instr)) return commandScripts.get(instr)!;
  const script = buildCommandScript(model, instr);
  commandScripts.set(instr, script);
  return script;
}

const commandScripts = new WeakMap<DfInstruction, ShellScript | null>();

function buildCommandScript(model: DockerfileModel, instr: DfInstruction): ShellScript | null {
  const ast = instr.ast;
  if (instr.execForm && ast instanceof JSONInstruction) {
    const strings = ast.getJSONStrings();
    if (strings.length === 0) return { commands: [] };
    const words = strings.map((s) => {
      const start = model.offsetAt(s.getJSONRange().start);
      const end = model.offsetAt(s.getJSONRange().end);
      return { raw: model.text.slice(start, end), value: jsonValue(model, s), start, end };
    });
    const name = (words[0].value ?? '').replace(/^.*\//, '');
    if (['sh', 'bash', 'ash', 'dash', 'zsh'].includes(name)) {
      const c = words.findIndex((w, i) => i > 0 && /^-[abd-z]*c[a-z]*$/.test(w.value ?? ''));
      const body = c > 0 ? words[c + 1] : undefined;
      // Offsets are exact when the JSON string has no escapes, close enough otherwise.
      if (body?.value) return model.parseScript(body.value, body.start);
    }
    return {
      commands: [{ name, command: words[0], args: words.slice(1), assigns: [], start: words[0].start, end: words[words.length - 1].end }],
    };
  }
  const argsRange = ast.getArgumentsRange();
  if (!argsRange) return { commands: [] };
  let start = model.offsetAt(argsRange.start);
  for (const f of instr.flags) start = Math.max(start, model.offsetAt(f.range.end));
  return model.parseScript(model.shellText(start, instr.end, false), start);
}

/** The stage and the earlier stages it builds on (`FROM base AS final`), nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parent) chain.push(s);
  return chain;
}

/**
 * Stages whose instructions shape a container someone runs: the final stage and what it builds on,
 * and stages no other stage uses (alternative `--target`s). A stage that only feeds `COPY --from`
 * (or only serves as the base of such stages) is a build stage and is left out.
 */
export function runtimeStages(model: DockerfileModel): Stage[] {
  const memo = new Map<Stage, boolean>();
  const runtime = (s: Stage): boolean => {
    const known = memo.get(s);
    if (known !== undefined) return known;
    memo.set(s, false);
    const children = model.stages.filter((c) => c.parent === s);
    const result = s.isFinal || (!s.copiedFrom && children.length === 0) || children.some(runtime);
    memo.set(s, result);
    return result;
  };
  return model.stages.filter(runtime);
}
