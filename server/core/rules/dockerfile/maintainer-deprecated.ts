import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `MAINTAINER`; fix: replace with `LABEL org.opencontainers.image.authors="…"`; row aliases: DL4000, BK MaintainerDeprecated, DS0022, CKV_DOCKER_6)
const rule: DockerfileRule = {
  meta: {
    id: 'maintainer-deprecated',
    title: '',
    severity: 'info',
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
