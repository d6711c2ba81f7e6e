import type { ComposeRule } from '../rule';

/**
 * `image:` with `:latest` or no tag at all (and no digest). Interpolated references are judged by their defaults;
 * unknown ones are not reported. Services with `build:` are exempt: their `image:` names the local build's output,
 * not something pulled.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-image-latest-tag',
    title: 'Service image uses `latest` or no tag',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description: 'Reports a service whose `image:` has the tag `latest` or no tag at all (which means `latest`), and no digest. Services with a `build:` section are exempt; interpolated references are judged by their default.',
    rationale:
      '`latest` is whatever was pushed last: two hosts (or two deploys) run different versions from the same file, a breaking or compromised release is picked up silently, and a rollback has no version to return to.',
    howToFix:
      'Write an explicit version tag (`image: postgres:16.4`, or at least a major line such as `postgres:16`), ideally with its digest (`postgres:16.4@sha256:…`).',
    example: {
      bad: 'services:\n  db:\n    image: postgres\n',
      good: 'services:\n  db:\n    image: postgres:16.4\n',
    },
    aliases: ['dclint service-image-require-explicit-tag'],
    references: [
      { title: 'Compose file reference: services — image', url: 'https://docs.docker.com/reference/compose-file/services/#image' },
      { title: 'docker image tag', url: 'https://docs.docker.com/reference/cli/docker/image/tag/' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (service.build) continue;
      const image = service.image;
      if (!image) continue;
      const { ref } = image;
      if (ref.resolved === undefined || ref.resolved === '' || ref.digest || !ref.repository) continue;
      const message =
        ref.tag === undefined
          ? `Service \`${service.name}\` uses image \`${ref.resolved}\` without a tag, which means \`latest\`.`
          : ref.tag === 'latest'
            ? `Service \`${service.name}\` uses image \`${ref.resolved}\` with the \`latest\` tag.`
            : undefined;
      if (message) ctx.report(image.entry.valueRange, message);
    }
  },
};

export default rule;
