import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/** The user part of a USER value (`app` of `app:app`). */
function userPart(value: string): string {
  return value.trim().split(/\s+/)[0].split(':')[0];
}

const rule: DockerfileRule = {
  meta: {
    id: 'user-numeric-id',
    title: 'USER given by name instead of numeric UID',
    severity: 'off',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a final stage whose effective `USER` names the user (`USER app`, `USER app:app`) instead of giving a numeric UID (`USER 10001`, `USER 10001:10001`), also when the name comes from an `ARG`/`ENV`. Root is left to `no-root-user`; unknown values are not reported.',
    rationale:
      'Kubernetes `runAsNonRoot` can only verify a numeric UID: with a user name the kubelet cannot tell whether the name maps to UID 0 inside the image and refuses to start the pod ("image has non-numeric user … cannot verify user is non-root"). A name also depends on the image\'s `/etc/passwd`, which a later base image update can change.',
    howToFix:
      'Create the user with a fixed UID (`useradd -r -u 10001 app` or `adduser -D -u 10001 app`) and switch to it by number: `USER 10001` (or `USER 10001:10001` with a fixed GID).',
    example: {
      bad: 'FROM debian:12-slim\nRUN useradd -r -u 10001 app\nUSER app\nCMD ["/usr/local/bin/server"]',
      good: 'FROM debian:12-slim\nRUN useradd -r -u 10001 app\nUSER 10001\nCMD ["/usr/local/bin/server"]',
    },
    aliases: ['DL3066'],
    references: [
      hadolint('DL3066'),
      { title: 'Kubernetes: Configure a Security Context for a Pod or Container', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/' },
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const stage = model.finalStage;
    if (!stage) return;
    const eu = model.effectiveUser(stage);
    const instr = eu.instruction;
    if (!instr || !eu.known || eu.user === undefined) return;
    const user = userPart(eu.user);
    if (user === '' || /^\d+$/.test(user) || user === 'root') return;
    // Windows containers have no numeric UIDs (Kubernetes uses runAsUserName there).
    if (/^container(?:user|administrator)$/i.test(user)) return;
    const raw = model.argumentText(instr) ?? '';
    const shown = raw === eu.user ? `\`${raw}\`` : `\`${raw}\` (\`${eu.user}\`)`;
    if (instr.stage === stage) {
      const r = instr.ast.getArgumentsRange();
      const start = r ? model.offsetAt(r.start) : instr.start;
      const word = /^\S+/.exec(model.text.slice(start, instr.end))?.[0] ?? '';
      const what = raw === user ? `USER \`${user}\` is a user name` : `USER ${shown} names the user \`${user}\``;
      ctx.report(model.rangeOf(start, start + word.length), `${what}; use its numeric UID so Kubernetes \`runAsNonRoot\` can verify it is not root.`);
    } else {
      const from = instr.stage?.name ? `stage \`${instr.stage.name}\`` : 'an earlier stage';
      ctx.report(
        stage.imageRange ?? stage.from.keywordRange,
        `The final stage inherits USER ${shown} from ${from} (line ${instr.range.start.line + 1}), a name rather than a numeric UID.`,
      );
    }
  },
};

export default rule;
