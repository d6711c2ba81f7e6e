import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `COPY`/`ADD` of files that are secrets by name (`.env`, `id_rsa*`, `*.pem`, `*.key`, `.npmrc`, `.pypirc`, `.aws/`, `.ssh/`, `.git-credentials`, `credentials.json`, `.netrc`))
const rule: DockerfileRule = {
  meta: {
    id: 'copy-sensitive-file',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DS0031'],
    references: [],
  },
  check() {},
};

export default rule;
