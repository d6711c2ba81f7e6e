import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apk add` without `--no-cache`, `pip install` without `--no-cache-dir`, yum/dnf/microdnf/zypper without clean, `yarn install` without `yarn cache clean` (unless a cache mount is used); fix: add the flag / append the clean; row aliases: DL3019, DL3042, DL3032, DL3040, DL3036, DL3060, DS0015, DS0019, DS0020, DS0025, DS0027)
const rule: DockerfileRule = {
  meta: {
    id: 'package-cache-not-cleaned',
    title: '',
    severity: 'info',
    category: 'supply-chain',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: [],
    references: [],
  },
  check() {},
};

export default rule;
