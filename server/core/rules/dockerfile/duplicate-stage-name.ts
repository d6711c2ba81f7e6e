import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: stage names reused, or `scratch`/`context`; fix: —; row aliases: DL3024, DL3063, BK DuplicateStageName, BK ReservedStageName, DS0012, CKV_DOCKER_11)
const rule: DockerfileRule = {
  meta: {
    id: 'duplicate-stage-name',
    title: '',
    severity: 'error',
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
