import { removeWord } from '../../fixes/edits';
import type { DockerfileRule } from '../rule';
import { unquote } from '../../dockerfile/variables';

/**
 * `RUN --security=insecure` (the step runs without seccomp/AppArmor and with all capabilities, like
 * `docker run --privileged`) and `RUN --network=host` (the step shares the build host's network
 * namespace). Values are read through ARG substitution; an unknown value is not reported.
 * `--network=none`/`default` and `--security=sandbox` are fine.
 */
const rule: DockerfileRule = {
  meta: {
    id: 'run-insecure',
    title: 'RUN with insecure security or host network mode',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description: 'Reports `RUN --security=insecure` and `RUN --network=host`.',
    rationale:
      '`--security=insecure` runs the step as a privileged container: it can mount file systems, load kernel modules and reach host devices, so anything the step executes (including every dependency it downloads) can take over the build host. `--network=host` lets the step reach services bound to the build host\'s localhost and its private networks (cloud metadata endpoints, internal registries, the Docker daemon if it listens on TCP).',
    howToFix:
      'Remove the flag. Grant only what the step needs: a cache or secret mount (`--mount=type=cache`, `--mount=type=secret`) instead of host access, and the default sandboxed network. If a step truly needs privileges (e.g. building a disk image), move it out of the Dockerfile into a separate, isolated build job.',
    example: {
      bad: 'FROM debian:12\nRUN --security=insecure mount -t tmpfs none /mnt',
      good: 'FROM debian:12\nRUN --mount=type=tmpfs,target=/mnt ls /mnt',
    },
    aliases: [],
    references: [
      { title: 'Dockerfile reference: RUN --security', url: 'https://docs.docker.com/reference/dockerfile/#run---security' },
      { title: 'Dockerfile reference: RUN --network', url: 'https://docs.docker.com/reference/dockerfile/#run---network' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructionsOf('RUN')) {
      for (const flag of instr.flags) {
        const name = flag.name.toLowerCase();
        if ((name !== 'security' && name !== 'network') || flag.value === null) continue;
        const resolved = model.resolve(flag.value, instr);
        if (resolved === undefined) continue;
        const value = unquote(resolved).toLowerCase();
        const written = `RUN --${flag.name}=${flag.value}`;
        const shown = unquote(flag.value).toLowerCase() === value ? `\`${written}\`` : `\`${written}\` (${value})`;
        const fixes = [
          {
            title: `Remove \`--${flag.name}=${flag.value}\``,
            edits: [removeWord(model.lines, model.offsetAt(flag.range.start), model.offsetAt(flag.range.end), model.escapeChar)],
            // Removing the flag can break a step that relied on it: the author decides.
            safe: false,
            isPreferred: true,
          },
        ];
        if (name === 'security' && value === 'insecure') {
          ctx.report(flag.range, `${shown} runs this step as a privileged container with full access to the build host.`, fixes);
        } else if (name === 'network' && value === 'host') {
          ctx.report(flag.range, `${shown} gives this step the build host's network, including services bound to its localhost.`, fixes);
        }
      }
    }
  },
};

export default rule;
