import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: a literal credential anywhere in the file: private key blocks, AWS access keys, GitHub/GitLab/Slack/npm/PyPI tokens, JWTs, URLs with `user:password@`, high-entropy values assigned to secret-looking names)
const rule: DockerfileRule = {
  meta: {
    id: 'hardcoded-secret',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['KICS Passwords And Secrets', 'CIS 4.10'],
    references: [],
  },
  check() {},
};

export default rule;
