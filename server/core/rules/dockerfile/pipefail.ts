import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: RUN with a pipe while the stage's shell is `sh -c` without `-o pipefail`; fix: insert `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the first such RUN (only on images with bash), or prefix the RUN with `set -o pipefail &&`; row aliases: DL4006, KICS Shell Running A Pipe Without Pipefail)
const rule: DockerfileRule = {
  meta: {
    id: 'pipefail',
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
