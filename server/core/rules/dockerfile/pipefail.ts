import { JSONInstruction } from 'dockerfile-ast';
import { baseImage } from '../../dockerfile/base-image';
import { effectiveCommand, interpreterOf } from '../../dockerfile/commands';
import { heredocShebang, heredocsOf, isHeredocScript } from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import type { ShellCommand } from '../../dockerfile/shell';
import { insertLinesBefore, indentationOf } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** Shells whose `set -o pipefail` works (BusyBox ash, Alpine's `/bin/sh`, included). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ksh', 'ksh93', 'mksh', 'ash', 'busybox']);
const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'ksh93', 'mksh', 'busybox']);
/** Commands before a `|` whose failure pipefail would not catch anyway (they do not fail). */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);

function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '').toLowerCase();
}

/** True when shell options (`-o pipefail`, `-eo pipefail`, `-euxo pipefail`) turn pipefail on. */
function optionsSetPipefail(args: (string | null)[]): boolean {
  return args.some((a, i) => a === 'pipefail' && i > 0 && /^-[a-zA-Z]*o$/.test(args[i - 1] ?? ''));
}

/** `set -o pipefail` (also `set -euo pipefail`, `set -o errexit -o pipefail`). */
function setsPipefail(cmd: ShellCommand): boolean {
  const eff = effectiveCommand(cmd);
  return eff.name === 'set' && optionsSetPipefail([null, ...eff.args.map((a) => a.value)]);
}

interface Pipe {
  /** Offsets of the `|`. */
  start: number;
  end: number;
  upstream: ShellCommand;
}

/** The shell a RUN's script runs with and its options: the SHELL in effect, or the exec form's own shell. */
function runShell(model: DockerfileModel, instr: DfInstruction): string[] | undefined {
  if (!instr.execForm) return model.shellCommandAt(instr);
  const strings = (instr.ast as JSONInstruction).getJSONStrings?.() ?? [];
  const values = strings.map((s) => {
    try {
      const v: unknown = JSON.parse(model.textOf(s.getRange()));
      return typeof v === 'string' ? v : '';
    } catch {
      return '';
    }
  });
  const c = values.findIndex((v, i) => i > 0 && /^-[abd-z]*c[a-z]*$/.test(v));
  if (c < 0 || !POSIX_SHELLS.has(baseName(values[0] ?? ''))) return undefined;
  return values.slice(0, c + 1);
}

/** The first pipe of the RUN's own script whose left side can fail, unless `set -o pipefail` comes before it. */
function unguardedPipe(model: DockerfileModel, instr: DfInstruction): Pipe | undefined {
  const script = model.shellOf(instr);
  if (!script || script.commands.length === 0) return undefined;
  // Scripts of inner shells (`bash -c '…'`, `sh <<EOF`) do not run with the RUN's shell options.
  const nested: [number, number][] = [];
  for (const c of script.commands) {
    const interp = interpreterOf(c);
    if (interp?.kind === 'shell' && interp.source === 'string' && interp.word) nested.push([interp.word.start, interp.word.end]);
  }
  if (!instr.execForm && !isHeredocScript(model, instr)) {
    for (const h of heredocsOf(model, instr)) {
      const r = h.getContentRange();
      if (r) nested.push([model.offsetAt(r.start), model.offsetAt(r.end)]);
    }
  }
  const inner = (c: ShellCommand) => nested.some(([s, e]) => c.start >= s && c.start < e);
  let guarded = Infinity;
  for (const c of script.commands) if (!inner(c) && setsPipefail(c)) guarded = Math.min(guarded, c.start);
  for (const c of script.commands) {
    const to = c.pipeTo;
    if (!to || inner(c) || c.start > guarded) continue;
    const eff = effectiveCommand(c);
    if (CANNOT_FAIL.has(eff.name) || (eff.name === 'cat' && eff.args.length === 0)) continue;
    const gap = model.text.slice(c.end, to.start);
    const m = /(?<!\|)\|(?!\|)/.exec(gap);
    const start = m ? c.end + m.index : c.end;
    return { start, end: m ? start + 1 : to.start, upstream: eff };
  }
  return undefined;
}

/** Whether the stage's image has bash at /bin/bash, and whether its `/bin/sh` accepts `set -o pipefail`. */
function imageShells(model: DockerfileModel, stage: Stage): { bash: boolean; shPipefail: boolean } {
  const base = baseImage(model, stage);
  const micro = base.minimal && base.packageManager === undefined;
  switch (base.family) {
    case 'debian':
      // Debian's and Ubuntu's /bin/sh is dash, which rejects `set -o pipefail`.
      return { bash: true, shPipefail: false };
    case 'rhel':
    case 'suse':
    case 'arch':
      return { bash: !micro, shPipefail: !micro };
    case 'alpine':
    case 'busybox':
    case 'wolfi':
      return { bash: false, shPipefail: true };
    default:
      return { bash: false, shPipefail: false };
  }
}

/** The first line of the comment block right above `line` (comments describe, or suppress findings on, the RUN). */
function blockStart(model: DockerfileModel, line: number): number {
  let l = line;
  while (l > 0 && /^\s*#/.test(model.lines.lineText(l - 1))) l--;
  return l;
}

function fixesFor(model: DockerfileModel, instr: DfInstruction, shell: string[], pipes: Map<DfInstruction, Pipe | undefined>): Fix[] {
  const stage = instr.stage;
  if (!stage || instr.execForm) return [];
  const name = baseName(shell[0] ?? '');
  const image = imageShells(model, stage);
  const fixes: Fix[] = [];

  // (a) A SHELL with pipefail before the first RUN with a pipe since the SHELL now in effect (in this stage).
  const bashPath = name === 'bash' ? shell[0] : image.bash && name === 'sh' ? '/bin/bash' : undefined;
  if (bashPath) {
    const lastShell = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.index < instr.index).pop();
    const first = stage.instructions.find((i) => i.keyword === 'RUN' && i.index <= instr.index && (!lastShell || i.index > lastShell.index) && pipes.get(i));
    if (first) {
      const line = blockStart(model, first.range.start.line);
      const text = `SHELL [${JSON.stringify(bashPath)}, "-o", "pipefail", "-c"]`;
      fixes.push({ title: `Insert \`${text}\` at line ${line + 1}`, edits: [insertLinesBefore(model.lines, line, [text])], safe: false, isPreferred: true });
    }
  }

  // (b) `set -o pipefail` at the start of this RUN's script, where its shell supports it.
  if (PIPEFAIL_SHELLS.has(name) || (name === 'sh' && image.shPipefail)) {
    let edit: TextEdit | undefined;
    let title: string;
    if (isHeredocScript(model, instr)) {
      const content = heredocsOf(model, instr)[0]?.getContentRange();
      title = 'Add `set -o pipefail` as the first line of the script';
      if (content && !heredocShebang(model, instr)) {
        const at = { line: content.start.line, character: 0 };
        edit = { range: { start: at, end: at }, newText: `${indentationOf(model.lines, content.start.line)}set -o pipefail${detectEol(model.text)}` };
      }
    } else {
      title = 'Prefix the RUN with `set -o pipefail &&`';
      edit = { range: model.rangeOf(instr.argsStart, instr.argsStart), newText: 'set -o pipefail && ' };
    }
    if (edit) fixes.push({ title, edits: [edit], safe: false, isPreferred: fixes.length === 0 });
  }
  return fixes;
}

const rule: DockerfileRule = {
  meta: {
    id: 'pipefail',
    title: 'Pipe in RUN without `pipefail`',
    severity: 'warning',
    category: 'supply-chain',
    kind: 'dockerfile',
    description:
      'Reports a RUN whose script pipes one command into another (`curl … | tar -x`, `wget -O- … | gpg --dearmor`) while its shell runs without `-o pipefail`: the default `/bin/sh -c`, or a SHELL without it, and no `set -o pipefail` earlier in the RUN. Pipes fed only by commands that cannot fail (`echo`, `printf`, `cat <<EOF`) and pipes inside an inner `bash -c \'…\'` are not reported.',
    rationale:
      'A pipeline\'s exit status is that of its last command, so when the download, decompression or signature check on the left fails, the RUN still succeeds and the image is built with an empty, truncated or unverified file; the failure surfaces later, at runtime, far from its cause.',
    howToFix:
      'Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUNs that pipe (on images that have bash: Debian, Ubuntu, RHEL-family, openSUSE), or start the RUN with `set -o pipefail &&` where `/bin/sh` supports it (Alpine and BusyBox ash; not Debian\'s dash). Neither is applied by fix-all: bash behaves differently from dash in details (`echo` and escapes), and a pipe that failed silently will now fail the build.',
    example: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin',
    },
    aliases: ['DL4006', 'KICS Shell Running A Pipe Without Pipefail'],
    references: [
      hadolint('DL4006'),
      { title: 'Docker docs: Dockerfile best practices (using pipes)', url: 'https://docs.docker.com/build/building/best-practices/#using-pipes' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const pipes = new Map<DfInstruction, Pipe | undefined>();
    const shells = new Map<DfInstruction, string[]>();
    for (const instr of model.instructions) {
      if (instr.keyword !== 'RUN') continue;
      const shell = runShell(model, instr);
      if (!shell || !POSIX_SHELLS.has(baseName(shell[0] ?? '')) || optionsSetPipefail(shell)) continue;
      if (isHeredocScript(model, instr) && heredocShebang(model, instr)) continue;
      shells.set(instr, shell);
      pipes.set(instr, unguardedPipe(model, instr));
    }
    for (const [instr, pipe] of pipes) {
      if (!pipe) continue;
      const shell = shells.get(instr)!;
      const who = pipe.upstream.name ? `\`${pipe.upstream.name}\`` : 'the command before `|`';
      ctx.report(
        model.rangeOf(pipe.start, pipe.end),
        `A failure of ${who} before this pipe is ignored: the RUN's shell (\`${shell.join(' ')}\`) runs without \`-o pipefail\`.`,
        fixesFor(model, instr, shell, pipes),
      );
    }
  },
};

export default rule;
