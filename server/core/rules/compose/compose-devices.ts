import type { ComposeValue } from '../../compose/model';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';

/**
 * Every `devices:` entry of a service (short `host:container[:perms]` strings, CDI names, and mappings with
 * `source`), reported at the entry. Entries depending on variables without defaults are reported too when the part
 * written is already a device path; entirely unknown entries are not. No fix: whether the device is needed is the
 * user's call.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-devices',
    title: 'Host device exposed',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description: 'Reports each entry of a service\'s `devices:` list (host devices made available inside the container).',
    rationale:
      'A host device node gives the container direct access to hardware or kernel interfaces: a block device (`/dev/sda`) lets it read and write the host\'s disks below any file permission, `/dev/mem` or `/dev/kmsg` expose kernel memory and logs, and GPU or USB devices widen the kernel attack surface.',
    howToFix:
      'Remove the entries the service does not need. Keep only specific devices (never whole disks), with the narrowest permissions (`r` instead of `rwm`), and prefer a volume or a network service over raw device access.',
    example: {
      bad: 'services:\n  backup:\n    image: alpine:3.20\n    devices:\n      - /dev/sda:/dev/sda\n',
      good: 'services:\n  backup:\n    image: alpine:3.20\n    volumes:\n      - ./backups:/backups:ro\n',
    },
    aliases: ['CIS 5.18'],
    references: [
      cis('5.18', 'Ensure that host devices are not directly exposed to containers'),
      { title: 'Compose file reference: services (devices)', url: 'https://docs.docker.com/reference/compose-file/services/#devices' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      const seen = new Set<ComposeValue['node']>();
      for (const entry of service.getAll('devices')) {
        for (const item of entry.items()) {
          if (item.node && seen.has(item.node)) continue;
          seen.add(item.node);
          let device: string | undefined;
          if (item.isMap) device = item.get('source')?.text ?? item.get('source')?.raw;
          else if (item.isScalar) device = item.text ?? (typeof item.scalar === 'string' && /^\/dev\//.test(item.scalar) ? item.scalar : undefined);
          if (!device) continue;
          const host = item.isMap ? device : device.split(':')[0];
          ctx.report(item.range, `Service \`${service.name}\` gets host device \`${host}\`.`);
        }
      }
    }
  },
};

export default rule;
