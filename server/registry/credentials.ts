/**
 * Registry credentials from the user's Docker client configuration (`$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`): the `auths` entries written by `docker login` (base64 `auth`, or `username`/`password`,
 * `identitytoken`, `registrytoken`). Never from the workspace. Credential helpers (`credsStore`, `credHelpers`) are
 * programs Bulwark does not run: a registry whose credentials live there is reported as such when it asks for them.
 */
import { cutAtFirst } from '../core/text';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalRegistry } from '../core/dockerfile/image-name';

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export interface Credentials {
  username?: string;
  password?: string;
  /** OAuth2 refresh token (`identitytoken`), exchanged at the token endpoint. */
  identityToken?: string;
  /** A bearer token to send as is (`registrytoken`). */
  registryToken?: string;
}

export type CredentialLookup =
  | { kind: 'none' }
  | { kind: 'credentials'; credentials: Credentials; source: string }
  | { kind: 'helper'; helper: string; source: string };

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG && env.DOCKER_CONFIG.trim() !== '' ? env.DOCKER_CONFIG : path.join(os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

/** Reads and parses a Docker config file; undefined when it does not exist or is not valid JSON. */
export function readDockerConfig(file: string): DockerConfigFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as DockerConfigFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The registry a config key names: `https://index.docker.io/v1/` → `docker.io`, `https://ghcr.io` → `ghcr.io`. */
export function configKeyHost(key: string): string {
  const host = cutAtFirst(key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''), '/');
  return canonicalRegistry(host);
}

/** Credentials for a registry (canonical host: `docker.io`, `ghcr.io`, `registry.corp:5000`). */
export function credentialsFor(config: DockerConfigFile | undefined, registry: string, source = 'Docker config'): CredentialLookup {
  if (!config) return { kind: 'none' };
  const want = canonicalRegistry(registry);
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (configKeyHost(key) !== want || !entry || typeof entry !== 'object') continue;
    const credentials: Credentials = {};
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        credentials.username = decoded.slice(0, colon);
        credentials.password = decoded.slice(colon + 1);
      }
    }
    if (typeof entry.username === 'string' && entry.username !== '' && typeof entry.password === 'string') {
      credentials.username = entry.username;
      credentials.password = entry.password;
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') credentials.identityToken = entry.identitytoken;
    if (typeof entry.registrytoken === 'string' && entry.registrytoken !== '') credentials.registryToken = entry.registrytoken;
    if (Object.keys(credentials).length > 0) return { kind: 'credentials', credentials, source };
  }
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
    if (configKeyHost(key) === want && typeof helper === 'string' && helper !== '') return { kind: 'helper', helper, source };
  }
  if (typeof config.credsStore === 'string' && config.credsStore !== '') return { kind: 'helper', helper: config.credsStore, source };
  return { kind: 'none' };
}
