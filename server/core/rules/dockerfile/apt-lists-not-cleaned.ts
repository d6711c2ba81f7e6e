import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: apt-get install without `rm -rf /var/lib/apt/lists/*` in the same RUN (unless a cache mount is used); fix: append the cleanup; row aliases: DL3009)
const rule: DockerfileRule = {
  meta: {
    id: 'apt-lists-not-cleaned',
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
