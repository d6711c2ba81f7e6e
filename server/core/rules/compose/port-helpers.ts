import type { ComposeService, PortMapping } from '../../compose/model';
import type { Range } from '../../types';

/**
 * The ports a service publishes on the host whose host address is known to be absent (all interfaces), with the range
 * to report. Short-syntax ports whose host part depends on a variable without a default are left out: `${PORT}:80`
 * might read `127.0.0.1:8080:80`.
 */
export function publishedPorts(service: ComposeService): { port: PortMapping; range: Range }[] {
  if (service.string('network_mode') === 'host') return [];
  const out: { port: PortMapping; range: Range }[] = [];
  for (const p of service.ports) {
    if (!p.hostIpKnown) continue;
    if (p.syntax === 'short' && !p.item.known) {
      if (p.hostIp === undefined && (!p.publishedKnown || p.published === undefined)) continue;
    }
    out.push({ port: p, range: p.publishedRange ?? p.targetRange ?? p.range });
  }
  return out;
}

/** `port 8080`, `port 53/udp`, or `container port 80 (random host port)` when the host port is left to Docker. */
export function describePort(p: PortMapping): string {
  const proto = p.protocol !== 'tcp' ? `/${p.protocol}` : '';
  return p.published !== undefined ? `port ${p.published}${proto}` : `container port ${p.target ?? '?'}${proto} (random host port)`;
}
