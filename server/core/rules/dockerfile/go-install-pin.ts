import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: same for gem (`-v`), `go install x@version`, yum, dnf, zypper; fix: —; row aliases: DL3028, DL3062, DL3033, DL3041, DL3037)
const rule: DockerfileRule = {
  meta: {
    id: 'go-install-pin',
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
