import { remove } from '../../fixes/edits';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** Architecture spellings that name the same thing (`platforms.Normalize`), so a stage name can mention either. */
const ARCH_ALIASES: Record<string, string[]> = {
  amd64: ['amd64', 'x86_64', 'x86-64', 'x64'],
  arm64: ['arm64', 'aarch64', 'armv8'],
  arm: ['arm', 'armhf', 'armel', 'armv7', 'armv6'],
  '386': ['386', 'i386', 'x86', 'i686'],
};

function archSpellings(arch: string): string[] {
  const lower = arch.toLowerCase();
  for (const names of Object.values(ARCH_ALIASES)) if (names.includes(lower)) return names;
  return [lower];
}

const REDUNDANT = /^(["']?)(\$TARGETPLATFORM|\$\{TARGETPLATFORM\})\1$/;

const rule: DockerfileRule = {
  meta: {
    id: 'platform-flag',
    title: '`FROM --platform` pins or restates the platform',
    severity: 'info',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports `FROM --platform=<constant>` (such as `linux/amd64`), unless the stage name mentions that OS or architecture (`AS build-arm64`, the per-architecture stage idiom), and the redundant `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`), which is the default. `--platform=$BUILDPLATFORM`, the cross-compilation idiom, and other variable values are not reported.',
    rationale:
      'A constant platform makes the stage build for that architecture only: `docker buildx build --platform linux/arm64` still produces amd64 binaries (which then fail with "exec format error"), and hosts of another architecture build it under slow QEMU emulation. `--platform=$TARGETPLATFORM` changes nothing and suggests to readers that the default is something else.',
    howToFix:
      'Remove the flag and choose the platform at build time (`docker buildx build --platform linux/amd64,linux/arm64`). For stages that run build tools, use `FROM --platform=$BUILDPLATFORM` and cross-compile for `$TARGETOS`/`$TARGETARCH`. If the stage really is architecture-specific, name it after the architecture (`AS build-amd64`).',
    example: {
      bad: 'FROM --platform=linux/amd64 alpine:3.20\nRUN apk add --no-cache curl\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    aliases: ['DL3029', 'DL3065', 'BK FromPlatformFlagConstDisallowed', 'BK RedundantTargetPlatform'],
    references: [
      hadolint('DL3029'),
      hadolint('DL3065'),
      { title: 'Build checks: FromPlatformFlagConstDisallowed', url: 'https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/' },
      { title: 'Build checks: RedundantTargetPlatform', url: 'https://docs.docker.com/reference/build-checks/redundant-target-platform/' },
      { title: 'Multi-platform builds', url: 'https://docs.docker.com/build/building/multi-platform/' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      const from = stage.from;
      for (const flag of from.flags) {
        if (flag.name !== 'platform' || flag.value === null || flag.value === '') continue;
        const written = model.textOf(flag.range);
        const start = model.offsetAt(flag.range.start);
        let end = model.offsetAt(flag.range.end);
        // The flag and the blanks after it, so `FROM --platform=x alpine` becomes `FROM alpine`.
        while (end < from.end && (model.text[end] === ' ' || model.text[end] === '\t')) end++;
        const removal = remove(model.rangeOf(start, end));
        if (REDUNDANT.test(flag.value)) {
          ctx.report(flag.range, `\`${written}\` is redundant: stages are built for the target platform by default.`, [
            { title: `Remove \`${written}\``, edits: [removal], safe: true, isPreferred: true },
          ]);
          continue;
        }
        if (flag.value.includes('$')) continue;
        const platform = flag.value.replace(/^(["'])(.*)\1$/, '$2');
        const [os = '', arch = ''] = platform.toLowerCase().split('/');
        const name = stage.name ?? '';
        if (name && ((os && name.includes(os)) || (arch && archSpellings(arch).some((a) => name.includes(a))))) continue;
        ctx.report(
          flag.range,
          `\`${written}\` pins this stage to ${platform}: multi-platform builds are impossible and other hosts build it under emulation.`,
          [{ title: `Remove \`${written}\` (build for the target platform)`, edits: [removal], safe: false, isPreferred: true }],
        );
      }
    }
  },
};

export default rule;
