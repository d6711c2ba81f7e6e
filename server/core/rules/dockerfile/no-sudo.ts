import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { unwrapOnce } from '../../dockerfile/shell';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import { unquote } from '../../dockerfile/variables';
import { indentationOf, insertLinesAtEnd } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** sudo/doas options that change nothing when the command already runs as root (`-E`, `-H`, `-n`, …). */
const SUDO_NO_VALUE = new Set(['E', 'H', 'n', 'S', 'k', 'P', 'A', 'B', 'N']);
const SUDO_LONG_NO_VALUE = new Set(['preserve-env', 'set-home', 'non-interactive', 'stdin', 'reset-timestamp', 'preserve-groups', 'askpass', 'bell', 'no-update']);
const DOAS_NO_VALUE = new Set(['n']);

function isRootName(value: string): boolean {
  const name = value.split(':')[0];
  return name === 'root' || /^#?0+$/.test(name);
}

/**
 * The words sudo/doas adds in front of the command it runs (itself and its options), when dropping them keeps the
 * command's meaning as root: only options that are no-ops for root, `-u root` and `--`. Undefined otherwise (`sudo -u
 * app …` runs as someone else, `sudo -i`/`-s` run through a login shell, `sudo -v` runs nothing).
 */
function sudoPrefix(cmd: ShellCommand): { words: ShellWord[]; command: ShellWord } | undefined {
  const sudo = cmd.name === 'sudo';
  const words: ShellWord[] = [cmd.command];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === null) return undefined;
    if (v === '--') {
      words.push(w);
      const next = args[i + 1];
      return next ? { words, command: next } : undefined;
    }
    if (sudo && v.startsWith('--')) {
      const [name, value] = v.slice(2).split(/=(.*)/s);
      if (SUDO_LONG_NO_VALUE.has(name)) {
        words.push(w);
        continue;
      }
      if (name === 'user' || name === 'prompt') {
        const val = value ?? args[i + 1]?.value;
        if (val === null || val === undefined || (name === 'user' && !isRootName(val))) return undefined;
        words.push(w);
        if (value === undefined) words.push(args[++i]);
        continue;
      }
      return undefined;
    }
    if (v.startsWith('-') && v.length > 1) {
      const flags = v.slice(1);
      const noValue = sudo ? SUDO_NO_VALUE : DOAS_NO_VALUE;
      let k = 0;
      while (k < flags.length && noValue.has(flags[k])) k++;
      if (k < flags.length) {
        const f = flags[k];
        // `-u root` (also `-uroot`, `-Eu root`), and sudo's `-p prompt`.
        if (f !== 'u' && !(sudo && f === 'p')) return undefined;
        const inline = flags.slice(k + 1);
        const val = inline !== '' ? inline : args[i + 1]?.value;
        if (val === null || val === undefined || (f === 'u' && !isRootName(val))) return undefined;
        words.push(w);
        if (inline === '') words.push(args[++i]);
        continue;
      }
      words.push(w);
      continue;
    }
    return { words, command: w };
  }
  return undefined;
}

type UserAt = { kind: 'root' } | { kind: 'nonroot'; instr?: DfInstruction } | { kind: 'unknown' };

/** Images documented to run as a non-root user when no USER is set (as the model's `effectiveUser` knows them). */
function knownNonRootBase(model: DockerfileModel, instr: DfInstruction): boolean {
  let stage = instr.stage;
  while (stage?.parent) stage = stage.parent;
  if (!stage) return false;
  const image = stage.image;
  const tag = image.tag ?? '';
  if (/(^|[-_.])nonroot([-_.]|$)/.test(tag) || /rootless/.test(tag)) return true;
  return /^(cgr\.dev\/chainguard\/|chainguard\/)/.test(image.resolved ?? image.raw) && !/-dev$/.test(tag);
}

/** The user a RUN executes as: the last USER before it in its stage or the stages it builds on, else the base image's. */
function userAt(model: DockerfileModel, instr: DfInstruction): UserAt {
  const stage = instr.stage;
  if (!stage) return { kind: 'unknown' };
  let user: DfInstruction | undefined;
  for (const i of stage.instructions) if (i.index < instr.index && i.keyword === 'USER') user = i;
  if (!user && stage.parent) {
    const eu = model.effectiveUser(stage.parent);
    user = eu.instruction;
    if (!user) return eu.defaultRoot ? { kind: 'root' } : eu.known ? { kind: 'nonroot' } : { kind: 'unknown' };
  }
  if (!user) {
    let root = stage;
    while (root.parent) root = root.parent;
    if (root.image.resolved === undefined) return { kind: 'unknown' };
    return knownNonRootBase(model, instr) ? { kind: 'nonroot' } : { kind: 'root' };
  }
  const raw = model.argumentText(user);
  const value = raw === undefined ? undefined : model.resolve(raw, user);
  if (value === undefined) return { kind: 'unknown' };
  return isRootName(unquote(value).trim().split(/\s+/)[0]) ? { kind: 'root' } : { kind: 'nonroot', instr: user };
}

/** Deletes each word with the blanks after it on its line (a continuation after them stays). */
function removeWords(model: DockerfileModel, words: ShellWord[], execForm: boolean, command: ShellWord): TextEdit[] | undefined {
  const text = model.text;
  if (execForm) {
    // `["sudo", "-E", "apk", …]`: drop the JSON strings up to the command's opening quote.
    const start = words[0].start - 1;
    const end = command.start - 1;
    if (text[start] !== '"' || text[end] !== '"') return undefined;
    return [{ range: model.rangeOf(start, end), newText: '' }];
  }
  const edits: TextEdit[] = [];
  for (const w of words) {
    if (text.slice(w.start, w.end) !== w.raw) return undefined;
    let end = w.end;
    while (text[end] === ' ' || text[end] === '\t') end++;
    edits.push({ range: model.rangeOf(w.start, end), newText: '' });
  }
  return edits;
}

/** Lines inserted before the instruction's first line and after its last one, indented like its first line. */
function wrapInstruction(model: DockerfileModel, instr: DfInstruction, before: string, after: string): TextEdit[] {
  const index = model.lines;
  const eol = detectEol(model.text);
  const first = instr.range.start.line;
  const last = instr.range.end.line;
  const indent = indentationOf(index, first);
  const at = { line: first, character: 0 };
  const edits: TextEdit[] = [{ range: { start: at, end: at }, newText: indent + before + eol }];
  if (last + 1 >= index.lineCount) edits.push(insertLinesAtEnd(index, [indent + after]));
  else {
    const next = { line: last + 1, character: 0 };
    edits.push({ range: { start: next, end: next }, newText: indent + after + eol });
  }
  return edits;
}

function fixesFor(model: DockerfileModel, instr: DfInstruction, cmd: ShellCommand): Fix[] {
  const prefix = sudoPrefix(cmd);
  if (!prefix) return [];
  const removal = removeWords(model, prefix.words, instr.execForm, prefix.command);
  if (!removal) return [];
  const name = cmd.name;
  const user = userAt(model, instr);
  if (user.kind === 'root') return [{ title: `Remove ${name}`, edits: removal, safe: true, isPreferred: true }];
  if (user.kind === 'nonroot' && user.instr) {
    // The RUN needs root: switch to root around it and back to the stage's user after it.
    const back = model.text.slice(user.instr.start, user.instr.end);
    if (/[\r\n]/.test(back)) return [];
    return [
      {
        title: `Replace ${name} with USER root around this RUN`,
        edits: [...removal, ...wrapInstruction(model, instr, 'USER root', back.trim())],
        safe: false,
        isPreferred: true,
      },
    ];
  }
  if (user.kind === 'unknown') return [{ title: `Remove ${name}`, edits: removal, safe: false, isPreferred: true }];
  return [];
}

const rule: DockerfileRule = {
  meta: {
    id: 'no-sudo',
    title: 'sudo used in RUN',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: 'Reports `sudo` (and `doas`) invoked in a `RUN` command.',
    rationale:
      'RUN already executes as the current `USER`; sudo only works if the image keeps a sudoers grant, which lets any process in the running container that gains that user escalate to root. It also makes builds depend on TTY and PAM behaviour.',
    howToFix:
      'Remove `sudo`. Run the privileged steps while the stage is still root, then switch to the unprivileged user with `USER` for the steps and the runtime that do not need root. The quick fix removes `sudo` and its options (`-E`, `-H`, `-n`, `-u root`, …); it is applied by fix-all when the RUN already runs as root. After a non-root `USER` it puts `USER root` before the RUN and the earlier `USER` back after it (a choice, so not applied by fix-all). `sudo -u <user>`, `sudo -i`/`-s` and similar change who or how the command runs and get no quick fix.',
    example: {
      bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update',
      good: 'FROM debian:12\nRUN apt-get update\nUSER app',
    },
    aliases: ['DL3004', 'DS0010', 'CKV2_DOCKER_1', 'KICS Run Using Sudo'],
    references: [hadolint('DL3004')],
  },
  check(ctx) {
    for (const { instruction, command } of ctx.model.runCommands()) {
      // Also `env X=1 sudo …`: look through wrappers until sudo itself.
      let cmd = command;
      for (let next = cmd; cmd.name !== 'sudo' && cmd.name !== 'doas' && (next = unwrapOnce(cmd)) !== cmd; ) cmd = next;
      if (cmd.name === 'sudo' || cmd.name === 'doas') {
        const r = ctx.model.rangeOf(cmd.command.start, cmd.command.end);
        ctx.report(
          r,
          `\`${cmd.name}\` in RUN: the build already runs as the current USER; do root steps before switching USER.`,
          fixesFor(ctx.model, instruction, cmd),
        );
      }
    }
  },
};

export default rule;
