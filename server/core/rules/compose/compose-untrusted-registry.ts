import { familiarName, parseImageName, trustedBy } from '../../dockerfile/image-name';
import { trustedPatterns, untrustedReason } from '../trusted-registries';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';

/**
 * The Compose counterpart of untrusted-registry: only when `trustedRegistries` is configured, a service `image:` from a
 * registry the list does not allow. Services with `build:` are exempt (their `image:` is where the build is pushed, and
 * the base images are judged in the Dockerfile); interpolated references are judged by their default.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-untrusted-registry',
    title: 'Service image from an untrusted registry',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description:
      'Only when `trustedRegistries` is configured (Bulwark settings or `.hadolint.yaml`): reports a service whose `image:` comes from a registry the list does not allow, with the same patterns as `untrusted-registry`: host globs with the port (`docker.io` for Docker Hub and its aliases, `*.gcr.io`, `registry.corp:5000`) or Harbor-style repository prefixes (`harbor.corp/team/*`). Services with a `build:` section are exempt; interpolated references are judged by their default. (The example assumes `trustedRegistries: [docker.io, "registry.corp:5000"]`.)',
    rationale:
      'An organisation that vets, scans and mirrors the images it runs only gets that protection when services pull from its own registry; an image from anywhere else bypasses the review and can be replaced by whoever controls that registry.',
    howToFix:
      'Pull the image through the approved registry (mirror it there first: `crane copy`, `skopeo copy` or the registry\'s replication/proxy-cache feature) and reference it by that name, or, if the registry should be trusted, add it to `trustedRegistries`.',
    example: {
      bad: 'services:\n  tool:\n    image: quay.io/example/tool:1.4\n',
      good: 'services:\n  tool:\n    image: registry.corp:5000/mirror/example/tool:1.4\n',
    },
    exampleOptions: { trustedRegistries: ['docker.io', 'registry.corp:5000'] },
    aliases: [],
    references: [
      cis('4.2', 'Ensure that containers use only trusted base images'),
      { title: 'Harbor docs: proxy cache projects', url: 'https://goharbor.io/docs/main/administration/configure-proxy-cache/' },
    ],
  },
  check(ctx) {
    const patterns = trustedPatterns(ctx.options);
    if (patterns.length === 0) return;
    for (const service of ctx.model.services) {
      if (service.build) continue;
      const image = service.image;
      const resolved = image?.ref.resolved;
      if (!image || resolved === undefined || resolved === '') continue;
      const name = parseImageName(resolved);
      if (!name || trustedBy(name, patterns)) continue;
      const shown = image.ref.usesVariables ? `\`${image.ref.raw}\` (\`${resolved}\`)` : `\`${familiarName(name)}\``;
      ctx.report(image.entry.valueRange, `Image ${shown} of service \`${service.name}\` ${untrustedReason(name, patterns)}.`);
    }
  },
};

export default rule;
