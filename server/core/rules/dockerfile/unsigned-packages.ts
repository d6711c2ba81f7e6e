import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: apk `--allow-untrusted`, apt `--allow-unauthenticated`/`--force-yes`, yum/dnf `--nogpgcheck`, rpm `--nosignature/--nodigest/--noverify`)
const rule: DockerfileRule = {
  meta: {
    id: 'unsigned-packages',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['CKV2_DOCKER_7–11', 'CIS 4.11'],
    references: [],
  },
  check() {},
};

export default rule;
