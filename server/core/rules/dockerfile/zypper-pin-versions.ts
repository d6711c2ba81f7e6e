import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (zypper: judgeZypper). */
const rule: DockerfileRule = {
  meta: {
    id: 'zypper-pin-versions',
    title: 'zypper package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`zypper install` (`zypper in`) names a package without a version: `curl`, or a lower bound only (`\"curl>=8\"`). `name=<version>`, `name<version` and `name-<version>` are pinned; `.rpm` files, URLs, paths and patterns/patches (`-t pattern`, `pattern:x`) are not judged.',
    rationale:
      'An unpinned `zypper install` takes the newest package in the configured repositories at build time, so rebuilds silently change the image\'s contents and a broken or malicious update is installed without review.',
    howToFix:
      'Look up the version with `zypper search -s <pkg>` and write `<pkg>=<version>` (quote it if it contains `<` or `>`), e.g. `zypper --non-interactive install curl=8.6.0`. Pin the base image as well, since the repositories of a release move with it.',
    example: {
      bad: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean --all',
      good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean --all',
    },
    aliases: ['DL3037'],
    references: [
      hadolint('DL3037'),
      { title: 'openSUSE: Zypper manual', url: 'https://en.opensuse.org/SDB:Zypper_manual' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'zypper');
  },
};

export default rule;
