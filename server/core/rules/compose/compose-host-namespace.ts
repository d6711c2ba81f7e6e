import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import { deleteEntry } from './service-edits';

/** The namespace keys and what sharing the host's namespace exposes. */
const KEYS: Record<string, string> = {
  network_mode: "the host's network stack (every interface, localhost services, no network isolation)",
  pid: "the host's processes (they can be seen and signalled, /proc/<pid>/environ read)",
  ipc: "the host's shared memory and IPC objects",
  userns_mode: "the host's user namespace (container root is host root even when the daemon remaps users)",
  uts: "the host's hostname and domain name (they can be changed)",
};

/**
 * `network_mode: host`, `pid: host`, `ipc: host`, `userns_mode: host`, `uts: host` (the value compared without case,
 * interpolated defaults judged; unknown values not judged). The fix removes the key, except for `network_mode`: a
 * service on the host network usually relies on it (it listens on host ports, reaches host services on localhost), and
 * replacing it needs `ports:` and networks the user must choose. Not safe.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-host-namespace',
    title: 'Host namespace shared',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description: "Reports services that join one of the host's namespaces: `network_mode: host`, `pid: host`, `ipc: host`, `userns_mode: host` or `uts: host`.",
    rationale:
      "Namespaces are what separates a container from the host: sharing the host's PID namespace exposes and lets it signal every host process, the network namespace exposes services bound to the host's localhost (and the Docker API if it listens on TCP), IPC exposes shared memory, and the user namespace turns off user remapping.",
    howToFix:
      'Remove the key. For `network_mode: host`, publish the ports the service needs with `ports:` (bound to 127.0.0.1 when only local access is wanted) and put the services that talk to each other on a user-defined network.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    // As the catalog row writes them (CIS 5.10, 5.16, 5.17, 5.21, 5.31).
    aliases: ['KICS Shared Host Network/IPC/User Namespace', 'KICS Host Namespace is Shared', 'CIS 5.10', '5.16', '5.17', '5.21', '5.31'],
    references: [
      cis('5.10', "Ensure that the host's network namespace is not shared"),
      cis('5.16', "Ensure that the host's process namespace is not shared"),
      cis('5.17', "Ensure that the host's IPC namespace is not shared"),
      cis('5.21', "Ensure that the host's UTS namespace is not shared"),
      cis('5.31', "Ensure that the host's user namespaces are not shared"),
      { title: 'Compose file reference: services', url: 'https://docs.docker.com/reference/compose-file/services/' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const [key, what] of Object.entries(KEYS)) {
        const entry = service.get(key);
        const text = entry?.text;
        if (!entry || typeof text !== 'string' || text.trim().toLowerCase() !== 'host') continue;
        const edit = key === 'network_mode' ? undefined : deleteEntry(entry);
        ctx.report(
          entry.valueRange,
          `Service \`${service.name}\` shares ${what} through \`${key}: host\`.`,
          edit ? [{ title: `Remove \`${key}: host\``, edits: [edit], safe: false, isPreferred: true }] : undefined,
        );
      }
    }
  },
};

export default rule;
