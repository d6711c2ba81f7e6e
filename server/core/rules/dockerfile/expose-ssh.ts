import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `EXPOSE 22` or installing/starting `openssh-server`/`sshd`)
const rule: DockerfileRule = {
  meta: {
    id: 'expose-ssh',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DS0004', 'CKV_DOCKER_1', 'CIS 5.7'],
    references: [],
  },
  check() {},
};

export default rule;
