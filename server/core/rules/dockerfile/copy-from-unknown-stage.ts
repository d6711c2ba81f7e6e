import { nearest } from '../../dockerfile/edit-distance';
import { describeReference, stageReferences } from '../../dockerfile/stage-refs';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

/**
 * Docker Hub official images (`docker.io/library/<name>`): a bare `--from=<name>` naming one of them is an image, not
 * a misspelt stage, even when a stage's name is close to it (`--from=node` beside a stage named `nodes`).
 */
const OFFICIAL_IMAGES = new Set(
  (
    'adminer aerospike almalinux alpine alt amazoncorretto amazonlinux arangodb archlinux backdrop bash bonita ' +
    'buildpack-deps busybox caddy cassandra chronograf cirros clearlinux clojure composer convertigo couchbase couchdb ' +
    'crate dart debian docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang fedora ' +
    'flink fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe hello-world hitch ' +
    'httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty joomla jruby julia kapacitor kibana kong liquibase ' +
    'logstash mageia mariadb matomo maven mediawiki memcached mongo mongo-express monica mono mysql nats neo4j ' +
    'neurodebian nextcloud nginx node notary odoo open-liberty openjdk oraclelinux orientdb percona perl photon php ' +
    'php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq rakudo-star redis redmine ' +
    'registry rethinkdb rocket.chat rockylinux ruby rust sapmachine satosa scratch silverpeas sl solr sonarqube spark ' +
    'spiped storm swift swipl teamspeak telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty wordpress ' +
    'xwiki yourls znc zookeeper'
  ).split(' '),
);

/** How far a bare name may be from a stage name to be taken for a misspelling of it. */
function maxTypoDistance(name: string): number {
  // Short names are one or two edits from everything: `--from=api` beside a stage `app` is more likely a context.
  return name.length <= 3 ? 0 : name.length <= 5 ? 1 : 2;
}

const rule: DockerfileRule = {
  meta: {
    id: 'copy-from-unknown-stage',
    title: '`--from` names no earlier stage',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports `COPY --from=<ref>` and `RUN --mount=…,from=<ref>` whose reference is a stage index that is not an earlier stage (`--from=3` in stage 1), names a stage defined later in the file, or is a bare name that is not a stage but is one or two edits away from a stage name (`--from=buidler` beside `AS builder`). Any other name is left alone: the builder treats it as an image or a named build context (`--from=nginx:1.27`, `--from=ghcr.io/org/tool`, `--from=alpine`, `--build-context deps=…`). Values are read through ARG substitution; unknown values are not guessed.',
    rationale:
      'A reference that matches no stage is silently treated as an image: a misspelt stage name makes the build pull `docker.io/library/<typo>` (failing, or worse, copying files from whatever image of that name exists), and an out-of-range index fails the build. A reference to a later stage is rejected by the classic builder and only works in BuildKit because stages form a graph, which hides the build order from the reader.',
    howToFix:
      'Correct the name to the stage you meant (names are case-insensitive), or move the referenced stage above the one that copies from it. If you meant an image, write it with its tag or registry (`--from=nginx:1.27`) so the intent is explicit.',
    example: {
      bad: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=buidler /app /app\n',
      good: 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=builder /app /app\n',
    },
    aliases: ['DL3022'],
    references: [
      hadolint('DL3022'),
      { title: 'Dockerfile reference: COPY --from', url: 'https://docs.docker.com/reference/dockerfile/#copy---from' },
      { title: 'Multi-stage builds', url: 'https://docs.docker.com/build/building/multi-stage/' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const ref of stageReferences(model)) {
      const current = ref.instr.stage!;
      const value = ref.value;
      if (value === undefined || value === '') continue;
      const what = `\`${describeReference(ref)}\``;
      if (/^\d+$/.test(value)) {
        const index = Number(value);
        if (index === current.index) continue; // copy-from-self
        if (index >= model.stages.length) {
          const count = model.stages.length;
          ctx.report(ref.range, `${what} refers to stage index ${index}, but the file has only ${count} stage${count === 1 ? '' : 's'} (indexes start at 0).`);
        } else if (index > current.index) {
          const target = model.stages[index];
          ctx.report(ref.range, `${what} refers to stage ${index} (line ${target.from.range.start.line + 1}), which comes after this one: a stage can only copy from earlier stages.`);
        }
        continue;
      }
      const named = model.stages.filter((s) => s.name === value);
      if (named.length > 0) {
        if (named.some((s) => s.index < current.index) || named.includes(current)) continue; // fine, or copy-from-self
        ctx.report(ref.range, `${what} refers to the stage \`${value}\` defined later (line ${named[0].from.range.start.line + 1}): move that stage above this one.`);
        continue;
      }
      // Not a stage: an image or a named build context, unless it looks like a misspelt stage name.
      if (/[/:@]/.test(value) || OFFICIAL_IMAGES.has(value)) continue;
      const stageNames = model.stages.map((s) => s.name).filter((n): n is string => !!n);
      const close = nearest(value, stageNames, maxTypoDistance(value));
      if (close.length === 0) continue;
      const target = model.stages.find((s) => s.name === close[0])!;
      ctx.report(
        ref.range,
        `${what} names no stage, so the builder would pull it as the image \`docker.io/library/${value}\`; did you mean the stage \`${close[0]}\` (line ${target.from.range.start.line + 1})?`,
      );
    }
  },
};

export default rule;
