import type { ComposeRule } from '../rule';
import { cis } from '../rule';

const rule: ComposeRule = {
  meta: {
    id: 'compose-privileged-port',
    title: 'Privileged host port published',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description: 'Reports a published host port (or a port range starting) below 1024, in short or long syntax.',
    rationale:
      'Ports below 1024 are reserved for services the host administrator runs as root; publishing a container there makes it answer in place of a system service (SSH on 22, DNS on 53, mail on 25) and needs a root-run daemon to bind it, which rootless setups do not allow.',
    howToFix:
      'Publish an unprivileged host port (`"8080:80"`) and put a reverse proxy or load balancer on 80/443 if the service must be reached there. Keep 80/443 only for the proxy itself.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:80:80"\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
    },
    aliases: ['KICS Privileged Ports Mapped In Container', 'CIS 5.8'],
    references: [
      cis('5.8', 'Ensure that privileged ports are not mapped within containers'),
      { title: 'Compose file reference: services ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (service.string('network_mode') === 'host') continue;
      for (const p of service.ports) {
        if (!p.publishedKnown || !p.publishedPorts || p.publishedPorts.start >= 1024) continue;
        // A published 0 asks Docker for a random port.
        if (p.publishedPorts.start === 0 && p.publishedPorts.end === 0) continue;
        ctx.report(p.publishedRange ?? p.range, `Service \`${service.name}\` publishes privileged host port ${p.published}.`);
      }
    }
  },
};

export default rule;
