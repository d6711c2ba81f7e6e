import type { PackageManager } from '../../dockerfile/commands';
import { parseOptions } from '../../dockerfile/commands';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { aloneUpdates, commandsByRun, familyOf, removeCommands, topLevelCommands, type RunCmd } from '../../dockerfile/hygiene-helpers';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** Subcommands that upgrade every installed package, per manager. */
const UPGRADES: Partial<Record<PackageManager, string[]>> = {
  'apt-get': ['upgrade', 'dist-upgrade', 'full-upgrade'],
  apt: ['upgrade', 'dist-upgrade', 'full-upgrade'],
  aptitude: ['upgrade', 'safe-upgrade', 'full-upgrade', 'dist-upgrade'],
  apk: ['upgrade'],
  yum: ['update', 'upgrade', 'update-minimal', 'upgrade-minimal', 'distro-sync', 'distribution-synchronization'],
  dnf: ['update', 'upgrade', 'up', 'update-minimal', 'upgrade-minimal', 'distro-sync', 'distrosync', 'dsync', 'distribution-synchronization'],
  microdnf: ['update', 'upgrade'],
  tdnf: ['update', 'upgrade', 'distro-sync'],
  zypper: ['update', 'up', 'dist-upgrade', 'dup'],
};

/** Options after the subcommand that take a value (so the value is not read as a package name). */
const VALUE_OPTIONS: Partial<Record<PackageManager, { short: string; long: string[] }>> = {
  apk: { short: 'Xpt', long: ['repository', 'root', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'virtual'] },
  yum: { short: 'cdexR', long: ['config', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'repoid', 'setopt', 'releasever', 'installroot', 'advisory', 'advisories', 'bz', 'cve', 'sec-severity', 'secseverity'] },
  dnf: { short: 'cdexR', long: ['config', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'repoid', 'setopt', 'releasever', 'installroot', 'advisory', 'advisories', 'bz', 'cve', 'sec-severity', 'secseverity'] },
  microdnf: { short: '', long: ['enablerepo', 'disablerepo', 'setopt', 'releasever', 'installroot', 'exclude'] },
  tdnf: { short: 'cx', long: ['config', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'setopt', 'releasever', 'installroot'] },
  zypper: { short: 'trR', long: ['type', 'repo', 'from', 'category', 'severity', 'date', 'bugzilla', 'cve', 'issues'] },
};

/**
 * True for a call that upgrades everything. apt-get/apt/aptitude upgrade everything even when packages are
 * named; the others then upgrade only those packages (a deliberate, targeted update), and a dynamic argument
 * may be such a list, so it is not judged.
 */
function upgradesAll(rc: RunCmd): boolean {
  const call = rc.call;
  if (!call || call.subcommand === undefined) return false;
  if (!(UPGRADES[call.manager] ?? []).includes(call.subcommand)) return false;
  if (familyOf(call.manager) === 'apt') return true;
  const spec = VALUE_OPTIONS[call.manager] ?? { short: '', long: [] };
  const parsed = parseOptions(call.args, { shortWithValue: spec.short, longWithValue: spec.long });
  return parsed.positionals.length === 0;
}

/** How the upgrade is named in messages: apt and apt-get spell it the same (`upgrade`), others with their tool. */
function label(rc: RunCmd): string {
  const call = rc.call!;
  return familyOf(call.manager) === 'apt' ? call.subcommand! : `${rc.effective.name} ${call.subcommand}`;
}

function spelled(rc: RunCmd): string {
  return `${rc.effective.name} ${rc.call?.subcommand ?? ''}`.trim();
}

function fixFor(model: DockerfileModel, instr: DfInstruction, cmds: RunCmd[], rc: RunCmd): Fix[] {
  // Removing the upgrade may leave the RUN's `apt-get update` with nothing to read its lists: remove it too.
  const rest = cmds.filter((c) => c !== rc);
  const wasAlone = new Set(aloneUpdates(cmds));
  const orphaned = aloneUpdates(rest).filter((u) => !wasAlone.has(u));
  const group = [...orphaned, rc].sort((a, b) => a.command.start - b.command.start);
  const edits = removeCommands(model, instr, cmds, group);
  if (!edits) return [];
  const top = topLevelCommands(cmds);
  const wholeRun = top.every((c) => group.includes(c) || /^(set|true|:)$/.test(c.effective.name));
  const title = wholeRun
    ? `Remove this RUN (\`${group.map(spelled).join(' && ')}\`)`
    : orphaned.length > 0
      ? `Remove \`${spelled(rc)}\` and the \`${orphaned.map(spelled).join('`, `')}\` it needed`
      : `Remove \`${spelled(rc)}\``;
  return [{ title, edits, safe: false, isPreferred: true }];
}

const rule: DockerfileRule = {
  meta: {
    id: 'package-upgrade',
    title: 'Upgrade of all installed packages in RUN',
    severity: 'warning',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'upgrade commands',
    description:
      'Reports commands that upgrade every installed package during the build: `apt-get`/`apt` `upgrade`, `dist-upgrade`, `full-upgrade`, aptitude `safe-upgrade`/`full-upgrade`, `apk upgrade`, yum/dnf/microdnf/tdnf `update`/`upgrade`/`distro-sync`, and zypper `update`/`dist-upgrade`. Updating named packages (`dnf update -y openssl`, `apk upgrade musl`) is a deliberate, targeted change and is not reported (apt upgrades everything even when packages are named).',
    rationale:
      "An upgrade makes the image's package versions depend on the day it was built instead of on the base image it names, so two builds of the same Dockerfile differ, the versions that shipped never appear in a diff or review, and a regression cannot be traced to a change. It also duplicates, untested, the rebuilds base-image maintainers publish with the same fixes.",
    howToFix:
      'Remove the upgrade and move to a newer base image (pin it by digest and let a bot such as Renovate or Dependabot propose updates), which brings the fixed packages in a tested, reproducible way. To pick up a specific security fix before the base image is rebuilt, install or update just that package (`apt-get install --only-upgrade openssl`, `dnf update -y openssl`). The quick fix removes the command from the RUN (and the `apt-get update` it needed when nothing else in the RUN reads the package lists; the whole RUN when nothing else is left); it is not applied by fix-all because it changes which package versions end up in the image.',
    example: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DL3035', 'DS0024', 'KICS Run Using Upgrade Commands'],
    references: [hadolint('DL3035')],
  },
  check(ctx) {
    const { model } = ctx;
    for (const [instr, cmds] of commandsByRun(model)) {
      for (const rc of cmds) {
        if (!upgradesAll(rc) || ctx.overCap(instr)) continue;
        const word = rc.call!.subcommandWord!;
        ctx.report(
          model.rangeOf(word.start, word.end),
          `\`${label(rc)}\` upgrades every installed package at build time, so the image's package versions depend on the build date rather than the base image.`,
          fixFor(model, instr, cmds, rc),
        );
      }
    }
  },
};

export default rule;
