import type { Fix } from '../../types';
import { chmodCall, effectiveCommand, findExecCommands, parseOptions } from '../../dockerfile/commands';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import { unquote } from '../../dockerfile/variables';
import type { DockerfileRule } from '../rule';

/**
 * Decisions:
 * - Octal modes with the "others write" bit (`777`, `0777`, `666`, `2777`, `-R 777`) and symbolic
 *   modes that add write for others (`o+w`, `a+w`, `ugo+rwx`, `a=rwx`, `o=rwx`).
 * - `+w` / `=rwx` without a "who" are not reported: chmod applies the umask to them (022 in builds),
 *   so others do not get write permission.
 * - The sticky bit (`1777`, `3777`, `+t`) is the standard mode of shared directories such as /tmp:
 *   others can add files but not replace or delete anyone else's, so a non-recursive sticky mode is
 *   not reported. Recursive (`chmod -R 1777 dir`) still is, except on temp directories: it makes
 *   every file inside world-writable (the sticky bit means nothing on files).
 * - `/dev/...` targets are not reported (device nodes such as /dev/null are 666 by design, and /dev
 *   is not part of the image).
 * - Also `mkdir -m`/`install -m` modes, `find … -exec chmod …`, `xargs chmod …`, and modes from ARG/ENV.
 */

const TEMP_DIRS = /^(\/tmp|\/var\/tmp|\/dev\/shm|\/run\/lock|\/var\/lock)(\/.*)?$/;

interface ModeEffect {
  worldWritable: boolean;
  sticky: boolean;
}

/** What a chmod mode does to "others write" and to the sticky bit; undefined when it is not a mode. */
/**
 * The mode without write permission for group and others: numeric modes lose those bits (`777` → `755`, `0666` →
 * `0644`, `1777` → `1755`), symbolic ones get `,go-w` appended. Only for a mode written literally in the command (not
 * from an ARG, not attached to an option). Not safe: the image may rely on another user writing there.
 */
function saferMode(model: DockerfileModel, mode: ShellWord, value: string, attached: string | null | undefined): Fix[] | undefined {
  if (attached !== undefined || mode.raw !== value) return undefined;
  let safer: string;
  if (/^[0-7]{3,4}$/.test(value)) {
    const n = parseInt(value, 8) & ~0o022;
    safer = n.toString(8).padStart(value.length, '0');
  } else if (/^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(value)) {
    safer = `${value},go-w`;
  } else return undefined;
  return [{ title: `Use \`${safer}\` (no write for group and others)`, edits: [{ range: model.rangeOf(mode.start, mode.end), newText: safer }], safe: false, isPreferred: true }];
}

export function modeEffect(mode: string): ModeEffect | undefined {
  if (/^[0-7]{1,5}$/.test(mode)) {
    const n = parseInt(mode, 8);
    return { worldWritable: (n & 0o002) !== 0, sticky: (n & 0o1000) !== 0 };
  }
  let worldWritable = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1];
    const others = who.includes('o') || who.includes('a');
    for (const op of m[2].match(/[-+=][^-+=]*/g) ?? []) {
      const perms = op.slice(1);
      const adds = op[0] === '+' || op[0] === '=';
      if (others) {
        if (perms.includes('w')) worldWritable = adds;
        else if (op[0] === '=') worldWritable = false;
      }
      if (perms.includes('t') && (others || who === '')) sticky = adds;
    }
  }
  return { worldWritable, sticky };
}

function literal(model: DockerfileModel, instr: DfInstruction, word: ShellWord): string | undefined {
  if (word.value !== null) return word.value;
  // ARG/ENV substitution only: a mode held in a shell variable is not guessed.
  const resolved = model.resolve(word.raw, instr);
  if (resolved === undefined || /[$`]/.test(resolved)) return undefined;
  return unquote(resolved);
}

const rule: DockerfileRule = {
  meta: {
    id: 'chmod-world-writable',
    title: 'World-writable permissions',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports `chmod` (also `mkdir -m`, `install -m`, `find -exec chmod`) giving write permission to all users: `777`, `666`, `0777`, `-R 777`, `o+w`, `a+w`, `ugo+rwx`, `a=rwx`, including modes taken from an ARG. A sticky-bit mode such as `chmod 1777 /tmp` is the normal shared-directory mode and is not reported unless applied recursively outside temp directories.',
    rationale:
      'Any process in the container, whatever user it runs as, can then modify or replace those files: a compromised low-privilege service (or a container started with a different `--user`) can plant code that a more privileged process later executes, or tamper with data and logs.',
    howToFix:
      'Give ownership to the user that needs to write (`chown app:app /data` or `COPY --chown=app:app`) and use `755` for directories / `644` for files, or `775`/`g+w` with a shared group. Remove the "others" write bit with `chmod -R o-w <path>`. For a shared scratch directory use the sticky bit (`1777`).',
    example: {
      bad: 'FROM debian:12\nRUN useradd -r app && mkdir -p /data && chmod -R 777 /data\nUSER app',
      good: 'FROM debian:12\nRUN useradd -r app && mkdir -p /data && chown app:app /data && chmod 755 /data\nUSER app',
    },
    aliases: [],
    references: [
      { title: 'chmod(1): symbolic and numeric modes', url: 'https://man7.org/linux/man-pages/man1/chmod.1.html' },
      { title: 'CWE-732: Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<number>();
    const judge = (instr: DfInstruction, mode: ShellWord, targets: ShellWord[], recursive: boolean, tool: string, attached?: string | null, fallback = 'the target') => {
      const value = attached === undefined ? literal(model, instr, mode) : attached ?? undefined;
      if (value === undefined) return;
      const effect = modeEffect(value);
      if (!effect?.worldWritable) return;
      const paths = targets.map((t) => literal(model, instr, t));
      const known = paths.filter((p): p is string => p !== undefined);
      if (known.length > 0 && known.length === paths.length && known.every((p) => p.startsWith('/dev/'))) return;
      if (effect.sticky) {
        if (!recursive) return;
        if (known.length > 0 && known.length === paths.length && known.every((p) => TEMP_DIRS.test(p))) return;
      }
      if (seen.has(mode.start)) return;
      seen.add(mode.start);
      const shown = attached !== undefined || value === mode.value ? value : `${mode.raw} = ${value}`;
      const what = known.length ? `${known.slice(0, 3).join(', ')}${known.length > 3 ? ', …' : ''}` : fallback;
      const note = effect.sticky
        ? ' (recursively, so every file inside too: the sticky bit does not protect files)'
        : known.length && known.every((p) => TEMP_DIRS.test(p))
          ? ' and lets anyone delete or replace the others\' files: use 1777 (sticky bit) for a shared temp directory'
          : '';
      ctx.report(model.rangeOf(mode.start, mode.end), `\`${tool}${recursive ? ' -R' : ''} ${shown}\` lets every user write to ${what}${note}.`, saferMode(model, mode, value, attached));
    };

    const visit = (instr: DfInstruction, cmd: ShellCommand, fallback?: string) => {
      const chmod = chmodCall(cmd);
      if (chmod) {
        if (chmod.mode) judge(instr, chmod.mode, chmod.targets, chmod.recursive, 'chmod', undefined, fallback);
      } else if (cmd.name === 'mkdir' || cmd.name === 'install') {
        const parsed = parseOptions(cmd.args, { shortWithValue: cmd.name === 'install' ? 'mgoSt' : 'm', longWithValue: ['mode', 'owner', 'group', 'suffix', 'target-directory', 'context'] });
        for (const o of parsed.options) {
          if (o.name !== 'm' && o.name !== 'mode') continue;
          const targets = cmd.name === 'install' ? parsed.positionals.slice(-1) : parsed.positionals;
          if (o.valueWord) judge(instr, o.valueWord, targets, false, `${cmd.name} -m`);
          else if (o.value !== undefined) judge(instr, o.word, targets, false, `${cmd.name} -m`, o.value);
        }
      }
    };

    for (const { instruction, command } of model.runCommands()) {
      const eff = effectiveCommand(command);
      visit(instruction, eff, eff !== command && command.name === 'xargs' ? 'the paths xargs reads' : undefined);
      for (const sub of findExecCommands(command)) visit(instruction, effectiveCommand(sub), 'the files find selects');
    }
  },
};

export default rule;
