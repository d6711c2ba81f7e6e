import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: downloaded script piped to a shell (`curl …)
const rule: DockerfileRule = {
  meta: {
    id: 'curl-pipe-shell',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['bash`)'],
    references: [],
  },
  check() {},
};

export default rule;
