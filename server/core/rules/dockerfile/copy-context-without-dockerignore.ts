import { flagValue, instructionWords, sourcesAndDestination } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

/** Sources that take the whole build context (`.`, `./`) or every top-level entry of it (`*`, `./*`). */
function contextWide(value: string): 'all' | 'top' | undefined {
  const v = value.replace(/\/+/g, '/');
  if (/^\.(\/\.)*\/?$/.test(v)) return 'all';
  if (/^(\.\/)?\*$/.test(v)) return 'top';
  return undefined;
}

/** The folder part of an absolute path (POSIX or Windows separators), with its separator. */
function dirOf(path: string): { dir: string; sep: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const sep = i >= 0 ? path[i] : '/';
  return { dir: i >= 0 ? path.slice(0, i) : '.', sep };
}

const rule: DockerfileRule = {
  meta: {
    id: 'copy-context-without-dockerignore',
    title: 'Whole build context copied without a .dockerignore',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports `COPY . …` / `ADD . …` (also `./` and `*` as a source) when there is no `.dockerignore` next to the Dockerfile and no `<Dockerfile name>.dockerignore` (such as `app.Dockerfile.dockerignore`) beside it. The build context is usually the Dockerfile\'s folder, so that is where the `.dockerignore` is looked for; `COPY --from=<stage> . …` copies from a stage, not from the context, and is not reported.',
    rationale:
      'Without a `.dockerignore`, everything in the build context goes into the image layer: `.git` history, `.env` files, private keys, cloud credentials and local caches. Anyone who can pull the image can extract them from its layers, even if a later instruction deletes the files.',
    howToFix:
      'Create a `.dockerignore` in the build context root (the Dockerfile\'s folder when you build with `docker build .` from there) that excludes at least `.git`, `.env*`, `**/*.pem`, `**/*.key`, `**/id_rsa*`, `node_modules` and build output, or copy only the files the image needs (`COPY package.json package-lock.json ./`, `COPY src/ ./src/`).',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY src/ ./src/\nUSER node\nCMD ["node", "src/server.js"]',
    },
    aliases: ['CIS 4.10'],
    references: [
      cis('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      { title: 'Docker docs: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    ],
  },
  check(ctx) {
    // An unsaved buffer has no folder: nothing to look beside.
    if (!ctx.path) return;
    const { dir, sep } = dirOf(ctx.path);
    const candidates = [`${dir}${sep}.dockerignore`, `${ctx.path}.dockerignore`];
    let ignored: boolean | undefined;
    const hasIgnoreFile = () => (ignored ??= candidates.some((p) => ctx.host.exists(p)));

    for (const instr of ctx.model.instructions) {
      if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
      // `--from` reads a stage or an image, not the build context.
      if (flagValue(instr, 'from') !== undefined) continue;
      const split = sourcesAndDestination(instructionWords(ctx.model, instr));
      if (!split) continue;
      for (const source of split.sources) {
        if (source.heredoc || source.value === undefined) continue;
        const kind = contextWide(source.value);
        if (!kind) continue;
        if (hasIgnoreFile()) return;
        const what = kind === 'all' ? 'the whole build context' : 'every top-level entry of the build context';
        ctx.report(
          ctx.model.rangeOf(source.start, source.end),
          `\`${instr.keyword} ${source.text}\` copies ${what}, and there is no .dockerignore beside this Dockerfile to keep out .git, .env files and keys.`,
        );
      }
    }
  },
};

export default rule;
