import { instructionWords, runtimeStages } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

/** True for the Docker daemon's socket path: `/var/run/docker.sock`, `/run/docker.sock`, rootless `/run/user/<uid>/docker.sock`. */
function isDockerSocket(path: string): boolean {
  const normalized = path.replace(/\/+/g, '/').replace(/(\/\.)+(\/|$)/g, '/').replace(/\/$/, '');
  return /(^|\/)docker\.sock$/.test(normalized);
}

const rule: DockerfileRule = {
  meta: {
    id: 'docker-socket-volume',
    title: 'Docker socket declared as a volume',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    findingNoun: 'Docker socket volumes',
    description:
      'Reports a `VOLUME` (shell or JSON form, any of its paths, ARG/ENV substituted) that names the Docker daemon socket: `/var/run/docker.sock`, `/run/docker.sock` or any other path ending in `docker.sock`, in the stages that make up the running image.',
    rationale:
      'Declaring the socket as a volume means the image is meant to run with the host\'s Docker socket mounted, and whoever can talk to that socket controls the Docker daemon: they can start a privileged container with the host\'s root filesystem mounted, which is root on the host. A compromise of the application becomes a compromise of the machine.',
    howToFix:
      'Remove the path from `VOLUME`. If the container truly needs the Docker API, mount a filtering proxy (such as Tecnativa\'s docker-socket-proxy) that allows only the endpoints it uses, or use rootless Docker; never give an application container the raw socket.',
    example: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache docker-cli\nVOLUME /var/run/docker.sock\nCMD ["docker", "ps"]',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache docker-cli\nENV DOCKER_HOST=tcp://docker-socket-proxy:2375\nCMD ["docker", "ps"]',
    },
    aliases: [],
    references: [
      cis('5.32', 'Ensure that the Docker socket is not mounted inside any containers'),
      { title: 'Docker docs: protect the Docker daemon socket', url: 'https://docs.docker.com/engine/security/protect-access/' },
      { title: 'Docker docs: Docker daemon attack surface', url: 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface' },
    ],
  },
  check(ctx) {
    for (const stage of runtimeStages(ctx.model)) {
      for (const instr of ctx.model.instructionsOf('VOLUME', stage)) {
        for (const word of instructionWords(ctx.model, instr)) {
          if (word.value === undefined) continue;
          const socket = word.value.split(/\s+/).find(isDockerSocket);
          if (!socket || ctx.overCap(instr)) continue;
          const via = word.text !== socket ? ` (\`${word.text}\`)` : '';
          ctx.report(
            ctx.model.rangeOf(word.start, word.end),
            `VOLUME declares the Docker socket \`${socket}\`${via}; a container given the host's socket controls the host.`,
          );
        }
      }
    }
  },
};

export default rule;
