import { stageChain } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'no-healthcheck',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'info',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports the final stage\'s `FROM` when neither that stage nor an earlier stage it builds on (`FROM base AS final`) has a `HEALTHCHECK`. `HEALTHCHECK NONE` is a deliberate choice and is not reported; build stages are not judged, nor is a final `FROM scratch` stage without `CMD`/`ENTRYPOINT` (an artifact to export, not a service).',
    rationale:
      'Without a health check Docker only knows whether the process is alive. A container that is deadlocked, stuck on a dead dependency or no longer answering requests still shows as running: Swarm keeps routing traffic to it instead of replacing it, and Compose `depends_on: condition: service_healthy` cannot wait for it to be ready.',
    howToFix:
      'Add a `HEALTHCHECK` to the final stage that exercises the service cheaply, for example `HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD wget -qO- http://localhost:8080/health || exit 1` (use `curl -fsS` where curl is installed, or a small probe binary on distroless images). If the orchestrator (Kubernetes probes) does the checking, write `HEALTHCHECK NONE` to record that choice.',
    example: {
      bad: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80',
      good: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://localhost/ || exit 1',
    },
    aliases: ['DL3057', 'DS0026', 'CKV_DOCKER_2', 'KICS Healthcheck Instruction Missing', 'CIS 4.6'],
    references: [
      cis('4.6', 'Ensure that HEALTHCHECK instructions have been added to container images'),
      hadolint('DL3057'),
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
    ],
  },
  check(ctx) {
    const final = ctx.model.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    for (const stage of chain) {
      if (ctx.model.instructionsOf('HEALTHCHECK', stage).length > 0) return;
    }
    // A `scratch` image with no CMD/ENTRYPOINT runs nothing by itself: an artifact to export (`--output`), not a service.
    const root = chain[chain.length - 1];
    const runsSomething = chain.some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
    if (!runsSomething && root.image.resolved?.toLowerCase() === 'scratch') return;
    const shown = final.image.raw ? ` (\`${final.image.raw}\`${final.name ? ` AS ${final.name}` : ''})` : '';
    ctx.report(final.from.keywordRange, `The final stage${shown} has no HEALTHCHECK, so a hung container still counts as running.`);
  },
};

export default rule;
