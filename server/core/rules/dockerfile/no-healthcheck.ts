import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: final stage has no `HEALTHCHECK` (and is not `HEALTHCHECK NONE`))
const rule: DockerfileRule = {
  meta: {
    id: 'no-healthcheck',
    title: '',
    severity: 'info',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3057', 'DS0026', 'CKV_DOCKER_2', 'KICS Healthcheck Instruction Missing', 'CIS 4.6'],
    references: [],
  },
  check() {},
};

export default rule;
