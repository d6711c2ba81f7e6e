import type { ComposeRule } from '../rule';

const MAX_RANGE = 1000;

const rule: ComposeRule = {
  meta: {
    id: 'compose-duplicate-port',
    title: 'Host port published twice',
    severity: 'error',
    category: 'correctness',
    kind: 'compose',
    description:
      'Reports a host port that another service (or an earlier entry of the same service) already publishes on the same host address and protocol. A port published on all interfaces collides with the same port on any address. Reported at the later entry.',
    rationale:
      'Only one container can bind a host port on an address: `docker compose up` starts the first service and fails on the second with "port is already allocated".',
    howToFix: 'Give one of the services another host port (`"8081:80"`), or publish them on different host addresses.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n  admin:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8081:80"\n',
    },
    aliases: ['dclint no-duplicate-exported-ports'],
    references: [{ title: 'Compose file reference: services ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' }],
  },
  check(ctx) {
    const seen: { service: string; ip: string; protocol: string; start: number; end: number }[] = [];
    for (const service of ctx.model.services) {
      if (service.string('network_mode') === 'host') continue;
      for (const p of service.ports) {
        if (!p.hostIpKnown || !p.publishedKnown || !p.publishedPorts) continue;
        const { start, end } = p.publishedPorts;
        if (start === 0 || end - start > MAX_RANGE) continue;
        const ip = p.hostIp ?? '';
        const all = (a: string) => a === '' || a === '0.0.0.0' || a === '::' || a === '[::]';
        const clash = seen.find((s) => s.protocol === p.protocol && s.start <= end && start <= s.end && (s.ip === ip || all(s.ip) || all(ip)));
        if (clash) {
          const by = clash.service === service.name ? 'an earlier entry of this service' : `service \`${clash.service}\``;
          ctx.report(p.publishedRange ?? p.range, `Host port ${p.published}${p.protocol !== 'tcp' ? `/${p.protocol}` : ''} of service \`${service.name}\` is already published by ${by}.`);
        }
        seen.push({ service: service.name, ip, protocol: p.protocol, start, end });
      }
    }
  },
};

export default rule;
