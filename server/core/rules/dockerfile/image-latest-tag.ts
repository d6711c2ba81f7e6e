import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `:latest` or no tag at all)
const rule: DockerfileRule = {
  meta: {
    id: 'image-latest-tag',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3006', 'DL3007', 'DS0001', 'CKV_DOCKER_7', "KICS Image Version Using 'latest'", 'KICS Image Version Not Explicit'],
    references: [],
  },
  check() {},
};

export default rule;
