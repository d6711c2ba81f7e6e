import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `RUN --security=insecure` or `RUN --network=host`)
const rule: DockerfileRule = {
  meta: {
    id: 'run-insecure',
    title: '',
    severity: 'error',
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
