import { reportEarlierInstructions } from '../multiple-instructions';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'multiple-entrypoint',
    title: 'More than one ENTRYPOINT in a stage',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports every `ENTRYPOINT` of a stage except the last one, at its keyword. Each stage is judged on its own; `ONBUILD ENTRYPOINT` is a trigger for images built on this one and is not counted.',
    rationale:
      'Only the last `ENTRYPOINT` of a stage ends up in the image; the earlier ones are dropped without a warning. A wrapper declared first (an init such as `tini`, an entrypoint script that prepares configuration or drops privileges) then never runs, and nothing in the build says so.',
    howToFix:
      'Delete the ENTRYPOINTs that do not take effect. To chain a wrapper and a program, make the wrapper the single ENTRYPOINT and pass the program to it, e.g. `ENTRYPOINT ["tini", "--", "docker-entrypoint.sh"]`, or put the program in CMD.',
    example: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache tini\nCOPY app /usr/local/bin/app\nENTRYPOINT ["/sbin/tini", "--"]\nENTRYPOINT ["app"]',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache tini\nCOPY app /usr/local/bin/app\nENTRYPOINT ["/sbin/tini", "--", "app"]',
    },
    aliases: ['DL4004', 'DS0007', 'BK MultipleInstructionsDisallowed'],
    references: [
      hadolint('DL4004'),
      { title: 'BuildKit check: MultipleInstructionsDisallowed', url: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/' },
      { title: 'Dockerfile reference: ENTRYPOINT', url: 'https://docs.docker.com/reference/dockerfile/#entrypoint' },
    ],
  },
  check(ctx) {
    reportEarlierInstructions(ctx, 'ENTRYPOINT');
  },
};

export default rule;
