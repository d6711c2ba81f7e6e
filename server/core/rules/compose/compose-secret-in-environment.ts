import ignore from 'ignore';
import type { ComposeModel, ComposeService, EnvVar } from '../../compose/model';
import { deleteLines, insertLinesAtEnd, replace } from '../../fixes/edits';
import { describeSecretKind, findSecrets, isPlaceholder, looksLikeSecretName } from '../../secrets';
import { detectEol } from '../../text';
import type { FileCreation, Fix, Host, TextEdit } from '../../types';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';

/** Official images whose entrypoints read `<KEY>_FILE` for these keys. */
const FILE_ENV_IMAGES: Record<string, RegExp> = {
  'library/postgres': /^POSTGRES_/,
  'postgis/postgis': /^POSTGRES_/,
  'timescale/timescaledb': /^POSTGRES_/,
  'library/mysql': /^MYSQL_/,
  'library/mariadb': /^(MARIADB|MYSQL)_/,
  'library/mongo': /^MONGO_INITDB_/,
  'library/wordpress': /^WORDPRESS_DB_/,
};

function readsFileVariable(service: ComposeService, key: string): boolean {
  const repo = service.image?.ref.repository;
  if (!repo || service.image?.ref.registry) return false;
  const full = repo.includes('/') ? repo : `library/${repo}`;
  return FILE_ENV_IMAGES[full]?.test(key) ?? false;
}

function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '.' : path.slice(0, i) || '/';
}

const IGNORE_ALL = (eol: string) => `# Secret files: never commit them.${eol}*${eol}`;

/** Whether this `.gitignore` text ignores the file `name` beside it (git's rules, as the `ignore` package reads them). */
function gitignores(text: string, name: string): boolean {
  try {
    return ignore().add(text).ignores(name);
  } catch {
    return false;
  }
}

/**
 * Where the secret's file goes so that git ignores it, with the files to create: `secrets/<name>.txt` when
 * `secrets/.gitignore` is created (`*`) or already ignores that name; else `secrets/<name>/<name>.txt` beside a created
 * `.gitignore` (`*`). A folder's own `.gitignore` decides over every file above it, so the created `*` guarantees the
 * coverage whatever the parent folders say; an existing `.gitignore` that does not ignore the name (or cannot be read)
 * is not trusted and left untouched. Undefined when the chosen file or folder already exists (the fix would overwrite).
 */
function secretPlace(host: Host, dir: string, sep: string, name: string, eol: string): { rel: string; files: FileCreation[] } | undefined {
  const folder = `${dir}${sep}secrets`;
  const file = `${name}.txt`;
  const ignoreFile = `${folder}${sep}.gitignore`;
  const created = (sub: string, path: string): { rel: string; files: FileCreation[] } | undefined =>
    host.exists(path) ? undefined : { rel: `./secrets/${sub}${file}`, files: [] };
  if (!host.exists(ignoreFile)) {
    const place = created('', `${folder}${sep}${file}`);
    place?.files.push({ path: ignoreFile, content: IGNORE_ALL(eol) });
    return place;
  }
  const existing = host.readFile?.(ignoreFile);
  if (existing !== undefined && gitignores(existing, file)) return created('', `${folder}${sep}${file}`);
  const sub = `${folder}${sep}${name}`;
  const place = created(`${name}/`, sub);
  place?.files.push({ path: `${sub}${sep}.gitignore`, content: IGNORE_ALL(eol) });
  return place;
}

/**
 * The column of the key at `pos` when only spaces come before it on its line; undefined otherwise. A byte-order mark
 * opening the file is not a column (YAML reads no content there; `trim()` took it for a blank, and a file starting
 * with one got its new top-level `secrets:` one column in: fuzzing).
 */
function lineStartColumn(lines: ComposeModel['lines'], pos: { line: number; character: number }): number | undefined {
  const before = lines.lineText(pos.line).slice(0, pos.character);
  const bom = pos.line === 0 && before.charCodeAt(0) === 0xfeff ? 1 : 0;
  return /^ *$/.test(before.slice(bom)) ? pos.character - bom : undefined;
}

/** Moves the variable into a Compose secret; undefined when the file is not written in a form the fix can edit. */
function moveToSecret(ctx: Parameters<ComposeRule['check']>[0], service: ComposeService, v: EnvVar): Fix | undefined {
  const model = ctx.model;
  if (!ctx.path || model.documents.length !== 1 || v.value === undefined || v.item.via || v.item.interpolation) return undefined;
  if (service.definitions.length !== 1) return undefined;
  const def = service.definitions[0];
  const env = def.get('environment');
  if (!env || env.via || env.kind !== 'map' && env.kind !== 'seq') return undefined;
  const text = model.text;
  if (text[env.offsets[0]] === '{' || text[env.offsets[0]] === '[') return undefined;
  const lines = model.lines;
  const eol = detectEol(text);
  const name = `${service.name}_${v.name}`.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
  const dir = dirname(ctx.path);
  const sep = ctx.path.includes('\\') && !ctx.path.includes('/') ? '\\' : '/';
  const place = secretPlace(ctx.host, dir, sep, name, eol);
  if (!place) return undefined;
  if (model.named('secrets').some((s) => s.key === name)) return undefined;
  const edits: TextEdit[] = [];
  // The variable: replaced by KEY_FILE where the image reads it, else removed (with `environment:` when it was alone).
  const itemRange = v.syntax === 'map' ? (v.item as unknown as { entryRange: typeof v.nameRange }).entryRange : v.item.range;
  if (itemRange.start.line !== itemRange.end.line) return undefined;
  const useFile = readsFileVariable(service, v.name);
  if (useFile) {
    const q = v.syntax === 'list' ? (text[v.item.offsets[0]] === '"' || text[v.item.offsets[0]] === "'" ? text[v.item.offsets[0]] : '') : '';
    edits.push(replace(itemRange, v.syntax === 'map' ? `${v.name}_FILE: /run/secrets/${name}` : `${q}${v.name}_FILE=/run/secrets/${name}${q}`));
  } else if (env.items().length + env.entries().length === 1) {
    const e = env.entryRange;
    edits.push(deleteLines(lines, e.start.line, e.end.line));
  } else {
    const before = lines.lineText(itemRange.start.line).slice(0, itemRange.start.character);
    const after = lines.lineText(itemRange.end.line).slice(itemRange.end.character);
    if (!/^\s*(-\s*)?$/.test(before) || !/^\s*(#.*)?$/.test(after)) return undefined;
    edits.push(deleteLines(lines, itemRange.start.line, itemRange.end.line));
  }
  // The service's secrets: one more item, or a new key after the service's name. The columns the new lines copy are
  // those of keys that start their line (after a tag or an anchor, `!!binary services:`, a key's column is not the
  // mapping's indentation).
  const first = def.entries()[0];
  const keyCol = first && lineStartColumn(lines, first.keyRange.start);
  const serviceCol = lineStartColumn(lines, def.keyRange.start);
  const services = model.top('services');
  const root = services ? lineStartColumn(lines, services.keyRange.start) : 0;
  if (keyCol === undefined || serviceCol === undefined || root === undefined || def.keyRange.start.line === first.keyRange.start.line) return undefined;
  const svcSecrets = def.get('secrets');
  if (svcSecrets) {
    if (svcSecrets.via || svcSecrets.kind !== 'seq' || text[svcSecrets.offsets[0]] === '[') return undefined;
    const items = svcSecrets.items();
    const last = items[items.length - 1];
    const col = last.range.start.character;
    const at = { line: last.range.end.line, character: lines.lineText(last.range.end.line).length };
    edits.push({ range: { start: at, end: at }, newText: `${eol}${lines.lineText(last.range.start.line).slice(0, col).replace(/-\s*$/, '')}- ${name}` });
  } else {
    const at = { line: def.keyRange.start.line, character: lines.lineText(def.keyRange.start.line).length };
    edits.push({ range: { start: at, end: at }, newText: `${eol}${' '.repeat(keyCol)}secrets:${eol}${' '.repeat(keyCol)}  - ${name}` });
  }
  // The top-level secret.
  const unit = Math.max(2, keyCol - serviceCol);
  const top = model.top('secrets');
  if (top) {
    if (top.via || top.kind !== 'map' || text[top.offsets[0]] === '{') return undefined;
    const entries = top.entries();
    const col = entries[0].keyRange.start.character;
    const endLine = top.entryRange.end.character === 0 ? top.entryRange.end.line - 1 : top.entryRange.end.line;
    const at = { line: endLine, character: lines.lineText(endLine).length };
    edits.push({ range: { start: at, end: at }, newText: `${eol}${' '.repeat(col)}${name}:${eol}${' '.repeat(col + unit)}file: ${place.rel}` });
  } else {
    // Indented like the other top-level keys (a file may indent its whole root mapping). After the last line break,
    // a lone CR included: a line feed added after one would make a CRLF in an LF file (fuzzing, seed 20261129).
    const pad = (n: number) => ' '.repeat(root + n * unit);
    edits.push(insertLinesAtEnd(lines, [`${pad(0)}secrets:`, `${pad(1)}${name}:`, `${pad(2)}file: ${place.rel}`]));
  }
  const secretPath = `${dir}${sep}${place.rel.slice(2).split('/').join(sep)}`;
  const createFiles = [{ path: secretPath, content: v.value }, ...place.files];
  return {
    title: `Move ${v.name} to the Compose secret \`${name}\`${useFile ? ` (read through ${v.name}_FILE)` : ''}`,
    edits,
    createFiles,
    safe: false,
    isPreferred: true,
  };
}

const rule: ComposeRule = {
  meta: {
    id: 'compose-secret-in-environment',
    title: 'Secret written in the Compose file',
    severity: 'error',
    category: 'security',
    kind: 'compose',
    description:
      'Reports an `environment:` variable with a secret-looking name (password, token, secret, API key, …) set to a literal value (map and list forms; defaults of `${VAR:-…}` are literals too), and literal credentials anywhere in the file: private keys, cloud and registry tokens, JWTs, passwords in URLs. Variables without a value, `${VAR}` references, placeholders and `*_FILE` variables pointing at secret files are not reported.',
    rationale:
      'A Compose file is committed and shared: a password written in it is readable by everyone with the repository, stays in its history after removal, and is visible in `docker inspect` of the container to anyone with access to the Docker daemon.',
    howToFix:
      'Keep the value out of the file: reference it (`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}` with the value in an untracked `.env`), or better use Compose secrets — a top-level `secrets:` entry with `file: ./secrets/db_password.txt` (git-ignored), `secrets: [db_password]` on the service, and `POSTGRES_PASSWORD_FILE: /run/secrets/db_password` for images that read `*_FILE` variables. Rotate any credential that was committed.',
    example: {
      bad: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Xk3p9qLm2vR7\n',
      good: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
    },
    aliases: ['KICS Passwords And Secrets', 'CIS 4.10'],
    references: [
      cis('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      { title: 'Docker docs: manage secrets in Compose', url: 'https://docs.docker.com/compose/how-tos/use-secrets/' },
      { title: 'Compose file reference: secrets', url: 'https://docs.docker.com/reference/compose-file/secrets/' },
    ],
  },
  check(ctx) {
    const covered: [number, number][] = [];
    const model = ctx.model;
    for (const service of model.services) {
      for (const v of service.environment) {
        if (!v.hasValue || !v.known || v.value === undefined || !looksLikeSecretName(v.name)) continue;
        if (isPlaceholder(v.value)) continue;
        const range = v.valueRange ?? v.nameRange;
        const [s, e] = v.item.offsets;
        covered.push([s, e]);
        const fix = ctx.path ? moveToSecret(ctx, service, v) : undefined;
        ctx.report(range, `Service \`${service.name}\` sets \`${v.name}\` to a literal value in \`environment\`.`, fix ? [fix] : undefined);
      }
    }
    for (const m of findSecrets(model.text)) {
      if (covered.some(([s, e]) => m.start < e && s < m.end)) continue;
      const what = m.kind === 'assigned-secret' && m.name ? `a secret value for \`${m.name}\`` : `a ${describeSecretKind(m.kind)}`;
      ctx.report(model.rangeOf(m.start, m.end), `The file contains ${what} written literally.`);
    }
  },
};

export default rule;
