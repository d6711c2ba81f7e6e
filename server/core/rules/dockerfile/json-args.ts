import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { singleQuotedExecForm, jsonString } from '../../dockerfile/exec-form';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import { commandScript, runtimeStages, stageChain } from '../../dockerfile/words';
import { replace } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/**
 * Shell builtins with no executable of the same name in common images: in exec form they fail with
 * "executable file not found", so a command starting with one is not converted.
 */
const BUILTINS_ONLY = new Set([
  '.', ':', 'alias', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'eval', 'exec', 'exit', 'export',
  'getopts', 'hash', 'let', 'local', 'read', 'readonly', 'return', 'set', 'shift', 'source', 'times', 'trap', 'type',
  'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);

const rule: DockerfileRule = {
  meta: {
    id: 'json-args',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports the `CMD` and `ENTRYPOINT` that take effect in a stage whose image can be run (the final stage, the stages it builds on, and stages nothing else uses) when they are written in shell form (`CMD node server.js`). Not reported: stages that only feed `COPY --from`, stages where a `SHELL` instruction chose the shell explicitly (as BuildKit does), Windows images, and a shell-form `CMD` whose last command is `exec …` (the shell replaces itself with the program).',
    rationale:
      'Shell form runs the command as `/bin/sh -c "…"`: the shell is PID 1 and does not forward SIGTERM, so on `docker stop` the program never hears the signal, cannot shut down cleanly and is killed after the grace period. A shell-form ENTRYPOINT also ignores CMD and the arguments given to `docker run`.',
    howToFix:
      'Write the command in exec form, `CMD ["node", "server.js"]` (JSON: double quotes, one item per argument). Exec form does no variable expansion, globbing, pipes or `&&`: when you need them, keep shell form but start the program with `exec` (`CMD ./prepare.sh && exec node server.js`), or move the steps into a script that ends with `exec "$@"` and use it as an exec-form ENTRYPOINT.',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD node server.js',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    },
    aliases: ['DL3025', 'BK JSONArgsRecommended'],
    references: [
      hadolint('DL3025'),
      { title: 'BuildKit check: JSONArgsRecommended', url: 'https://docs.docker.com/reference/build-checks/json-args-recommended/' },
      { title: 'Dockerfile reference: shell and exec form', url: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form' },
      { title: 'Dockerfile reference: ENTRYPOINT', url: 'https://docs.docker.com/reference/dockerfile/#entrypoint' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of runtimeStages(model)) {
      for (const keyword of ['CMD', 'ENTRYPOINT'] as const) {
        const list = model.instructionsOf(keyword, stage);
        // Only the last one takes effect; the earlier ones are multiple-cmd / multiple-entrypoint's business.
        const instr = list[list.length - 1];
        if (!instr || instr.execForm || model.argumentText(instr) === undefined) continue;
        if (singleQuotedExecForm(model, instr)) continue; // json-single-quotes
        if (explicitShell(instr) || model.shellCommandAt(instr)[0]?.toLowerCase() === 'cmd') continue;
        const script = commandScript(model, instr);
        const commands = script?.commands ?? [];
        const last = lastTopLevel(model, instr, commands);
        const execs = last?.name === 'exec';
        if (keyword === 'CMD' && execs) continue;
        const program = programName(commands[0]);
        const range = model.rangeOf(instr.argsStart, argumentsEnd(model, instr));
        const message =
          keyword === 'CMD'
            ? `CMD in shell form runs under \`/bin/sh -c\`, which does not forward SIGTERM to ${program}: it cannot shut down cleanly on \`docker stop\`.`
            : execs
              ? 'ENTRYPOINT in shell form ignores CMD and `docker run` arguments (they reach `/bin/sh -c`, not the program).'
              : `ENTRYPOINT in shell form runs under \`/bin/sh -c\`: ${program} does not receive SIGTERM, and CMD and \`docker run\` arguments are ignored.`;
        ctx.report(range, message, execFormFix(model, instr, stage, commands));
      }
    }
  },
};

/** A `SHELL` in the stage (before `instr`) or in a stage it builds on: the author chose the shell on purpose. */
function explicitShell(instr: DfInstruction): boolean {
  if (!instr.stage) return false;
  return stageChain(instr.stage).some((s) => s.instructions.some((i) => i.keyword === 'SHELL' && (s !== instr.stage || i.index < instr.index)));
}

function programName(cmd: ShellCommand | undefined): string {
  if (!cmd) return 'the program';
  let c = cmd;
  if (c.name === 'exec' && c.args[0]?.value) c = { ...c, name: c.args[0].value.replace(/^.*\//, '') };
  return c.name ? `\`${c.name}\`` : 'the program';
}

/** End of the argument text, without trailing blanks. */
function argumentsEnd(model: DockerfileModel, instr: DfInstruction): number {
  let end = instr.end;
  while (end > instr.argsStart && /\s/.test(model.text[end - 1])) end--;
  return end;
}

/**
 * The last command of the script when it runs at the top level, after the others in sequence (`a && b; c`): no
 * pipe, `||`, subshell or compound command between them. Undefined otherwise.
 */
function lastTopLevel(model: DockerfileModel, instr: DfInstruction, commands: ShellCommand[]): ShellCommand | undefined {
  if (commands.length === 0) return undefined;
  const last = commands.reduce((a, b) => (b.start > a.start ? b : a));
  const prevEnd = commands.filter((c) => c !== last && c.end <= last.start).reduce((m, c) => Math.max(m, c.end), instr.argsStart);
  const before = blank(model, model.text.slice(prevEnd, last.start));
  const after = blank(model, model.text.slice(last.end, instr.end));
  if (!/^[\s;]*$/.test(after)) return undefined;
  if (prevEnd === instr.argsStart ? !/^\s*$/.test(before) : !/^(;|&&)?$/.test(before.trim())) return undefined;
  return last;
}

/** Text with escaped line breaks removed. */
function blank(model: DockerfileModel, text: string): string {
  const esc = model.escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), ' ');
}

/** The exec form of a shell-form command that uses no shell feature; undefined when it does. */
function execWords(model: DockerfileModel, instr: DfInstruction, commands: ShellCommand[]): { words: string[]; end: number } | undefined {
  if (commands.length !== 1) return undefined;
  const cmd = commands[0];
  if (cmd.assigns.length > 0 || cmd.pipeTo || cmd.pipedFrom) return undefined;
  const words: ShellWord[] = [cmd.command, ...cmd.args];
  // Nothing but blanks and escaped line breaks around the words: no redirect, `&`, comment, or comment line.
  const esc = model.escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const gap = new RegExp(`^(?:[ \\t]|${esc}[ \\t]*\\r?\\n)*$`);
  let at = instr.argsStart;
  for (const w of words) {
    if (!gap.test(model.text.slice(at, w.start))) return undefined;
    if (w.value === null || !isPlainWord(w.raw, model.escapeChar)) return undefined;
    at = w.end;
  }
  if (model.text.slice(at, instr.end).trim() !== '') return undefined;
  let values = words.map((w) => w.value as string);
  if (values[0] === 'exec') values = values.slice(1);
  if (values.length === 0 || values[0] === '' || values[0].startsWith('-') || values[0].startsWith('[')) return undefined;
  if (BUILTINS_ONLY.has(values[0])) return undefined;
  return { words: values, end: at };
}

/** A word whose value the shell does not change beyond removing quotes: no globs, tilde, braces or escapes. */
function isPlainWord(raw: string, escapeChar: string): boolean {
  if (/[\r\n]/.test(raw) || raw.includes('\\') || raw.includes(escapeChar)) return false;
  let quote = '';
  for (const c of raw) {
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('*?[]{}~!#`$'.includes(c)) return false;
  }
  return quote === '';
}

function execFormFix(model: DockerfileModel, instr: DfInstruction, stage: Stage, commands: ShellCommand[]): Fix[] {
  const exec = execWords(model, instr, commands);
  if (!exec) return [];
  const json = `[${exec.words.map(jsonString).join(', ')}]`;
  const edits = [replace(model.rangeOf(instr.argsStart, exec.end), json)];
  if (instr.keyword === 'CMD') return [{ title: `Convert CMD to exec form: ${shorten(json)}`, edits, safe: true, isPreferred: true }];
  // An exec-form ENTRYPOINT receives CMD as arguments; a shell-form one ignored it. With a CMD around, that is a choice.
  const cmdAround = model.stages.some((s) => stageChain(s).includes(stage) && s.instructions.some((i) => i.keyword === 'CMD'));
  return [
    {
      title: cmdAround
        ? `Convert ENTRYPOINT to exec form: ${shorten(json)} (CMD then becomes its arguments)`
        : `Convert ENTRYPOINT to exec form: ${shorten(json)}`,
      edits,
      safe: !cmdAround,
      isPreferred: true,
    },
  ];
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export default rule;
