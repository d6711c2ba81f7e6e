import {
  baseName,
  downloaderOf,
  effectiveCommand,
  interpreterOf,
  urlHost,
  type Download,
  type Interpreter,
} from '../../dockerfile/commands';
import type { RunCommand } from '../../dockerfile/model';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { DockerfileRule } from '../rule';

/**
 * What counts:
 * - a download written to stdout (`curl URL`, `wget -qO- URL`) piped into a shell or a script
 *   interpreter that reads its program from stdin (`sh`, `bash -s -- args`, `sudo -E bash -`,
 *   `python3 -`, `perl`, `ruby`, `node`, `php -- …`), also through pass-through filters (`tee`, `cat`,
 *   `tr`, `sed`, decompressors);
 * - a download substituted as the whole program: `sh -c "$(curl …)"`, `bash <(curl …)`,
 *   `source <(curl …)`, `eval "$(wget -qO- …)"`, `python3 -c "$(curl …)"`;
 * - a download saved to a file that a later command of the same stage runs as a script (`sh f`,
 *   `bash f`, `. f`, `./f.sh`) with no checksum or signature check (`sha256sum`, `gpg --verify`,
 *   `cosign`, …) in between.
 * Not reported: downloads piped into `gpg --dearmor`, `tar`, `jq`, `python3 -c '<code>'` (stdin is data
 * there), and `python3 script.py` (the program is a file).
 */

/** Filters that pass what they read on to their stdout. */
const PASS_THROUGH = new Set(['tee', 'cat', 'tr', 'sed', 'gunzip', 'zcat', 'xzcat', 'bzcat', 'gzip', 'xz', 'bzip2', 'base64', 'dos2unix', 'head']);
/** Commands that check a file's checksum or signature. */
const VERIFIERS = new Set(['sha256sum', 'sha512sum', 'sha384sum', 'sha224sum', 'sha1sum', 'shasum', 'md5sum', 'b2sum', 'gpg', 'gpg2', 'gpgv', 'gpgv2', 'cosign', 'minisign', 'signify', 'openssl', 'sigstore', 'slsa-verifier']);
/** Commands that run their argument as shell code. */
const SOURCERS = new Set(['source', '.', 'eval']);
const SCRIPT_EXTENSION = /\.(sh|bash|zsh|ksh|py|pl|rb|js|php)$/;

function describe(d: Download): string {
  const url = d.urls.find((u) => u.value !== null)?.value;
  const host = url ? urlHost(url) : undefined;
  return host ? `\`${d.tool}\` (from ${host})` : `\`${d.tool}\``;
}

/** The command a pipe delivers `cmd`'s output to, through pass-through filters. */
function pipeTarget(cmd: ShellCommand): ShellCommand | undefined {
  let target = cmd.pipeTo;
  for (let guard = 0; target && guard < 8; guard++) {
    const eff = effectiveCommand(target);
    if (!PASS_THROUGH.has(eff.name) || !target.pipeTo) break;
    if (eff.name === 'cat' && eff.args.some((a) => a.value !== '-' && !(a.value ?? '').startsWith('-'))) break;
    target = target.pipeTo;
  }
  return target;
}

/** True when `word` is just a command substitution or a process substitution (`"$(…)"`, `` `…` ``, `<(…)`). */
function isWholeSubstitution(word: ShellWord): boolean {
  return /^"?\$\([\s\S]*\)"?$/.test(word.raw) || /^"?`[\s\S]*`"?$/.test(word.raw) || /^<\([\s\S]*\)$/.test(word.raw);
}

function normalisePath(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+/g, '/');
}

const rule: DockerfileRule = {
  meta: {
    id: 'curl-pipe-shell',
    title: 'Downloaded script run without verification',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a script fetched with `curl`/`wget` and executed without a checksum or signature check: piped into a shell or interpreter (`curl … | sh`, `wget -qO- … | sudo bash`, `curl … | python3 -`), run through a substitution (`sh -c "$(curl …)"`, `bash <(curl …)`), or saved and run by a later command with no verification step in between.',
    rationale:
      'Whatever the server (or anyone able to tamper with the download path, a compromised release page or CDN) returns is executed as root inside the build, and the next build may run a different script than the one that was reviewed. A truncated download can also run half a script.',
    howToFix:
      'Download the script (or better, a versioned release artefact) to a file, verify it against a pinned checksum (`echo "<sha256>  install.sh" | sha256sum -c -`) or the vendor\'s signature, then run it. Where the vendor publishes packages, install from their signed package repository instead.',
    example: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh',
      good:
        'FROM debian:12\nARG INSTALL_SHA256=0000000000000000000000000000000000000000000000000000000000000000\nRUN curl -fsSLo /tmp/install.sh https://example.com/v1.2.3/install.sh \\\n && echo "$INSTALL_SHA256  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh && rm /tmp/install.sh',
    },
    aliases: [],
    references: [
      { title: 'curl manual: -o, --output and -f, --fail', url: 'https://curl.se/docs/manpage.html' },
      { title: 'Docker docs: Dockerfile best practices (RUN)', url: 'https://docs.docker.com/build/building/best-practices/#run' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const reported = new Set<number>();
    const report = (interp: Interpreter | ShellCommand, message: string) => {
      const word = 'kind' in interp ? interp.command.command : interp.command;
      if (reported.has(word.start)) return;
      reported.add(word.start);
      ctx.report(model.rangeOf(word.start, word.end), message);
    };

    for (const stage of model.stages) {
      const runs = model.runCommands(stage);
      const downloadsIn = (from: number, to: number): Download[] =>
        runs
          .filter((r) => r.command.start >= from && r.command.start < to)
          .map((r) => downloaderOf(r.command))
          .filter((d): d is Download => d !== undefined && d.toStdout);

      runs.forEach((run: RunCommand, index: number) => {
        const cmd = run.command;
        const download = downloaderOf(cmd);

        // 1. curl … | sh
        if (download?.toStdout) {
          const target = pipeTarget(cmd);
          const interp = target ? interpreterOf(target) : undefined;
          if (interp && interp.source === 'stdin') {
            report(interp, `${describe(download)} output is piped into \`${interp.command.name}\`: the downloaded script runs without any checksum or signature check.`);
          }
        }

        // 2. sh -c "$(curl …)", bash <(curl …), source <(curl …), eval "$(curl …)"
        const eff = effectiveCommand(cmd);
        const interp = interpreterOf(cmd);
        const substituted: ShellWord[] = [];
        if (interp && (interp.source === 'string' || interp.source === 'file') && interp.word) substituted.push(interp.word);
        if (SOURCERS.has(eff.name)) substituted.push(...eff.args);
        for (const word of substituted) {
          if (!isWholeSubstitution(word)) continue;
          const inner = downloadsIn(word.start, word.end)[0];
          if (!inner) continue;
          const how = word.raw.startsWith('<(') ? 'process substitution' : 'command substitution';
          report(interp ?? eff, `\`${eff.name}\` runs the output of ${describe(inner)} (${how}): the downloaded script runs without any checksum or signature check.`);
        }

        // 3. curl -o f.sh URL … sh f.sh, with no verification in between
        if (download && !download.toStdout && download.output) {
          const path = normalisePath(download.output);
          for (const later of runs.slice(index + 1)) {
            const next = effectiveCommand(later.command);
            if (VERIFIERS.has(next.name)) break;
            const nextInterp = interpreterOf(later.command);
            const runsFile =
              (nextInterp?.source === 'file' && nextInterp.word?.value !== null && nextInterp.word?.value !== undefined && normalisePath(nextInterp.word.value) === path) ||
              (SOURCERS.has(next.name) && next.args[0]?.value !== null && next.args[0]?.value !== undefined && normalisePath(next.args[0].value) === path) ||
              (SCRIPT_EXTENSION.test(path) && next.command.value !== null && normalisePath(next.command.value) === path && baseName(path) === next.name);
            if (!runsFile) continue;
            const line = model.rangeOf(download.command.start, download.command.start).start.line + 1;
            const by = nextInterp || SOURCERS.has(next.name) ? `run by \`${next.name}\`` : 'executed';
            report(nextInterp ?? next, `\`${baseName(path)}\` downloaded by ${describe(download)} on line ${line} is ${by} without a checksum or signature check.`);
            break;
          }
        }
      });
    }
  },
};

export default rule;
