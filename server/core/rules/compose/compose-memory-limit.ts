import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { addServicePath, runsContainer } from './limit-edits';

/**
 * A service without a memory limit: neither `mem_limit` nor `deploy.resources.limits.memory` (in any layer: documents,
 * merge keys, `extends`). A limit written with a variable counts as set. The fix adds
 * `deploy.resources.limits.memory: 512M`, a placeholder to tune, merged into the `deploy:`/`resources:`/`limits:`
 * mappings already written for the service.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-memory-limit',
    title: 'Service without a memory limit',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description: 'Reports a service that sets neither `mem_limit` nor `deploy.resources.limits.memory` (services run by a `provider:` are skipped: they start no container).',
    rationale:
      'Without a limit a container may use all of the host\'s memory: a leak, a large request or a deliberate attack makes the kernel\'s OOM killer end other containers or host processes instead of the one at fault.',
    howToFix:
      'Measure the service\'s normal peak (`docker stats`) and set a limit with headroom: `deploy: {resources: {limits: {memory: 512M}}}` (or `mem_limit: 512m`).',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    },
    aliases: ['KICS Memory Not Limited', 'CIS 5.11'],
    references: [
      cis('5.11', 'Ensure that the memory usage for containers is limited'),
      { title: 'Compose Deploy Specification: resources', url: 'https://docs.docker.com/reference/compose-file/deploy/#resources' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!runsContainer(service) || service.has('mem_limit') || service.limit('memory')) continue;
      const edit = addServicePath(service, ['deploy', 'resources', 'limits', 'memory'], '512M');
      ctx.report(
        service.keyRange,
        `Service \`${service.name}\` has no memory limit (\`mem_limit\` or \`deploy.resources.limits.memory\`).`,
        edit ? [{ title: 'Add a memory limit (512M, to tune)', edits: [edit], safe: false, isPreferred: true }] : undefined,
      );
    }
  },
};

export default rule;
