import type { ComposeRule } from '../rule';
import { cis } from '../rule';

/**
 * `image:` without a `@sha256:` digest. Services with `build:` are exempt (the image is the build's output name).
 * Interpolated references are judged by their defaults; unknown ones are not reported.
 *
 * No fix in the core: pinning needs a registry look-up. The faces offer it: the language server's "Pin … to its
 * current digest" (server/lsp/registry.ts) and `bulwark pin`, with the edits of server/core/fixes/compose-pin.ts.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-image-not-pinned',
    title: 'Service image not pinned by digest',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service whose `image:` has no `@sha256:` digest. Services with a `build:` section are exempt; interpolated references (`${IMAGE:-nginx:1.27}`) are judged by their default.',
    rationale:
      'A tag is a mutable pointer: whoever controls the repository (or a compromised registry account) can move it, so the next `docker compose pull` runs different code than the one that was reviewed. A digest names exactly one image content.',
    howToFix:
      'Look up the digest (`docker buildx imagetools inspect nginx:1.27`, or `docker inspect --format "{{index .RepoDigests 0}}"` after a pull) and write `image: nginx:1.27@sha256:<digest>`, keeping the tag for readability; let a bot such as Renovate update it.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n',
    },
    aliases: [],
    references: [
      cis('4.2', 'Ensure that containers use only trusted base images'),
      { title: 'Compose file reference: services — image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (service.build) continue;
      const image = service.image;
      if (!image) continue;
      const { ref } = image;
      if (ref.resolved === undefined || ref.resolved === '' || ref.digest) continue;
      ctx.report(image.entry.valueRange, `Service \`${service.name}\` uses image \`${ref.resolved}\` without a digest: the tag can be moved to different content.`);
    }
  },
};

export default rule;
