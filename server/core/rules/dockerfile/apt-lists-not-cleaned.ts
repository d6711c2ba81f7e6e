import { appendToRun, aptSimulates, commandsByRun, familyOf, mountHolds, reachesImage, removesPath, type RunCmd } from '../../dockerfile/hygiene-helpers';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { stageChain } from '../../dockerfile/words';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** APT subcommands that install or upgrade packages (and so run with the package lists present). */
const INSTALLS = new Set(['install', 'reinstall', 'upgrade', 'dist-upgrade', 'full-upgrade', 'safe-upgrade', 'build-dep', 'satisfy']);
/** APT subcommands that read the lists (a later RUN running one of them needs the lists still there). */
const READS_LISTS = new Set([...INSTALLS, 'source', 'download', 'changelog']);

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

function isListsPath(path: string): boolean {
  return /^\/var\/lib\/apt\/?(\*|lists(\/.*)?)?$/.test(path);
}

function aptCall(rc: RunCmd, subs: Set<string>): boolean {
  return familyOf(rc.call?.manager) === 'apt' && rc.call?.subcommand !== undefined && subs.has(rc.call.subcommand) && !(rc.call.manager !== 'aptitude' && aptSimulates(rc.call));
}

/** True when a command after `after` deletes the lists (`rm -rf /var/lib/apt/lists/*`, `apt-get distclean`). */
function cleanedAfter(cmds: RunCmd[], after: number): boolean {
  return cmds.some(
    (rc) =>
      rc.command.start > after &&
      (removesPath(rc, isListsPath) || (familyOf(rc.call?.manager) === 'apt' && (rc.call?.subcommand === 'distclean' || rc.call?.subcommand === 'dist-clean'))),
  );
}

/**
 * True when a later RUN of this stage, or of a stage built on it, reads the lists without refreshing them
 * first (`RUN apt-get install -y x` relying on an earlier `apt-get update`): deleting them here would break it.
 */
function laterRunNeedsLists(model: DockerfileModel, instr: DfInstruction): boolean {
  const stage = instr.stage;
  if (!stage) return false;
  const uses = listUses(model);
  // Along every stage chain that continues from this RUN, the next RUN touching the lists decides: one that reads
  // them before refreshing breaks; one that refreshes them makes this RUN's cleanup harmless.
  for (const s of model.stages) {
    const chain = stageChain(s);
    if (!chain.includes(stage)) continue;
    for (const [other, use] of uses) {
      if (other.index <= instr.index || !other.stage || !chain.includes(other.stage)) continue;
      if (use === 'reads') return true;
      break;
    }
  }
  return false;
}

/** For each RUN that touches the APT lists: whether it reads them before refreshing them, or refreshes them first. */
function listUses(model: DockerfileModel): [DfInstruction, 'reads' | 'refreshes'][] {
  let uses = usesCache.get(model);
  if (uses) return uses;
  uses = [];
  const isUpdate = (rc: RunCmd) => familyOf(rc.call?.manager) === 'apt' && rc.call?.subcommand === 'update';
  for (const [instr, cmds] of commandsByRun(model)) {
    const firstRead = cmds.find((rc) => aptCall(rc, READS_LISTS) || rc.effective.name === 'apt-cache');
    const firstUpdate = cmds.find(isUpdate);
    if (firstUpdate && (!firstRead || firstUpdate.command.start < firstRead.command.start)) uses.push([instr, 'refreshes']);
    else if (firstRead && !mountHolds(model, instr, '/var/lib/apt/lists')) uses.push([instr, 'reads']);
  }
  uses.sort((a, b) => a[0].index - b[0].index);
  usesCache.set(model, uses);
  return uses;
}
const usesCache = new WeakMap<DockerfileModel, [DfInstruction, 'reads' | 'refreshes'][]>();

const rule: DockerfileRule = {
  meta: {
    id: 'apt-lists-not-cleaned',
    title: 'APT package lists left in the image',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    description:
      'Reports a RUN that installs or upgrades packages with apt-get/apt/aptitude but does not delete `/var/lib/apt/lists/*` after it in the same RUN (nor runs `apt-get distclean`), unless a cache or tmpfs mount holds `/var/lib/apt/lists` (`RUN --mount=type=cache,target=/var/lib/apt …`). Only stages whose files reach an image are judged (the final stage, the stages it builds on, and stages nothing else uses); a build stage that only feeds `COPY --from` is not.',
    rationale:
      'The lists `apt-get update` downloads (tens of megabytes) stay in the layer of the RUN that ran it: deleting them in a later RUN does not shrink the image. Left in the image they add size to every pull and record the repository state of build day for no runtime use.',
    howToFix:
      'End the RUN that runs `apt-get update` and `apt-get install` with `&& rm -rf /var/lib/apt/lists/*`, or keep the lists out of the layer with a BuildKit cache mount (`RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked …`). The quick fix appends the `rm`; it is applied by fix-all, and not offered when a later RUN of the stage installs without its own `apt-get update` (it relies on these lists).',
    example: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DL3009'],
    references: [hadolint('DL3009'), { title: 'Docker docs: Dockerfile best practices (apt-get)', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' }],
  },
  check(ctx) {
    const { model } = ctx;
    for (const [instr, cmds] of commandsByRun(model)) {
      if (!reachesImage(model, instr.stage)) continue;
      const installs = cmds.filter((rc) => aptCall(rc, INSTALLS));
      if (installs.length === 0) continue;
      const last = installs[installs.length - 1];
      if (cleanedAfter(cmds, last.command.start)) continue;
      if (mountHolds(model, instr, '/var/lib/apt/lists')) continue;
      // Anchor on the `update` that downloads the lists, else on the first install.
      const update = cmds.find((rc) => familyOf(rc.call?.manager) === 'apt' && rc.call?.subcommand === 'update' && rc.command.start < last.command.start);
      const word = (update ?? installs[0]).call!.subcommandWord!;
      const fixes: Fix[] = [];
      if (!laterRunNeedsLists(model, instr)) {
        const edit = appendToRun(model, instr, CLEANUP);
        if (edit) fixes.push({ title: `Append \`${CLEANUP}\``, edits: [edit], safe: true, isPreferred: true });
      }
      ctx.report(
        model.rangeOf(word.start, word.end),
        update
          ? 'The package lists `update` downloads stay in this layer: delete `/var/lib/apt/lists/*` at the end of the RUN.'
          : 'The APT package lists stay in this layer: delete `/var/lib/apt/lists/*` at the end of the RUN that installs.',
        fixes,
      );
    }
  },
};

export default rule;
