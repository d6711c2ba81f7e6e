import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `ENV key value`; fix: rewrite to `ENV key=value`; row aliases: BK LegacyKeyValueFormat)
const rule: DockerfileRule = {
  meta: {
    id: 'legacy-env-format',
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
