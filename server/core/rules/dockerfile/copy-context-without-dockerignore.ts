import { isInstall, packageManagerOf } from '../../dockerfile/commands';
import type { DockerfileModel } from '../../dockerfile/model';
import { flagValue, instructionWords, sourcesAndDestination } from '../../dockerfile/words';
import type { Fix } from '../../types';
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

// ---- the .dockerignore the quick fix creates -------------------------------------------------------

interface Section {
  comment: string;
  patterns: string[];
}

/** Safe defaults: secrets first, then clutter whose exclusion cannot change what a correct build produces. */
function sections(installs: { js: boolean; python: boolean }): Section[] {
  return [
    {
      comment: 'Version control history: it keeps every secret ever committed. Delete these lines if the build reads git metadata (git describe, setuptools-scm).',
      patterns: ['.git', '.hg', '.svn'],
    },
    { comment: 'Environment files, which usually hold credentials (example files stay in)', patterns: ['**/.env', '**/.env.*', '!**/.env.example'] },
    {
      comment: 'Private keys and certificates',
      patterns: ['**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/id_rsa*', '**/id_dsa*', '**/id_ecdsa*', '**/id_ed25519*'],
    },
    { comment: 'Credentials of package managers and cloud tools', patterns: ['**/.npmrc', '**/.pypirc', '**/.netrc', '**/.git-credentials', '**/.aws', '**/.ssh'] },
    { comment: 'Terraform state, which holds secrets in plain text', patterns: ['**/*.tfstate', '**/*.tfstate.*'] },
    {
      comment: 'Local dependencies, caches and logs',
      patterns: [
        ...(installs.js ? ['**/node_modules'] : []),
        ...(installs.python ? ['**/.venv'] : []),
        '**/__pycache__',
        '**/*.log',
      ],
    },
    {
      comment: 'Build and Compose files: the builder reads the Dockerfile anyway, and leaving these out keeps their edits from invalidating `COPY .` layers (Compose files often hold passwords too)',
      patterns: ['Dockerfile*', '*.Dockerfile', '.dockerignore', 'docker-compose*.yml', 'docker-compose*.yaml', 'compose*.yml', 'compose*.yaml'],
    },
  ];
}

/** A .dockerignore pattern as a RegExp over context-relative paths (`**` any folders, `*`/`?` within one name). */
function patternRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** True when `pattern` excludes `path` or a folder it is in. */
function excludes(pattern: string, path: string): boolean {
  const re = patternRegExp(pattern);
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) if (re.test(parts.slice(0, i).join('/'))) return true;
  return false;
}

/** A source as a context-relative path (`./certs/ca.pem` → `certs/ca.pem`); undefined for `.`, URLs and paths leaving the context. */
function contextPath(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value)) return undefined;
  const parts = value.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return parts.join('/');
}

/** The context paths the Dockerfile names: COPY/ADD sources (not `--from`) and `RUN --mount=type=bind,source=…`. */
function namedContextPaths(model: DockerfileModel): string[] {
  const paths: string[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword === 'COPY' || instr.keyword === 'ADD') {
      if (flagValue(instr, 'from') !== undefined) continue;
      const split = sourcesAndDestination(instructionWords(model, instr));
      for (const s of split?.sources ?? []) {
        const p = !s.heredoc && s.value !== undefined ? contextPath(s.value) : undefined;
        if (p) paths.push(p);
      }
    } else if (instr.keyword === 'RUN') {
      for (const f of instr.flags) {
        if (f.name !== 'mount' || !f.value) continue;
        const opts = new Map(f.value.split(',').map((kv) => [kv.split('=')[0].toLowerCase(), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
        if ((opts.get('type') ?? 'bind') !== 'bind' || opts.has('from')) continue;
        const source = opts.get('source') ?? opts.get('src');
        const p = source ? contextPath(source) : undefined;
        if (p) paths.push(p);
      }
    }
  }
  return paths;
}

/** What the Dockerfile installs itself: then the host's copies (node_modules, .venv) are not needed in the context. */
function installsOf(model: DockerfileModel): { js: boolean; python: boolean } {
  const found = { js: false, python: false };
  for (const { command } of model.runCommands()) {
    const call = packageManagerOf(command);
    if (!call || !isInstall(call)) continue;
    if (call.manager === 'npm' || call.manager === 'yarn' || call.manager === 'pnpm') found.js = true;
    if (call.manager === 'pip' || call.manager === 'poetry' || call.manager === 'uv' || call.manager === 'pipenv') found.python = true;
  }
  return found;
}

/**
 * The .dockerignore content for this Dockerfile: the safe defaults, minus any pattern that would exclude a file the
 * Dockerfile copies (or bind-mounts) by name, which would break the build; those are left in as comments saying why.
 */
export function dockerignoreFor(model: DockerfileModel): string {
  const named = namedContextPaths(model);
  const out = [
    '# Created by Bulwark: keeps secrets and local clutter out of the build context, so `COPY . …` cannot bake them into an image layer.',
    '# Review it: add your build output, and delete a line if the image really needs those files.',
    '# Syntax: https://docs.docker.com/build/concepts/context/#dockerignore-files',
  ];
  for (const section of sections(installsOf(model))) {
    out.push('', `# ${section.comment}`);
    for (const pattern of section.patterns) {
      const conflict = pattern.startsWith('!') ? undefined : named.find((p) => excludes(pattern, p));
      out.push(conflict === undefined ? pattern : `# ${pattern}    (not excluded: the Dockerfile copies ${conflict})`);
    }
  }
  return `${out.join('\n')}\n`;
}

function createDockerignore(model: DockerfileModel, path: string): Fix[] {
  return [{ title: 'Create .dockerignore with safe defaults', edits: [], createFiles: [{ path, content: dockerignoreFor(model) }], safe: true, isPreferred: true }];
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
      'Create a `.dockerignore` in the build context root (the Dockerfile\'s folder when you build with `docker build .` from there) that excludes at least `.git`, `.env*`, `**/*.pem`, `**/*.key`, `**/id_rsa*`, `node_modules` and build output, or copy only the files the image needs (`COPY package.json package-lock.json ./`, `COPY src/ ./src/`). The quick fix creates such a `.dockerignore` beside the Dockerfile (only when none exists); a default pattern that would exclude a file the Dockerfile copies or bind-mounts by name is written as a comment instead, so the build keeps working.',
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
    let fixes: Fix[] | undefined;
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
          // The message does not name the keyword, so replacing ADD with COPY (add-instead-of-copy's fix) keeps the finding as it is.
          `The source \`${source.text}\` copies ${what}, and there is no .dockerignore beside this Dockerfile to keep out .git, .env files and keys.`,
          (fixes ??= createDockerignore(ctx.model, candidates[0])),
        );
      }
    }
  },
};

export default rule;
