import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import { deleteEntry } from './service-edits';

/**
 * `privileged: true` on a service (also `"true"` and an interpolated default such as `${PRIV:-true}`; an unknown
 * value is not judged). The fix removes the key; it is not safe: the service may need one specific capability, which
 * the fix title and the hover point to (`cap_add`).
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-privileged',
    title: 'Privileged container',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description: 'Reports services with `privileged: true` (including a quoted `"true"` or an interpolation whose default is true).',
    rationale:
      'A privileged container gets every capability, all host devices and no seccomp, AppArmor or SELinux confinement: a process that escapes the application (or is root inside it) can mount the host file system or load kernel modules and take over the host.',
    howToFix:
      'Remove `privileged: true`. If the service needs a specific kernel feature, grant only that capability with `cap_add` (for example `NET_ADMIN` for a VPN client) or only the device it needs with `devices`.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    aliases: ['KICS Privileged Containers Enabled', 'CIS 5.5'],
    references: [
      cis('5.5', 'Ensure that privileged containers are not used'),
      { title: 'Compose file reference: services (privileged)', url: 'https://docs.docker.com/reference/compose-file/services/#privileged' },
      { title: 'Docker run reference: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const entry = service.get('privileged');
      if (!entry || entry.bool() !== true) continue;
      const edit = deleteEntry(entry);
      ctx.report(
        entry.keyRange,
        `Service \`${service.name}\` runs privileged: it gets every capability and all host devices.`,
        edit
          ? [{ title: 'Remove `privileged: true` (grant only the capability the service needs with `cap_add`)', edits: [edit], safe: false, isPreferred: true }]
          : undefined,
      );
    }
  },
};

export default rule;
