import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { positionals, type ShellCommand } from '../../dockerfile/shell';
import { stageChain } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/**
 * A `cd` target WORKDIR can say too: literal text and `$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR:+x}`; not `$(…)`, backticks,
 * `${VAR%x}` and other shell-only expansions, or `-`. A `$VAR` takes every word character after it (`(?!\w)`): letting
 * it stop early made the alternatives overlap, and the regex exponential on a long `$name`.
 */
const WORKDIR_EXPRESSIBLE = /^(?!["']?-["']?$)(?:[^$`\\]|\$[A-Za-z_]\w*(?!\w)|\$\{[A-Za-z_]\w*(?::?[-+][^}$`]*)?\})+$/;

/** Commands that may come before a `cd` without making it "not the first" (shell options only). */
const PREAMBLE = new Set(['set', 'shopt']);
// The delimiter word, quoted or not, and the rest of its line (an unquoted word is absorbed by `[^\n]*`: no backtracking).
export const HEREDOC_LINE = /^\s*<<-?\s*(?:"[A-Za-z_][\w.-]*"|'[A-Za-z_][\w.-]*'|[A-Za-z_])[^\n]*\n/;

/**
 * Which `cd` commands of RUN are reported. hadolint's DL3003 reports every `cd`; that buries the legitimate
 * build-and-clean-up pattern (`git clone … /tmp/x && cd /tmp/x && make install && cd / && rm -rf /tmp/x`, which
 * must stay in one RUN so the sources do not end up in a layer) and `cd` in subshells, which hadolint's own wiki
 * recommends. This rule reports what WORKDIR really does better:
 *  - a `cd` that is the last command of the RUN (or its only one): it has no effect, the next instruction starts in
 *    the WORKDIR again — the mistake the rule exists for;
 *  - a `cd` that starts the RUN (after `set -e` and the like) when it is the RUN's only `cd` and no WORKDIR is in
 *    effect yet: the whole RUN works in that directory, which is what WORKDIR is for.
 * A `cd` inside a subshell, `if`, loop, function or `sh -c` string, or after other commands, is not reported; neither
 * is a leading `cd` when the stage already set a WORKDIR (replacing it would mean switching back afterwards), or
 * `cd $(…)` / `cd ${X%y}`, which WORKDIR cannot express.
 */
const rule: DockerfileRule = {
  meta: {
    id: 'run-cd',
    title: 'cd in RUN instead of WORKDIR',
    severity: 'info',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports a `cd` that is the last (or only) command of a RUN, where it has no effect, and a `cd` that starts a RUN (after `set` options) when it is the only `cd` of that RUN and no WORKDIR is in effect yet, where WORKDIR does the job. Unlike hadolint DL3003 it leaves alone a `cd` in the middle of a RUN (build in a temporary directory, then clean up in the same layer), a `cd` in a subshell, condition, loop or `sh -c` string, a leading `cd` in a stage that already chose its WORKDIR, and targets WORKDIR cannot express (`cd $(…)`, `cd ${X%y}`).',
    rationale:
      'Every instruction starts in the WORKDIR again, so a `cd` does not carry over to the next RUN, COPY or CMD: a trailing `cd` does nothing, and a RUN that starts with `cd` hides the directory the build depends on in the middle of a shell line, where a later edit that splits the RUN silently runs the commands somewhere else.',
    howToFix:
      'Replace the leading `cd /dir &&` with a `WORKDIR /dir` line before the RUN (WORKDIR creates the directory if needed and also applies to the instructions after it), and delete a trailing `cd`. Where the directory must change only for a few commands, use a subshell: `(cd /tmp/src && make install)`.',
    example: {
      bad: 'FROM node:20-alpine\nCOPY . /app\nRUN cd /app && npm ci\nCMD ["node", "/app/server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    },
    aliases: ['DL3003', 'DS0013'],
    references: [
      hadolint('DL3003'),
      { title: 'Docker docs: best practices, WORKDIR', url: 'https://docs.docker.com/build/building/best-practices/#workdir' },
      { title: 'Dockerfile reference: WORKDIR', url: 'https://docs.docker.com/reference/dockerfile/#workdir' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructionsOf('RUN')) {
      if (instr.execForm) continue;
      const script = model.shellOf(instr);
      const commands = [...(script?.commands ?? [])].sort((a, b) => a.start - b.start);
      const cds = commands.filter((c) => c.name === 'cd');
      if (cds.length === 0) continue;
      for (const cd of cds) {
        const first = startsRun(model, instr, commands, cd);
        const last = endsRun(model, instr, commands, cd);
        const target = positionals(cd)[0];
        const written = model.text.slice(cd.start, cd.end).replace(/\s+/g, ' ').trim();
        const range = model.rangeOf(cd.start, cd.end);
        if (last) {
          ctx.report(
            range,
            first
              ? `\`${written}\` is the whole RUN and has no effect: the next instruction starts in the WORKDIR again; use \`WORKDIR${target ? ` ${target.raw}` : ''}\`.`
              : `\`${written}\` at the end of RUN has no effect: the next instruction starts in the WORKDIR again.`,
          );
        } else if (first && cds.length === 1 && target && WORKDIR_EXPRESSIBLE.test(target.raw) && !workdirInEffect(instr)) {
          ctx.report(range, `RUN starts with \`${written}\`: set the directory with \`WORKDIR ${target.raw}\` before the RUN, or use absolute paths.`);
        }
      }
    }
  },
};

/**
 * A WORKDIR earlier in the stage or the stages it builds on: the author chose a working directory for the image, and
 * moving this RUN's directory into another WORKDIR would mean switching back afterwards.
 */
function workdirInEffect(instr: DfInstruction): boolean {
  if (!instr.stage) return false;
  return stageChain(instr.stage).some((s) => s.instructions.some((i) => i.keyword === 'WORKDIR' && (s !== instr.stage || i.index < instr.index)));
}

/** Text with escaped line breaks and the comment lines of the instruction removed. */
function clean(model: DockerfileModel, text: string): string {
  const esc = model.escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g'), ' ').replace(/^[ \t]*#.*$/gm, '');
}

/** Nothing but blanks, `;` and `&&` (and, at the start, a heredoc operator and `set` options) before `cd`. */
function startsRun(model: DockerfileModel, instr: DfInstruction, commands: ShellCommand[], cd: ShellCommand): boolean {
  const chars = model.text.slice(instr.argsStart, cd.start).split('');
  for (const c of commands) {
    if (c.end > cd.start || !PREAMBLE.has(c.name)) continue;
    for (let k = c.start; k < c.end; k++) chars[k - instr.argsStart] = ' ';
  }
  const before = clean(model, chars.join('').replace(HEREDOC_LINE, '\n'));
  return /^(?:\s|;|&&)*$/.test(before);
}

/** The `cd` is the last command and follows the one before it in plain sequence (`a && cd x`, `a; cd x`). */
function endsRun(model: DockerfileModel, instr: DfInstruction, commands: ShellCommand[], cd: ShellCommand): boolean {
  let after = model.text.slice(cd.end, instr.end);
  // A heredoc body ends with its delimiter line.
  if (HEREDOC_LINE.test(model.text.slice(instr.argsStart, instr.end))) after = after.replace(/\n[ \t]*[A-Za-z_][\w.-]*[ \t]*\r?$/, '\n');
  if (!/^(?:\s|;)*$/.test(clean(model, after))) return false;
  const previous = commands.filter((c) => c !== cd && c.end <= cd.start);
  if (previous.length === 0) return startsRun(model, instr, commands, cd);
  const prevEnd = Math.max(...previous.map((c) => c.end));
  return /^(?:\s|;|&&)*$/.test(clean(model, model.text.slice(prevEnd, cd.start)));
}

export default rule;
