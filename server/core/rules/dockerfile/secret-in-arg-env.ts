import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `ARG`/`ENV` whose key looks secret (password, passwd, secret, token, api_key, apikey, private_key, access_key, credentials, auth …, plus well-known names such as `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `NPM_TOKEN`) — with or without a value)
const rule: DockerfileRule = {
  meta: {
    id: 'secret-in-arg-env',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['DL3064', 'BK SecretsUsedInArgOrEnv', 'DS0031', 'KICS Secrets Stored In Dockerfile', 'CIS 4.10'],
    references: [],
  },
  check() {},
};

export default rule;
