import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { addServicePath, quoteStyle, runsContainer } from './limit-edits';

/**
 * A service without a CPU limit: none of `cpus`, `cpu_quota` or `deploy.resources.limits.cpus` (in any layer). A
 * limit written with a variable counts as set. The fix adds `deploy.resources.limits.cpus: "1.0"`, merged into the
 * `deploy:`/`resources:`/`limits:` mappings already written (next to a memory limit when there is one).
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-cpu-limit',
    title: 'Service without a CPU limit',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service that sets none of `cpus`, `cpu_quota` or `deploy.resources.limits.cpus` (services run by a `provider:` are skipped: they start no container).',
    rationale:
      'Without a limit one container can take every CPU of the host: a busy loop, a runaway job or a denial-of-service request starves the other containers and the host\'s own services.',
    howToFix:
      'Set a limit that covers the service\'s normal peak: `deploy: {resources: {limits: {cpus: "1.0"}}}` (or `cpus: 1.0`); leave `cpu_shares` for relative weighting only.',
    example: {
      bad: 'services:\n  worker:\n    image: shop/worker:2.1\n',
      good: 'services:\n  worker:\n    image: shop/worker:2.1\n    deploy:\n      resources:\n        limits:\n          cpus: "1.0"\n',
    },
    aliases: ['KICS Cpus Not Limited', 'CIS 5.12'],
    references: [
      cis('5.12', 'Ensure that CPU priority is set appropriately on containers'),
      { title: 'Compose Deploy Specification: resources', url: 'https://docs.docker.com/reference/compose-file/deploy/#resources' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!runsContainer(service) || service.has('cpus') || service.has('cpu_quota') || service.limit('cpus')) continue;
      const q = quoteStyle(ctx.model.text);
      const edit = addServicePath(service, ['deploy', 'resources', 'limits', 'cpus'], `${q}1.0${q}`);
      ctx.report(
        service.keyRange,
        `Service \`${service.name}\` has no CPU limit (\`cpus\`, \`cpu_quota\` or \`deploy.resources.limits.cpus\`).`,
        edit ? [{ title: 'Add a CPU limit (1.0, to tune)', edits: [edit], safe: false, isPreferred: true }] : undefined,
      );
    }
  },
};

export default rule;
