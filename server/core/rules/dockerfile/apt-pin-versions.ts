import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (apt: judgeApt). */
const rule: DockerfileRule = {
  meta: {
    id: 'apt-pin-versions',
    title: 'apt package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`apt-get install` (or `apt install`) names a package without `=<version>`: `curl`, `curl:arm64`, or `curl/bookworm-backports` (a release, inside which the version still moves). `pkg=1.2.3` and `pkg=1.2.*` are pinned; `.deb` files, paths and the release given with `-t`/`--target-release` are not packages; words from ARG/ENV are judged when their values are known.',
    rationale:
      'Without a version, each rebuild installs whatever the mirror serves that day, so the same Dockerfile produces images with different code and you cannot tell which build shipped which package; a broken or malicious update lands in the next image without any change in review.',
    howToFix:
      'Look up the candidate version with `apt-cache policy <pkg>` (or `apt-cache madison <pkg>`) in the base image and write `<pkg>=<version>`; to keep receiving security fixes of one upstream release, pin a prefix such as `<pkg>=7.88.1-10+deb12u*`. Pin the base image too, since old package versions are only available from the release they shipped in.',
    example: {
      bad: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
      good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*',
    },
    aliases: ['DL3008', 'KICS Apt Get Install Pin Version Not Defined'],
    references: [
      hadolint('DL3008'),
      { title: 'Docker: Building best practices (apt-get)', url: 'https://docs.docker.com/build/building/best-practices/' },
      { title: 'apt-get(8): install pkg=version', url: 'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'apt');
  },
};

export default rule;
