import type { ComposeEntry, ComposeValue } from '../../compose/model';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import { deleteItem } from './service-edits';

/** Capabilities that amount to (or easily lead to) control of the host, with what each allows. */
export const DANGEROUS_CAPS: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mount, namespaces and most administration calls',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_MODULE: 'loading kernel modules',
  SYS_RAWIO: 'raw I/O ports and device memory',
  DAC_READ_SEARCH: 'reading any file by handle (the "shocker" escape)',
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring and tracing',
};

/** `SYS_ADMIN`, `cap_sys_admin`, ` CAP_SYS_ADMIN ` → `SYS_ADMIN`. */
export function normalizeCap(text: string): string {
  return text.trim().toUpperCase().replace(/^CAP_/, '');
}

/**
 * `cap_add` entries granting a dangerous capability. Each entry is reported on its own; the fix removes that entry (the
 * whole `cap_add` key when it is the only one). Not safe: the service may rely on the capability.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-dangerous-cap',
    title: 'Dangerous capability added',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description:
      'Reports `cap_add` entries for `ALL`, `SYS_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH`, `NET_ADMIN`, `BPF` or `PERFMON` (with or without the `CAP_` prefix, in any case).',
    rationale:
      'These capabilities let a process in the container act on the kernel or on other processes: `SYS_ADMIN` allows mounts and namespace tricks, `SYS_MODULE` loads kernel code, `SYS_PTRACE` injects into processes, `DAC_READ_SEARCH` reads host files by handle. Each has been used in published container escapes.',
    howToFix:
      'Remove the capability from `cap_add`. If the service really needs a kernel feature, find the narrowest capability or a device/volume that provides it, and run that service isolated from the rest.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE\n',
    },
    aliases: ['CIS 5.4'],
    references: [
      cis('5.4', 'Ensure that Linux kernel capabilities are restricted within containers'),
      { title: 'Compose file reference: services (cap_add)', url: 'https://docs.docker.com/reference/compose-file/services/#cap_add' },
      { title: 'capabilities(7) — Linux manual page', url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const seen = new Set<ComposeValue['node']>();
      for (const entry of service.getAll('cap_add')) {
        for (const item of entry.items()) {
          if (item.node && seen.has(item.node)) continue;
          seen.add(item.node);
          const text = item.text;
          if (text === undefined) continue;
          const cap = normalizeCap(text);
          const what = DANGEROUS_CAPS[cap];
          if (!what) continue;
          ctx.report(item.range, `Service \`${service.name}\` adds capability \`${text.trim()}\` (${what}).`, fixFor(entry, item, text.trim()));
        }
      }
    }
  },
};

function fixFor(entry: ComposeEntry, item: ComposeValue, text: string) {
  const edit = deleteItem(entry, item);
  if (!edit) return undefined;
  const title = entry.items().length <= 1 ? `Remove \`cap_add\` (its only capability is \`${text}\`)` : `Remove \`${text}\` from \`cap_add\``;
  return [{ title, edits: [edit], safe: false, isPreferred: true }];
}

export default rule;
