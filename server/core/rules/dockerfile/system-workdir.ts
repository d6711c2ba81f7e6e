import type { Stage } from '../../dockerfile/model';
import { instructionWords } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';

const SYSTEM_DIRS = ['/proc', '/sys', '/dev', '/boot'];

/** Joins and normalizes POSIX paths as the builder does (`/a/../proc/` → `/proc`). */
function absolute(path: string, base: string | undefined): string | undefined {
  let full: string;
  if (path.startsWith('/')) full = path;
  else if (base !== undefined) full = `${base}/${path}`;
  else return undefined;
  const parts: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function systemDir(path: string): string | undefined {
  return SYSTEM_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
}

const rule: DockerfileRule = {
  meta: {
    id: 'system-workdir',
    title: 'WORKDIR in a kernel or system directory',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a `WORKDIR` that is, or is below, `/proc`, `/sys`, `/dev` or `/boot`, after ARG/ENV substitution and after resolving a relative path against the previous `WORKDIR` (so `/system` or `/devices` are fine).',
    rationale:
      'At run time the container runtime mounts fresh `proc`, `sysfs` and `/dev` filesystems over these paths, so whatever the build put there disappears, and a process that works there reads and writes kernel interfaces and device nodes instead of application files: with root, a stray write can change kernel settings. `/boot` is reserved for kernel and boot loader files.',
    howToFix:
      'Use an application directory instead, such as `WORKDIR /app` (or `/srv/<name>`, `/opt/<name>`), and copy the files there.',
    example: {
      bad: 'FROM alpine:3.20\nWORKDIR /dev/app\nCOPY app.sh .\nCMD ["./app.sh"]',
      good: 'FROM alpine:3.20\nWORKDIR /app\nCOPY app.sh .\nCMD ["./app.sh"]',
    },
    aliases: ['DS0030'],
    references: [
      { title: 'Dockerfile reference: WORKDIR', url: 'https://docs.docker.com/reference/dockerfile/#workdir' },
      { title: 'Linux kernel docs: the /proc filesystem', url: 'https://docs.kernel.org/filesystems/proc.html' },
    ],
  },
  check(ctx) {
    const model = ctx.model;
    const finalWorkdir = new Map<Stage, string | undefined>();
    for (const stage of model.stages) {
      // A stage built on an earlier one starts in that stage's WORKDIR; an image's own default is unknown.
      let current = stage.parent ? finalWorkdir.get(stage.parent) : undefined;
      for (const instr of model.instructionsOf('WORKDIR', stage)) {
        const words = instructionWords(model, instr);
        if (words.length === 0) continue;
        const first = words[0];
        const last = words[words.length - 1];
        // WORKDIR takes its whole argument (line continuations removed) as one path.
        const raw = words.map((w) => w.raw).join(' ');
        const resolved = model.resolve(raw, instr);
        const value = resolved === undefined ? undefined : resolved.replace(/^(["'])([\s\S]*)\1$/, '$2');
        const path = value === undefined ? undefined : absolute(value, current);
        current = path;
        if (path === undefined) continue;
        const dir = systemDir(path);
        if (!dir) continue;
        const shown = path === (words.length === 1 ? first.text : raw) ? '' : ` (\`${path}\`)`;
        ctx.report(
          model.rangeOf(first.start, last.end),
          `WORKDIR \`${words.length === 1 ? first.text : raw}\`${shown} is inside \`${dir}\`, ${dir === '/boot' ? 'which is reserved for kernel and boot loader files' : 'which the container runtime mounts over'}; use an application directory such as /app.`,
        );
      }
      finalWorkdir.set(stage, current);
    }
  },
};

export default rule;
