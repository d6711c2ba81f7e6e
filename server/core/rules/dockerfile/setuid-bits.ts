import { chmodCall, effectiveCommand, findExecCommands, isInstall, packageManagerOf, type ChmodCall } from '../../dockerfile/commands';
import type { ImageRef } from '../../dockerfile/image';
import { isPosixShell, shellName, type DockerfileModel, type Stage } from '../../dockerfile/model';
import { insertLinesAtEnd, insertLinesBefore } from '../../fixes/edits';
import type { Fix } from '../../types';
import { unwrap, type ShellCommand } from '../../dockerfile/shell';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

/**
 * What counts as stripping, in a RUN of the final stage or of a stage it builds on (`FROM base AS final`):
 * - `find <path> … -perm /6000|-4000|/u+s,g+s|… … -exec chmod <mode removing s> {} +` (or `-execdir`,
 *   `-exec rm`, `-delete`, or the list piped into `xargs chmod a-s` / `xargs rm`);
 * - `chmod -R a-s` (or `u-s`, `g-s`, `ug-s`, `-s`) over `/` or a system directory (`/usr`, `/bin`,
 *   `/sbin`, `/usr/bin`, …), or over a glob in one of them (`chmod a-s /usr/bin/*`).
 * Naming a few binaries (`chmod u-s /usr/bin/passwd`) does not count: the base image's other setuid
 * binaries (su, mount, newgrp, chsh, …) keep their bits. A strip followed by an OS package install
 * (`apt-get install`, `apk add`, `dnf install`, …) in the same chain does not count either: new
 * packages can bring new setuid binaries.
 * Not reported: final stages on images without a shell or setuid binaries (`scratch`, distroless,
 * Chainguard `static`, Ubuntu chiseled, Windows — by name or by a `cmd` SHELL), and bases whose name is unknown
 * (ARG without default). The fix is offered only where the new RUN would run with a POSIX shell.
 */

const SYSTEM_DIRS = /^\/(usr(\/local)?|usr\/(s?bin|lib\w*|libexec)|s?bin|lib\w*|opt)?\/?$/;
const SYSTEM_GLOB = /^\/(usr\/(local\/)?)?s?bin\/.*\*/;
const OS_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'dpkg', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'rpm', 'zypper', 'pacman']);

/** True when a symbolic mode removes the setuid or setgid bit. */
function removesSetid(mode: string): boolean {
  return mode.split(',').some((clause) => {
    const m = /^([ugoa]*)((?:[-+=][rwxXst]*)+)$/.exec(clause);
    if (!m || (m[1] !== '' && !/[uga]/.test(m[1]))) return false;
    return (m[2].match(/[-+=][^-+=]*/g) ?? []).some((op) => op[0] === '-' && op.includes('s'));
  });
}

/** A `-perm` test that selects setuid/setgid files: `/6000`, `-4000`, `+2000`, `/u+s`, `-u=s,g=s`, … */
function isSetidPerm(value: string): boolean {
  if (/^[-/+]?[0-7]*[2-7][0-7]{3}$/.test(value)) {
    const n = parseInt(value.replace(/^[-/+]/, ''), 8);
    return (n & 0o6000) !== 0;
  }
  return value
    .replace(/^[-/+]/, '')
    .split(',')
    .some((clause) => /^([ugoa]*)[+=][rwxXt]*s/.test(clause) && !/^o+[+=]/.test(clause));
}

function stripsByChmod(chmod: ChmodCall | undefined, viaFind: boolean): boolean {
  if (!chmod?.mode?.value || !removesSetid(chmod.mode.value)) return false;
  if (viaFind) return true;
  return chmod.targets.some((t) => t.value !== null && ((chmod.recursive && SYSTEM_DIRS.test(t.value)) || SYSTEM_GLOB.test(t.value)));
}

function isStrip(cmd: ShellCommand): boolean {
  const eff = effectiveCommand(cmd);
  if (eff.name === 'find') {
    const perm = eff.args.findIndex((a, i) => a.value === '-perm' && eff.args[i + 1]?.value && isSetidPerm(eff.args[i + 1].value!));
    if (perm < 0) return false;
    if (eff.args.some((a) => a.value === '-delete')) return true;
    if (findExecCommands(cmd).some((sub) => sub.name === 'rm' || stripsByChmod(chmodCall(sub), true))) return true;
    // find … -perm /6000 -print0 | xargs -0 chmod a-s
    const next = cmd.pipeTo;
    if (next && unwrap(next).name === 'xargs') {
      const target = effectiveCommand(next);
      return target.name === 'rm' || stripsByChmod(chmodCall(target), true);
    }
    return false;
  }
  return stripsByChmod(chmodCall(cmd), false);
}

/** Images without a shell or setuid binaries to strip. */
function isShellless(image: ImageRef): boolean {
  const ref = (image.resolved ?? '').toLowerCase();
  if (ref === 'scratch') return true;
  const repo = image.repository ?? '';
  const tag = image.tag ?? '';
  if (image.registry === 'gcr.io' && repo.startsWith('distroless/')) return !/debug/.test(tag);
  if (/^(cgr\.dev\/)?chainguard\/static$/.test(`${image.registry ? `${image.registry}/` : ''}${repo}`)) return true;
  if (/chiseled/.test(tag) || /nanoserver|windowsservercore/.test(`${repo}:${tag}`) || /^windows(\/|$)/.test(repo)) return true;
  return false;
}

/** The final stage and the stages it builds on, base first. */
function chain(final: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = final; s && !out.includes(s); s = s.parent) out.unshift(s);
  return out;
}

const STRIP = 'RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true';

/**
 * "Strip setuid/setgid bits": a RUN that clears them on every file of the image, placed after the stage's last
 * package install and while it still runs as root — before its last USER when that comes after every install, else
 * before CMD/ENTRYPOINT, else at the end of the stage.
 */
function stripFix(model: DockerfileModel, stage: Stage): Fix | undefined {
  const list = stage.instructions;
  const installs = model
    .runCommands(stage)
    .filter(({ command }) => {
      const pm = packageManagerOf(command);
      return !!pm && isInstall(pm);
    })
    .map(({ instruction }) => instruction.index);
  const lastInstall = installs.length ? Math.max(...installs) : -1;
  const users = list.filter((i) => i.keyword === 'USER');
  const lastUser = users[users.length - 1];
  const runtime = list.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')[0];
  const before = lastUser && lastUser.index > lastInstall ? lastUser : runtime && runtime.index > lastInstall ? runtime : undefined;
  const last = list[list.length - 1];
  // The RUN is a POSIX shell script: under a PowerShell (or other) SHELL it would not run, nor count as a strip.
  if (!isPosixShell(before ? model.shellCommandAt(before) : model.shellCommandAt(last, true))) return undefined;
  const edit = before
    ? insertLinesBefore(model.lines, before.range.start.line, [STRIP])
    : last.range.end.line + 1 < model.lines.lineCount
      ? insertLinesBefore(model.lines, last.range.end.line + 1, [STRIP])
      : insertLinesAtEnd(model.lines, [STRIP]);
  return { title: 'Strip setuid/setgid bits from the image', edits: [edit], safe: false, isPreferred: true };
}

const rule: DockerfileRule = {
  meta: {
    id: 'setuid-bits',
    title: 'Setuid/setgid bits not stripped',
    severity: 'off',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a final stage in which no RUN removes the setuid/setgid bits from the image\'s files (e.g. `find / -xdev -perm /6000 -type f -exec chmod a-s {} +`), or removes them before packages are installed. Final stages on `scratch`, distroless, Chainguard static or chiseled images are not reported. Off by default.',
    rationale:
      'Setuid/setgid binaries (su, passwd, mount, newgrp, chsh, …) run with their owner\'s privileges, usually root. Inside a container they are the usual way a compromised non-root process escalates to root, through a bug in one of them or a misconfiguration they trust; an application image rarely needs any.',
    howToFix:
      'At the end of the final stage, while still root and after the last package install, add `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`, then switch to the unprivileged `USER`. Alternatively build the final stage on a distroless or `scratch` image.',
    example: {
      bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nUSER 10001',
      good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\nUSER 10001',
    },
    aliases: ['CIS 4.8'],
    references: [
      cis('4.8', 'Ensure setuid and setgid permissions are removed'),
      { title: 'find(1): -perm', url: 'https://man7.org/linux/man-pages/man1/find.1.html' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const final = model.finalStage;
    if (!final) return;
    const stages = chain(final);
    const root = stages[0];
    if (root.image.resolved === undefined || isShellless(root.image)) return;
    // `cmd` is Windows' shell: a Windows image whose name did not say so (no setuid bits there).
    const last = final.instructions[final.instructions.length - 1];
    if (shellName(model.shellCommandAt(last, true)) === 'cmd') return;
    let lastStrip: ShellCommand | undefined;
    let installAfter: ShellCommand | undefined;
    for (const stage of stages) {
      for (const { command } of model.runCommands(stage)) {
        if (isStrip(command)) {
          lastStrip = command;
          installAfter = undefined;
          continue;
        }
        const pm = packageManagerOf(command);
        if (lastStrip && pm && OS_MANAGERS.has(pm.manager) && isInstall(pm)) installAfter ??= command;
      }
    }
    const range = final.imageRange ?? final.from.keywordRange;
    const rootRef = root.image.resolved ?? root.image.raw;
    const image = final.image.raw === rootRef ? rootRef : `${final.image.raw} → ${rootRef}`;
    const fix = stripFix(model, final);
    const fixes = fix ? [fix] : [];
    if (!lastStrip) {
      ctx.report(range, `The final stage (FROM ${image}) keeps every setuid/setgid binary of its base image: no RUN strips the bits.`, fixes);
    } else if (installAfter) {
      const line = (c: ShellCommand) => model.rangeOf(c.start, c.start).start.line + 1;
      ctx.report(range, `The final stage strips setuid/setgid bits on line ${line(lastStrip)} but installs packages afterwards on line ${line(installAfter)}, which can add new setuid binaries.`, fixes);
    }
  },
};

export default rule;
