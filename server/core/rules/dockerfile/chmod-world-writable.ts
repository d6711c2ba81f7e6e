import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `chmod 777`/`a+w`/`o+w` on paths)
const rule: DockerfileRule = {
  meta: {
    id: 'chmod-world-writable',
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
