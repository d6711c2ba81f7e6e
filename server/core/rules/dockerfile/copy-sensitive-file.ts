import { trimEndOf } from '../../text';
import { JSONInstruction, ModifiableInstruction } from 'dockerfile-ast';
import type { Copy, Instruction, Onbuild } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { unquote } from '../../dockerfile/variables';
import type { DockerfileRule } from '../rule';

interface Source {
  /** As written (quotes of the exec form removed). */
  text: string;
  start: number;
  end: number;
}

/** `.env.example` and friends are templates meant to be committed and copied. */
const ENV_TEMPLATE = /^\.env\.(?:example|examples|sample|samples|template|templates|tpl|dist|defaults?|schema|ci\.example)$/i;
/** Certificates (public) end in `.pem` too: `cert.pem`, `fullchain.pem`, `ca-bundle.pem`. */
const PUBLIC_PEM = /(?:^|[-_.])(?:cert|certs|certificate|chain|fullchain|ca|cacert|ca-bundle|bundle|root|intermediate|pub|public|trust|truststore)(?:[-_.]|$)/i;
/** Public keys and repository signing keys end in `.key` too: `nginx_signing.key`, `Release.key`, `repo.gpg.key`. */
const PUBLIC_KEY_FILE = /(?:^|[-_.])(?:pub|public|gpg|pgp|signing|release|repo|apt|archive|keyring|asc)(?:[-_.]|$)/i;

/** What a source path is, when it is a secret by name; undefined otherwise. */
export function sensitiveFileKind(path: string): string | undefined {
  const p = trimEndOf(path.replace(/\\/g, '/'), '/');
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  const base = segments[segments.length - 1] ?? '';
  const lower = base.toLowerCase();
  if (segments.some((s) => s === '.ssh')) return 'an SSH keys folder';
  if (segments.some((s) => s === '.aws')) return 'an AWS credentials folder';
  if (/(?:^|\/)\.docker\/config\.json$/.test(p)) return 'a Docker registry credentials file';
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)/.test(lower) && !lower.endsWith('.pub')) return 'an SSH private key';
  if (lower === '.env' || lower === '.env*' || (lower.startsWith('.env.') && !ENV_TEMPLATE.test(lower))) return 'a `.env` file';
  if (lower === '.npmrc') return 'an npm credentials file';
  if (lower === '.pypirc') return 'a PyPI credentials file';
  if (lower === '.git-credentials') return 'a Git credentials file';
  if (lower === '.netrc' || lower === '_netrc') return 'a netrc credentials file';
  if (lower === '.pgpass') return 'a PostgreSQL password file';
  if (lower === 'credentials.json') return 'a credentials file';
  if (/\.(?:p12|pfx)$/.test(lower)) return 'a PKCS#12 key store';
  if (lower.endsWith('.ppk')) return 'a PuTTY private key';
  if (lower.endsWith('.key') && !PUBLIC_KEY_FILE.test(lower.slice(0, -4))) return 'a private key file';
  if (lower.endsWith('.pem') && (/key|priv/.test(lower) || !PUBLIC_PEM.test(lower.slice(0, -4)))) return 'a PEM file that may hold a private key';
  return undefined;
}

/** A JSON string literal's value (dockerfile-ast's getJSONValue drops blanks). */
function decodeJson(literal: string): string | undefined {
  try {
    const v: unknown = JSON.parse(literal);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The source arguments of a COPY/ADD: not the destination, not flags, not heredoc names or bodies. */
function sources(model: DockerfileModel, ast: Instruction): Source[] {
  const out: Source[] = [];
  if (ast instanceof JSONInstruction && ast.getOpeningBracket() !== null && ast.getClosingBracket() !== null) {
    for (const s of ast.getJSONStrings().slice(0, -1)) {
      // getRange() spans the quotes; getJSONRange() the content between them.
      const literal = model.textOf(s.getRange());
      const r = s.getJSONRange();
      out.push({ text: decodeJson(literal) ?? s.getJSONValue(), start: model.offsetAt(r.start), end: model.offsetAt(r.end) });
    }
    return out;
  }
  // COPY exposes its heredocs; ADD has the same (protected) method.
  const heredocs = (ast as unknown as Copy).getHeredocs?.() ?? [];
  const bodyStart = heredocs
    .map((h) => h.getContentRange()?.start ?? h.getDelimiterRange()?.start)
    .filter((p): p is NonNullable<typeof p> => !!p)
    .map((p) => model.offsetAt(p))
    .reduce((a, b) => Math.min(a, b), Infinity);
  const args = ast
    .getArguments()
    .map((a) => ({ text: a.getValue(), start: model.offsetAt(a.getRange().start), end: model.offsetAt(a.getRange().end) }))
    .filter((a) => a.start < bodyStart && !a.text.startsWith('<<'));
  return args.slice(0, -1);
}

/** The COPY/ADD an instruction performs (itself, or the trigger of an `ONBUILD COPY`). */
function copyOf(instr: DfInstruction): { keyword: string; ast: ModifiableInstruction; onbuild: boolean } | undefined {
  let ast: Instruction | null = instr.ast;
  const onbuild = instr.keyword === 'ONBUILD';
  if (onbuild) ast = (instr.ast as Onbuild).getTriggerInstruction();
  const keyword = ast?.getKeyword().toUpperCase();
  if ((keyword !== 'COPY' && keyword !== 'ADD') || !(ast instanceof ModifiableInstruction)) return undefined;
  return { keyword, ast, onbuild };
}

const rule: DockerfileRule = {
  meta: {
    id: 'copy-sensitive-file',
    title: 'Secret file copied into the image',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'sensitive files',
    description:
      'Reports a `COPY`/`ADD` source that is a secret by its name: `.env` and `.env.*` (not `.env.example`, `.env.sample`, `.env.template`), SSH private keys (`id_rsa*`, `id_ed25519*`, `id_ecdsa*`), `*.key`, `*.pem` (not certificates such as `cert.pem` or `ca.pem`), `*.p12`/`*.pfx`, `.npmrc`, `.pypirc`, `.aws/`, `.ssh/`, `.git-credentials`, `.netrc`, `.pgpass`, `credentials.json` and `.docker/config.json`. Sources are checked after ARG substitution; the destination, heredoc bodies, remote URLs and `COPY --from` (files from another stage or image, whose way into the build is reported where it happens) are not.',
    rationale:
      'Every file copied into a layer stays in the image, even if a later `RUN rm` deletes it: anyone who can pull the image can extract it with `docker save` or `docker cp`. Credentials, private keys and `.env` files in an image leak to every registry, cache and machine the image goes to.',
    howToFix:
      'Do not copy the file. For credentials needed during the build, use a secret or SSH mount (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, `RUN --mount=type=ssh git clone …`); for runtime configuration, pass environment variables or mount the file at run time. Add the file to `.dockerignore` so that `COPY . .` cannot pick it up either.',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nCOPY . .\nCMD ["node", "server.js"]',
    },
    aliases: ['DS0031'],
    references: [
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      { title: 'Docker docs: .dockerignore files', url: 'https://docs.docker.com/build/concepts/context/#dockerignore-files' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      const copy = copyOf(instr);
      if (!copy) continue;
      // Files from another stage or image entered the build elsewhere (and are reported there when they came from the context).
      if (copy.ast.getFlags().some((f) => f.getName() === 'from')) continue;
      for (const s of sources(model, copy.ast)) {
        const substituted = s.text.includes('$') ? model.resolve(s.text, instr) : s.text;
        if (substituted === undefined) continue;
        const resolved = unquote(substituted);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(resolved) || /^git@/.test(resolved)) continue;
        const kind = sensitiveFileKind(resolved);
        if (!kind || ctx.overCap(instr)) continue;
        const shown = substituted === s.text ? `\`${resolved}\`` : `\`${s.text}\` (\`${resolved}\`)`;
        const where = copy.onbuild ? `ONBUILD ${copy.keyword}` : copy.keyword;
        ctx.report(model.rangeOf(s.start, s.end), `${where} of ${shown}, ${kind}, puts it in an image layer where anyone with the image can read it.`);
      }
    }
  },
};

export default rule;
