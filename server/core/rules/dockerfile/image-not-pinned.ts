import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: base image not pinned by digest (`@sha256:`); build stages count too (their bases are part of the supply chain); skip `scratch`, references to earlier stages (`FROM build`), and references fully resolved from ARGs whose defaults are pinned)
const rule: DockerfileRule = {
  meta: {
    id: 'image-not-pinned',
    title: '',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['CIS 4.2'],
    references: [],
  },
  check() {},
};

export default rule;
