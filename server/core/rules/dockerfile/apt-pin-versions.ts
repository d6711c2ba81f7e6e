import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apt-get install pkg` without `=version` (not `.deb` files, not `-t release`); fix: —; row aliases: DL3008, KICS Apt Get Install Pin Version Not Defined)
const rule: DockerfileRule = {
  meta: {
    id: 'apt-pin-versions',
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
