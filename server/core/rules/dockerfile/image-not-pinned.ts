import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'image-not-pinned',
    title: 'Base image not pinned by digest',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports every `FROM` (build stages included) whose image has no `@sha256:` digest. `scratch`, references to earlier stages (`FROM build`) and images whose ARG defaults resolve to a pinned reference are not reported; an image built from an ARG without a default is unknown and not reported.',
    rationale:
      'A tag is a mutable pointer: whoever controls the repository (or a compromised account or mirror) can move `node:20` to different content, and the next build silently uses it. A digest names exactly one image\'s content, so builds are reproducible and a moved or replaced tag cannot change what you build on.',
    howToFix:
      'Look up the digest of the tag you use (`docker buildx imagetools inspect node:20-alpine`, or `docker pull` and read the `Digest:` line) and write it after the tag: `FROM node:20-alpine@sha256:<digest>`. Keep the tag for readability, and let Dependabot or Renovate update the digest.',
    example: {
      bad: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
      good: '# <digest>: from `docker buildx imagetools inspect python:3.12-slim`\nFROM python:3.12-slim@sha256:<digest>\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
    },
    aliases: ['CIS 4.2'],
    references: [
      cis('4.2', 'Ensure that containers use only trusted base images'),
      { title: 'Docker docs: image digests (pinning base images)', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
    ],
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const image = stage.image;
      if (stage.parent || !stage.imageRange) continue;
      const resolved = image.resolved;
      // An ARG without a default: the image is chosen at build time, nothing to judge.
      if (resolved === undefined || resolved === '') continue;
      if (resolved.toLowerCase() === 'scratch' || image.digest !== undefined) continue;
      const named = image.usesVariables ? `\`${image.raw}\` (\`${resolved}\`)` : `\`${resolved}\``;
      ctx.report(
        stage.imageRange,
        `Base image ${named} is not pinned by digest; the tag can be moved to different content between builds.`,
      );
    }
  },
};

export default rule;
