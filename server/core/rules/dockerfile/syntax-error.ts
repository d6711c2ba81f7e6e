import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: what the Docker builder would reject: unknown instruction, missing arguments, unknown flag, first instruction not FROM/ARG, bad escape directive; fix: —; row aliases: DL3061, DL1000)
const rule: DockerfileRule = {
  meta: {
    id: 'syntax-error',
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
