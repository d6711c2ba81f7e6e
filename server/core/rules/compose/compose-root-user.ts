import type { ComposeService } from '../../compose/model';
import { dockerfileFor } from '../../compose/build-link';
import type { ImageRef } from '../../dockerfile/image';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { addServiceKeys, quoteOf } from './service-edits';

/** `root`, `0`, `0:0`, `root:root`, `0:100` — uid 0 whatever the group. */
export function isRootUser(user: string): boolean {
  const uid = user.trim().replace(/^["']|["']$/g, '').split(':')[0].trim();
  return uid === 'root' || /^0+$/.test(uid);
}

/**
 * Docker Hub official images whose default user is root and whose command keeps running as root (operating systems,
 * language runtimes, and web servers whose master process stays root). Images that start as root but switch to a
 * service user in their entrypoint (postgres, redis, mysql, mongo, rabbitmq …) are not listed: their service does not
 * run as root. Anything else from a registry is unknown: not reported.
 */
const ROOT_IMAGES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'archlinux',
  'python', 'node', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'nginx', 'httpd', 'traefik', 'caddy',
]);

/** True when the image is one of ROOT_IMAGES from Docker Hub, without a non-root tag. */
function knownRootImage(ref: ImageRef): boolean {
  if (ref.resolved === undefined || ref.registry && ref.registry !== 'docker.io' && ref.registry !== 'index.docker.io') return false;
  const repo = (ref.repository ?? '').replace(/^library\//, '');
  if (!ROOT_IMAGES.has(repo)) return false;
  const tag = ref.tag ?? '';
  return !/(^|[-_.])(nonroot|rootless|unprivileged)([-_.]|$)/.test(tag);
}

/**
 * A service that runs as root: `user:` root / 0 / `0:0` (interpolated defaults judged), or no `user:` while the
 * Dockerfile it builds runs as root in the stage `build.target` selects (read through `Host.readFile`; no USER in the
 * stage or the stages it builds on and a base not known to be non-root, or a last USER that is root), or no `user:`
 * with an `image:` from ROOT_IMAGES. Unknown values, unreadable Dockerfiles and other images: no finding.
 *
 * The fix sets `user: "10001:10001"` (replacing a root value, or adding the key after the service's last key). Not
 * safe: the image's files may need to be readable or writable by that uid, and ports below 1024 need a capability.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-root-user',
    title: 'Service runs as root',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      "Reports services whose `user:` is root (`root`, `0`, `0:0`), and services without `user:` whose image runs as root: the service's own Dockerfile (the `build.target` stage, read from the build context) with no non-root `USER`, or a well-known image that runs as root (OS and language images, nginx, httpd, traefik, caddy).",
    rationale:
      'Root in the container is root on the host as far as the kernel is concerned (without user namespaces): any escape through a kernel bug, a mounted socket or a writable host path gives the attacker host root, and inside the container root can change every file of the image.',
    howToFix:
      'Set `user:` to a non-root uid and gid (for example `"10001:10001"`), and make sure the files the service writes belong to it; better, add a non-root `USER` to the Dockerfile so every way of running the image is covered.',
    example: {
      bad: 'services:\n  app:\n    image: python:3.12-slim\n    command: ["python", "-m", "http.server", "8000"]\n',
      good: 'services:\n  app:\n    image: python:3.12-slim\n    command: ["python", "-m", "http.server", "8000"]\n    user: "10001:10001"\n',
    },
    // As the catalog row writes them (`CIS 4.1, 5.x`).
    aliases: ['CIS 4.1', '5.x'],
    references: [
      cis('4.1', 'Ensure that a user for the container has been created'),
      { title: 'Compose file reference: services (user)', url: 'https://docs.docker.com/reference/compose-file/services/#user' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!service.entry.isMap) continue;
      const user = service.get('user');
      if (user) {
        const text = user.text;
        if (typeof text !== 'string' || !isRootUser(text)) continue;
        const fixes: Fix[] | undefined = user.via || !user.isScalar
          ? undefined
          : [{ title: 'Run as user `10001:10001`', edits: [{ range: user.range, newText: `${quoteOf(service)}10001:10001${quoteOf(service)}` }], safe: false, isPreferred: true }];
        ctx.report(user.range, `Service \`${service.name}\` runs as root (\`user: ${text}\`).`, fixes);
        continue;
      }
      if (service.extends?.unresolved) continue;
      const why = rootBecause(service, ctx.path, ctx.host);
      if (!why) continue;
      const edit: TextEdit | undefined = addServiceKeys(service, [`user: ${quoteOf(service)}10001:10001${quoteOf(service)}`]);
      // For an image known to run as root the finding points at the image (where it is written in the service), else at
      // the service name.
      const image = service.build ? undefined : service.image?.entry;
      ctx.report(
        image && !image.via ? image.range : service.keyRange,
        `Service \`${service.name}\` runs as root: ${why} and no \`user:\` is set.`,
        edit ? [{ title: 'Run as user `10001:10001` (add `user:`)', edits: [edit], safe: false, isPreferred: true }] : undefined,
      );
    }
  },
};

/** Why the service's image runs as root, or undefined when it does not or it is not known. */
function rootBecause(service: ComposeService, path: string | undefined, host: Parameters<typeof dockerfileFor>[2]): string | undefined {
  if (service.build) {
    const link = dockerfileFor(service, path, host);
    if (!link) return undefined;
    const eu = link.model.effectiveUser(link.stage);
    const where = link.inline ? 'its inline Dockerfile' : `its Dockerfile`;
    const stage = link.stage.name ? ` (stage \`${link.stage.name}\`)` : '';
    if (eu.defaultRoot) return `${where}${stage} sets no non-root \`USER\``;
    if (eu.known && eu.user !== undefined && isRootUser(eu.user)) return `${where}${stage} ends with \`USER ${eu.user}\``;
    return undefined;
  }
  const image = service.image;
  if (!image || !knownRootImage(image.ref)) return undefined;
  return `image \`${image.ref.resolved}\` runs as root by default`;
}

export default rule;
