import type { ImageRef } from '../../dockerfile/image';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

/** True when a USER value (`name`, `uid`, `name:group`, `uid:gid`) selects root (or Windows' ContainerAdministrator). */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(/\s+/)[0].split(':')[0];
  return name === 'root' || /^0+$/.test(name) || name.toLowerCase() === 'containeradministrator';
}

/** The user an image runs as when no USER is set: Windows images have their own defaults. */
function defaultUserOf(image: ImageRef): 'root' | 'ContainerAdministrator' | 'ContainerUser' {
  const ref = `${image.repository ?? ''}:${image.tag ?? ''}`.toLowerCase();
  // Nano Server images (and those built on them) run as the unprivileged ContainerUser by default.
  if (/nanoserver/.test(ref)) return 'ContainerUser';
  if (/servercore|^windows\/(?:server|windows)?:|^microsoft\/windowsservercore/.test(ref)) return 'ContainerAdministrator';
  return 'root';
}

/** A privilege-dropping helper the stage installs or calls (the docker-library entrypoint pattern). */
function privilegeDropper(model: DockerfileModel, stages: Stage[]): string | undefined {
  for (const stage of stages) {
    for (const instr of stage.instructions) {
      if (!['RUN', 'ENTRYPOINT', 'CMD'].includes(instr.keyword)) continue;
      const m = /(?<![\w-])(gosu|su-exec|setpriv)(?![\w-])/.exec(model.text.slice(instr.start, instr.end));
      if (m) return m[1];
    }
  }
  return undefined;
}

/** The stage and the earlier stages it is built on, down to the one built on an image. */
function chain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

const rule: DockerfileRule = {
  meta: {
    id: 'no-root-user',
    title: 'Container runs as root',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a final stage that runs as root: it has no `USER` instruction (nor inherits one from an earlier stage it is built on) and its base image is not known to run as non-root, or its last `USER` is `root`, `0`, `0:0` or `root:root`, also when the value comes from an `ARG`/`ENV`. Build stages are not reported; an unknown user (an `ARG` without a default) or an unresolved base image is not guessed.',
    rationale:
      'A process that runs as root in the container is root on the host as far as the kernel is concerned unless user namespaces are enabled: a container escape, a writable host mount or a mounted Docker socket then gives full control of the host. Kubernetes `runAsNonRoot` also refuses to start such images.',
    howToFix:
      'Create an unprivileged user in the final stage and switch to it before `CMD`/`ENTRYPOINT`: `RUN adduser -D -u 10001 app` on Alpine/BusyBox or `RUN useradd -r -u 10001 app` on Debian/Ubuntu/RHEL, then `USER 10001`. On distroless or scratch images, which have no tooling, write `USER 65532` (the distroless `nonroot` user) or use a `:nonroot` tag. If a later `USER root` was only needed for installation steps, switch back to the unprivileged user after them.',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]',
    },
    aliases: ['DL3002', 'DS0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'KICS Missing User Instruction', "KICS Last User Is 'root'", 'CIS 4.1'],
    references: [
      cis('4.1', 'Ensure that a user for the container has been created'),
      hadolint('DL3002'),
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const stage = model.finalStage;
    if (!stage) return;
    const eu = model.effectiveUser(stage);
    const fromWord = stage.imageRange ?? stage.from.keywordRange;
    if (eu.instruction) {
      if (!eu.known || eu.user === undefined || !isRootUser(eu.user)) return;
      const instr = eu.instruction;
      const raw = model.argumentText(instr) ?? '';
      const shown = raw === eu.user ? `\`${raw}\`` : `\`${raw}\` (resolves to \`${eu.user}\`)`;
      if (instr.stage === stage) {
        // The argument as written: the first word after the keyword.
        const r = instr.ast.getArgumentsRange();
        const start = r ? model.offsetAt(r.start) : instr.start;
        const word = /^\S+/.exec(model.text.slice(start, instr.end))?.[0] ?? '';
        ctx.report(model.rangeOf(start, start + word.length), `The final stage's last USER is ${shown}: the container runs as root.`);
      } else {
        const from = instr.stage?.name ? `stage \`${instr.stage.name}\`` : 'an earlier stage';
        ctx.report(
          fromWord,
          `The final stage inherits USER ${shown} from ${from} (line ${instr.range.start.line + 1}): the container runs as root.`,
        );
      }
      return;
    }
    if (!eu.defaultRoot) return;
    const stages = chain(stage);
    const base = stages[stages.length - 1];
    // An image we cannot resolve may well set its own user: do not guess.
    if (base.image.resolved === undefined) return;
    const image = base.image.resolved;
    const user = defaultUserOf(base.image);
    if (user === 'ContainerUser') return;
    let message: string;
    if (user === 'ContainerAdministrator') {
      message = `The final stage has no USER, so the container runs as ContainerAdministrator, the default of \`${image}\`; switch to \`USER ContainerUser\`.`;
    } else if (image === 'scratch') {
      message = 'The final stage has no USER, so the container runs as root (UID 0: a `scratch` image has no users).';
    } else {
      const dropper = privilegeDropper(model, stages);
      message = dropper
        ? `The final stage has no USER, so the container starts as root; \`${dropper}\` may drop privileges in the entrypoint, but Kubernetes \`runAsNonRoot\` cannot verify that.`
        : `The final stage has no USER, so the container runs as root unless the base image \`${image}\` sets a non-root user itself.`;
    }
    ctx.report(fromWord, message);
  },
};

export default rule;
