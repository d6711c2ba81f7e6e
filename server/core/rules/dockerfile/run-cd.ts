import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `cd` in RUN instead of `WORKDIR`; fix: —; row aliases: DL3003, DS0013)
const rule: DockerfileRule = {
  meta: {
    id: 'run-cd',
    title: '',
    severity: 'info',
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
