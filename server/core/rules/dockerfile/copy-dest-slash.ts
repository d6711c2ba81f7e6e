import { instructionWords, sourcesAndDestination, type InstrWord } from '../../dockerfile/words';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { replace } from '../../fixes/edits';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** A source that names files by pattern (`*.json`, `app?.conf`, `[ab].txt`). */
function isWildcard(word: InstrWord): boolean {
  return /[*?[]/.test(word.value ?? word.text);
}

const rule: DockerfileRule = {
  meta: {
    id: 'copy-dest-slash',
    title: 'Several COPY/ADD sources into a destination without a trailing slash',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports `COPY` and `ADD` (shell and exec form, after their flags; heredocs count as sources) with two or more sources whose destination, after ARG/ENV substitution, does not end in `/` (or `\\` for Windows paths). A single wildcard source counts as several only when the destination is `.` or `..`: elsewhere a wildcard often stands for exactly one file (`COPY target/*.jar /app.jar`), which needs no slash. A destination with variables of unknown value is not judged.',
    rationale:
      'With several sources the destination has to be a directory, and the Dockerfile reference requires it to end with `/`. The classic builder (still the one used for Windows containers) rejects the instruction; BuildKit accepts it, but when the destination does not exist yet it can copy the sources one after another onto a single file of that name (moby/buildkit#1853), so the image silently contains only the last one.',
    howToFix: 'End the destination with a slash: `COPY package.json package-lock.json /app/` (or `./` for the working directory).',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json .\nRUN npm ci',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci',
    },
    aliases: ['DL3021', 'DS0011'],
    references: [
      hadolint('DL3021'),
      { title: 'Dockerfile reference: COPY', url: 'https://docs.docker.com/reference/dockerfile/#copy' },
      { title: 'moby/buildkit#1853: copying multiple sources to a destination overwrites the destination', url: 'https://github.com/moby/buildkit/issues/1853' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      if (escapedEscapeAtLineEnd(model, instr)) continue;
      const split = sourcesAndDestination(instructionWords(model, instr));
      if (!split) continue;
      const { sources, destination } = split;
      if (destination.heredoc) continue;
      const dest = destination.value;
      if (dest === undefined || dest === '' || dest.endsWith('/') || dest.endsWith('\\')) continue;
      const dotDir = dest === '.' || dest === '..';
      const several = sources.length > 1 || (dotDir && sources.length === 1 && isWildcard(sources[0]));
      if (!several) continue;
      const slash = slashFor(instr, destination, model.escapeChar);
      const what = sources.length > 1 ? `${sources.length} sources` : `the wildcard source \`${sources[0].text}\``;
      // A quote left inside the word: shell-form COPY splits on blanks even inside quotes (JSON form is needed).
      const fixes = /["']/.test(destination.text)
        ? []
        : [
            {
              title: `Append ${slash} to the destination \`${destination.text}\``,
              edits: [replace(model.rangeOf(destination.end, destination.end), slash)],
              safe: true,
              isPreferred: true,
            },
          ];
      ctx.report(
        model.rangeOf(destination.start, destination.end),
        `${instr.keyword} of ${what} needs a directory destination ending in \`/\`: write \`${destination.text}${slash}\`.`,
        fixes,
      );
    }
  },
};

/**
 * A line of the instruction ending in an escaped escape character (`C:\\dir\\`): BuildKit does not read it as a line
 * continuation, but the parser we build on does and merges the next lines into the instruction, so its last word is
 * not the destination. Such instructions are left alone rather than judged on a wrong reading.
 */
function escapedEscapeAtLineEnd(model: DockerfileModel, instr: DfInstruction): boolean {
  const esc = model.escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${esc}${esc}[ \\t]*\\r?$`, 'm').test(model.text.slice(instr.start, instr.end));
}

/**
 * The separator to append: `\` for a Windows path written with backslashes when the escape character is not `\` (a
 * trailing `\` would otherwise continue the line) and the instruction is in shell form; `/` everywhere else.
 */
function slashFor(instr: DfInstruction, destination: InstrWord, escapeChar: string): string {
  return !instr.execForm && escapeChar !== '\\' && destination.text.includes('\\') && !destination.text.includes('/') ? '\\' : '/';
}

export default rule;
