import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: apt-get/yum/dnf install without `-y`, zypper without `-n`; fix: add the flag; row aliases: DL3014, DL3030, DL3038, DL3034, DS0021)
const rule: DockerfileRule = {
  meta: {
    id: 'package-manager-yes',
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
