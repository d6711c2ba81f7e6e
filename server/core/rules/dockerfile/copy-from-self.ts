import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `--from` naming no earlier stage / its own stage; fix: —; row aliases: DL3022, DL3023, DS0006)
const rule: DockerfileRule = {
  meta: {
    id: 'copy-from-self',
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
