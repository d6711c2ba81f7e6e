import type { ComposeValue } from '../../compose/model';
import { replace } from '../../fixes/edits';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { addServicePath, runsContainer } from './limit-edits';

/**
 * A service without a process limit: no `pids_limit` and no `deploy.resources.limits.pids` (in any layer), or one set
 * to `0` / `-1` (unlimited). A value written with a variable counts as set. The fix adds `pids_limit: 100` — not safe:
 * the limit counts threads as well as processes, so thread-heavy runtimes (JVMs, worker pools) need a larger value.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-pids-limit',
    title: 'Service without a process (PIDs) limit',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service that sets neither `pids_limit` nor `deploy.resources.limits.pids`, or sets it to `0` or `-1` (unlimited). Services run by a `provider:` are skipped.',
    rationale:
      'Without a limit a fork bomb or a process leak in one container exhausts the host\'s process table, and then no container or host service can start a process.',
    howToFix:
      'Add `pids_limit: 100` (or `deploy.resources.limits.pids`) and raise it to what the service needs: the limit counts threads too, so check a thread-heavy service with `docker stats` (PIDS column) first.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 100\n',
    },
    aliases: ['KICS Pids Limit Not Set', 'CIS 5.29'],
    references: [
      cis('5.29', 'Ensure that the PIDs cgroup limit is used'),
      { title: 'Compose file reference: services — pids_limit', url: 'https://docs.docker.com/reference/compose-file/services/#pids_limit' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!runsContainer(service)) continue;
      const values = [service.get('pids_limit'), service.limit('pids')].filter((v): v is ComposeValue => v !== undefined);
      if (values.length === 0) {
        const edit = addServicePath(service, ['pids_limit'], '100');
        ctx.report(
          service.keyRange,
          `Service \`${service.name}\` has no process limit (\`pids_limit\` or \`deploy.resources.limits.pids\`).`,
          edit ? [{ title: 'Add `pids_limit: 100` (to tune)', edits: [edit], safe: false, isPreferred: true }] : undefined,
        );
        continue;
      }
      if (values.some((v) => !v.known || !isUnlimited(v))) continue;
      for (const v of values) {
        const fix = v.via || !v.isScalar ? undefined : { title: 'Set the limit to 100 (to tune)', edits: [replace(v.range, '100')], safe: false, isPreferred: true };
        ctx.report(v.range, `Service \`${service.name}\` sets an unlimited process limit (\`${v.text}\`).`, fix ? [fix] : undefined);
      }
    }
  },
};

function isUnlimited(v: ComposeValue): boolean {
  const n = v.number() ?? (v.text !== undefined && /^\s*-?\d+\s*$/.test(v.text) ? Number(v.text) : undefined);
  return n !== undefined && n <= 0;
}

export default rule;
