/** What untrusted-registry and compose-untrusted-registry share: the configured patterns and the finding's wording. */
import { DOCKER_HUB } from '../dockerfile/image-name';
import type { ImageName } from '../dockerfile/image-name';
import { maskSecretsIn } from '../secrets';
import type { AnalyzeOptions } from '../types';

/** The configured `trustedRegistries` patterns, blanks dropped; empty when the rules are off. */
export function trustedPatterns(options: AnalyzeOptions): string[] {
  return (options.trustedRegistries ?? []).map((p) => p.trim()).filter((p) => p !== '');
}

/** `comes from \`quay.io\`, which trustedRegistries does not allow (\`docker.io\`, …)`; a token written as a pattern is masked. */
export function untrustedReason(name: ImageName, patterns: readonly string[]): string {
  const registry = name.registry === DOCKER_HUB ? 'Docker Hub (`docker.io`)' : `\`${name.registry}\``;
  const listed = patterns.slice(0, 4).map((p) => `\`${p}\``).join(', ') + (patterns.length > 4 ? ', …' : '');
  return maskSecretsIn(`comes from ${registry}, which trustedRegistries does not allow (${listed})`);
}
