import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `COPY . …`/`ADD . …` while no `.dockerignore` (or `<Dockerfile>.dockerignore`) sits beside the build context)
const rule: DockerfileRule = {
  meta: {
    id: 'copy-context-without-dockerignore',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['CIS 4.10'],
    references: [],
  },
  check() {},
};

export default rule;
