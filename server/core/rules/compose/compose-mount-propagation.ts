import type { ComposeRule } from '../rule';
import { cis } from '../rule';

const rule: ComposeRule = {
  meta: {
    id: 'compose-mount-propagation',
    title: 'Shared mount propagation',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a bind mount with `shared` or `rshared` propagation: the `:shared`/`:rshared` option of the short syntax, or `bind.propagation` in the long syntax.',
    rationale:
      'With shared propagation, mounts made inside the container under that path appear on the host (and in every other container sharing the mount) and the reverse: a compromised container can mount over host paths or see mounts it was never given.',
    howToFix:
      'Remove the propagation option (Docker defaults to `rprivate`), or use `slave`/`rslave` when the container must only see mounts made on the host later.',
    example: {
      bad: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /mnt/data:/data:rshared\n',
      good: 'services:\n  agent:\n    image: example/agent:1.4\n    volumes:\n      - /mnt/data:/data\n',
    },
    aliases: ['KICS Volume Mounted In Multiple Containers', 'CIS 5.20'],
    references: [
      cis('5.20', "Ensure that the host's mount propagation mode is not set to shared"),
      { title: 'Docker docs: bind propagation', url: 'https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const v of service.volumes) {
        if (v.propagation !== 'shared' && v.propagation !== 'rshared') continue;
        ctx.report(
          v.propagationRange ?? v.range,
          `Service \`${service.name}\` mounts \`${v.source ?? v.target ?? 'a volume'}\` with \`${v.propagation}\` propagation: mounts made in the container reach the host.`,
        );
      }
    }
  },
};

export default rule;
