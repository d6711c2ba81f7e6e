import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apk add pkg` without `=version`/`~version`; fix: —; row aliases: DL3018)
const rule: DockerfileRule = {
  meta: {
    id: 'apk-pin-versions',
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
