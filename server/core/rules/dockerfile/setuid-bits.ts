import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: final stage does not strip setuid/setgid bits)
const rule: DockerfileRule = {
  meta: {
    id: 'setuid-bits',
    title: '',
    severity: 'off',
    category: 'security',
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
