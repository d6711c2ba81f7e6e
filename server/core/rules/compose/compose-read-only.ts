import type { ComposeService } from '../../compose/model';
import { insertLinesBefore } from '../../fixes/edits';
import { cis } from '../rule';
import type { ComposeRule } from '../rule';
import type { Fix, TextEdit } from '../../types';
import { addServiceKeys, addServiceList, appendItem, prefersFlowLists } from './service-edits';

/**
 * A service without `read_only: true` (an unknown interpolated value is not judged). Reported at `read_only` when it is
 * written false, else at the service name. The fix sets `read_only: true` and gives the service a writable `/tmp`
 * (`tmpfs: [/tmp]`, or `/tmp` appended to an existing `tmpfs`). Not safe: services that write elsewhere (caches,
 * pid files, uploads) need more tmpfs mounts or volumes, which only the user knows.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-read-only',
    title: 'Writable root file system',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description: 'Reports services that do not set `read_only: true`.',
    rationale:
      "With a writable root file system, an attacker who gets code execution can replace the service's binaries, scripts or configuration and drop tools that persist for the container's lifetime; a read-only root file system confines writes to the mounts you declared.",
    howToFix:
      'Set `read_only: true` and give the service writable space only where it needs it: `tmpfs` for scratch paths such as `/tmp` or `/run`, named volumes for data.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n',
    },
    aliases: ['CIS 5.13'],
    references: [
      cis('5.13', "Ensure that the container's root filesystem is mounted as read only"),
      { title: 'Compose file reference: services (read_only)', url: 'https://docs.docker.com/reference/compose-file/services/#read_only' },
      { title: 'Compose file reference: services (tmpfs)', url: 'https://docs.docker.com/reference/compose-file/services/#tmpfs' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!service.entry.isMap) continue;
      if (service.extends?.unresolved) continue;
      const ro = service.get('read_only');
      if (ro && (ro.bool() === true || !ro.known)) continue;
      const fix = fixFor(service);
      if (ro && !ro.via) ctx.report(ro.keyRange, `Service \`${service.name}\` sets \`read_only\` to false: its root file system is writable.`, fix ? [fix] : undefined);
      else ctx.report(service.keyRange, `Service \`${service.name}\` has a writable root file system: no \`read_only: true\`.`, fix ? [fix] : undefined);
    }
  },
};

function fixFor(service: ComposeService): Fix | undefined {
  const edits: TextEdit[] = [];
  const ro = service.get('read_only');
  const tmpfs = service.get('tmpfs');
  const hasTmp = service.list('tmpfs').some((i) => (i.text ?? '').split(':')[0].trim() === '/tmp');
  if (ro && !ro.via) {
    if (!ro.isScalar) return undefined;
    edits.push({ range: ro.range, newText: 'true' });
    if (!hasTmp) {
      const e = tmpfsEdit(service);
      if (!e) return undefined;
      edits.push(e);
    }
  } else if (ro) {
    return undefined;
  } else if (tmpfs && !tmpfs.via) {
    edits.push(insertLinesBefore(service.model.lines, tmpfs.keyRange.start.line, ['read_only: true']));
    if (!hasTmp) {
      const e = appendTmp(service);
      if (!e) return undefined;
      edits.push(e);
    }
  } else if (tmpfs || hasTmp) {
    // tmpfs from a merge key or alias: a service key would replace it.
    if (!hasTmp) return undefined;
    const e = addServiceKeys(service, ['read_only: true']);
    if (!e) return undefined;
    edits.push(e);
  } else {
    const flow = prefersFlowLists(service);
    const e = flow ? addServiceKeys(service, ['read_only: true', 'tmpfs: [/tmp]']) : addReadOnlyAndTmpfs(service);
    if (!e) return undefined;
    edits.push(e);
  }
  return { title: hasTmp ? 'Set `read_only: true`' : 'Set `read_only: true` with a writable `/tmp` (tmpfs)', edits, safe: false, isPreferred: true };
}

function addReadOnlyAndTmpfs(service: ComposeService): TextEdit | undefined {
  const list = addServiceList(service, 'tmpfs', ['/tmp']);
  if (!list) return undefined;
  // The list edit is written with the file's line break (CRLF, LF or a lone CR).
  const eol = /\r\n|\r|\n/.exec(list.newText)?.[0] ?? '\n';
  const lead = /^(\r\n|\r|\n)/.exec(list.newText)?.[1] ?? '';
  const ind = /^( *)/.exec(list.newText.slice(lead.length))?.[1] ?? '';
  return { range: list.range, newText: lead + `${ind}read_only: true${eol}` + list.newText.slice(lead.length) };
}

/** The tmpfs edit when read_only is set in place: append to an own tmpfs or add the key. */
function tmpfsEdit(service: ComposeService): TextEdit | undefined {
  const tmpfs = service.get('tmpfs');
  if (!tmpfs) return addServiceList(service, 'tmpfs', ['/tmp']);
  if (tmpfs.via) return undefined;
  return appendTmp(service);
}

function appendTmp(service: ComposeService): TextEdit | undefined {
  const tmpfs = service.get('tmpfs');
  if (!tmpfs || tmpfs.via) return undefined;
  if (tmpfs.isScalar) return { range: tmpfs.range, newText: `[${tmpfs.raw}, /tmp]` };
  return appendItem(tmpfs, '/tmp');
}

export default rule;
