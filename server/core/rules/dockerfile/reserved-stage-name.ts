import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** Names the builder gives their own meaning: `scratch` is the empty image, `context` is reserved for the build context. */
const RESERVED = new Set(['scratch', 'context']);

const rule: DockerfileRule = {
  meta: {
    id: 'reserved-stage-name',
    title: 'Reserved word used as a stage name',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    description: 'Reports a stage named `scratch` or `context` (in any letter case): `FROM … AS scratch`.',
    rationale:
      '`scratch` already means the empty base image and BuildKit reserves `context` for the build context, so a stage with either name is ambiguous: BuildKit flags it, and a later `FROM scratch` meant to start from nothing builds on the stage instead.',
    howToFix: 'Rename the stage (for example `base` or `sources`) and update the `--from`/`FROM`/`--target` references to it.',
    example: {
      bad: 'FROM alpine:3.20 AS context\nRUN echo hi > /hello\n\nFROM alpine:3.20\nCOPY --from=context /hello /hello\n',
      good: 'FROM alpine:3.20 AS sources\nRUN echo hi > /hello\n\nFROM alpine:3.20\nCOPY --from=sources /hello /hello\n',
    },
    aliases: ['DL3063', 'BK ReservedStageName'],
    references: [
      hadolint('DL3063'),
      { title: 'Build checks: ReservedStageName', url: 'https://docs.docker.com/reference/build-checks/reserved-stage-name/' },
    ],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (!stage.name || !stage.nameRange || !RESERVED.has(stage.name)) continue;
      const meaning = stage.name === 'scratch' ? 'it means the empty base image' : 'BuildKit reserves it for the build context';
      ctx.report(stage.nameRange, `\`${ctx.model.textOf(stage.nameRange)}\` is reserved (${meaning}) and should not name a stage.`);
    }
  },
};

export default rule;
