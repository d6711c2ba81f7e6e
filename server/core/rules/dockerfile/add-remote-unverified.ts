import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `ADD https://…` without `--checksum=sha256:…`)
const rule: DockerfileRule = {
  meta: {
    id: 'add-remote-unverified',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['KICS Curl or Wget Instead of Add', 'CIS 4.12'],
    references: [],
  },
  check() {},
};

export default rule;
