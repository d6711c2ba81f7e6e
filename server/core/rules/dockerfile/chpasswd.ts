import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: setting passwords with `chpasswd`/`passwd` in RUN)
const rule: DockerfileRule = {
  meta: {
    id: 'chpasswd',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['CKV2_DOCKER_17'],
    references: [],
  },
  check() {},
};

export default rule;
