import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `pip install pkg` without `==` (not `-r`, not local paths, not `.`); fix: —; row aliases: DL3013)
const rule: DockerfileRule = {
  meta: {
    id: 'pip-pin-versions',
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
