import { commandsByRun, isJsonElement, isLiteralAt } from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import type { ShellWord } from '../../dockerfile/shell';
import type { Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/**
 * The scripting tool for each `apt` subcommand (which takes the same subcommand). `safe` is false where the result
 * differs: `apt upgrade` also installs new dependencies, `apt-get upgrade` holds such packages back.
 */
const REPLACEMENTS: Record<string, { tool: 'apt-get' | 'apt-cache'; safe: boolean }> = {
  update: { tool: 'apt-get', safe: true },
  install: { tool: 'apt-get', safe: true },
  remove: { tool: 'apt-get', safe: true },
  purge: { tool: 'apt-get', safe: true },
  autoremove: { tool: 'apt-get', safe: true },
  clean: { tool: 'apt-get', safe: true },
  autoclean: { tool: 'apt-get', safe: true },
  source: { tool: 'apt-get', safe: true },
  'build-dep': { tool: 'apt-get', safe: true },
  download: { tool: 'apt-get', safe: true },
  changelog: { tool: 'apt-get', safe: true },
  satisfy: { tool: 'apt-get', safe: true },
  'dist-upgrade': { tool: 'apt-get', safe: true },
  'full-upgrade': { tool: 'apt-get', safe: true },
  upgrade: { tool: 'apt-get', safe: false },
  search: { tool: 'apt-cache', safe: true },
  show: { tool: 'apt-cache', safe: true },
  showsrc: { tool: 'apt-cache', safe: true },
  policy: { tool: 'apt-cache', safe: true },
  depends: { tool: 'apt-cache', safe: true },
  rdepends: { tool: 'apt-cache', safe: true },
};

/** An edit replacing the word's text (inside its JSON quotes in exec form); undefined when it is not written literally. */
function replaceWord(model: DockerfileModel, instr: DfInstruction, w: ShellWord, text: string): TextEdit | undefined {
  if (!isLiteralAt(model, w) && !isJsonElement(model, instr, w)) return undefined;
  if (model.text.slice(w.start, w.end) !== w.raw) return undefined;
  return { range: model.rangeOf(w.start, w.end), newText: text };
}

const rule: DockerfileRule = {
  meta: {
    id: 'apt-use-apt-get',
    title: '`apt` used in RUN instead of `apt-get`',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: '`apt` commands',
    description:
      'Reports the `apt` command in RUN (`apt install`, `apt update`, `apt search`, …). `apt-get`/`apt-cache` are the tools meant for scripts; `apt-key`, `apt-mark` and the other `apt-*` tools are not reported.',
    rationale:
      '`apt` is the interactive front end: its command line and output are not kept stable between releases (it prints "WARNING: apt does not have a stable CLI interface. Use with caution in scripts."), and some of its defaults differ from `apt-get` (`apt upgrade` installs new dependencies), so a build can change behaviour when the base image moves to a newer APT.',
    howToFix:
      'Use `apt-get` for install, update, upgrade, remove and the other package operations, and `apt-cache` for `search`, `show`, `policy` and `depends`. The quick fix replaces the command word; it is applied by fix-all except for `apt upgrade`, whose `apt-get` counterpart holds back upgrades that need new packages. `apt list` and `apt edit-sources` have no direct counterpart and get no quick fix.',
    example: {
      bad: 'FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    references: [hadolint('DL3027'), { title: 'apt(8): Script usage and differences from other APT tools', url: 'https://manpages.debian.org/bookworm/apt/apt.8.en.html' }],
  },
  check(ctx) {
    const { model } = ctx;
    for (const [instr, cmds] of commandsByRun(model)) {
      for (const rc of cmds) {
        if (rc.call?.manager !== 'apt' || ctx.overCap(instr)) continue;
        const word = rc.effective.command;
        const sub = rc.call.subcommand;
        const replacement = sub !== undefined ? REPLACEMENTS[sub] : undefined;
        const tool = replacement?.tool ?? 'apt-get';
        const fixes: Fix[] = [];
        const edit = replacement && word.value !== null ? replaceWord(model, instr, word, word.value.replace(/apt$/, replacement.tool)) : undefined;
        if (replacement && edit) fixes.push({ title: `Replace \`apt\` with \`${replacement.tool}\``, edits: [edit], safe: replacement.safe, isPreferred: true });
        ctx.report(
          model.rangeOf(word.start, word.end),
          sub !== undefined && !replacement
            ? `\`apt ${sub}\` is an interactive command whose interface is not stable for scripts; use \`apt-get\` or \`apt-cache\` equivalents.`
            : `\`apt\` is the interactive front end whose interface is not stable for scripts; use \`${tool}\` in RUN.`,
          fixes,
        );
      }
    }
  },
};

export default rule;
