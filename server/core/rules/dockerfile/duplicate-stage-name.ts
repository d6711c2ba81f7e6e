import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'duplicate-stage-name',
    title: 'Stage name used twice',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports a `FROM … AS <name>` whose name (compared case-insensitively, as the builder does) is already the name of an earlier stage. The later name is reported.',
    rationale:
      'Stage names are how `COPY --from`, `RUN --mount=from=`, `FROM <stage>` and `--target` find a stage; BuildKit refuses a file where two stages share one, and tools that resolve the first or the last match silently copy from the wrong stage.',
    howToFix: 'Rename one of the stages (and the `--from`/`FROM`/`--target` references meant for it) so every stage name is unique.',
    example: {
      bad: 'FROM node:20 AS build\nRUN npm ci\n\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n',
      good: 'FROM node:20 AS web\nRUN npm ci\n\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n',
    },
    aliases: ['DL3024', 'BK DuplicateStageName', 'DS0012', 'CKV_DOCKER_11'],
    references: [
      hadolint('DL3024'),
      { title: 'Build checks: DuplicateStageName', url: 'https://docs.docker.com/reference/build-checks/duplicate-stage-name/' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const first = model.stages.find((s) => s.index < stage.index && s.name === stage.name);
      if (!first) continue;
      ctx.report(stage.nameRange, `Stage name \`${model.textOf(stage.nameRange)}\` is already used by the stage on line ${first.from.range.start.line + 1}.`);
    }
  },
};

export default rule;
