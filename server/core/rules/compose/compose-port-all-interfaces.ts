import type { PortMapping } from '../../compose/model';
import { replace } from '../../fixes/edits';
import type { Fix, TextEdit } from '../../types';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';
import { addKeyEdit } from './mount-fixes';
import { describePort, publishedPorts } from './port-helpers';

/** Binds the mapping to 127.0.0.1 in the style of the entry: a `127.0.0.1:` prefix inside the quotes, or `host_ip`. */
function loopbackEdit(p: PortMapping): TextEdit | undefined {
  const item = p.item;
  if (item.via) return undefined;
  if (p.syntax === 'long') {
    const ip = item.get('host_ip');
    if (ip) return ip.via || ip.kind === 'map' || ip.kind === 'seq' ? undefined : replace(ip.range, '127.0.0.1');
    return addKeyEdit(item, 'host_ip', '127.0.0.1');
  }
  const node = item.node as { type?: string };
  const start = item.offsets[0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (!quoted && node.type !== 'PLAIN') return undefined;
  const at = item.model.lines.positionAt(start + (quoted ? 1 : 0));
  return replace({ start: at, end: at }, p.published === undefined ? '127.0.0.1::' : '127.0.0.1:');
}

const rule: ComposeRule = {
  meta: {
    id: 'compose-port-all-interfaces',
    title: 'Port published on all interfaces',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    findingNoun: 'ports published on all interfaces',
    description:
      'Reports a published port without a host IP: `"8080:80"`, a container port alone (`"80"`, published on a random host port), or the long syntax without `host_ip`. An explicit `0.0.0.0:` or `[::]:` is taken as intended and not reported.',
    rationale:
      'Without a host IP Docker listens on every interface of the host, so a database or admin port meant for local use is reachable from the network; Docker\'s own iptables rules also bypass host firewalls such as ufw for published ports.',
    howToFix:
      'Publish on the loopback address (`"127.0.0.1:8080:80"`, or `host_ip: 127.0.0.1`) for ports only the host or a local reverse proxy needs; services that talk to each other need no published port at all (use the Compose network). Keep all interfaces only for ports that must be public, and say so with an explicit `0.0.0.0:`.',
    example: {
      bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
      good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    aliases: ['KICS Container Traffic Not Bound To Host Interface', 'dclint no-unbound-port-interfaces', 'CIS 5.14'],
    references: [
      cis('5.14', 'Ensure that incoming container traffic is bound to a specific host interface'),
      { title: 'Compose file reference: services ports', url: 'https://docs.docker.com/reference/compose-file/services/#ports' },
      { title: 'Docker docs: packet filtering and firewalls', url: 'https://docs.docker.com/engine/network/packet-filtering-firewalls/' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      for (const { port, range } of publishedPorts(service)) {
        if (port.hostIp !== undefined || ctx.overCap(range)) continue;
        const edit = loopbackEdit(port);
        const fix: Fix | undefined = edit ? { title: `Publish ${describePort(port)} on 127.0.0.1 only`, edits: [edit], safe: false, isPreferred: true } : undefined;
        ctx.report(range, `Service \`${service.name}\` publishes ${describePort(port)} on all host interfaces.`, fix ? [fix] : undefined);
      }
    }
  },
};

export default rule;
