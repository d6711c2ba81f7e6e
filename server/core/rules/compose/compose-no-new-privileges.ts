import type { ComposeService, ComposeValue } from '../../compose/model';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { addServiceList, appendItem, quoteOf } from './service-edits';

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true` → true; `…:false` → false; else undefined. */
export function noNewPrivileges(text: string): boolean | undefined {
  const m = /^\s*no-new-privileges\s*(?:[:=]([\s\S]*))?$/i.exec(text);
  if (!m) return undefined;
  // A value with blanks inside (`:tr ue`) is neither true nor false: undefined below.
  const value = m[1]?.trim().toLowerCase();
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/**
 * A service whose `security_opt` does not set `no-new-privileges:true` (any of Docker's spellings). Items depending on
 * variables without defaults may set it: no finding then. `no-new-privileges:false` is reported at the item and the
 * fix turns it to true; otherwise the fix appends the option to `security_opt` or adds the key (the file's list style
 * and quotes); when `security_opt` comes from a merge key or alias, a key written in the service would replace the
 * merged list, so no fix is offered. Safe: setuid helpers such as `sudo` or `su` stop working, but a service container should not rely on
 * them; the option changes no file and takes no choice.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-no-new-privileges',
    title: 'Privilege escalation not blocked',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      'Reports services whose `security_opt` lacks `no-new-privileges:true` (also written `no-new-privileges=true` or `no-new-privileges`), and services that set it to false.',
    rationale:
      'Without no-new-privileges a process in the container can gain privileges through setuid/setgid binaries or file capabilities (for example a setuid `su`, or a vulnerable setuid helper), turning code execution as an unprivileged user into root inside the container.',
    howToFix: 'Add `no-new-privileges:true` to the service\'s `security_opt` list.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - "no-new-privileges:true"\n',
    },
    aliases: ['KICS No New Privileges Not Set', 'CIS 5.26'],
    references: [
      cis('5.26', 'Ensure that the container is restricted from acquiring additional privileges'),
      { title: 'Compose file reference: services (security_opt)', url: 'https://docs.docker.com/reference/compose-file/services/#security_opt' },
      { title: 'docker run: --security-opt no-new-privileges', url: 'https://docs.docker.com/reference/cli/docker/container/run/#security-opt' },
      { title: 'Linux kernel documentation: No New Privileges Flag', url: 'https://docs.kernel.org/userspace-api/no_new_privs.html' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!service.entry.isMap) continue;
      if (service.extends?.unresolved) continue;
      const items = service.list('security_opt');
      if (items.some((i) => i.text === undefined || noNewPrivileges(i.text) === true)) continue;
      const off = items.find((i) => noNewPrivileges(i.text ?? '') === false);
      const top = service.get('security_opt');
      if (off) {
        const fixes: Fix[] | undefined = off.via
          ? undefined
          : [{ title: 'Set `no-new-privileges:true`', edits: [{ range: off.range, newText: quoted(service, off, 'no-new-privileges:true') }], safe: true, isPreferred: true }];
        ctx.report(off.range, `Service \`${service.name}\` turns \`no-new-privileges\` off: setuid binaries can raise privileges.`, fixes);
        continue;
      }
      let edit: TextEdit | undefined;
      const q = quoteOf(service);
      if (top && !top.via) {
        const sample = top.items()[0];
        edit = appendItem(top, sample ? quoted(service, sample, 'no-new-privileges:true') : `${q}no-new-privileges:true${q}`);
      } else if (!top || top.via?.kind === 'extends') edit = addServiceList(service, 'security_opt', [`${q}no-new-privileges:true${q}`]);
      const fixes: Fix[] | undefined = edit
        ? [{ title: top && !top.via ? 'Add `no-new-privileges:true` to `security_opt`' : 'Add `security_opt: ["no-new-privileges:true"]`', edits: [edit], safe: true, isPreferred: true }]
        : undefined;
      // Always at the service name: a finding at `security_opt` would move (and count as new) when another rule's fix
      // removes the key's last entry.
      if (top) ctx.report(service.keyRange, `Service \`${service.name}\` does not set \`no-new-privileges:true\` in \`security_opt\`.`, fixes);
      else ctx.report(service.keyRange, `Service \`${service.name}\` does not set \`no-new-privileges:true\`: setuid binaries can raise privileges.`, fixes);
    }
  },
};

/** `text` quoted like `like` (plain, single or double quotes); in a flow list always quoted. */
function quoted(service: ComposeService, like: ComposeValue, text: string): string {
  const raw = like.raw.trim();
  if (raw.startsWith("'")) return `'${text}'`;
  if (raw.startsWith('"')) return `"${text}"`;
  const before = service.model.text.slice(0, like.offsets[0]).trimEnd();
  const inFlow = before.endsWith('[') || before.endsWith(',');
  const q = quoteOf(service);
  return inFlow ? `${q}${text}${q}` : text;
}

export default rule;
