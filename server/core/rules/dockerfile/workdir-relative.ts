import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: relative `WORKDIR`; fix: —; row aliases: DL3000, BK WorkdirRelativePath, DS0009, CKV_DOCKER_10)
const rule: DockerfileRule = {
  meta: {
    id: 'workdir-relative',
    title: '',
    severity: 'warning',
    category: 'correctness',
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
