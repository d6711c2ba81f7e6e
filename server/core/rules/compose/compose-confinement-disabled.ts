import type { ComposeValue } from '../../compose/model';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import { deleteItem } from './service-edits';

/** What a `security_opt` item switches off, or undefined when it confines normally. */
export function disabledConfinement(text: string): string | undefined {
  const t = text.trim();
  if (/^seccomp\s*[:=]\s*unconfined$/i.test(t)) return 'seccomp syscall filtering';
  if (/^apparmor\s*[:=]\s*unconfined$/i.test(t)) return 'the AppArmor profile';
  if (/^label\s*[:=]\s*disable$/i.test(t)) return 'SELinux labeling';
  return undefined;
}

/**
 * `security_opt` items that switch confinement off: `seccomp:unconfined`, `apparmor:unconfined`, `label:disable` (also
 * with `=`). The fix removes the item (the whole key when it is the only one); not safe: the service may depend on a
 * syscall or access the default profile blocks, and then needs a custom profile instead.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-confinement-disabled',
    title: 'Seccomp, AppArmor or SELinux confinement disabled',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description: 'Reports `security_opt` entries `seccomp:unconfined`, `apparmor:unconfined` and `label:disable` (also written with `=`).',
    rationale:
      "Docker's default seccomp profile blocks about 40 dangerous syscalls (kernel keyrings, `mount`, `ptrace` on older kernels, module loading) and its AppArmor/SELinux policies keep the container away from host files in /proc and /sys; turning them off removes the layer that has stopped many kernel-exploit container escapes.",
    howToFix:
      'Remove the entry. If the service needs one blocked syscall, copy Docker\'s default seccomp profile, allow that syscall, and reference it with `seccomp:./profile.json`.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
    },
    // As the catalog row writes them (CIS 5.2, 5.3, 5.22).
    aliases: ['KICS Default Seccomp Profile Disabled', 'CIS 5.2', '5.3', '5.22'],
    references: [
      cis('5.22', 'Ensure that the default seccomp profile is not disabled'),
      cis('5.2', 'Ensure that, if applicable, SELinux security options are set'),
      cis('5.3', 'Ensure that, if applicable, an AppArmor profile is enabled'),
      { title: 'Docker docs: Seccomp security profiles for Docker', url: 'https://docs.docker.com/engine/security/seccomp/' },
      { title: 'Docker docs: AppArmor security profiles for Docker', url: 'https://docs.docker.com/engine/security/apparmor/' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const seen = new Set<ComposeValue['node']>();
      for (const entry of service.getAll('security_opt')) {
        for (const item of entry.items()) {
          if (item.node && seen.has(item.node)) continue;
          seen.add(item.node);
          if (item.text === undefined) continue;
          const what = disabledConfinement(item.text);
          if (!what) continue;
          const opt = item.text.trim();
          const edit = deleteItem(entry, item);
          ctx.report(
            item.range,
            `Service \`${service.name}\` disables ${what} (\`${opt}\`).`,
            edit ? [{ title: entry.items().length <= 1 ? `Remove \`security_opt\` (its only entry is \`${opt}\`)` : `Remove \`${opt}\` from \`security_opt\``, edits: [edit], safe: false, isPreferred: true }] : undefined,
          );
        }
      }
    }
  },
};

export default rule;
