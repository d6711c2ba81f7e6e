import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (yum: judgeRpm). */
const rule: DockerfileRule = {
  meta: {
    id: 'yum-pin-versions',
    title: 'yum package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`yum install` names a package without a version: `httpd`, `httpd.x86_64`, or a lower bound only (`\"httpd >= 2.4\"`). `name-<version>` and `name-<version>-<release>` are pinned; `yum module install` needs `name:stream`; `.rpm` files, URLs, paths and `@group`s are not judged.',
    rationale:
      'An unpinned `yum install` takes the newest package in the enabled repositories at build time, so rebuilds silently change the image\'s contents and a broken or malicious update is installed without review.',
    howToFix:
      'Look up the version with `yum list --showduplicates <pkg>` and write `<pkg>-<version>` (optionally `-<release>`), e.g. `yum install -y httpd-2.4.6`. Pin the base image as well, since the repositories of a release move with it.',
    example: {
      bad: 'FROM centos:7\nRUN yum install -y httpd && yum clean all',
      good: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all',
    },
    aliases: ['DL3033'],
    references: [
      hadolint('DL3033'),
      { title: 'DNF command reference (install specs: NEVRA)', url: 'https://dnf.readthedocs.io/en/latest/command_ref.html' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'yum');
  },
};

export default rule;
