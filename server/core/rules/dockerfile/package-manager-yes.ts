import { parseOptions, type OptionSpec } from '../../dockerfile/commands';
import {
  APT_OPTIONS,
  aptSettings,
  aptSimulates,
  callOptions,
  commandsByRun,
  configWrittenBefore,
  familyOf,
  insertAfterWord,
  isTrue,
  mayHoldOptions,
  type RunCmd,
} from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const RPM_OPTIONS: OptionSpec = {
  shortWithValue: 'cdexR',
  longWithValue: ['config', 'exclude', 'enablerepo', 'disablerepo', 'repo', 'repoid', 'setopt', 'releasever', 'installroot', 'debuglevel', 'errorlevel', 'forcearch', 'downloaddir', 'destdir', 'color', 'repofrompath'],
};
const ZYPPER_GLOBAL: OptionSpec = { shortWithValue: 'cRDC', longWithValue: ['config', 'root', 'reposd-dir', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'installroot'] };
const ZYPPER_INSTALL: OptionSpec = { shortWithValue: 'trn', longWithValue: ['type', 'repo', 'from', 'name'] };

/** apt.conf `APT::Get::Assume-Yes "true";` and yum.conf/dnf.conf `assumeyes=1`, as an earlier RUN or COPY writes them. */
export const APT_CONFIG = /APT::Get::Assume-Yes\s*(?:["']\s*)?["']?(?:true|1|yes|on)\b["']?\s*;/i;
const RPM_CONFIG = /(?:^|[\s'"]|\\n)assumeyes\s*=\s*(?:1|true|yes|on)\b/im;

/** Commands whose output answers a prompt when piped in (`yes | apt-get install …`). */
const ANSWERS = new Set(['yes', 'echo', 'printf']);

function answered(model: DockerfileModel, instr: DfInstruction, rc: RunCmd): boolean {
  const call = rc.call!;
  const from = rc.command.pipedFrom;
  if (from && ANSWERS.has(from.name)) return true;
  if (mayHoldOptions(call)) return true;
  const family = familyOf(call.manager);
  const before = model.text.slice(instr.start, rc.command.start);
  if (family === 'apt') {
    if (call.manager !== 'aptitude' && aptSimulates(call)) return true;
    let quiet = 0;
    for (const o of callOptions(call, APT_OPTIONS)) {
      if (o.long) {
        if ((o.name === 'yes' || o.name === 'assume-yes') && (o.value === undefined || isTrue(o.value))) return true;
        if (o.name === 'quiet') quiet += o.value === undefined ? 1 : Number(o.value) || 0;
      } else if (o.name === 'y') return true;
      else if (o.name === 'q') quiet += /^-q=(\d+)$/.test(o.word.value ?? '') ? Number(o.word.value!.slice(3)) : 1;
    }
    // apt-get(8): "quiet level 2 implies -y".
    if (call.manager !== 'aptitude' && quiet >= 2) return true;
    if (isTrue(aptSettings(call).get('apt::get::assume-yes'))) return true;
    return APT_CONFIG.test(before) || configWrittenBefore(model, instr, APT_CONFIG);
  }
  if (family === 'rpm') {
    for (const o of callOptions(call, RPM_OPTIONS)) {
      if (!o.long && o.name === 'y') return true;
      if (o.long && o.name === 'assumeyes') return true;
      if (o.long && o.name === 'setopt' && o.value && /^assumeyes=/i.test(o.value) && isTrue(o.value.slice(o.value.indexOf('=') + 1))) return true;
    }
    return RPM_CONFIG.test(before) || configWrittenBefore(model, instr, RPM_CONFIG);
  }
  if (call.manager === 'zypper') {
    if (parseOptions(call.globalArgs, ZYPPER_GLOBAL).options.some((o) => (!o.long && o.name === 'n') || (o.long && o.name === 'non-interactive'))) return true;
    return parseOptions(call.args, ZYPPER_INSTALL).options.some((o) => (!o.long && o.name === 'y') || (o.long && o.name === 'no-confirm'));
  }
  return true;
}

/** The managers and subcommands that ask for confirmation (microdnf never asks: its `-y` "does nothing"). */
function asks(rc: RunCmd): boolean {
  const call = rc.call;
  if (!call?.subcommandWord) return false;
  switch (call.manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
    case 'yum':
    case 'dnf':
    case 'tdnf':
      return call.subcommand === 'install';
    case 'zypper':
      return call.subcommand === 'install' || call.subcommand === 'source-install' || call.subcommand === 'si';
    default:
      return false;
  }
}

const rule: DockerfileRule = {
  meta: {
    id: 'package-manager-yes',
    title: 'Package install without the non-interactive flag',
    severity: 'warning',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'package manager commands without `-y`',
    description:
      'Reports `apt-get`/`apt`/`aptitude` install without `-y` (`--yes`, `--assume-yes`, `-qq`, `-o APT::Get::Assume-Yes=true`, or an `APT::Get::Assume-Yes "true";` apt.conf snippet written earlier in the stage), yum/dnf/tdnf install without `-y` (`--assumeyes`, `--setopt=assumeyes=1`, or `assumeyes=1` written to yum.conf/dnf.conf earlier), and zypper install without the global `-n` (`--non-interactive`) or `-y` after the subcommand. microdnf always assumes yes and is not reported; an install fed by `yes |` is not reported either.',
    rationale:
      'A build has no one to answer a prompt: the package manager reads end of input and aborts the build, or waits forever when a terminal is attached. apt-get only asks when it must install more than the named packages, so a RUN that passes today breaks when a dependency changes or the base image drops a library.',
    howToFix:
      'Add `-y` to apt-get/apt/yum/dnf (`apt-get install -y …`, `dnf install -y …`) and `-n` before the subcommand for zypper (`zypper -n install …`). The quick fix adds the flag and is applied by fix-all.',
    example: {
      bad: 'FROM fedora:40\nRUN dnf install nginx && dnf clean all',
      good: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all',
    },
    aliases: ['DL3014', 'DL3030', 'DL3038', 'DL3034', 'DS0021'],
    references: [
      hadolint('DL3014'),
      hadolint('DL3030'),
      hadolint('DL3038'),
      hadolint('DL3034'),
      { title: 'apt-get(8): -y, --yes, --assume-yes', url: 'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const [instr, cmds] of commandsByRun(model)) {
      for (const rc of cmds) {
        if (!asks(rc) || answered(model, instr, rc) || ctx.overCap(instr)) continue;
        const call = rc.call!;
        const word = call.subcommandWord!;
        const zypper = call.manager === 'zypper';
        const flag = zypper ? '-n' : '-y';
        const edit = zypper ? insertAfterWord(model, instr, rc.effective.command, '-n') : insertAfterWord(model, instr, word, '-y');
        const fixes: Fix[] = edit ? [{ title: zypper ? 'Add `-n` (non-interactive) to zypper' : 'Add `-y`', edits: [edit], safe: true, isPreferred: true }] : [];
        const what = familyOf(call.manager) === 'apt' ? `\`${call.subcommand}\`` : `\`${rc.effective.name} ${word.value ?? call.subcommand}\``;
        ctx.report(
          model.rangeOf(word.start, word.end),
          `${what} without \`${flag}\` stops at the confirmation prompt, which a build cannot answer.`,
          fixes,
        );
      }
    }
  },
};

export default rule;
