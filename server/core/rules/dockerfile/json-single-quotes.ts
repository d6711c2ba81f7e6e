import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: exec form written with single quotes (silently becomes shell form); fix: replace with double quotes; row aliases: —)
const rule: DockerfileRule = {
  meta: {
    id: 'json-single-quotes',
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
