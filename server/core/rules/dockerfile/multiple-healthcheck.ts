import { reportEarlierInstructions } from '../multiple-instructions';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'multiple-healthcheck',
    title: 'More than one HEALTHCHECK in a stage',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports every `HEALTHCHECK` of a stage except the last one (`HEALTHCHECK NONE` counts), at its keyword. Each stage is judged on its own; `ONBUILD HEALTHCHECK` is not counted.',
    rationale:
      'Only the last `HEALTHCHECK` of a stage is kept in the image. An earlier probe never runs, so the container is judged healthy or not by a check other than the one a reader sees first, and a later `HEALTHCHECK NONE` silently turns a probe off.',
    howToFix: 'Keep the single HEALTHCHECK you want and delete the others; combine several probes into one command (`CMD a && b`) if you need them all.',
    example: {
      bad: 'FROM nginx:1.27-alpine\nHEALTHCHECK CMD wget -qO- http://localhost/ || exit 1\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/healthz || exit 1',
      good: 'FROM nginx:1.27-alpine\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost/healthz || exit 1',
    },
    aliases: ['DL3012', 'DS0023', 'BK MultipleInstructionsDisallowed'],
    references: [
      hadolint('DL3012'),
      { title: 'BuildKit check: MultipleInstructionsDisallowed', url: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/' },
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
    ],
  },
  check(ctx) {
    reportEarlierInstructions(ctx, 'HEALTHCHECK');
  },
};

export default rule;
