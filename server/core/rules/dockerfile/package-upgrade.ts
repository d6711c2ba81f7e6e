import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `apt-get upgrade/dist-upgrade`, `apk upgrade`, `yum/dnf update/upgrade`, `zypper update/dist-upgrade`; fix: remove the command; row aliases: DL3035, DS0024, KICS Run Using Upgrade Commands)
const rule: DockerfileRule = {
  meta: {
    id: 'package-upgrade',
    title: '',
    severity: 'warning',
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
