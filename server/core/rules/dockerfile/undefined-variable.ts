import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `$VAR` used but never declared by ARG/ENV (not predefined build args); fix: suggest the nearest declared name; row aliases: BK UndefinedVar, BK UndefinedArgInFrom)
const rule: DockerfileRule = {
  meta: {
    id: 'undefined-variable',
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
