import type { Env } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { nearest } from '../../dockerfile/edit-distance';
import { findVariableUses, PREDEFINED_ARGS } from '../../dockerfile/variables';
import { indentationOf, insertLinesAtEnd, replace } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { Fix, Range } from '../../types';
import type { DockerfileRule } from '../rule';

/** Predefined args the builder provides in the global scope only: a stage sees them after `ARG <name>`. */
const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

/**
 * Names the Docker Hub official images set in their image config (PATH everywhere, plus their families' `*_VERSION`,
 * `*_HOME`, … variables): a stage built on an official image may use them without declaring them.
 */
const OFFICIAL_IMAGE_ENV =
  /^(PATH|LANG|LANGUAGE|LC_ALL|LD_LIBRARY_PATH|TMPDIR|GPG_KEYS?|GOSU_VERSION|GOPATH|GOTOOLCHAIN|PHPIZE_DEPS|PKG_RELEASE|DYNPKG_RELEASE|JSYAML_VERSION|DIND_COMMIT|PGDATA|(PYTHON|NODE|YARN|GOLANG|JAVA|JDK|JRE|MAVEN|GRADLE|CATALINA|TOMCAT|PHP|APACHE|RUBY|GEM|BUNDLE|RUSTUP|CARGO|RUST|NGINX|NJS|HTTPD|PG|POSTGRES|MYSQL|MARIADB|REDIS|MONGO|OTP|REBAR3|ELIXIR|ERLANG|DOCKER|HAPROXY|COMPOSER|WORDPRESS|JULIA|RABBITMQ|GHOST|SWIFT|GCC|JETTY|SOLR|NEO4J|MEMCACHED|KIBANA|LOGSTASH|ELASTIC|ELASTICSEARCH|CASSANDRA|COUCHDB|INFLUXDB|TELEGRAF|ZOO|DRUPAL|JOOMLA|NEXTCLOUD|MATOMO|ODOO|PERL|PYPY|JRUBY|GROOVY|CLOJURE|LEIN|GHC|CABAL|STACK|DART|SBT|SCALA|KOTLIN|DOTNET|ASPNETCORE|NUGET|POWERSHELL)_\w*)$/;

/** Variables nearly every image sets: never reported on a base other than scratch. */
const CORE_IMAGE_ENV = new Set(['PATH', 'LANG', 'LANGUAGE', 'LC_ALL']);

/** Variables a shell has at run time, which the builder does not define when it expands instruction arguments. */
const RUNTIME_ONLY = new Set(['HOME', 'USER', 'PWD', 'HOSTNAME', 'SHELL', 'UID', 'TERM']);

/** Variables whose names suggest a secret: declaring them as ARG would be a finding of its own. */
const SECRET_LIKE = /pass|secret|token|key|cred|auth/i;

/** Instructions whose arguments the builder expands (RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are the shell's business). */
const EXPANDED = new Set(['FROM', 'ARG', 'ENV', 'LABEL', 'COPY', 'ADD', 'EXPOSE', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL']);

type BaseEnv = 'none' | 'official' | 'unknown';

interface Declaration {
  name: string;
  kind: 'ARG' | 'ENV';
  instr: DfInstruction;
}

/** The names an ARG declares (`ARG A B=1` declares A and B; dockerfile-ast reads only the first). */
function argNames(instr: DfInstruction): string[] {
  return instr.ast
    .getArguments()
    .map((a) => a.getValue().split('=')[0])
    .filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

function declarationsOf(instr: DfInstruction): Declaration[] {
  if (instr.keyword === 'ARG') return argNames(instr).map((name) => ({ name, kind: 'ARG', instr }));
  if (instr.keyword === 'ENV') return (instr.ast as Env).getProperties().map((p) => ({ name: p.getName(), kind: 'ENV', instr }));
  return [];
}

/** What the root of the stage's FROM chain tells about its environment. */
function baseEnvOf(stage: Stage): BaseEnv {
  const seen = new Set<Stage>();
  let s = stage;
  while (s.parent && !seen.has(s)) {
    seen.add(s);
    s = s.parent;
  }
  const image = s.image;
  if (image.resolved === undefined) return 'unknown';
  if (image.resolved.toLowerCase() === 'scratch') return 'none';
  const hub = image.registry === undefined || ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(image.registry);
  const repo = (image.repository ?? '').replace(/^library\//, '');
  return hub && repo !== '' && !repo.includes('/') ? 'official' : 'unknown';
}

/** The instruction's text in [from, to) as the builder reads it: comment lines inside a continuation become blanks. */
function maskedText(model: DockerfileModel, from: number, to: number): string {
  return model.text.slice(from, to).replace(/(\n)([ \t]*#[^\r\n]*)/g, (_m, nl: string, comment: string) => nl + ' '.repeat(comment.length));
}

/** The spans of an instruction the builder expands: its arguments (not heredoc bodies); for RUN, only its flags. */
function expandedSpans(model: DockerfileModel, instr: DfInstruction): [number, number][] {
  if (instr.keyword === 'RUN') {
    return instr.flags.map((f) => [model.offsetAt(f.range.start), model.offsetAt(f.range.end)]);
  }
  if (!EXPANDED.has(instr.keyword)) return [];
  const start = model.offsetAt(instr.keywordRange.end);
  let end = instr.end;
  if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && /<<-?\s*["']?[A-Za-z_]/.test(model.text.slice(start, end))) {
    // Heredoc bodies are file contents: stop at the end of the line that opens the first one.
    const opener = /<<-?\s*["']?[A-Za-z_]/.exec(model.text.slice(start, end))!;
    const line = model.lines.positionAt(start + opener.index).line;
    end = Math.min(end, model.lines.lineEnd(line));
  }
  return [[start, end]];
}

const rule: DockerfileRule = {
  meta: {
    id: 'undefined-variable',
    title: 'Variable used but never declared',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports `$VAR`/`${VAR}` in an instruction the builder expands (FROM, ARG, ENV, LABEL, COPY, ADD, EXPOSE, USER, WORKDIR, VOLUME, STOPSIGNAL and RUN flags such as `--mount`) when no ARG or ENV in scope declares it: FROM sees only ARGs declared before the first FROM (and the predefined platform args); a stage sees its own ARGs and ENVs, those of the stage it builds on (`FROM <stage>`), and predefined platform args such as `TARGETARCH` only after `ARG TARGETARCH`. Within one ARG or ENV, every value sees the variables from before the instruction (`ENV A=1 B=$A` leaves B empty). Shell scripts in RUN, CMD and ENTRYPOINT are not checked: the shell expands those from the runtime environment. Because the base image may set environment variables too, a variable is reported in full only on `scratch` and on Docker Hub official images (whose well-known variables such as `PATH` or `JAVA_HOME` are allowed); on other bases only when it is declared elsewhere in the file but not visible here, or when it is a near-miss of a visible name. `${VAR:-default}` forms are treated the same way, except on official images, where an undeclared name with a default is left alone.',
    rationale:
      'The builder silently replaces an undeclared variable with an empty string: `COPY app-$VERSION.jar /app.jar` copies `app-.jar`, `WORKDIR $APP_HOME` works in `/`, `ENV PATH=$PAHT:/app/bin` wipes PATH. The usual causes are a typo, a global ARG that was not re-declared inside the stage, or an ARG of another stage.',
    howToFix:
      'Declare the variable with `ARG NAME` (or `ENV NAME=value`) before its use in the same stage. A global ARG (declared before the first FROM) and the predefined platform args must be re-declared inside each stage that uses them: `ARG VERSION` without a value keeps the global default. Fix typos to the declared name.',
    example: {
      bad: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nCOPY app-$VERSION.tar.gz /tmp/\n',
      good: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nCOPY app-$VERSION.tar.gz /tmp/\n',
    },
    aliases: ['BK UndefinedVar', 'BK UndefinedArgInFrom'],
    references: [
      { title: 'Build checks: UndefinedVar', url: 'https://docs.docker.com/reference/build-checks/undefined-var/' },
      { title: 'Build checks: UndefinedArgInFrom', url: 'https://docs.docker.com/reference/build-checks/undefined-arg-in-from/' },
      { title: 'Dockerfile reference: ARG scope', url: 'https://docs.docker.com/reference/dockerfile/#scope' },
      { title: 'Dockerfile reference: automatic platform ARGs', url: 'https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const all: Declaration[] = model.instructions.flatMap(declarationsOf);
    const globals = new Set<string>();
    // The names a stage passes on to stages built on it (BuildKit carries both ENV and ARG over to `FROM <stage>`).
    const finalNames = new Map<Stage, Set<string>>();
    let visible = new Set<string>();
    let base: BaseEnv = 'none';
    const lineOf = (i: DfInstruction) => i.range.start.line + 1;

    for (const instr of model.instructions) {
      const stage = instr.stage;
      if (instr.keyword === 'FROM' && stage) {
        if (stage.index > 0) finalNames.set(model.stages[stage.index - 1], visible);
        visible = new Set(stage.parent ? finalNames.get(stage.parent) ?? [] : []);
        base = baseEnvOf(stage);
      }
      const global = instr.keyword === 'FROM' || !stage;
      const declaredBefore = global ? globals : visible;
      // Fixes that make a FROM image, a USER or an EXPOSEd port resolvable hand new values to other rules: none there.
      const fixable = !['FROM', 'USER', 'EXPOSE'].includes(instr.keyword);

      for (const [from, to] of expandedSpans(model, instr)) {
        const text = maskedText(model, from, to);
        for (const use of findVariableUses(text, model.escapeChar)) {
          const name = use.name;
          if (declaredBefore.has(name)) continue;
          if (PREDEFINED_ARGS.has(name) && (global || !PLATFORM_ARGS.has(name))) continue;
          const braced = text[use.start + 1] === '{';
          const start = from + use.start;
          const end = braced && text[use.end] === '}' ? from + use.end + 1 : from + use.end;
          const withDefault = braced && /^:?[-+]/.test(text.slice(use.end, use.end + 2));
          const written = model.text.slice(start, end);
          const range = model.rangeOf(start, end);
          const nameStart = start + (braced ? 2 : 1);
          const nameRange = model.rangeOf(nameStart, nameStart + name.length);
          const elsewhere = all.filter((d) => d.name === name && d.instr !== instr);

          if (global) {
            // FROM (and global ARG defaults) see only the ARGs declared before the first FROM.
            const stageArg = elsewhere.find((d) => d.kind === 'ARG' && d.instr.stage);
            const fixes = suggestions(name, [...globals, ...PLATFORM_ARGS], nameRange);
            const offered = fixable ? fixes : [];
            const sees = instr.keyword === 'FROM' ? 'FROM sees only ARGs declared before the first FROM' : 'no earlier ARG before the first FROM declares it';
            const why = stageArg ? `the ARG on line ${lineOf(stageArg.instr)} is inside a stage, and ${sees}` : sees;
            ctx.report(range, `\`${written}\` is not declared: ${why}${didYouMean(fixes)}`, offered);
            continue;
          }
          // Well-known image variables (PATH, JAVA_HOME, …) may come from any base but scratch, unless the name is a
          // near-miss of a variable the file declares (`$PHP_FCLAGS` beside `PHP_CFLAGS`).
          if (base !== 'none' && OFFICIAL_IMAGE_ENV.test(name) && (CORE_IMAGE_ENV.has(name) || suggestions(name, [...visible], nameRange).length === 0)) continue;
          if (setEarlierInSameInstruction(model, instr, name, start)) {
            ctx.report(range, `\`${written}\` is set by this same ${instr.keyword}, whose values all see the variables from before it, so it expands to an empty string here.`);
            continue;
          }
          // Strong cases: the file itself shows the variable is meant to exist but is not visible here.
          if (PLATFORM_ARGS.has(name)) {
            ctx.report(
              range,
              `\`${written}\` is a predefined platform arg, but a stage sees it only after \`ARG ${name}\`: here it expands to an empty string.`,
              fixable ? declareFix(model, stage!, name) : [],
            );
            continue;
          }
          const globalArg = elsewhere.find((d) => d.kind === 'ARG' && !d.instr.stage);
          if (globalArg) {
            ctx.report(
              range,
              `\`${written}\` is a global ARG (line ${lineOf(globalArg.instr)}), visible only to FROM lines: add \`ARG ${name}\` to this stage to use it here.`,
              fixable ? declareFix(model, stage!, name) : [],
            );
            continue;
          }
          const later = elsewhere.find((d) => d.instr.stage === stage && d.instr.index > instr.index);
          if (later) {
            ctx.report(range, `\`${written}\` is used before the ${later.kind} on line ${lineOf(later.instr)} declares it, so it expands to an empty string here.`);
            continue;
          }
          const other = elsewhere.find((d) => d.instr.stage && d.instr.stage !== stage);
          if (other) {
            ctx.report(range, `\`${written}\` is declared by the ${other.kind} on line ${lineOf(other.instr)}, in another stage: it does not carry over to this one.`);
            continue;
          }
          // Weak cases: declared nowhere in the file, so only the base image could set it.
          const candidates = [...visible];
          if (base !== 'none') candidates.push('PATH');
          const fixes = suggestions(name, candidates, nameRange);
          if (base === 'unknown' && fixes.length === 0) continue;
          if (base === 'official' && withDefault && fixes.length === 0) continue;
          const runtimeOnly = RUNTIME_ONLY.has(name) ? ` (${name} is set for processes the container runs, not by the builder)` : '';
          ctx.report(range, `\`${written}\` is not declared by any ARG or ENV in scope, so it expands to an empty string${runtimeOnly}${didYouMean(fixes)}`, fixable ? fixes : []);
        }
      }

      for (const d of declarationsOf(instr)) (stage ? visible : globals).add(d.name);
    }
  },
};

/**
 * Whether an earlier `name=value` of the same ARG/ENV sets `name`: every value of one instruction sees the variables
 * from before it, so `ENV A=1 B=$A` gives B the old (here: no) value of A.
 */
function setEarlierInSameInstruction(model: DockerfileModel, instr: DfInstruction, name: string, offset: number): boolean {
  if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') return false;
  const words = instr.ast.getArguments().map((a) => ({
    value: a.getValue(),
    start: model.offsetAt(a.getRange().start),
    end: model.offsetAt(a.getRange().end),
  }));
  const owner = words.findIndex((w) => w.start <= offset && offset < w.end);
  if (owner < 0) return false;
  return words.slice(0, owner).some((w) => w.value.includes('=') && w.value.split('=')[0] === name);
}

function didYouMean(fixes: Fix[]): string {
  const name = fixes[0]?.edits[0].newText;
  return name ? `; did you mean \`$${name}\`?` : '.';
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "Change to `$NAME`" fixes for the visible names within a small edit distance, nearest first. */
function suggestions(name: string, candidates: string[], nameRange: Range): Fix[] {
  // Short names are too close to everything: for them only a difference in letter case counts.
  // Only names a `$NAME` reference can spell: `ENV CATAL%INA_HOME` declares a name `$CATAL%INA_HOME` would not read.
  const referable = candidates.filter((c) => VARIABLE_NAME.test(c));
  const close = nearest(name, referable, name.length <= 3 ? 0 : name.length <= 5 ? 1 : 2, true);
  return close.slice(0, 3).map((n, i) => ({
    title: `Change to \`$${n}\``,
    edits: [replace(nameRange, n)],
    safe: false,
    ...(i === 0 ? { isPreferred: true } : {}),
  }));
}

/** Declares `ARG <name>` on the line after the stage's FROM, indented like it (a global ARG keeps its default). */
function declareFix(model: DockerfileModel, stage: Stage, name: string): Fix[] {
  if (SECRET_LIKE.test(name)) return [];
  const line = stage.from.range.end.line;
  const text = indentationOf(model.lines, stage.from.range.start.line) + `ARG ${name}`;
  const at = { line: line + 1, character: 0 };
  const edit =
    line + 1 >= model.lines.lineCount ? insertLinesAtEnd(model.lines, [text]) : { range: { start: at, end: at }, newText: text + detectEol(model.text) };
  return [{ title: `Declare \`ARG ${name}\` in this stage`, edits: [edit], safe: false, isPreferred: true }];
}

export default rule;
