import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `FROM --platform=<constant>` or redundant `$TARGETPLATFORM`; fix: remove the redundant flag; row aliases: DL3029, DL3065, BK FromPlatformFlagConstDisallowed, BK RedundantTargetPlatform)
const rule: DockerfileRule = {
  meta: {
    id: 'platform-flag',
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
