import { baseImage, hasPackageInStage } from '../../dockerfile/base-image';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import { instructionWords, stageChain } from '../../dockerfile/words';
import { indentationOf, insertLinesAtEnd, insertLinesBefore } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

/** The flags every inserted HEALTHCHECK carries: a 30 s cadence, a 5 s budget, a grace period for start-up. */
const FLAGS = '--interval=30s --timeout=5s --start-period=10s --retries=3';

/** Ports that do not speak plain HTTP: an HTTP probe against them would always fail. */
const NOT_HTTP = new Set([
  21, 22, 23, 25, 53, 110, 143, 389, 443, 465, 587, 636, 993, 995, 1433, 1521, 1883, 2049, 2181, 3306, 5432, 5671, 5672,
  6379, 8443, 8883, 9042, 9092, 9443, 11211, 27017,
]);

/** The port a stock configuration of these official images listens on (their own EXPOSE is not in this file). */
const DEFAULT_PORTS: Record<string, number> = { nginx: 80, httpd: 80, caddy: 80, tomcat: 8080, jetty: 8080 };

/** TCP ports the stage (and the stages it builds on) EXPOSEs, in document order, resolved through ARG/ENV. */
function exposedPorts(model: DockerfileModel, stage: Stage): number[] {
  const ports: number[] = [];
  for (const s of stageChain(stage).reverse()) {
    for (const instr of model.instructionsOf('EXPOSE', s)) {
      for (const word of instructionWords(model, instr)) {
        for (const spec of (word.value ?? '').split(/\s+/)) {
          const m = /^(\d+)(?:-\d+)?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
          if (!m || (m[2] && m[2].toLowerCase() !== 'tcp')) continue;
          const port = Number(m[1]);
          if (port > 0 && port <= 65535) ports.push(port);
        }
      }
    }
  }
  return ports;
}

/** Official images whose own client answers "is the server up" (it needs no credentials to do so). */
const SERVICE_PROBES: Record<string, { command: string; what: string; note: string }> = {
  postgres: { command: 'pg_isready -q || exit 1', what: 'pg_isready', note: 'pg_isready reports whether the server accepts connections (no credentials needed).' },
  mysql: {
    command: 'mysqladmin ping -h 127.0.0.1 --silent || exit 1',
    what: 'mysqladmin ping',
    note: 'mysqladmin ping exits 0 while the server runs, even when access is denied.',
  },
  redis: { command: 'redis-cli ping || exit 1', what: 'redis-cli ping', note: 'redis-cli ping fails when the server does not answer.' },
};

interface Probe {
  /** The HEALTHCHECK line(s), comment first. */
  lines: string[];
  /** A short description for the fix title. */
  what: string;
}

/**
 * The HEALTHCHECK to propose for the final stage: an HTTP probe with a tool the image has (BusyBox wget on
 * Alpine/BusyBox, curl where the Dockerfile installs it or the official image ships it) against its EXPOSEd port, or a
 * template to complete (comment-guided) when the tool, the port or a shell is not known.
 */
function probeFor(model: DockerfileModel, stage: Stage, keyword: (k: string) => string): Probe {
  const base = baseImage(model, stage);
  const ports = exposedPorts(model, stage);
  const httpPort = ports.find((p) => !NOT_HTTP.has(p));
  const defaultPort = base.official !== undefined ? DEFAULT_PORTS[base.official] : undefined;
  const port = httpPort ?? (ports.length === 0 ? defaultPort : undefined);
  const url = `http://127.0.0.1${port === undefined ? ':8080' : port === 80 ? '' : `:${port}`}/`;
  const healthcheck = (cmd: string) => `${keyword('HEALTHCHECK')} ${FLAGS} ${keyword('CMD')} ${cmd}`;
  const setPort =
    ports.length === 0 ? 'set the port the service listens on (this stage EXPOSEs none)' : `port ${ports[0]} does not serve HTTP: probe the service another way`;

  if (base.family === 'windows') {
    return {
      what: 'template with curl.exe, to complete',
      lines: [`# TODO: check that this Windows image can run the probe${port === undefined ? `; ${setPort}` : ''}.`, healthcheck(`curl.exe -fsS ${url} || exit 1`)],
    };
  }
  if (base.shell === false) {
    // distroless, scratch: no /bin/sh, curl or wget to run a probe with; exec form is the only form that works.
    return {
      what: 'template in exec form, to complete',
      lines: [
        `# TODO: ${base.family} images have no shell, curl or wget: copy a small probe binary into the image (or use your app's health subcommand) and run it here${port !== undefined ? ` against port ${port}` : ''}.`,
        healthcheck('["/healthcheck"]'),
      ],
    };
  }
  const service = base.official !== undefined ? SERVICE_PROBES[base.official] : undefined;
  if (service) return { what: service.what, lines: [`# ${service.note}`, healthcheck(service.command)] };

  if (port === undefined && ports.length > 0) {
    // Only ports that do not serve HTTP: check that the port accepts connections.
    const tcpPort = ports[0];
    const bash = (base.family === 'debian' || base.family === 'rhel' || base.family === 'suse' || base.family === 'arch') && base.packageManager !== undefined;
    return bash
      ? {
          what: `TCP connect to port ${tcpPort}`,
          lines: [`# Checks only that port ${tcpPort} accepts connections; a check of the service itself is better if it has one.`, healthcheck(`bash -c 'exec 3<>/dev/tcp/127.0.0.1/${tcpPort}' || exit 1`)],
        }
      : {
          what: 'template, to complete',
          lines: [`# TODO: port ${tcpPort} does not serve HTTP: replace the probe with a check this service answers (nc may not be in the image).`, healthcheck(`nc -z 127.0.0.1 ${tcpPort} || exit 1`)],
        };
  }

  const tool =
    base.ships.wget && (base.family === 'alpine' || base.family === 'busybox')
      ? 'wget'
      : hasPackageInStage(model, stage, ['curl', 'curl-minimal']) || base.ships.curl
        ? 'curl'
        : hasPackageInStage(model, stage, 'wget') || base.ships.wget
          ? 'wget'
          : undefined;
  // BusyBox wget tries only the first address of `localhost` (::1 on some setups), so the probe names 127.0.0.1.
  const command = tool === 'wget' ? `wget -q --spider ${url} || exit 1` : `curl -fsS ${url} || exit 1`;
  let comment: string;
  if (!tool) comment = `# TODO: curl is not known to be in this image: install it or use a probe the image has${port === undefined ? `; ${setPort}` : ''}.`;
  else if (port === undefined) comment = `# TODO: ${setPort}.`;
  else comment = `# Unhealthy when nothing answers at ${url} or it returns an error status; probe a dedicated health endpoint if the service has one.`;
  return { what: tool && port !== undefined ? `${tool} ${url}` : `template with ${tool ?? 'curl'}, to complete`, lines: [comment, healthcheck(command)] };
}

/**
 * Where to insert the HEALTHCHECK: before the final stage's trailing CMD/ENTRYPOINT (and the comment lines right above
 * it), or after the stage's last instruction.
 */
function insertion(model: DockerfileModel, stage: Stage, lines: string[]): TextEdit {
  const index = model.lines;
  const list = stage.instructions;
  let k = -1;
  for (let i = list.length - 1; i > 0; i--) {
    if (list[i].keyword === 'CMD' || list[i].keyword === 'ENTRYPOINT') {
      k = i;
      break;
    }
  }
  if (k > 0) {
    while (k > 1 && (list[k - 1].keyword === 'CMD' || list[k - 1].keyword === 'ENTRYPOINT')) k--;
    let line = list[k].range.start.line;
    const previousEnd = list[k - 1].range.end.line;
    while (line - 1 > previousEnd && /^\s*#/.test(index.lineText(line - 1))) line--;
    return insertLinesBefore(index, line, lines);
  }
  const last = list[list.length - 1];
  const indent = indentationOf(index, last.range.start.line);
  const after = last.range.end.line + 1;
  if (after >= index.lineCount || (after === index.lineCount - 1 && index.lineText(after) === '')) return insertLinesAtEnd(index, lines.map((l) => indent + l));
  const at = { line: after, character: 0 };
  const eol = detectEol(index.text);
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + eol).join('') };
}

function fixesFor(model: DockerfileModel, stage: Stage): Fix[] {
  // Keep the file's keyword case (`from` → `healthcheck … cmd …`).
  const lower = /^[a-z]+$/.test(model.textOf(stage.from.keywordRange));
  const keyword = (k: string) => (lower ? k.toLowerCase() : k);
  const probe = probeFor(model, stage, keyword);
  return [
    // Not safe: whether the probed URL answers without an error status (or the port serves HTTP at all) is the user's to
    // check, and a wrong probe marks a working container unhealthy (Swarm replaces it, `depends_on: service_healthy`
    // waits forever).
    { title: `Add HEALTHCHECK (${probe.what})`, edits: [insertion(model, stage, probe.lines)], safe: false, isPreferred: true },
    { title: 'Declare HEALTHCHECK NONE (not a service)', edits: [insertion(model, stage, [`${keyword('HEALTHCHECK')} ${keyword('NONE')}`])], safe: false },
  ];
}

const rule: DockerfileRule = {
  meta: {
    id: 'no-healthcheck',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'info',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports the final stage\'s `FROM` when neither that stage nor an earlier stage it builds on (`FROM base AS final`) has a `HEALTHCHECK`. `HEALTHCHECK NONE` is a deliberate choice and is not reported; build stages are not judged, nor is a final `FROM scratch` stage without `CMD`/`ENTRYPOINT` (an artifact to export, not a service).',
    rationale:
      'Without a health check Docker only knows whether the process is alive. A container that is deadlocked, stuck on a dead dependency or no longer answering requests still shows as running: Swarm keeps routing traffic to it instead of replacing it, and Compose `depends_on: condition: service_healthy` cannot wait for it to be ready.',
    howToFix:
      'Add a `HEALTHCHECK` to the final stage that exercises the service cheaply, for example `HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD wget -q --spider http://127.0.0.1:8080/health || exit 1` on Alpine/BusyBox (`curl -fsS` where curl is installed, the service\'s own client such as `pg_isready` for databases, or a small probe binary in exec form on distroless images). If the orchestrator (Kubernetes probes) does the checking, write `HEALTHCHECK NONE` to record that choice. The quick fix writes such a probe for the image and its EXPOSEd port, or a commented template where the image\'s tools or port are not known; it is never applied by fix-all, because only you know whether the probed URL answers when the service is healthy.',
    example: {
      bad: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80',
      good: 'FROM nginx:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD wget -q --spider http://127.0.0.1/ || exit 1',
    },
    aliases: ['DL3057', 'DS0026', 'CKV_DOCKER_2', 'KICS Healthcheck Instruction Missing', 'CIS 4.6'],
    references: [
      cis('4.6', 'Ensure that HEALTHCHECK instructions have been added to container images'),
      hadolint('DL3057'),
      { title: 'Dockerfile reference: HEALTHCHECK', url: 'https://docs.docker.com/reference/dockerfile/#healthcheck' },
    ],
  },
  check(ctx) {
    const final = ctx.model.finalStage;
    if (!final) return;
    const chain = stageChain(final);
    for (const stage of chain) {
      if (ctx.model.instructionsOf('HEALTHCHECK', stage).length > 0) return;
    }
    // A `scratch` image with no CMD/ENTRYPOINT runs nothing by itself: an artifact to export (`--output`), not a service.
    const root = chain[chain.length - 1];
    const runsSomething = chain.some((s) => s.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
    if (!runsSomething && root.image.resolved?.toLowerCase() === 'scratch') return;
    const shown = final.image.raw ? ` (\`${final.image.raw}\`${final.name ? ` AS ${final.name}` : ''})` : '';
    ctx.report(final.from.keywordRange, `The final stage${shown} has no HEALTHCHECK, so a hung container still counts as running.`, fixesFor(ctx.model, final));
  },
};

export default rule;
