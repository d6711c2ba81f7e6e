import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { isDockerSocket } from './compose-docker-socket';
import { readOnlyFix } from './mount-fixes';

/** Host directories whose contents control the host (or the Docker daemon). */
export const SENSITIVE_DIRS = ['/', '/etc', '/proc', '/sys', '/boot', '/dev', '/root', '/var/lib/docker', '/usr', '/lib'];

/**
 * Paths below the sensitive directories that are mounted read-only by many images for ordinary reasons (time zone, CA
 * certificates): not reported when read-only.
 */
const HARMLESS_READ_ONLY = ['/etc/localtime', '/etc/timezone', '/etc/ssl/certs', '/etc/ca-certificates', '/etc/pki/ca-trust', '/etc/pki/tls/certs', '/usr/share/zoneinfo', '/usr/share/ca-certificates', '/etc/machine-id', '/etc/os-release', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf'];

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

const within = (path: string, dir: string) => dir === '/' ? path === '/' : path === dir || path.startsWith(dir + '/');

/** The sensitive directory a host path is or lies below, undefined otherwise. */
export function sensitiveDirOf(source: string): string | undefined {
  if (!source.startsWith('/')) return undefined;
  const path = normalize(source);
  return SENSITIVE_DIRS.find((d) => within(path, d));
}

const rule: ComposeRule = {
  meta: {
    id: 'compose-sensitive-mount',
    title: 'Sensitive host directory mounted',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a bind mount of a host system directory — `/`, `/etc`, `/proc`, `/sys`, `/boot`, `/dev`, `/root`, `/var/lib/docker`, `/usr`, `/lib` — or of a path below one: an error when writable, a warning when read-only. Read-only mounts of time-zone and CA-certificate files (`/etc/localtime`, `/etc/timezone`, `/etc/ssl/certs`, `/usr/share/zoneinfo`, …) are not reported. The Docker socket is `compose-docker-socket`\'s.',
    rationale:
      'A writable mount of these directories lets a process in the container change the host: add a user or a cron job in `/etc`, replace binaries in `/usr` or `/lib`, rewrite the kernel or boot loader in `/boot`, or other containers\' files in `/var/lib/docker` — a container escape. Read-only still discloses host secrets (`/etc/shadow`, `/root/.ssh`, other containers\' data) and kernel interfaces (`/proc`, `/sys`), so it remains a warning.',
    howToFix:
      'Mount only the file or directory the service needs (e.g. `./config/app.conf:/etc/app/app.conf:ro`) instead of a host system directory, and mount it read-only (`:ro`, or `read_only: true` in the long syntax). Monitoring agents that need `/proc` or `/sys` should get them read-only.',
    example: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /etc:/host/etc\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - ./agent.conf:/etc/agent/agent.conf:ro\n',
    },
    aliases: ['KICS Volume Has Sensitive Host Directory', 'CIS 5.6'],
    references: [
      cis('5.6', 'Ensure sensitive host system directories are not mounted on containers'),
      { title: 'Compose file reference: services volumes', url: 'https://docs.docker.com/reference/compose-file/services/#volumes' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const v of service.volumes) {
        if (v.type !== 'bind' || v.source === undefined || isDockerSocket(v.source)) continue;
        const dir = sensitiveDirOf(v.source);
        if (dir === undefined) continue;
        const path = normalize(v.source);
        if (path === '/dev/null') continue; // hides a file; nothing of the host is exposed
        const range = v.sourceRange ?? v.range;
        if (v.readOnly === true) {
          if (HARMLESS_READ_ONLY.some((h) => within(path, h))) continue;
          ctx.report(range, `Service \`${service.name}\` mounts the host's \`${path}\` read-only: it exposes host system files to the container.`, undefined, { severity: 'warning' });
        } else if (v.readOnly === false) {
          const fix = readOnlyFix(v, `Mount \`${path}\` read-only`, true);
          ctx.report(range, `Service \`${service.name}\` mounts the host's \`${path}\` writable: the container can change the host${dir === '/var/lib/docker' ? '\'s Docker data' : ''}.`, fix ? [fix] : undefined);
        }
      }
    }
  },
};

export default rule;
