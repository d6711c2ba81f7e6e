import { cutAtFirst } from '../../text';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { positionals, unwrap } from '../../dockerfile/shell';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import { commandScript, instructionWords, runtimeStages, type InstrWord } from '../../dockerfile/words';
import { deleteLines } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

/** SSH server packages, by package manager family. */
const SERVER_PACKAGES: Record<string, Set<string>> = {
  // Debian's `ssh` is a metapackage that pulls in openssh-server.
  apt: new Set(['openssh-server', 'ssh', 'dropbear', 'dropbear-bin', 'dropbear-run', 'tinysshd']),
  // Alpine's `openssh` pulls in openssh-server.
  apk: new Set(['openssh-server', 'openssh-server-pam', 'openssh', 'dropbear']),
  rpm: new Set(['openssh-server', 'dropbear']),
  // openSUSE's `openssh` pulls in openssh-server.
  zypper: new Set(['openssh-server', 'openssh', 'dropbear']),
  pacman: new Set(['openssh', 'dropbear']),
};

/** Packages that bring the server along with the client, and the client-only package to use instead. */
const METAPACKAGES: Record<string, Record<string, string | null>> = {
  apt: { ssh: 'openssh-client' },
  apk: { openssh: 'openssh-client' },
  zypper: { openssh: 'openssh-clients' },
  // Arch ships client and server in one package.
  pacman: { openssh: null },
};

interface Installer {
  family: keyof typeof SERVER_PACKAGES;
  /** Subcommands that install. */
  verbs: string[];
  /** Options that take the next word as their value. */
  withValue: string[];
}

const INSTALLERS: Record<string, Installer> = {
  'apt-get': { family: 'apt', verbs: ['install'], withValue: ['-o', '-t', '-c', '--target-release', '--option', '--config-file'] },
  apt: { family: 'apt', verbs: ['install'], withValue: ['-o', '-t', '-c', '--target-release', '--option', '--config-file'] },
  aptitude: { family: 'apt', verbs: ['install'], withValue: ['-o', '-t', '--target-release'] },
  apk: {
    family: 'apk',
    verbs: ['add'],
    withValue: ['-X', '--repository', '-t', '--virtual', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file'],
  },
  yum: { family: 'rpm', verbs: ['install'], withValue: ['-c', '--config', '-x', '--exclude', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt'] },
  dnf: { family: 'rpm', verbs: ['install'], withValue: ['-c', '--config', '-x', '--exclude', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt'] },
  microdnf: { family: 'rpm', verbs: ['install'], withValue: ['--enablerepo', '--disablerepo', '--setopt', '--installroot', '--releasever'] },
  tdnf: { family: 'rpm', verbs: ['install'], withValue: ['-c', '--config', '--enablerepo', '--disablerepo', '--installroot', '--releasever'] },
  zypper: { family: 'zypper', verbs: ['install', 'in'], withValue: ['-t', '--type', '-r', '--repo', '--from'] },
};

/** The package name of an install argument, without version, release or architecture qualifiers. */
function packageName(family: string, word: string): string {
  let name = cutAtFirst(word, '=~<>:/').toLowerCase();
  if (family === 'rpm' || family === 'zypper') name = name.replace(/-\d[\w.+~]*(-[\w.+~]+)?$/, '');
  return name;
}

/** Package words of an install command, with values resolved from ARG/ENV where written as `$VAR`. */
function installedServerPackages(model: DockerfileModel, instr: DfInstruction, cmd: ShellCommand): { word: ShellWord; name: string; family: string }[] {
  let family: string | undefined;
  let words: ShellWord[] = [];
  // Own keys only: a command named `constructor` is no installer.
  const installer = Object.hasOwn(INSTALLERS, cmd.name) ? INSTALLERS[cmd.name] : undefined;
  if (installer) {
    const pos = positionals(cmd, installer.withValue);
    const verb = pos.findIndex((w) => w.value !== null && installer.verbs.includes(w.value));
    if (verb < 0) return [];
    family = installer.family;
    words = pos.slice(verb + 1);
  } else if (cmd.name === 'pacman') {
    const sync = cmd.args.some((a) => a.value !== null && /^-S[a-z]*$/.test(a.value) && !/[sicgpl]/.test(a.value.slice(2)));
    if (!sync) return [];
    family = 'pacman';
    words = positionals(cmd, ['--config', '--dbpath', '-r', '--root', '--cachedir', '--ignore']);
  } else {
    return [];
  }
  const found: { word: ShellWord; name: string; family: string }[] = [];
  for (const word of words) {
    // `$PACKAGES` from an ARG/ENV: judge the resolved list; shell-local variables stay unknown.
    const text = word.value ?? model.resolve(word.raw, instr)?.replace(/^(["'])([\s\S]*)\1$/, '$2');
    if (text === undefined) continue;
    for (const token of text.split(/\s+/)) {
      if (!token || token.startsWith('-')) continue;
      const name = packageName(family, token);
      if (SERVER_PACKAGES[family].has(name)) found.push({ word, name, family });
    }
  }
  return found;
}

const SSH_SERVICES = new Set(['ssh', 'sshd', 'dropbear', 'ssh.service', 'sshd.service', 'dropbear.service']);

/** The word that starts an SSH daemon in this command, if it does. */
function startsSshDaemon(cmd: ShellCommand): ShellWord | undefined {
  const c = unwrap(cmd);
  if (c.name === 'sshd' || c.name === 'dropbear') return c.command;
  const args = c.args.map((a) => a.value ?? '');
  if (c.name === 'service' || c.name === 'rc-service') {
    if (SSH_SERVICES.has(args[0]) && /^(start|restart)$/.test(args[1] ?? '')) return c.args[0];
  }
  if (c.name === 'systemctl') {
    const verb = args.findIndex((a) => a === 'start' || a === 'enable' || a === 'restart');
    if (verb >= 0) {
      const unit = c.args.slice(verb + 1).find((a) => a.value !== null && SSH_SERVICES.has(a.value));
      if (unit) return unit;
    }
  }
  if (c.name === 'rc-update' && args[0] === 'add' && SSH_SERVICES.has(args[1] ?? '')) return c.args[1];
  if ((c.name === 'ssh' || c.name === 'sshd' || c.name === 'dropbear') && /\/init\.d\//.test(c.command.value ?? '')) {
    if (/^(start|restart)$/.test(args[0] ?? '')) return c.command;
  }
  return undefined;
}

/** True when an EXPOSE port spec (`22`, `22/tcp`, `20-30`) covers TCP port 22. */
function coversSsh(spec: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/([a-z]+))?$/i.exec(spec);
  if (!m) return false;
  if (m[3] && m[3].toLowerCase() !== 'tcp') return false;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= 22 && 22 <= high;
}

/** The word's extent in the text, with its surrounding quotes. */
function rawExtent(model: DockerfileModel, w: InstrWord): [number, number] {
  const t = model.text;
  const q = t[w.start - 1];
  return (q === '"' || q === "'") && t[w.end] === q ? [w.start - 1, w.end + 1] : [w.start, w.end];
}

/**
 * "Remove port 22 from EXPOSE": deletes the word (or the whole EXPOSE when it is the only port). Offered only when the
 * word stands for port 22 alone: a range (`20-30`) or a variable holding several ports would take other ports with it.
 * Safe: it changes the image's metadata only (what `docker run -P` publishes), which is what the finding is about.
 */
function removePortFix(model: DockerfileModel, instr: DfInstruction, words: InstrWord[], k: number): Fix[] {
  const word = words[k];
  if (!/^\s*22(\/tcp)?\s*$/i.test(word.value ?? '')) return [];
  if (words.length === 1) {
    return [{ title: `Remove \`EXPOSE ${word.text}\``, edits: [deleteLines(model.lines, instr.range.start.line, instr.range.end.line)], safe: true, isPreferred: true }];
  }
  const [start, end] = rawExtent(model, word);
  let from: number;
  let to: number;
  if (k < words.length - 1) {
    const next = rawExtent(model, words[k + 1])[0];
    from = start;
    to = /[\r\n]/.test(model.text.slice(end, next)) ? end + (/^[ \t]*/.exec(model.text.slice(end, next))?.[0].length ?? 0) : next;
    // `EXPOSE 22 \` + newline + `443`: keep the continuation, drop the word and its blanks.
    if (to !== next && model.text[to] !== model.escapeChar) to = end;
  } else {
    from = rawExtent(model, words[k - 1])[1];
    to = end;
  }
  return [{ title: `Remove port ${word.text} from EXPOSE`, edits: [{ range: model.rangeOf(from, to), newText: '' }], safe: true, isPreferred: true }];
}

const rule: DockerfileRule = {
  meta: {
    id: 'expose-ssh',
    title: 'SSH server in the image',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    findingNoun: 'SSH ports',
    description:
      'Reports, in the stages that make up the running image, `EXPOSE 22` (also `22/tcp`, port ranges that include 22, and ports from ARG/ENV that resolve to 22), installing an SSH server (`openssh-server`, Debian\'s `ssh`, Alpine\'s `openssh`, `dropbear`) with apt/apk/yum/dnf/zypper/pacman, and starting one (`sshd`, `service ssh start`, `systemctl enable ssh`) in RUN, CMD or ENTRYPOINT. SSH clients (`openssh-client`) are fine.',
    rationale:
      'An SSH daemon in a container is a second, long-lived entry point with its own credentials and keys to manage: host keys baked into the image are shared by every container started from it, and a weak or leaked password or key gives a shell inside the container network. `docker exec` (or `kubectl exec`) already gives authorised operators a shell without any listening port.',
    howToFix:
      'Remove the SSH server package, the `EXPOSE 22` and the command that starts `sshd`; use `docker exec -it <container> sh` (or `kubectl exec`) for interactive access, and `docker cp` or volumes to move files. If the image really is an SSH endpoint (a bastion or a git server), suppress the finding with a comment that says so. The quick fix removes port 22 from `EXPOSE` (the whole instruction when it is the only port); the server package and the command that starts it are yours to remove.',
    example: {
      bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\\n && rm -rf /var/lib/apt/lists/*\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]',
      good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["bash"]',
    },
    aliases: ['DS0004', 'CKV_DOCKER_1', 'CIS 5.7'],
    references: [
      cis('5.7', 'Ensure sshd is not run within containers'),
      { title: 'Docker docs: docker container exec', url: 'https://docs.docker.com/reference/cli/docker/container/exec/' },
    ],
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of runtimeStages(model)) {
      for (const instr of stage.instructions) {
        if (instr.keyword === 'EXPOSE') {
          const words = instructionWords(model, instr);
          for (const [k, word] of words.entries()) {
            if (word.value === undefined) continue;
            const hit = word.value.split(/\s+/).find(coversSsh);
            if (!hit || ctx.overCap(instr)) continue;
            const resolved = word.text !== hit ? ` (resolves to \`${hit}\`)` : '';
            ctx.report(
              model.rangeOf(word.start, word.end),
              `\`EXPOSE ${word.text}\`${resolved} publishes port 22 (SSH); use \`docker exec\` instead of an SSH server.`,
              removePortFix(model, instr, words, k),
            );
          }
        } else if (instr.keyword === 'CMD' || instr.keyword === 'ENTRYPOINT') {
          for (const cmd of commandScript(model, instr)?.commands ?? []) {
            const word = startsSshDaemon(cmd);
            if (word) ctx.report(model.rangeOf(word.start, word.end), `${instr.keyword} starts an SSH daemon (\`${word.value ?? word.raw}\`); use \`docker exec\` instead of an SSH server.`);
          }
        }
      }
      for (const { instruction, command } of model.runCommands(stage)) {
        const cmd = unwrap(command);
        for (const { word, name, family } of installedServerPackages(model, instruction, cmd)) {
          const client = Object.hasOwn(METAPACKAGES[family] ?? {}, name) ? METAPACKAGES[family][name] : undefined;
          const what =
            client === undefined
              ? `the SSH server package \`${name}\``
              : client === null
                ? `\`${name}\`, which includes the SSH server`
                : `\`${name}\`, which pulls in the SSH server (install \`${client}\` if only the client is needed)`;
          ctx.report(model.rangeOf(word.start, word.end), `RUN installs ${what}; use \`docker exec\` instead of an SSH server in the image.`);
        }
        const started = startsSshDaemon(command);
        if (started) ctx.report(model.rangeOf(started.start, started.end), `RUN starts an SSH daemon (\`${started.value ?? started.raw}\`); use \`docker exec\` instead of an SSH server.`);
      }
    }
  },
};

export default rule;
