/**
 * From an image reference to the registry API it is served by: Docker Hub's API host is `registry-1.docker.io` (the
 * reference says `docker.io`, `index.docker.io` or nothing), its one-part names live in `library/`.
 */
import { DOCKER_HUB, familiarName, parseImageName } from '../core/dockerfile/image-name';
import type { ImageName } from '../core/dockerfile/image-name';
import { RegistryError } from './errors';

export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

export interface RegistryReference extends ImageName {
  /** Host (and port) the Distribution API is reached at. */
  apiHost: string;
  /** The tag or digest the manifest is fetched by (`latest` when the reference has neither). */
  manifestRef: string;
  /** `node:20` (familiar form, no digest). */
  display: string;
}

export function toRegistryReference(reference: string | ImageName): RegistryReference {
  const name = typeof reference === 'string' ? parseImageName(reference) : reference;
  if (!name) throw new RegistryError('invalid-reference', `\`${String(reference)}\` is not a valid image reference.`);
  const apiHost = name.registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : name.registry;
  const manifestRef = name.tag ?? name.digest ?? 'latest';
  return { ...name, apiHost, manifestRef, display: familiarName({ ...name, digest: undefined }) };
}

/** True for hosts on this machine: `localhost`, 127.0.0.0/8, `::1` (with or without a port). */
export function isLoopbackHost(host: string): boolean {
  let h = host.toLowerCase();
  const bracket = /^\[([^\]]*)\](?::\d+)?$/.exec(h);
  if (bracket) h = bracket[1];
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d*$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}
