import { replace } from '../../fixes/edits';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { runsContainer } from './limit-edits';

/**
 * `restart: always` / `unless-stopped` (restarts without end), unless `deploy.restart_policy.max_attempts` bounds
 * them; and `deploy.restart_policy` with condition `any` (the default) but no `max_attempts`. The fix rewrites the
 * `restart:` value to `on-failure:5` (quoted as written); none when the value comes from a variable's default.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-restart-policy',
    title: 'Restart policy without a retry limit',
    severity: 'off',
    category: 'security',
    kind: 'compose',
    description:
      'Reports `restart: always` or `restart: unless-stopped`, and a `deploy.restart_policy` whose condition is `any` (the default) without `max_attempts`.',
    rationale:
      'A container that is restarted without end hides a crash loop, and one an attacker can crash on purpose is restarted as often as they like; `on-failure` with a maximum count stops after a few attempts and leaves the failure visible.',
    howToFix:
      'Write `restart: on-failure:5`, or `deploy: {restart_policy: {condition: on-failure, max_attempts: 5}}`.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    restart: always\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n',
    },
    aliases: ['KICS Restart Policy On Failure Not Set To 5', 'CIS 5.15'],
    references: [
      cis('5.15', "Ensure that the 'on-failure' container restart policy is set to '5'"),
      { title: 'Compose file reference: services — restart', url: 'https://docs.docker.com/reference/compose-file/services/#restart' },
      { title: 'Compose Deploy Specification: restart_policy', url: 'https://docs.docker.com/reference/compose-file/deploy/#restart_policy' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!runsContainer(service)) continue;
      const maxAttempts = service.at('deploy', 'restart_policy', 'max_attempts');
      const restart = service.get('restart');
      const text = restart?.text?.trim().toLowerCase();
      if (restart && (text === 'always' || text === 'unless-stopped') && !maxAttempts) {
        const scalar = typeof restart.scalar === 'string' ? restart.scalar : undefined;
        const raw = restart.raw;
        const q = raw.startsWith('"') ? '"' : raw.startsWith("'") ? "'" : '';
        const fix = scalar !== undefined && !raw.includes('$') && !raw.includes('\n') && restart.isScalar
          ? { title: 'Use `restart: on-failure:5`', edits: [replace(restart.range, `${q}on-failure:5${q}`)], safe: false, isPreferred: true }
          : undefined;
        ctx.report(restart.range, `Service \`${service.name}\` restarts without a limit (\`restart: ${restart.text?.trim()}\`).`, fix ? [fix] : undefined);
      }
      const policy = service.at('deploy', 'restart_policy');
      if (policy?.isMap && !maxAttempts) {
        const condition = policy.get('condition');
        if (condition && !condition.known) continue;
        const c = condition?.text?.trim().toLowerCase();
        if (c === undefined || c === 'any') {
          const at = condition ? condition.range : (service.at('deploy')?.get('restart_policy')?.keyRange ?? policy.range);
          ctx.report(at, `Service \`${service.name}\` has a restart policy (condition \`any\`) without \`max_attempts\`.`);
        }
      }
    }
  },
};

export default rule;
