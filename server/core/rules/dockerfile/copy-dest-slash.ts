import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: COPY/ADD with several sources and a destination not ending in `/`; fix: append `/`; row aliases: DL3021, DS0011)
const rule: DockerfileRule = {
  meta: {
    id: 'copy-dest-slash',
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
