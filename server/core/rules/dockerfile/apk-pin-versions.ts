import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (apk: judgeApk). */
const rule: DockerfileRule = {
  meta: {
    id: 'apk-pin-versions',
    title: 'apk package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`apk add` names a package without a version constraint: `curl`, `curl>=8` (a lower bound only) or `curl@edge` (a repository tag). `pkg=1.2.3-r0`, `pkg~1.2` and `pkg=~1.2` are pinned; the `--virtual`/`-t` name, `.apk` files and paths are not packages.',
    rationale:
      'An unpinned `apk add` takes whatever version the Alpine repository holds when the image is built, so rebuilds silently change the software in the image and a bad package release reaches production without any diff to review.',
    howToFix:
      'Find the version with `apk policy <pkg>` (or on pkgs.alpinelinux.org for the image\'s Alpine branch) and write `<pkg>=<version>`; `<pkg>~<major.minor>` keeps the version line while still taking its security fixes. Pin the base image to the same Alpine branch, since a branch only carries its own versions.',
    example: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0',
    },
    aliases: ['DL3018'],
    references: [
      hadolint('DL3018'),
      { title: 'Alpine Linux: Alpine Package Keeper (apk)', url: 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'apk');
  },
};

export default rule;
