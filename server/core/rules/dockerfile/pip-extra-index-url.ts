import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `pip install --extra-index-url` (dependency confusion))
const rule: DockerfileRule = {
  meta: {
    id: 'pip-extra-index-url',
    title: '',
    severity: 'warning',
    category: 'security',
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
