import type { ComposeRule } from '../rule';
import { cis } from '../rule';

/** `cgroup_parent` set on a service (any value, including one from a variable's default; unknown values too: the key alone moves the container out of Docker's cgroup). */
const rule: ComposeRule = {
  meta: {
    id: 'compose-cgroup-parent',
    title: 'Custom cgroup parent',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description: 'Reports a service that sets `cgroup_parent`.',
    rationale:
      'The container\'s cgroup then sits under a parent chosen in the file instead of Docker\'s own, so the limits, accounting and isolation it gets depend on how that parent is configured on the host; a wrong parent can lift resource limits or share them with unrelated workloads.',
    howToFix:
      'Remove `cgroup_parent` unless the host was set up for it on purpose; set limits with `deploy.resources.limits` (or `mem_limit`, `cpus`, `pids_limit`) instead.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cgroup_parent: /custom\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    aliases: ['KICS Cgroup Not Default', 'CIS 5.25'],
    references: [
      cis('5.25', 'Ensure that cgroup usage is confirmed'),
      { title: 'Compose file reference: services — cgroup_parent', url: 'https://docs.docker.com/reference/compose-file/services/#cgroup_parent' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const entry = service.get('cgroup_parent');
      if (!entry || entry.kind === 'null') continue;
      if (entry.known && (entry.text ?? '').trim() === '') continue;
      const shown = entry.known ? ` (\`${entry.text}\`)` : '';
      ctx.report(entry.keyRange, `Service \`${service.name}\` sets a custom cgroup parent${shown}.`);
    }
  },
};

export default rule;
