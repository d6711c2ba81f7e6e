import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `npm install -g pkg` without `@version`; fix: —; row aliases: DL3016)
const rule: DockerfileRule = {
  meta: {
    id: 'npm-pin-versions',
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
