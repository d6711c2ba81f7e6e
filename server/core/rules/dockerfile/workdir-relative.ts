import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { unquote } from '../../dockerfile/variables';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** POSIX absolute, or Windows absolute (`C:\x`, `C:/x`, `\x`). */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
}

type Anchor = 'absolute' | 'unknown' | undefined;

/** What a WORKDIR sets: an absolute path, an unknown value (an ARG without default), or a relative path. */
function kindOf(model: DockerfileModel, instr: DfInstruction): { anchor: Anchor; path?: string } {
  const raw = model.argumentText(instr);
  if (raw === undefined) return { anchor: 'unknown' };
  const resolved = model.resolve(raw, instr);
  if (resolved === undefined) return { anchor: 'unknown' };
  const path = unquote(resolved.trim());
  return isAbsolute(path) ? { anchor: 'absolute', path } : { anchor: undefined, path };
}

const rule: DockerfileRule = {
  meta: {
    id: 'workdir-relative',
    title: 'Relative WORKDIR',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      "Reports a `WORKDIR` whose path, after ARG/ENV substitution, is relative while no absolute `WORKDIR` came before it in the stage or the stages it builds on (as BuildKit's WorkdirRelativePath check does): it then resolves against the base image's working directory. Only the first such WORKDIR of a stage is reported, as the later relative ones build on it. Windows paths such as `C:\\app` are absolute; a path whose variables have no known value is not judged.",
    rationale:
      "A relative WORKDIR is joined to whatever working directory the base image declares, which the Dockerfile does not show and the image's maintainers can change in any release; the files copied there and the paths the app expects then move without any change on your side.",
    howToFix:
      'Give the full path (`WORKDIR /app`), or set an absolute WORKDIR first and go relative from there (`WORKDIR /app` then `WORKDIR src`).',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR app\nCOPY . .\nCMD ["node", "server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    },
    aliases: ['DL3000', 'BK WorkdirRelativePath', 'DS0009', 'CKV_DOCKER_10'],
    references: [
      hadolint('DL3000'),
      { title: 'BuildKit check: WorkdirRelativePath', url: 'https://docs.docker.com/reference/build-checks/workdir-relative-path/' },
      { title: 'Dockerfile reference: WORKDIR', url: 'https://docs.docker.com/reference/dockerfile/#workdir' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const anchoredAtEnd = new Map<Stage, boolean>();
    for (const stage of model.stages) {
      // A stage built on an earlier one starts in that stage's working directory.
      let anchored = stage.parent ? anchoredAtEnd.get(stage.parent) ?? false : false;
      for (const instr of model.instructionsOf('WORKDIR', stage)) {
        const { anchor, path } = kindOf(model, instr);
        if (anchor) {
          anchored = true;
          continue;
        }
        if (anchored) continue;
        const start = instr.argsStart;
        let end = instr.end;
        while (end > start && /\s/.test(model.text[end - 1])) end--;
        ctx.report(
          model.rangeOf(start, end),
          `WORKDIR \`${path}\` is relative: it resolves against the base image's working directory; give an absolute path.`,
        );
        // Later relative WORKDIRs build on this one: reporting the first is enough.
        anchored = true;
      }
      anchoredAtEnd.set(stage, anchored);
    }
  },
};

export default rule;
