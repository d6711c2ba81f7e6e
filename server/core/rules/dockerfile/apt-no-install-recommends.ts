import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apt-get install` without `--no-install-recommends`; fix: add the flag; row aliases: DL3015, DS0029)
const rule: DockerfileRule = {
  meta: {
    id: 'apt-no-install-recommends',
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
