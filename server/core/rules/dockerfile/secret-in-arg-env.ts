import type { Arg, Env, Instruction, Onbuild, Property } from 'dockerfile-ast';
import { looksLikeSecretName } from '../../secrets';
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
      'Remove the ARG/ENV and mount the secret only into the RUN steps that need it: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` (or read `/run/secrets/<id>`), and pass it at build time with `docker build --secret id=npm_token,env=NPM_TOKEN .`. Runtime secrets belong in the orchestrator (Compose/Kubernetes secrets or environment), not in the image.',
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
        ctx.report(
          prop.getNameRange(),
          `${where} \`${name}\` looks like a secret and ${keeps}; use a build secret (RUN --mount=type=secret) instead.`,
        );
      }
    }
  },
};

export default rule;
