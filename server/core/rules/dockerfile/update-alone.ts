import { aloneUpdates, commandsByRun } from '../../dockerfile/hygiene-helpers';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'update-alone',
    title: 'Package index update without an install in the same RUN',
    severity: 'warning',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports `apt-get update` / `apt update` / `aptitude update` and `apk update` in a RUN where nothing reads the refreshed index: no install, upgrade, download or `apt-cache` query of the same package manager. A RUN that also runs a script or a dynamic command is not judged (the script may install). yum/dnf `makecache` and `zypper refresh` are not reported: those managers refresh expired metadata on their own when they install.',
    rationale:
      'The build cache keys a RUN on its text, not on the package repositories, so a RUN that only refreshes the index is reused from cache for as long as the line is unchanged: later RUNs then install from package lists that can be months old, fetch versions that no longer exist on the mirrors (the build fails) or miss security updates. The refreshed index also stays in that layer for nothing.',
    howToFix:
      'Refresh the index in the RUN that installs, and clean it up there: `RUN apt-get update && apt-get install -y --no-install-recommends <pkgs> && rm -rf /var/lib/apt/lists/*`, or `RUN apk add --no-cache <pkgs>` (which needs no separate `apk update`). Remove the lone update RUN.',
    example: {
      bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DS0017', 'CKV_DOCKER_5', 'KICS Update Instruction Alone', 'CIS 4.7'],
    references: [
      cis('4.7', 'Ensure update instructions are not used alone in Dockerfiles'),
      { title: 'Docker docs: Dockerfile best practices (apt-get)', url: 'https://docs.docker.com/build/building/best-practices/#apt-get' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const cmds of commandsByRun(model).values()) {
      for (const rc of aloneUpdates(cmds)) {
        const word = rc.call!.subcommandWord!;
        const apt = rc.call!.manager !== 'apk';
        ctx.report(
          model.rangeOf(word.start, word.end),
          apt
            ? '`update` refreshes the APT package lists in a RUN that installs nothing: the cached layer goes stale, and later RUNs install from old lists.'
            : '`apk update` refreshes the package index in a RUN that installs nothing: the cached layer goes stale, and later RUNs install from an old index.',
        );
      }
    }
  },
};

export default rule;
