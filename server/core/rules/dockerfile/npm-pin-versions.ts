import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (npm: judgeNpm). */
const rule: DockerfileRule = {
  meta: {
    id: 'npm-pin-versions',
    title: 'Global npm package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      'A global install (`npm install -g`, `npm i --global`, `pnpm add -g`, `yarn global add`) names a package without a version: `typescript`, `@scope/cli`, a dist-tag such as `typescript@latest` or `@next`, `@*` or a lower bound only, or a git repository without `#<commit>`. Local installs are not judged (they follow package-lock.json); folders and tarballs are not registry packages.',
    rationale:
      'Global installs bypass the project\'s lockfile, so an unpinned name installs whatever the registry tags as latest at build time: rebuilds change the tool silently, and a compromised release (as happened to several popular npm packages) is pulled straight into the image.',
    howToFix:
      'Write `<pkg>@<version>` with an exact version (`npm view <pkg> version` shows the current one), e.g. `npm install -g typescript@5.4.5`; for repositories, append `#<commit>`. Better still, list the tool in package.json so the lockfile pins it and its dependencies.',
    example: {
      bad: 'FROM node:20-alpine\nRUN npm install -g typescript',
      good: 'FROM node:20-alpine\nRUN npm install -g typescript@5.4.5',
    },
    aliases: ['DL3016'],
    references: [
      hadolint('DL3016'),
      { title: 'npm Docs: npm install', url: 'https://docs.npmjs.com/cli/v10/commands/npm-install' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'npm');
  },
};

export default rule;
