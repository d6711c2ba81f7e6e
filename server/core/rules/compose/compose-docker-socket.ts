import { trimEndOf } from '../../text';
import type { VolumeMount } from '../../compose/model';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { readOnlyFix } from './mount-fixes';

/** A host path that is a Docker socket: `/var/run/docker.sock`, `/run/docker.sock`, `$XDG_RUNTIME_DIR/docker.sock`, … */
export function isDockerSocket(path: string): boolean {
  return /(^|[\\/])docker\.sock$/.test(trimEndOf(path, '\\/'));
}

/** The mount's host path when it is a Docker socket (the raw text is judged when a variable hides the prefix). */
function socketSource(v: VolumeMount): string | undefined {
  if (v.type !== undefined && v.type !== 'bind') return undefined;
  if (v.source !== undefined) return isDockerSocket(v.source) ? v.source : undefined;
  // `${XDG_RUNTIME_DIR}/docker.sock`: the file name is written, only the directory is unknown.
  const raw = v.syntax === 'long' ? v.item.get('source')?.raw : typeof v.item.raw === 'string' ? v.item.raw.split(':')[0] : undefined;
  return typeof raw === 'string' && isDockerSocket(raw) ? raw : undefined;
}

const rule: ComposeRule = {
  meta: {
    id: 'compose-docker-socket',
    title: 'Docker socket mounted into a container',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service volume whose host path is a Docker socket (`/var/run/docker.sock`, `/run/docker.sock`, the rootless `$XDG_RUNTIME_DIR/docker.sock`, or any path ending in `docker.sock`), in short or long syntax: writable as an error, read-only as a warning.',
    rationale:
      'Whoever can talk to the Docker socket controls the daemon: a process in the container can start a privileged container with the host\'s root filesystem mounted and so becomes root on the host. Mounting the socket read-only does not help much — `:ro` only stops the container from replacing the socket file; the API calls sent through it still work. A read-only mount is reported as a warning rather than an error only to mark that the quick fix was applied, not because it is safe.',
    howToFix:
      'Remove the mount if the service does not need the Docker API. If it does (CI runners, reverse proxies reading container labels, monitoring), put a socket proxy such as tecnativa/docker-socket-proxy in front of it that allows only the API endpoints the service uses (e.g. `CONTAINERS=1`, everything else denied), and point the service at the proxy (`DOCKER_HOST=tcp://docker-proxy:2375`) on an internal network. The quick fix only marks the mount read-only, a stop-gap that does not restrict the API.',
    example: {
      bad: 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      good:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.2\n    environment:\n      CONTAINERS: 1\n  traefik:\n    image: traefik:v3.1\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n',
    },
    aliases: ['KICS Docker Socket Mounted In Container', 'CIS 5.32'],
    references: [
      cis('5.32', 'Ensure that the Docker socket is not mounted inside any containers'),
      { title: 'Docker docs: Docker daemon attack surface', url: 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface' },
      { title: 'Docker docs: protect the Docker daemon socket', url: 'https://docs.docker.com/engine/security/protect-access/' },
      { title: 'tecnativa/docker-socket-proxy', url: 'https://github.com/Tecnativa/docker-socket-proxy' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const v of service.volumes) {
        const source = socketSource(v);
        if (source === undefined) continue;
        const range = v.sourceRange ?? v.range;
        if (v.readOnly === true) {
          ctx.report(range, `Service \`${service.name}\` mounts the Docker socket \`${source}\`: read-only does not stop API calls through it, so the container still controls the Docker daemon.`, undefined, { severity: 'warning' });
          continue;
        }
        const fix = v.readOnly === false ? readOnlyFix(v, 'Mount the Docker socket read-only (a stop-gap: the API stays usable)', false) : undefined;
        ctx.report(range, `Service \`${service.name}\` mounts the Docker socket \`${source}\`: the container controls the Docker daemon and so the host.`, fix ? [fix] : undefined);
      }
    }
  },
};

export default rule;
