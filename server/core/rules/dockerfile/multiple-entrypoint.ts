import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: more than one in a stage (only the last counts); fix: remove the earlier ones; row aliases: DL4003, DL4004, DL3012, BK MultipleInstructionsDisallowed, DS0007, DS0016, DS0023)
const rule: DockerfileRule = {
  meta: {
    id: 'multiple-entrypoint',
    title: '',
    severity: 'warning',
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
