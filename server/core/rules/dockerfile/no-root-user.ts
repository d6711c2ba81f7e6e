import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: final stage runs as root: no `USER` in it (and none inherited from an earlier stage it builds on), or its last `USER` is `root`/`0`/`0:0` (also through ARG/ENV))
const rule: DockerfileRule = {
  meta: {
    id: 'no-root-user',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3002', 'DS0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'KICS Missing User Instruction', "KICS Last User Is 'root'", 'CIS 4.1'],
    references: [],
  },
  check() {},
};

export default rule;
