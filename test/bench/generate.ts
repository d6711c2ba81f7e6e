/**
 * The documents of the LSP latency benchmark, generated (deterministic): a Dockerfile of exactly `lines` lines
 * (multi-stage, continued RUN lines, a few findings) and a Compose file of `services` services.
 */

function stage(n: number): string[] {
  const base = n % 3 === 0 ? 'debian:bookworm-slim' : n % 3 === 1 ? 'node:20-alpine' : 'python:3.12';
  return [
    `# stage ${n}`,
    `FROM ${base} AS stage${n}`,
    `ARG TOOL_VERSION_${n}=1.${n}.0`,
    `ENV APP_HOME_${n}=/opt/app${n} \\`,
    `    PATH=/opt/app${n}/bin:$PATH`,
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends curl ca-certificates git \\',
    '    && rm -rf /var/lib/apt/lists/*',
    `WORKDIR /opt/app${n}`,
    `COPY src/part${n}/ ./src/`,
    'RUN set -eux; \\',
    `    curl -fsSL https://downloads.example.com/tool-\${TOOL_VERSION_${n}}.tar.gz -o /tmp/tool.tar.gz; \\`,
    '    tar -xzf /tmp/tool.tar.gz -C /usr/local/bin; \\',
    '    rm /tmp/tool.tar.gz',
    n % 4 === 0 ? 'RUN curl -sSL https://install.example.com/setup.sh | sh' : `RUN echo "stage ${n}" > /etc/stage`,
    `LABEL org.opencontainers.image.title="stage ${n}"`,
    n % 5 === 0 ? 'ADD https://example.com/archive.tar.gz /tmp/' : `COPY --chown=1000:1000 config/${n}.conf /etc/app/`,
    `EXPOSE ${8000 + n}`,
    '',
  ];
}

/** A Dockerfile of exactly `lines` lines (no trailing newline). */
export function generatedDockerfile(lines = 1000): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', '# Generated for the LSP latency benchmark.'];
  const tail = ['FROM stage0 AS final', 'USER 1000:1000', 'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1', 'CMD ["/opt/app0/bin/start"]'];
  // Whole stages while they fit, then comment lines up to the exact count (a cut stage could end mid-continuation).
  for (let n = 0; out.length + stage(n).length + tail.length <= lines; n++) out.push(...stage(n));
  while (out.length + tail.length < lines) out.push(`# padding ${out.length}`);
  return [...out, ...tail].join('\n');
}

function service(n: number, count: number): string[] {
  const id = String(n).padStart(2, '0');
  const lines = [
    `  svc${id}:`,
    n % 6 === 0 ? `    build: ./svc${id}` : `    image: registry.example.com/team/svc${id}:${n % 5 === 0 ? 'latest' : `1.${n}.0`}`,
    '    restart: unless-stopped',
    '    ports:',
    `      - "${9000 + n}:8080"`,
    '    environment:',
    `      SERVICE_NAME: svc${id}`,
    `      LOG_LEVEL: ${n % 2 ? 'info' : 'debug'}`,
    n % 7 === 0 ? '      DB_PASSWORD: hunter2-not-a-real-secret' : `      FEATURE_${id}: "on"`,
    '    volumes:',
    `      - ./data/svc${id}:/var/lib/svc`,
  ];
  if (n > 0) lines.push('    depends_on:', `      - svc${String(n - 1).padStart(2, '0')}`);
  if (n % 9 === 0) lines.push('    privileged: true');
  if (n % 8 === 0) lines.push('    network_mode: host');
  else lines.push('    networks:', `      - ${n < count / 2 ? 'front' : 'back'}`);
  lines.push('    healthcheck:', '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]', '      interval: 30s');
  lines.push('    deploy:', '      resources:', '        limits:', `          memory: ${256 + n}M`);
  return lines;
}

/** A Compose file with `services` services (front/back networks, a few findings). */
export function generatedCompose(services = 50): string {
  const out = ['name: bench', 'services:'];
  for (let n = 0; n < services; n++) out.push(...service(n, services));
  out.push('networks:', '  front: {}', '  back:', '    internal: true', '');
  return out.join('\n');
}
