import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `WORKDIR` under `/proc`, `/sys`, `/dev`, `/boot`)
const rule: DockerfileRule = {
  meta: {
    id: 'system-workdir',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DS0030'],
    references: [],
  },
  check() {},
};

export default rule;
