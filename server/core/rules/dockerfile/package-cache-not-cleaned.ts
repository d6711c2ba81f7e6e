import { parseOptions } from '../../dockerfile/commands';
import {
  appendToRun,
  commandsByRun,
  configWrittenBefore,
  familyOf,
  insertAfterWord,
  isFalse,
  mayHoldOptions,
  mountsOf,
  mountHolds,
  reachesImage,
  removesPath,
  type RunCmd,
} from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { endsWithPart } from '../../text';
import type { Fix } from '../../types';
import type { DockerfileContext, DockerfileRule } from '../rule';
import { hadolint } from '../rule';

function options(rc: RunCmd) {
  const call = rc.call!;
  return [...parseOptions(call.globalArgs).options, ...parseOptions(call.args).options];
}

function hasLong(rc: RunCmd, ...names: string[]): boolean {
  return options(rc).some((o) => o.long && names.includes(o.name));
}

// ---- apk --------------------------------------------------------------------------------------

function apkCacheKept(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): boolean {
  if (mayHoldOptions(rc.call!)) return false;
  // `--no-network` installs only what is already on disk: no index is fetched.
  if (hasLong(rc, 'no-cache', 'no-network')) return false;
  if (mountHolds(model, instr, '/var/cache/apk') || mountHolds(model, instr, '/etc/apk/cache')) return false;
  const after = cmds.filter((c) => c.command.start > rc.command.start);
  if (after.some((c) => removesPath(c, (p) => /^\/var\/cache\/apk\/?(\*)?$/.test(p)))) return false;
  if (after.some((c) => c.call?.manager === 'apk' && c.call.subcommand === 'cache' && c.call.args.some((a) => a.value === 'clean' || a.value === 'purge'))) return false;
  return true;
}

// ---- pip --------------------------------------------------------------------------------------

/** pip settings written to pip.conf / `pip config set` earlier: `no-cache-dir = …`. */
export const PIP_CONFIG = /(?:global\.)?no[-_]cache[-_]dir(?:\s+(?:=\s*)?|=\s*)["']?(?:true|1|yes|on|false|0|off)\b/i;

function pipCacheKept(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): boolean {
  const call = rc.call!;
  if (call.via === 'uv' || mayHoldOptions(call)) return false;
  // An explicit cache location is a choice (often a cache mount); pip's own flag.
  if (hasLong(rc, 'no-cache-dir', 'cache-dir')) return false;
  // PIP_NO_CACHE_DIR from ENV/ARG (an unknown value is not guessed), inline, or exported earlier in the RUN.
  if (instr.scope.has('PIP_NO_CACHE_DIR') && !isFalse(instr.scope.get('PIP_NO_CACHE_DIR'))) return false;
  if (rc.command.assigns.includes('PIP_NO_CACHE_DIR')) return false;
  if (/\bPIP_NO_CACHE_DIR=/.test(model.text.slice(instr.start, rc.command.start))) return false;
  if (configWrittenBefore(model, instr, PIP_CONFIG)) return false;
  if (mountsOf(model, instr).some((m) => m.type === 'cache' || m.type === 'tmpfs' ? m.target !== undefined && /(\/\.cache(\/pip)?|\/pip[^/]*)$/.test(m.target) : false)) return false;
  const after = cmds.filter((c) => c.command.start > rc.command.start);
  if (after.some((c) => removesPath(c, (p) => /\/\.cache(\/pip)?\/?(\*)?$/.test(p)))) return false;
  if (after.some((c) => c.call?.manager === 'pip' && c.call.subcommand === 'cache' && c.call.args.some((a) => a.value === 'purge'))) return false;
  return true;
}

// ---- yum / dnf / microdnf / tdnf, zypper --------------------------------------------------------

const RPM_CACHE = /^\/var\/cache\/(yum|dnf|libdnf5|tdnf)(\/.*)?$/;
const ZYPP_CACHE = /^\/var\/cache\/zypp(\/.*)?$/;

function rpmCleanedAfter(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): boolean {
  if (['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'].some((p) => mountHolds(model, instr, p))) return true;
  return cmds.some(
    (c) =>
      c.command.start > rc.command.start &&
      ((familyOf(c.call?.manager) === 'rpm' && c.call?.subcommand === 'clean' && c.call.args.some((a) => a.value === 'all')) ||
        removesPath(c, (p) => RPM_CACHE.test(p))),
  );
}

function zypperCleanedAfter(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): boolean {
  if (mountHolds(model, instr, '/var/cache/zypp')) return true;
  return cmds.some(
    (c) =>
      c.command.start > rc.command.start &&
      ((c.call?.manager === 'zypper' && (c.call.subcommand === 'clean' || c.call.subcommand === 'cc')) || removesPath(c, (p) => ZYPP_CACHE.test(p))),
  );
}

// ---- yarn -------------------------------------------------------------------------------------

/** A path in yarn's cache (`~/.cache/yarn`, `.yarn-cache`, `/usr/local/share/.cache/yarn/v6`, `/yarn/cache/*`). */
export function isYarnCachePath(p: string): boolean {
  return ['.cache/yarn', '.yarn-cache', '/yarn/cache'].some((dir) => endsWithPart(p, dir, '/'));
}

/** `yarn install`, or a bare `yarn` (which installs) with only options. */
function isYarnInstall(rc: RunCmd): boolean {
  const call = rc.call;
  if (call?.manager !== 'yarn') return false;
  if (call.subcommandWord) return call.subcommandWord.value === 'install';
  return call.globalArgs.every((a) => a.value !== null && !/^(-v|--version|-h|--help)$/.test(a.value));
}

function yarnCleanedAfter(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): boolean {
  if (hasLong(rc, 'cache-folder')) return true;
  if (mountsOf(model, instr).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && /yarn|\/\.cache$/.test(m.target))) return true;
  return cmds.some(
    (c) =>
      c.command.start > rc.command.start &&
      ((c.call?.manager === 'yarn' && c.call.subcommand === 'cache' && c.call.args.some((a) => a.value === 'clean')) ||
        removesPath(c, isYarnCachePath)),
  );
}

// ---- the rule ---------------------------------------------------------------------------------

function reportFlag(ctx: DockerfileContext, instr: DfInstruction, rc: RunCmd, flag: string, message: string): void {
  const word = rc.call!.subcommandWord!;
  const edit = insertAfterWord(ctx.model, instr, word, flag);
  const fixes: Fix[] = edit ? [{ title: `Add \`${flag}\``, edits: [edit], safe: true, isPreferred: true }] : [];
  ctx.report(ctx.model.rangeOf(word.start, word.end), message, fixes);
}

function reportClean(ctx: DockerfileContext, instr: DfInstruction, rc: RunCmd, clean: string, safe: boolean, message: string): void {
  const word = rc.call!.subcommandWord ?? rc.effective.command;
  const edit = appendToRun(ctx.model, instr, clean);
  const fixes: Fix[] = edit ? [{ title: `Append \`${clean}\``, edits: [edit], safe, isPreferred: true }] : [];
  ctx.report(ctx.model.rangeOf(word.start, word.end), message, fixes);
}

function check(ctx: DockerfileContext): void {
  const { model } = ctx;
  for (const [instr, cmds] of commandsByRun(model)) {
    if (!reachesImage(model, instr.stage)) continue;
    const cleanReported = new Set<string>();
    for (const rc of cmds) {
      const call = rc.call;
      if (!call) continue;
      const install = call.subcommand === 'install' && !!call.subcommandWord;
      if (call.manager === 'apk' && install) {
        if (apkCacheKept(model, instr, cmds, rc)) reportFlag(ctx, instr, rc, '--no-cache', '`apk add` without `--no-cache` leaves the package index in `/var/cache/apk` in this layer.');
      } else if (call.manager === 'pip' && install) {
        if (pipCacheKept(model, instr, cmds, rc)) reportFlag(ctx, instr, rc, '--no-cache-dir', '`pip install` without `--no-cache-dir` leaves the downloaded packages in pip\'s cache (`~/.cache/pip`) in this layer.');
      } else if (familyOf(call.manager) === 'rpm' && install) {
        const tool = rc.effective.name;
        if (cleanReported.has(tool) || rpmCleanedAfter(model, instr, cmds, rc)) continue;
        cleanReported.add(tool);
        reportClean(ctx, instr, rc, `${tool} clean all`, true, `\`${tool} install\` without \`${tool} clean all\` after it leaves the package metadata and cache in this layer.`);
      } else if (call.manager === 'zypper' && install) {
        if (cleanReported.has('zypper') || zypperCleanedAfter(model, instr, cmds, rc)) continue;
        cleanReported.add('zypper');
        reportClean(ctx, instr, rc, 'zypper clean --all', true, '`zypper install` without `zypper clean` after it leaves the repository metadata and package cache in this layer.');
      } else if (isYarnInstall(rc)) {
        if (cleanReported.has('yarn') || yarnCleanedAfter(model, instr, cmds, rc)) continue;
        cleanReported.add('yarn');
        reportClean(ctx, instr, rc, 'yarn cache clean', false, '`yarn install` without `yarn cache clean` after it leaves Yarn\'s package cache in this layer.');
      }
    }
  }
}

const rule: DockerfileRule = {
  meta: {
    id: 'package-cache-not-cleaned',
    title: 'Package manager cache left in the image',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    description:
      'Reports installs that leave the package manager\'s cache in the layer: `apk add` without `--no-cache` (and no `rm -rf /var/cache/apk/*` after it; `--no-network` fetches nothing), `pip install` without `--no-cache-dir` (and no `PIP_NO_CACHE_DIR` in ENV/ARG, no `--cache-dir`, no `pip cache purge`), yum/dnf/microdnf/tdnf install without `<tool> clean all` (or `rm -rf /var/cache/dnf` …) after it in the same RUN, zypper install without `zypper clean`, and `yarn install` without `yarn cache clean`. A cache or tmpfs mount on the cache directory counts as clean. Only stages whose files reach an image are judged; a build stage that only feeds `COPY --from` is not.',
    rationale:
      'Package caches (downloaded archives, repository metadata, wheels) stay in the layer of the RUN that filled them, so they ship in every pull of the image and can never be deleted by a later RUN. They serve no purpose at runtime and can be a large share of the image.',
    howToFix:
      'Keep the cache out of the layer where it is made: `apk add --no-cache`, `pip install --no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`), end the RUN with `&& dnf clean all` / `yum clean all` / `zypper clean --all` / `yarn cache clean`, or use a BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip pip install …`), which also speeds up rebuilds. The quick fixes add the flag or append the clean command and are applied by fix-all, except `yarn cache clean`: with Yarn 2+ Plug\'n\'Play the cache holds the installed packages themselves, so that one needs your decision.',
    example: {
      bad: 'FROM python:3.12-alpine\nRUN apk add curl\nRUN pip install requests==2.32.3',
      good: 'FROM python:3.12-alpine\nRUN apk add --no-cache curl\nRUN pip install --no-cache-dir requests==2.32.3',
    },
    aliases: ['DL3019', 'DL3042', 'DL3032', 'DL3040', 'DL3036', 'DL3060', 'DS0015', 'DS0019', 'DS0020', 'DS0025', 'DS0027'],
    references: [
      hadolint('DL3019'),
      hadolint('DL3042'),
      hadolint('DL3032'),
      hadolint('DL3040'),
      hadolint('DL3036'),
      hadolint('DL3060'),
      { title: 'Docker docs: Optimize cache usage in builds (cache mounts)', url: 'https://docs.docker.com/build/cache/optimize/#use-cache-mounts' },
    ],
  },
  check,
};

export default rule;
