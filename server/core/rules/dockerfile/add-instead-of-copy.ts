import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `ADD` of local files that are not archives to extract)
const rule: DockerfileRule = {
  meta: {
    id: 'add-instead-of-copy',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3020', 'DS0005', 'CKV_DOCKER_4', 'KICS Add Instead of Copy', 'CIS 4.9'],
    references: [],
  },
  check() {},
};

export default rule;
