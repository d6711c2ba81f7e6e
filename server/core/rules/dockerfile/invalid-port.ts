import { instructionWords } from '../../dockerfile/words';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Why a decimal port or `start-end` range is invalid, as Docker's port parser reads it; null when valid. */
function portRangeProblem(text: string): string | null {
  const parts = text.split('-');
  if (parts.length > 2 || parts.includes('')) return `\`${text}\` is not a port or a port range`;
  const within = parts.length > 1 ? ` (in \`${text}\`)` : '';
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return `\`${p}\`${within} is not a decimal port number`;
    if (Number(p) > 65535) return `port ${p}${within} is outside 0–65535`;
  }
  if (parts.length === 2 && Number(parts[1]) < Number(parts[0])) return `the port range \`${text}\` ends before it starts`;
  return null;
}

/**
 * Why an EXPOSE port spec is rejected, following Docker's `nat.ParsePortSpec`: `[[ip:]hostPort:]port[-end][/proto]`
 * with tcp, udp or sctp in any case. Null when the builder accepts it.
 */
export function portSpecProblem(spec: string): string | null {
  const parts = spec.split(':');
  let container = parts[parts.length - 1];
  const host = parts.length >= 2 ? parts[parts.length - 2] : '';
  const slash = container.split('/');
  if (slash[0] === '') return `\`${spec}\` has no port number`;
  container = slash[0];
  const proto = slash.length > 1 && slash[1] !== '' ? slash[1] : 'tcp';
  const containerProblem = portRangeProblem(container);
  if (containerProblem) return containerProblem;
  if (host !== '') {
    const hostProblem = portRangeProblem(host);
    if (hostProblem) return hostProblem;
  }
  if (!PROTOCOLS.has(proto.toLowerCase())) return `\`/${proto}\` is not a protocol EXPOSE accepts (tcp, udp or sctp)`;
  return null;
}

const rule: DockerfileRule = {
  meta: {
    id: 'invalid-port',
    title: 'Invalid port in EXPOSE',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    scope: 'instruction',
    findingNoun: 'invalid ports',
    description:
      'Reports an `EXPOSE` argument the builder rejects: a port outside 0–65535, a value that is not a decimal port (`0x50`, `http`), a range that ends before it starts (`90-80`) or a protocol other than tcp, udp or sctp (`8080/http`). Ports written as `$PORT` are checked after ARG/ENV substitution; a value that is unknown at lint time is not reported.',
    rationale:
      'The build fails at this instruction (or, with an ARG default, only for the builds that use that default), and a typo such as `EXPOSE 80800` documents a port the application never listens on, misleading `docker run -P`, orchestrators and reviewers about what the container serves.',
    howToFix:
      'Write each port as a decimal number from 0 to 65535, optionally a range `8000-8010`, optionally followed by `/tcp`, `/udp` or `/sctp`: `EXPOSE 8080/tcp 53/udp`.',
    example: {
      bad: 'FROM nginx:1.27\nEXPOSE 80800\n',
      good: 'FROM nginx:1.27\nEXPOSE 8080\n',
    },
    aliases: ['DL3011', 'DS0008'],
    references: [
      hadolint('DL3011'),
      { title: 'Dockerfile reference: EXPOSE', url: 'https://docs.docker.com/reference/dockerfile/#expose' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructionsOf('EXPOSE')) {
      for (const word of instructionWords(model, instr)) {
        if (word.value === undefined) continue;
        const substituted = word.text.includes('$');
        for (const spec of word.value.split(/\s+/)) {
          if (spec === '') continue;
          const problem = portSpecProblem(spec);
          if (!problem || ctx.overCap(instr)) continue;
          const via = substituted ? ` (\`${word.text}\` is \`${word.value}\`)` : '';
          ctx.report(model.rangeOf(word.start, word.end), `EXPOSE ${problem}${via}.`);
        }
      }
    }
  },
};

export default rule;
