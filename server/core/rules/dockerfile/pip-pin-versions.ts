import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';
import { checkPins } from '../pin-versions';

/** See server/core/dockerfile/packages.ts for what counts as pinned (pip: judgePip). */
const rule: DockerfileRule = {
  meta: {
    id: 'pip-pin-versions',
    title: 'pip package installed without a pinned version',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'unpinned packages',
    description:
      '`pip install` (also `pip3`, `python -m pip`, `uv pip install`) names a package without `==`, `~=`, `===` or an upper bound: `flask`, `flask[async]`, `flask>=2.0` (a lower bound only), or a VCS URL without `@<commit or tag>`. Requirement and constraint files (`-r`, `-c`, `PIP_CONSTRAINT`), local paths, `.` and archives are not judged.',
    rationale:
      'pip resolves an unpinned name to the newest release on the index at build time, so every rebuild may ship different code; a hijacked or typo-squatted release is installed automatically, and the image cannot be reproduced later.',
    howToFix:
      'Write `<pkg>==<version>` (the version `pip show <pkg>` reports in a working image), or move the packages to a requirements file generated with `pip freeze` or `pip-compile --generate-hashes` and install it with `pip install -r requirements.txt` (add `--require-hashes` to verify the downloads).',
    example: {
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3',
    },
    aliases: ['DL3013'],
    references: [
      hadolint('DL3013'),
      { title: 'pip: Repeatable installs', url: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/' },
      { title: 'pip: Secure installs (hash-checking mode)', url: 'https://pip.pypa.io/en/stable/topics/secure-installs/' },
    ],
  },
  check(ctx) {
    checkPins(ctx, 'pip');
  },
};

export default rule;
