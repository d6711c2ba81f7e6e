/**
 * Canonical image names, as the Docker daemon normalizes them: Docker Hub is `docker.io` whatever alias was written
 * (`index.docker.io`, `registry-1.docker.io`), and its one-part names live in `library/` (`node` is
 * `docker.io/library/node`). Shared by the rules (trusted registries, end-of-life tables) and the registry client.
 */
import { trimEndOf } from '../text';

export const DOCKER_HUB = 'docker.io';

/** Host names that all mean Docker Hub. */
export const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface ImageName {
  /** Registry host with its port, lower-cased; `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path in the registry, `library/node` for Docker Hub's official images. */
  repository: string;
  tag?: string;
  /** `sha256:…` */
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** The canonical host for a registry host as written (Docker Hub aliases become `docker.io`). */
export function canonicalRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

/**
 * Parses a fully resolved reference (`node:20`, `ghcr.io/org/app:1@sha256:…`, `localhost:5000/x`) into its canonical
 * parts. Undefined for anything that is not a valid reference (variables left in it, upper-case repositories, …).
 */
export function parseImageName(reference: string): ImageName | undefined {
  let rest = reference.trim();
  if (rest === '' || /[\s$]/.test(rest)) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = canonicalRegistry(first);
      rest = rest.slice(slash + 1);
      if (!/^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9.-]+)(?::\d+)?$/.test(first)) return undefined;
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  if (rest === '' || !rest.split('/').every((c) => COMPONENT.test(c))) return undefined;
  const repository = registry === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The short form people write: `node:20`, `ghcr.io/org/app:1` (Docker Hub and `library/` left out). */
export function familiarName(name: ImageName, withTag = true): string {
  let repo = name.repository;
  if (name.registry === DOCKER_HUB && repo.startsWith('library/')) repo = repo.slice('library/'.length);
  const base = name.registry === DOCKER_HUB ? repo : `${name.registry}/${repo}`;
  return base + (withTag && name.tag !== undefined ? `:${name.tag}` : '') + (withTag && name.digest ? `@${name.digest}` : '');
}

function globToRegExp(glob: string, star: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += star;
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

/**
 * Whether an image's registry is allowed by a `trustedRegistries` pattern:
 * - a host glob, port included: `docker.io` (any Docker Hub alias), `*.gcr.io`, `registry.corp:5000`,
 *   `registry.corp:*`; `*` does not match `/`, and `registry.corp` does not match `registry.corp:5000`;
 * - a host and repository prefix, Harbor-style: `registry.corp/team` or `registry.corp/team/*` allows
 *   `registry.corp/team/app` and everything else under `team/`; `docker.io/library/*` allows only Docker Official
 *   Images. `**` matches across `/`.
 * A scheme (`https://`) and trailing slashes are ignored; matching is case-insensitive.
 */
export function matchesRegistryPattern(name: ImageName, pattern: string): boolean {
  let p = trimEndOf(pattern.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, ''), '/');
  if (p === '') return false;
  const slash = p.indexOf('/');
  const hostPattern = slash >= 0 ? p.slice(0, slash) : p;
  let pathPattern = slash >= 0 ? p.slice(slash + 1) : undefined;
  const host = /[*?]/.test(hostPattern) ? hostPattern : canonicalRegistry(hostPattern);
  if (!new RegExp(`^${globToRegExp(host, '[^/]*')}$`).test(name.registry)) return false;
  if (pathPattern === undefined || pathPattern === '' || pathPattern === '*' || pathPattern === '**') return true;
  // `team/*` means the whole `team/` namespace, as Harbor projects are.
  if (pathPattern.endsWith('/*')) pathPattern = pathPattern.slice(0, -2) + '/**';
  p = globToRegExp(pathPattern, '[^/]*');
  return new RegExp(`^${p}(?:/.*)?$`).test(name.repository);
}

/** The first pattern that allows the image, or undefined. */
export function trustedBy(name: ImageName, patterns: readonly string[]): string | undefined {
  return patterns.find((p) => matchesRegistryPattern(name, p));
}
