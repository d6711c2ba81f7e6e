import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `VOLUME /var/run/docker.sock`)
const rule: DockerfileRule = {
  meta: {
    id: 'docker-socket-volume',
    title: '',
    severity: 'error',
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
