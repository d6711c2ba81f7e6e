import { describeReference, stageReferences } from '../../dockerfile/stage-refs';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'copy-from-self',
    title: '`--from` names the stage it is in',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports `COPY --from=<ref>` and `RUN --mount=…,from=<ref>` whose reference is the stage the instruction belongs to, by name (case-insensitively) or by index (`--from=0` in the first stage), also through ARG substitution.',
    rationale:
      'A stage cannot read its own result while it is being built: BuildKit fails with "circular dependency detected on stage". The intent was almost always an earlier stage or the build context.',
    howToFix:
      'Point `--from` at the earlier stage that produces the files, or drop `--from` to copy from the build context. Inside one stage, files are already there: use `RUN cp`/`mv` instead of copying from the stage itself.',
    example: {
      bad: 'FROM node:20 AS build\nRUN npm ci && npm run build\nCOPY --from=build /app/dist /srv\n',
      good: 'FROM node:20 AS build\nRUN npm ci && npm run build\n\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    aliases: ['DL3023', 'DS0006'],
    references: [
      hadolint('DL3023'),
      { title: 'Dockerfile reference: COPY --from', url: 'https://docs.docker.com/reference/dockerfile/#copy---from' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const ref of stageReferences(model)) {
      const current = ref.instr.stage!;
      const value = ref.value;
      if (value === undefined || value === '') continue;
      const byIndex = /^\d+$/.test(value) && Number(value) === current.index;
      const byName = current.name !== undefined && value === current.name && !model.stages.some((s) => s.index < current.index && s.name === value);
      if (!byIndex && !byName) continue;
      const at = `line ${current.from.range.start.line + 1}`;
      const stage = byName ? `its own stage \`${current.name}\`` : `its own stage (index ${current.index})`;
      ctx.report(ref.range, `\`${describeReference(ref)}\` refers to ${stage} (${at}): a stage cannot copy from itself.`);
    }
  },
};

export default rule;
