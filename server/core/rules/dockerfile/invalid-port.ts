import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: EXPOSE port outside 0–65535, or malformed; fix: —; row aliases: DL3011, DS0008)
const rule: DockerfileRule = {
  meta: {
    id: 'invalid-port',
    title: '',
    severity: 'error',
    category: 'correctness',
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
