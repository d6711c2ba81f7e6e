import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apt-get update` (or apk/yum update) in a RUN without an install in the same RUN; fix: —; row aliases: DS0017, CKV_DOCKER_5, KICS Update Instruction Alone, CIS 4.7)
const rule: DockerfileRule = {
  meta: {
    id: 'update-alone',
    title: '',
    severity: 'warning',
    category: 'supply-chain',
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
