import type { DockerfileModel } from '../../dockerfile/model';
import type { Range } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'image-latest-tag',
    title: 'Base image uses the latest tag',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a `FROM` image tagged `:latest` or written without any tag (which means `latest`), unless it is pinned by digest. `scratch`, references to earlier stages and images from ARGs without a default are not reported; ARG defaults are substituted.',
    rationale:
      '`latest` is whatever the publisher pushed last: a rebuild can jump a major version of the OS or runtime, pulling in breaking changes or new vulnerabilities without any change to the Dockerfile, and you cannot tell which version an image was built from.',
    howToFix:
      'Name an explicit version tag, as specific as your update process allows: a release line (`node:20-alpine`, `debian:bookworm-slim`) if you want patch updates, an exact version (`node:20.11.1-alpine3.19`) for full control, and add an `@sha256:` digest to make it immutable. Check the image\'s page on its registry for the supported tags.',
    example: {
      bad: 'FROM nginx\nCOPY site/ /usr/share/nginx/html/',
      good: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/',
    },
    aliases: ['DL3006', 'DL3007', 'DS0001', 'CKV_DOCKER_7', "KICS Image Version Using 'latest'", 'KICS Image Version Not Explicit'],
    references: [
      hadolint('DL3006'),
      hadolint('DL3007'),
      { title: 'Docker docs: pin base image versions', url: 'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions' },
    ],
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of model.stages) {
      const image = stage.image;
      if (stage.parent || !stage.imageRange) continue;
      const resolved = image.resolved;
      if (resolved === undefined || resolved === '') continue;
      if (resolved.toLowerCase() === 'scratch' || image.digest !== undefined) continue;
      const shown = image.usesVariables ? `\`${image.raw}\` (\`${resolved}\`)` : `\`${resolved}\``;
      if (image.tag === undefined) {
        ctx.report(stage.imageRange, `Base image ${shown} has no tag, so it means \`latest\`; name a version tag.`);
      } else if (image.tag === 'latest') {
        ctx.report(tagRange(ctx.model, stage.imageRange, image.raw) ?? stage.imageRange, `Base image ${shown} uses the \`latest\` tag; name a version tag.`);
      }
    }
  },
};

/** The range of the tag part of the image as written (`latest` in `node:latest`, `${TAG}` in `node:${TAG}`). */
function tagRange(model: DockerfileModel, imageRange: Range, raw: string): Range | undefined {
  const start = model.offsetAt(imageRange.start);
  const end = model.offsetAt(imageRange.end);
  if (model.text.slice(start, end) !== raw) return undefined;
  const at = raw.indexOf('@');
  const name = at >= 0 ? raw.slice(0, at) : raw;
  const m = /:([^:/]+)$/.exec(name);
  if (!m) return undefined;
  const tag = m[1];
  // `${BASE:-node}`: the colon belongs to a variable, not to a tag.
  if ((tag.match(/\{/g)?.length ?? 0) !== (tag.match(/\}/g)?.length ?? 0)) return undefined;
  const tagStart = start + m.index + 1;
  return model.rangeOf(tagStart, tagStart + tag.length);
}

export default rule;
