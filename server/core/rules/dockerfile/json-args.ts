import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `CMD`/`ENTRYPOINT` in shell form (signals do not reach the process); fix: convert to exec form `["a", "b"]` when the command has no shell syntax; row aliases: DL3025, BK JSONArgsRecommended)
const rule: DockerfileRule = {
  meta: {
    id: 'json-args',
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
