import type { ComposeService } from '../../compose/model';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { addServiceList, appendItem } from './service-edits';
import { normalizeCap } from './compose-dangerous-cap';

/**
 * A service whose `cap_drop` does not contain `ALL`. An item that depends on a variable without a default may be ALL:
 * no finding then; nor for a service that extends a file the core cannot read.
 *
 * The fix ("Drop capabilities") adds `cap_drop: [ALL]` (flow style when the file writes flow lists, else a block list
 * indented like the file's other lists) or appends `ALL` to an existing `cap_drop`; `cap_add` entries are kept, so
 * capabilities the service adds back still work. It is not safe: images that start as root and then switch user
 * (nginx, postgres, redis …) need CHOWN, SETUID, SETGID or NET_BIND_SERVICE from the default set, which the user must
 * then add back with `cap_add` — a choice fix-all cannot make.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-cap-drop-all',
    title: 'Capabilities not dropped',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description: 'Reports services without `cap_drop` containing `ALL` (at `cap_drop` when it exists without `ALL`, else at the service name).',
    rationale:
      'Docker gives every container a default set of capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, MKNOD, …) that most services never use; each one widens what an attacker who gains code execution can do (NET_RAW allows spoofed packets on the container network, DAC_OVERRIDE ignores file permissions).',
    howToFix:
      'Add `cap_drop: [ALL]` to the service and list in `cap_add` only the capabilities it needs (for example `NET_BIND_SERVICE` to listen on port 80, `CHOWN`/`SETUID`/`SETGID` for images that switch user at start).',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop:\n      - ALL\n    cap_add:\n      - CHOWN\n      - SETUID\n      - SETGID\n      - NET_BIND_SERVICE\n',
    },
    aliases: ['KICS Container Capabilities Unrestricted', 'CIS 5.4'],
    references: [
      cis('5.4', 'Ensure that Linux kernel capabilities are restricted within containers'),
      { title: 'Compose file reference: services (cap_drop)', url: 'https://docs.docker.com/reference/compose-file/services/#cap_drop' },
      { title: 'Docker run reference: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!service.entry.isMap) continue;
      if (service.extends?.unresolved) continue;
      const items = service.list('cap_drop');
      if (items.some((i) => i.text === undefined || normalizeCap(i.text) === 'ALL')) continue;
      const top = service.get('cap_drop');
      let edit: TextEdit | undefined;
      if (top && !top.via) edit = appendItem(top, 'ALL');
      else edit = addServiceList(service, 'cap_drop', ['ALL']);
      const fixes: Fix[] | undefined = edit
        ? [{ title: top && !top.via ? 'Drop capabilities: add `ALL` to `cap_drop`' : 'Drop capabilities: add `cap_drop: [ALL]`', edits: [edit], safe: false, isPreferred: true }]
        : undefined;
      if (top && !top.via) ctx.report(top.keyRange, `\`cap_drop\` of service \`${service.name}\` does not include \`ALL\`: the other default capabilities stay.`, fixes);
      else ctx.report(service.keyRange, message(service), fixes);
    }
  },
};

function message(service: ComposeService): string {
  return `Service \`${service.name}\` keeps Docker's default capabilities: it has no \`cap_drop: [ALL]\`.`;
}

export default rule;
