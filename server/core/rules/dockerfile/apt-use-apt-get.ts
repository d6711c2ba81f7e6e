import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apt` instead of `apt-get`; fix: replace with `apt-get`; row aliases: DL3027, CKV_DOCKER_9)
const rule: DockerfileRule = {
  meta: {
    id: 'apt-use-apt-get',
    title: '',
    severity: 'info',
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
