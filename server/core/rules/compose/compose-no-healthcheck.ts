import { isMap, isSeq } from 'yaml';
import type { ComposeService } from '../../compose/model';
import { dockerfileFor } from '../../compose/build-link';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { ComposeContext, ComposeRule } from '../rule';
import { cis } from '../rule';
import { addServiceBlock, quoteStyle, runsContainer } from './limit-edits';

/**
 * A service with no `healthcheck:` (in any layer), or one with `disable: true` / test `NONE`. A service built locally
 * is satisfied by a `HEALTHCHECK` (or a deliberate `HEALTHCHECK NONE`) in the Dockerfile stage it builds
 * (`build.target`, else the last stage, with the stages it is based on), read cross-file with `dockerfileFor`
 * (server/core/compose/build-link.ts): `build.dockerfile_inline`, or the Dockerfile on disk through `Host.readFile`.
 * When that Dockerfile cannot be read for certain (no `readFile`, remote context, variable path, unknown target), the
 * service is not reported: no finding rather than a false one.
 *
 * The fix adds a `healthcheck:` template (`test`, `interval`, `timeout`, `retries`, `start_period`) at the end of the
 * service, with the file's indentation, list style and quotes; not safe: the probe command has to be adapted.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-no-healthcheck',
    title: 'Service without a healthcheck',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service that has no `healthcheck:` and whose locally built Dockerfile stage has no `HEALTHCHECK`, and a service whose healthcheck is disabled (`disable: true` or test `NONE`). Services run by a `provider:` are skipped.',
    rationale:
      'Without a healthcheck Docker only knows whether the process runs, not whether it answers: a hung or half-started service is kept in rotation, `depends_on: condition: service_healthy` cannot wait for it, and restarts never trigger.',
    howToFix:
      'Add a `healthcheck:` with a cheap probe of the service, e.g. `test: ["CMD", "wget", "-q", "--spider", "http://localhost:8080/health"]` (or `curl -f`, `pg_isready`, …, whatever the image has), with `interval: 30s`, `timeout: 5s`, `retries: 3`, `start_period: 10s`.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 30s\n      timeout: 5s\n      retries: 3\n      start_period: 10s\n',
    },
    aliases: ['KICS Healthcheck Not Set', 'CIS 5.27'],
    references: [
      cis('5.27', 'Ensure that container health is checked at runtime'),
      { title: 'Compose file reference: services — healthcheck', url: 'https://docs.docker.com/reference/compose-file/services/#healthcheck' },
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (!runsContainer(service)) continue;
      const hc = service.healthcheck;
      if (hc) {
        if (!hc.disabled) continue;
        const at = hc.entry.get('disable')?.bool() === true ? hc.entry.get('disable')! : hc.entry;
        ctx.report(at.keyRange, `Service \`${service.name}\` disables its healthcheck.`);
        continue;
      }
      if (service.build && builtImageHasHealthcheck(service, ctx) !== false) continue;
      const edit = addServiceBlock(service, 'healthcheck', template(service, ctx));
      ctx.report(
        service.keyRange,
        `Service \`${service.name}\` has no healthcheck${service.build ? ' (and its Dockerfile stage has no `HEALTHCHECK`)' : ''}.`,
        edit ? [{ title: 'Add a healthcheck template (adapt the test command)', edits: [edit], safe: false, isPreferred: true }] : undefined,
      );
    }
  },
};

/**
 * Whether the Dockerfile stage the service builds has a HEALTHCHECK (or HEALTHCHECK NONE), read through
 * `dockerfileFor` (`build.dockerfile_inline`, or the Dockerfile on disk through `Host.readFile`); undefined when unknown.
 */
function builtImageHasHealthcheck(service: ComposeService, ctx: ComposeContext): boolean | undefined {
  const link = dockerfileFor(service, ctx.path, ctx.host);
  return link ? stageHasHealthcheck(link.model, link.stage) : undefined;
}

export function stageHasHealthcheck(model: DockerfileModel, stage: Stage): boolean {
  for (let s: Stage | undefined = stage, i = 0; s && i < 64; s = s.parent, i++) {
    if (model.instructionsOf('HEALTHCHECK', s).length > 0) return true;
  }
  return false;
}

/** The template's lines, relative to the service's keys. */
function template(service: ComposeService, ctx: ComposeContext): (step: string) => string[] {
  const q = quoteStyle(ctx.model.text);
  const port = service.ports.find((p) => p.targetPorts)?.targetPorts?.start;
  const url = `http://localhost${port && port !== 80 ? `:${port}` : ''}/`;
  const words = ['CMD', 'curl', '-f', url].map((w) => q + w + q);
  const flow = prefersFlowSequences(ctx);
  return (step) => [
    'healthcheck:',
    ...(flow ? [`${step}test: [${words.join(', ')}]`] : [`${step}test:`, ...words.map((w) => `${step}${step}- ${w}`)]),
    `${step}interval: 30s`,
    `${step}timeout: 5s`,
    `${step}retries: 3`,
    `${step}start_period: 10s`,
  ];
}

/** True unless the file writes its lists as block sequences only (flow lists such as `["CMD", …]` are the common form). */
function prefersFlowSequences(ctx: ComposeContext): boolean {
  // Asked once per finding: walk the file once per model.
  const known = flowPreference.get(ctx.model);
  if (known !== undefined) return known;
  let flow = 0;
  let block = 0;
  const visit = (n: unknown, depth: number): void => {
    if (depth > 50) return;
    if (isSeq(n)) {
      if (n.flow) flow++;
      else block++;
      for (const i of n.items) visit(i, depth + 1);
    } else if (isMap(n)) for (const p of n.items) visit(p.value, depth + 1);
  };
  for (const d of ctx.model.documents) visit(d.root?.node, 0);
  const prefers = flow > 0 || block === 0;
  flowPreference.set(ctx.model, prefers);
  return prefers;
}

const flowPreference = new WeakMap<object, boolean>();

export default rule;
