import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `USER name` instead of a numeric UID (Kubernetes `runAsNonRoot` cannot verify names))
const rule: DockerfileRule = {
  meta: {
    id: 'user-numeric-id',
    title: '',
    severity: 'off',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3066'],
    references: [],
  },
  check() {},
};

export default rule;
