import {
  APT_OPTIONS,
  aptSettings,
  aptSimulates,
  callOptions,
  commandsByRun,
  configWrittenBefore,
  insertAfterWord,
  isAptCall,
  isFalse,
  mayHoldOptions,
  reachesImage,
  type RunCmd,
} from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** apt.conf syntax turning recommends off (`APT::Install-Recommends "false";`), as an earlier RUN or COPY writes it. */
export const CONFIG = /APT::Install-Recommends\s*(?:["']\s*)?["']?(?:false|0|no|off)\b["']?\s*;/i;

/** True when the call, or an apt.conf snippet written earlier in the stage (or this RUN), turns recommends off. */
function recommendsOff(model: DockerfileModel, instr: DfInstruction, rc: RunCmd): boolean {
  const call = rc.call!;
  for (const o of callOptions(call, APT_OPTIONS)) {
    if (!o.long) continue;
    if (o.name === 'no-install-recommends') return true;
    if (o.name === 'install-recommends' && isFalse(o.value)) return true;
  }
  const setting = aptSettings(call).get('apt::install-recommends');
  if (isFalse(setting)) return true;
  if (CONFIG.test(model.text.slice(instr.start, rc.command.start))) return true;
  return configWrittenBefore(model, instr, CONFIG);
}

const rule: DockerfileRule = {
  meta: {
    id: 'apt-no-install-recommends',
    title: '`apt-get install` without `--no-install-recommends`',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    findingNoun: '`apt-get install` commands without `--no-install-recommends`',
    description:
      'Reports `apt-get install` / `apt install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`, or an `APT::Install-Recommends "false";` apt.conf snippet written earlier in the stage), in stages whose files reach an image (the final stage, the stages it builds on, and stages nothing else uses); a build stage that only feeds `COPY --from` is not judged.',
    rationale:
      'By default APT also installs every package the requested ones merely recommend: often dozens of extra packages (documentation tools, X11 libraries, compilers) that enlarge the image and add code, setuid helpers and CVEs that nothing in the container uses.',
    howToFix:
      'Add `--no-install-recommends` and list explicitly the recommended packages you do need; the usual one is `ca-certificates`, which curl and wget pull in only as a recommendation but need for HTTPS. The quick fix adds the flag; it is not applied by fix-all, because a recommended package the image relied on may then be missing.',
    example: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DL3015', 'DS0029'],
    references: [hadolint('DL3015'), { title: 'apt-get(8): --no-install-recommends', url: 'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html' }],
  },
  check(ctx) {
    const { model } = ctx;
    for (const [instr, cmds] of commandsByRun(model)) {
      if (!reachesImage(model, instr.stage)) continue;
      for (const rc of cmds) {
        if (!isAptCall(rc.call) || rc.call.subcommand !== 'install' || !rc.call.subcommandWord) continue;
        if (aptSimulates(rc.call) || mayHoldOptions(rc.call) || recommendsOff(model, instr, rc) || ctx.overCap(instr)) continue;
        const word = rc.call.subcommandWord;
        const edit = insertAfterWord(model, instr, word, '--no-install-recommends');
        const fixes: Fix[] = edit ? [{ title: 'Add `--no-install-recommends`', edits: [edit], safe: false, isPreferred: true }] : [];
        ctx.report(
          model.rangeOf(word.start, word.end),
          '`install` without `--no-install-recommends` also installs every package the requested ones recommend.',
          fixes,
        );
      }
    }
  },
};

export default rule;
