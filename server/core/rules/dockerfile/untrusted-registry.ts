import { familiarName, parseImageName, trustedBy } from '../../dockerfile/image-name';
import { trustedPatterns, untrustedReason } from '../trusted-registries';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'untrusted-registry',
    title: 'Base image from an untrusted registry',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Only when `trustedRegistries` is configured (Bulwark settings or `.hadolint.yaml`): reports a `FROM` (build stages included) whose image comes from a registry the list does not allow. Patterns are host globs with the port (`docker.io` for Docker Hub, `*.gcr.io`, `registry.corp:5000`) or Harbor-style repository prefixes (`registry.corp/team/*`). Stage references, `scratch` and images from an ARG without a default are not reported. (The example assumes `trustedRegistries: [docker.io, "registry.corp:5000"]`.)',
    rationale:
      'An organisation that vets, scans and mirrors its base images only gets that protection when builds pull from its own registry; a base image from anywhere else bypasses the review, can be replaced by whoever controls that registry, and may disappear or change without notice.',
    howToFix:
      'Pull the image through the approved registry (mirror it there first: `crane copy`, `skopeo copy` or the registry\'s replication/proxy-cache feature) and reference it by that name, or, if the registry should be trusted, add it to `trustedRegistries`.',
    example: {
      bad: 'FROM quay.io/example/tool:1.4\nCOPY app /app\nCMD ["/app"]',
      good: 'FROM registry.corp:5000/mirror/example/tool:1.4\nCOPY app /app\nCMD ["/app"]',
    },
    exampleOptions: { trustedRegistries: ['docker.io', 'registry.corp:5000'] },
    aliases: ['DL3026', 'CIS 4.2'],
    references: [
      hadolint('DL3026'),
      cis('4.2', 'Ensure that containers use only trusted base images'),
      { title: 'Harbor docs: proxy cache projects', url: 'https://goharbor.io/docs/main/administration/configure-proxy-cache/' },
    ],
  },
  check(ctx) {
    const patterns = trustedPatterns(ctx.options);
    if (patterns.length === 0) return;
    for (const stage of ctx.model.stages) {
      if (stage.parent || !stage.imageRange) continue;
      const resolved = stage.image.resolved;
      if (resolved === undefined || resolved === '' || resolved.toLowerCase() === 'scratch') continue;
      const name = parseImageName(resolved);
      if (!name || trustedBy(name, patterns)) continue;
      const shown = stage.image.usesVariables ? `\`${stage.image.raw}\` (\`${resolved}\`)` : `\`${familiarName(name)}\``;
      ctx.report(stage.imageRange, `Base image ${shown} ${untrustedReason(name, patterns)}.`);
    }
  },
};

export default rule;
