import { jsonString, singleQuotedExecForm } from '../../dockerfile/exec-form';
import { replace } from '../../fixes/edits';
import type { DockerfileRule } from '../rule';

/** What the builder does with a single-quoted array, by instruction. */
function consequence(keyword: string): string {
  switch (keyword) {
    case 'SHELL':
      return 'SHELL only accepts JSON, so the build fails';
    case 'VOLUME':
    case 'COPY':
    case 'ADD':
      return `${keyword} splits it on blanks and keeps the brackets and commas in the paths`;
    default:
      return 'the builder silently runs it as a shell-form command (`/bin/sh -c "[…]"`)';
  }
}

const rule: DockerfileRule = {
  meta: {
    id: 'json-single-quotes',
    title: 'Exec form written with single quotes',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      "Reports an exec-form array whose items are written with single quotes (`CMD ['node', 'server.js']`) in `CMD`, `ENTRYPOINT`, `RUN`, `SHELL`, `VOLUME`, `COPY`, `ADD`, `HEALTHCHECK CMD` and `ONBUILD` triggers. Arrays of bare words or valid JSON are not reported.",
    rationale:
      "The builder parses exec form as JSON, and JSON only has double-quoted strings. A single-quoted array is not JSON, so the builder quietly treats it as shell form: `CMD ['node', 'server.js']` becomes `/bin/sh -c \"['node', 'server.js']\"`, which builds fine and fails only when the container starts; `VOLUME` and `COPY` split it on blanks into paths such as `[/data]`, and `SHELL` rejects it.",
    howToFix:
      'Write the array as JSON: double quotes around every item, escaping any `"` or `\\` inside an item as `\\"` and `\\\\` (`CMD ["node", "server.js"]`).',
    example: {
      bad: "FROM node:20-alpine\nCOPY server.js /app/\nCMD ['node', '/app/server.js']",
      good: 'FROM node:20-alpine\nCOPY server.js /app/\nCMD ["node", "/app/server.js"]',
    },
    aliases: [],
    references: [
      { title: 'Dockerfile reference: shell and exec form', url: 'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form' },
      { title: 'hadolint DL3025 (notes that exec form must use double quotes)', url: 'https://github.com/hadolint/hadolint/wiki/DL3025' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      const form = singleQuotedExecForm(model, instr);
      if (!form) continue;
      const where = instr.keyword === 'ONBUILD' ? `ONBUILD ${form.keyword}` : instr.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : form.keyword;
      const edits = form.items.filter((i) => i.single).map((i) => replace(model.rangeOf(i.start, i.end), jsonString(i.value)));
      ctx.report(
        model.rangeOf(form.start, form.end),
        `${where} array uses single quotes, which are not JSON: ${consequence(form.keyword)}.`,
        [{ title: `Use double quotes in the ${where} array`, edits, safe: true, isPreferred: true }],
      );
    }
  },
};

export default rule;
