import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (dnf: judgeRpm). */
const rule: DockerfileRule = {
  meta: {
    id: 'dnf-pin-versions',
    title: 'dnf package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`dnf install` (also `dnf5`, `microdnf`, `tdnf`) names a package without a version: `nginx`, `nginx.x86_64`, or a lower bound only (`\"nginx >= 1.20\"`). `name-<version>` and `name-<version>-<release>` are pinned; `dnf module install` needs `name:stream`; `.rpm` files, URLs, paths and `@group`s are not judged.',
    rationale:
      'An unpinned `dnf install` takes the newest package in the enabled repositories at build time, so rebuilds silently change the image\'s contents and a broken or malicious update is installed without review.',
    howToFix:
      'Look up the version with `dnf list --showduplicates <pkg>` (or `dnf repoquery <pkg>`) and write `<pkg>-<version>` (optionally `-<release>`), e.g. `dnf install -y nginx-1.20.1`. Pin the base image as well, since the repositories of a release move with it.',
    example: {
      bad: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all',
      good: 'FROM fedora:40\nRUN dnf install -y nginx-1.26.0 && dnf clean all',
    },
    aliases: ['DL3041'],
    references: [
      hadolint('DL3041'),
      { title: 'DNF command reference (install specs: NEVRA)', url: 'https://dnf.readthedocs.io/en/latest/command_ref.html' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'dnf');
  },
};

export default rule;
