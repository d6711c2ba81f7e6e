import type { Arg, Env, Instruction, Onbuild, Property } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { deleteLines } from '../../fixes/edits';
import { looksLikeSecretName } from '../../secrets';
import { detectEol } from '../../text';
import type { Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

/** Values that make an ENV a switch, not a stored secret (`ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes` style). */
const SWITCH_VALUES = /^(?:true|false|yes|no|on|off|0|1|enabled?|disabled?|none)$/i;

/** The ARG/ENV properties an instruction declares, looking inside `ONBUILD ARG|ENV`. */
function declared(instr: Instruction): { keyword: 'ARG' | 'ENV'; onbuild: boolean; props: Property[] } | undefined {
  let target: Instruction | null = instr;
  let onbuild = false;
  if (instr.getKeyword().toUpperCase() === 'ONBUILD') {
    target = (instr as Onbuild).getTriggerInstruction();
    onbuild = true;
  }
  const keyword = target?.getKeyword().toUpperCase();
  if (keyword === 'ARG') {
    const prop = (target as Arg).getProperty();
    return { keyword, onbuild, props: prop ? [prop] : [] };
  }
  if (keyword === 'ENV') return { keyword, onbuild, props: (target as Env).getProperties() };
  return undefined;
}

/** The directive that makes `RUN --mount=type=secret,env=…` work (`env=` needs Dockerfile frontend 1.10 or later). */
const SYNTAX_DIRECTIVE = '# syntax=docker/dockerfile:1';

/**
 * Whether the file's `# syntax=` directive selects a Dockerfile frontend that knows secret mounts' `env=` option:
 * 'missing' when there is none (the fix adds one), 'old' when it pins docker/dockerfile below 1.10.
 */
function syntaxSupport(model: DockerfileModel): 'missing' | 'ok' | 'old' {
  const directive = model.ast.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
  if (!directive) return 'missing';
  const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:([^@\s]+)/i.exec(directive.getValue().trim());
  if (!m) return 'ok';
  const version = /^(\d+)(?:\.(\d+))?/.exec(m[1]);
  if (!version) return 'ok';
  const major = Number(version[1]);
  const minor = version[2] === undefined ? Infinity : Number(version[2]);
  return major > 1 || (major === 1 && minor >= 10) ? 'ok' : 'old';
}

/** The stages that see an ENV of `stage`: itself and the stages built on it. */
function inheritingStages(model: DockerfileModel, stage: Stage): Set<Stage> {
  const out = new Set<Stage>([stage]);
  for (const s of model.stages) {
    for (let p = s.parent; p; p = p.parent) {
      if (out.has(p)) {
        out.add(s);
        break;
      }
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offsets of one item (an ENV pair or an ARG word) of an instruction. */
interface Item {
  start: number;
  end: number;
}

/** The edit that removes item `k` of `items` from `instr`, or the whole instruction when it is the only one. */
function removeItem(model: DockerfileModel, instr: DfInstruction, items: Item[], k: number): TextEdit {
  if (items.length === 1) return deleteLines(model.lines, instr.range.start.line, instr.range.end.line);
  // Take the blanks (and any continuation) up to the next item, or after the previous one when it is the last.
  const range = k < items.length - 1 ? model.rangeOf(items[k].start, items[k + 1].start) : model.rangeOf(items[k - 1].end, items[k].end);
  return { range, newText: '' };
}

/** The declared items of an ARG (`ARG A B=1` declares two) or ENV, and which one declares `name`. */
function itemsOf(model: DockerfileModel, instr: DfInstruction, prop: Property): { items: Item[]; k: number } | undefined {
  const target = model.offsetAt(prop.getNameRange().start);
  let items: Item[];
  if (instr.keyword === 'ENV') {
    items = (instr.ast as Env).getProperties().map((p) => ({ start: model.offsetAt(p.getRange().start), end: model.offsetAt(p.getRange().end) }));
  } else {
    items = instr.ast.getArguments().map((a) => ({ start: model.offsetAt(a.getRange().start), end: model.offsetAt(a.getRange().end) }));
  }
  const k = items.findIndex((i) => i.start === target);
  return k < 0 ? undefined : { items, k };
}

/**
 * The fix for the secret `name` declared by `instr`: remove the declaration and give every RUN that reads `$name` a
 * secret mount exposing it under the same name. No fix when anything but a RUN reads the variable (a later ENV, COPY,
 * LABEL, FROM … would lose its value) or when the file pins a Dockerfile frontend without `env=` on secret mounts.
 */
function secretMountFix(model: DockerfileModel, instr: DfInstruction, prop: Property, keyword: 'ARG' | 'ENV'): Fix | undefined {
  const name = prop.getName();
  // ARG and ENV take no flags: with one, the library reads the items after it in the `name=value` form while the
  // builder (and syntax-error) read the legacy form, so removing "one item" could leave its value behind as a key.
  if (model.text.startsWith('--', instr.argsStart)) return undefined;
  const found = itemsOf(model, instr, prop);
  if (!found) return undefined;
  const uses = new RegExp(`\\$(?:\\{${escapeRegExp(name)}|${escapeRegExp(name)})(?![A-Za-z0-9_])`);
  // Where the variable is visible: the rest of its stage (and, for ENV, the stages built on it); a global ARG
  // only reaches FROM lines.
  const stage = instr.stage;
  const scope = stage ? (keyword === 'ENV' ? inheritingStages(model, stage) : new Set([stage])) : undefined;
  const readers = model.instructions.filter(
    (i) => i.index > instr.index && (scope ? i.stage !== undefined && scope.has(i.stage) : i.keyword === 'FROM') && uses.test(model.text.slice(i.start, i.end)),
  );
  if (readers.some((i) => i.keyword !== 'RUN')) return undefined;
  const removal = removeItem(model, instr, found.items, found.k);
  const id = name.toLowerCase();
  const needsMount = readers.filter((i) => !i.flags.some((f) => f.name === 'mount' && f.value !== null && /(?:^|,)type=secret(?:,|$)/.test(f.value) && new RegExp(`(?:^|,)env=${escapeRegExp(name)}(?:,|$)`).test(f.value)));
  if (readers.length === 0) {
    const what = stage ? `${keyword} ${name}` : `the global ARG ${name}`;
    return { title: `Remove ${what} (no RUN uses $${name})`, edits: [removal], safe: false };
  }
  const edits: TextEdit[] = [removal];
  if (needsMount.length > 0) {
    const syntax = syntaxSupport(model);
    if (syntax === 'old') return undefined;
    if (syntax === 'missing') {
      const at = model.text.startsWith('\uFEFF') ? { line: 0, character: 1 } : { line: 0, character: 0 };
      edits.push({ range: { start: at, end: at }, newText: SYNTAX_DIRECTIVE + detectEol(model.text) });
    }
    for (const run of needsMount) {
      const at = model.rangeOf(run.argsStart, run.argsStart).start;
      edits.push({ range: { start: at, end: at }, newText: `--mount=type=secret,id=${id},env=${name} ` });
    }
  }
  return { title: `Use a BuildKit secret mount for ${name}`, edits, safe: false, isPreferred: true };
}

const rule: DockerfileRule = {
  meta: {
    id: 'secret-in-arg-env',
    title: 'Secret passed through ARG or ENV',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports an `ARG` or `ENV` (also inside `ONBUILD`) whose name says it holds a secret — password, passwd, pwd, secret, token, API key, private/access/secret key, credentials, auth (`BASIC_AUTH`), and well-known names such as `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `NPM_TOKEN`, `DOCKER_PASSWORD` — with or without a value. Names that refer to a secret rather than hold it (`*_FILE`, `*_PATH`, `*_DIR`, `*_URL`, `*_NAME`, `*_ID`), switches (`MYSQL_ALLOW_EMPTY_PASSWORD`, or an `ENV` set to `true`/`false`/`""`), an `ENV` pointing at `/run/secrets/…`, and public or verification material (`GPG_KEYS`, `*_PUBLIC_KEY`, `*_SHA256`) are not reported.',
    rationale:
      'Build arguments and ENV values are recorded in the image: `docker history` shows the build args used by each RUN, and `docker inspect` shows every ENV, so anyone who can pull the image — or read the build cache or CI logs — can read the secret. ENV values are also inherited by every later stage and container.',
    howToFix:
      'Remove the ARG/ENV and mount the secret only into the RUN steps that need it: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` (or read `/run/secrets/<id>`), and pass it at build time with `docker build --secret id=npm_token,env=NPM_TOKEN .` (the value is read from your environment variable `NPM_TOKEN`; `src=<file>` reads a file instead). The `env=` option of secret mounts needs Dockerfile frontend 1.10 or later: start the file with `# syntax=docker/dockerfile:1`. Runtime secrets belong in the orchestrator (Compose/Kubernetes secrets or environment), not in the image. The quick fix does exactly this: it removes the declaration (or just its `KEY=value` pair), adds `--mount=type=secret,id=<key in lower case>,env=<KEY>` to every RUN that reads `$KEY` where the variable is visible (for an ENV, also in the stages built on its stage), and adds the `# syntax=` line when the file has none. It is never applied by fix-all: the build must then be invoked with `--secret`, and a tool that reads the variable without `$KEY` appearing in the RUN (say `npm` through an `.npmrc`) needs the mount added by hand. There is no quick fix when something other than a RUN reads the variable (a later `ENV`, `COPY`, `FROM` …), for `ONBUILD`, or when the file pins a frontend older than 1.10.',
    example: {
      bad: 'FROM node:20-alpine\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
      good: 'FROM node:20-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc',
    },
    aliases: ['DL3064', 'BK SecretsUsedInArgOrEnv', 'DS0031', 'KICS Secrets Stored In Dockerfile', 'CIS 4.10'],
    references: [
      cis('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      { title: 'Docker build checks: SecretsUsedInArgOrEnv', url: 'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/' },
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      hadolint('DL3064'),
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      const d = declared(instr.ast);
      if (!d) continue;
      for (const prop of d.props) {
        const name = prop.getName();
        if (!name || !looksLikeSecretName(name)) continue;
        if (d.keyword === 'ENV') {
          const value = prop.getValue();
          // `ENV TOKEN=""` clears it; `ENV USE_TOKEN=true` is a switch: nothing secret is stored.
          if (value !== null && (value.trim() === '' || SWITCH_VALUES.test(value.trim()))) continue;
          // `ENV DB_PASSWORD=/run/secrets/db` points at a mounted secret rather than holding one.
          if (value !== null && value.trim().startsWith('/run/secrets/')) continue;
        }
        const where = d.onbuild ? `ONBUILD ${d.keyword}` : d.keyword;
        const keeps = d.keyword === 'ARG' ? 'build args are recorded in the image history' : 'ENV values are stored in the image config';
        const fix = d.onbuild ? undefined : secretMountFix(model, instr, prop, d.keyword);
        ctx.report(
          prop.getNameRange(),
          `${where} \`${name}\` looks like a secret and ${keeps}; use a build secret (RUN --mount=type=secret) instead.`,
          fix ? [fix] : [],
        );
      }
    }
  },
};

export default rule;
