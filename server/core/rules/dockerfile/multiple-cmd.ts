import { reportEarlierInstructions } from '../multiple-instructions';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'multiple-cmd',
    title: 'More than one CMD in a stage',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports every `CMD` of a stage except the last one, at its keyword. Each stage is judged on its own; `ONBUILD CMD` is a trigger for images built on this one and is not counted.',
    rationale:
      'Only the last `CMD` of a stage ends up in the image; the earlier ones are dropped without a warning. Two CMDs usually mean someone expected both commands to run (a worker and a web server, a migration and the app), and only the last one ever does.',
    howToFix:
      'Delete the CMDs that do not take effect. To run several processes, start them from one script or a process supervisor and make that the single CMD; one-off steps such as migrations belong in a RUN or in the entrypoint script.',
    example: {
      bad: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/migrate.py"]\nCMD ["python", "/app/web.py"]',
      good: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/web.py"]',
    },
    aliases: ['DL4003', 'DS0016', 'BK MultipleInstructionsDisallowed'],
    references: [
      hadolint('DL4003'),
      { title: 'BuildKit check: MultipleInstructionsDisallowed', url: 'https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/' },
      { title: 'Dockerfile reference: CMD', url: 'https://docs.docker.com/reference/dockerfile/#cmd' },
    ],
  },
  check(ctx) {
    reportEarlierInstructions(ctx, 'CMD');
  },
};

export default rule;
