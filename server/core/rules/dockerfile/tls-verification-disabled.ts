import { deleteLines, removeWord, replaceOffsets } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { DockerfileModel } from '../../dockerfile/model';
import {
  downloaderOf,
  effectiveCommand,
  inHeredocBody,
  matchInstructionText,
  offsetReporter,
  optionsNamed,
  packageManagerOf,
  parseOptions,
  resolveCommand,
  variableSettings,
  assignmentValueAt,
  type ParsedOption,
} from '../../dockerfile/commands';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { DockerfileContext, DockerfileRule } from '../rule';

/**
 * Environment variables that turn verification off, and which values do.
 * - `GIT_SSL_NO_VERIFY`: git only tests that the variable exists (`if (getenv("GIT_SSL_NO_VERIFY"))`
 *   in http.c), so any value, even `0`, `false` or empty, disables verification.
 * - `NODE_TLS_REJECT_UNAUTHORIZED`: only `0` disables it.
 * - `PYTHONHTTPSVERIFY`: `0` disables it (PEP 493; RHEL/CentOS Pythons).
 * - `NPM_CONFIG_STRICT_SSL` (npm reads `npm_config_*` in any case), `YARN_ENABLE_STRICT_SSL`,
 *   `CONDA_SSL_VERIFY`: false.
 * - `PIP_TRUSTED_HOST`, `UV_INSECURE_HOST`, `GOINSECURE`: any non-empty value (hosts whose
 *   certificates are not checked).
 * Not reported: `CURL_CA_BUNDLE=""` / `REQUESTS_CA_BUNDLE=""` (whether an empty bundle disables
 * verification depends on the client and its version; we do not guess).
 */
const ENV_RULES: { name: RegExp; disables: (v: string) => boolean; what: string; anyValue?: boolean }[] = [
  { name: /^GIT_SSL_NO_VERIFY$/, anyValue: true, disables: () => true, what: 'git does not verify HTTPS certificates when it is set, whatever its value' },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/, disables: (v) => v.trim() === '0', what: 'Node.js accepts any TLS certificate' },
  { name: /^PYTHONHTTPSVERIFY$/, disables: (v) => v.trim() === '0', what: 'Python does not verify HTTPS certificates' },
  { name: /^npm_config_strict_ssl$/i, disables: (v) => /^(false|0|no)$/i.test(v.trim()), what: 'npm does not verify the registry\'s TLS certificate' },
  { name: /^YARN_ENABLE_STRICT_SSL$/, disables: (v) => /^(false|0)$/i.test(v.trim()), what: 'Yarn does not verify the registry\'s TLS certificate' },
  { name: /^CONDA_SSL_VERIFY$/, disables: (v) => /^(false|no|0)$/i.test(v.trim()), what: 'conda does not verify TLS certificates' },
  { name: /^PIP_TRUSTED_HOST$/, disables: (v) => v.trim() !== '', what: 'pip skips certificate checks for the listed hosts' },
  { name: /^UV_INSECURE_HOST$/, disables: (v) => v.trim() !== '', what: 'uv skips certificate checks for the listed hosts' },
  { name: /^GOINSECURE$/, disables: (v) => v.trim() !== '', what: 'the go command skips certificate checks (and allows plain HTTP) for the listed module paths' },
];

const ENV_IN_RUN = /(?<![\w$])(GIT_SSL_NO_VERIFY|NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|npm_config_strict_ssl|NPM_CONFIG_STRICT_SSL|YARN_ENABLE_STRICT_SSL|CONDA_SSL_VERIFY|PIP_TRUSTED_HOST|UV_INSECURE_HOST|GOINSECURE)=/g;

/** Configuration written or passed as text (files, `--setopt=`, `-c key=value`, `-o Opt=value`). */
const CONFIG_TEXT: { pattern: RegExp; hint: string; what: string }[] = [
  // yum/dnf/zypper repo files and --setopt, git `-c http.sslVerify=false` and .gitconfig `sslVerify = false`
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))sslverify\s*=\s*["']?(?:0|false|no|off)\b/gi, hint: 'sslverify', what: 'turns off certificate verification (`sslverify`)' },
  // conda .condarc `ssl_verify: false`, zypper repo URL `?ssl_verify=no`
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))ssl_verify\s*[:=]\s*["']?(?:0|false|no)\b/gi, hint: 'ssl_verify', what: 'turns off certificate verification (`ssl_verify`)' },
  // .npmrc / npm config set strict-ssl=false / --strict-ssl=false
  { pattern: /(?:(?<=\\[nt])|(?<![\w]))(?:--)?strict-ssl\s*=\s*["']?false\b/g, hint: 'strict-ssl', what: 'turns off npm\'s registry certificate check (`strict-ssl=false`)' },
  // apt: Acquire::https::Verify-Peer "false"; -o Acquire::https::Verify-Host=false
  { pattern: /Acquire::https(?:::[^:\s"'=]+)?::Verify-(?:Peer|Host)["'\s]*(?:=["'\s]*)?(?:false|0|no|off)\b["']?/gi, hint: 'verify-', what: 'turns off apt\'s HTTPS certificate check' },
  // .wgetrc: check_certificate = off
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))check_certificate\s*=\s*["']?(?:off|no|0|false)\b/gi, hint: 'check_certificate', what: 'turns off wget\'s certificate check (`check_certificate = off`)' },
  // pip.conf: trusted-host = host
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))trusted-host\s*=\s*["']?[\w.[]/g, hint: 'trusted-host', what: 'makes pip skip certificate checks for a host (`trusted-host`)' },
  // ~/.curlrc: insecure
  { pattern: /\b(?:echo|printf)\s+(?:-[a-z]+\s+)?["']?(?:--)?insecure\\?n?["']?\s*>>?\s*\S*\.curlrc\b/g, hint: '.curlrc', what: 'writes `insecure` into .curlrc, so every curl call skips certificate checks' },
];

const CURL_INSECURE = ['insecure', 'proxy-insecure', 'doh-insecure'];
const GENERIC_FLAGS: { flag: RegExp; what: string }[] = [
  { flag: /^--insecure-skip-tls-verify(=(true|1))?$/, what: 'skips the server certificate check' },
  { flag: /^--no-verify-ssl$/, what: 'skips the server certificate check' },
  { flag: /^--(src-|dest-)?tls-verify=(false|0)$/, what: 'skips the registry certificate check' },
];

function flagWord(o: ParsedOption): string {
  return o.long ? `--${o.name}` : `-${o.name}`;
}

function check(ctx: DockerfileContext): void {
  const { model } = ctx;
  // One finding per place: a command-level finding (reported first) wins over a text match inside it.
  const reporter = offsetReporter(model, (range, message, fixes) => ctx.report(range, message, fixes), 'overlap');
  const report = reporter.report;
  const reportWord: ReportWord = (w, message, len, fix) =>
    report(w.start, len === undefined ? w.end : w.start + len, message, fix ? [fix(model)] : undefined);
  const reportFlag: ReportFlag = (w, message, fix) => reporter.reportFlag(w, message, fix ? [fix(model)] : undefined);

  for (const run of model.runCommands()) checkCommand(resolveCommand(model, run.instruction, run.command), reportWord, reportFlag);

  // ENV and ARG defaults.
  for (const s of variableSettings(model)) {
    const r = ENV_RULES.find((e) => e.name.test(s.name));
    if (!r || (s.value === null ? !r.anyValue : !r.disables(s.value))) continue;
    const shown = s.value === null ? '' : `=${s.value.length > 40 ? `${s.value.slice(0, 40)}…` : s.value}`;
    const lines = model.lines;
    const edit =
      s.siblings === 1
        ? deleteLines(lines, s.instruction.range.start.line, s.instruction.range.end.line)
        : removeWord(lines, s.nameStart, s.propertyEnd, model.escapeChar);
    report(s.nameStart, s.nameEnd, `\`${s.instruction.keyword} ${s.name}${shown}\`: ${r.what}.`, [
      { title: s.siblings === 1 ? `Remove the ${s.instruction.keyword} of \`${s.name}\`` : `Remove \`${s.name}\` from the ${s.instruction.keyword}`, edits: [edit], safe: true, isPreferred: true },
    ]);
  }

  for (const instr of model.instructions) {
    if (instr.keyword !== 'RUN' && instr.keyword !== 'COPY') continue;
    if (instr.keyword === 'RUN') {
      // Variables exported or set for a command inside the RUN.
      for (const m of matchInstructionText(model, instr, ENV_IN_RUN, '=')) {
        const name = m.match[1];
        const r = ENV_RULES.find((e) => e.name.test(name));
        if (!r) continue;
        const { value } = assignmentValueAt(model.text, m.end);
        if (r.anyValue || (value !== null && r.disables(value))) {
          report(m.start, m.start + name.length, `\`${name}\` set in RUN: ${r.what}.`);
        }
      }
    }
    for (const { pattern, hint, what } of CONFIG_TEXT) {
      for (const m of matchInstructionText(model, instr, pattern, hint)) {
        if (instr.keyword === 'COPY' && !inHeredocBody(model, instr, m.start)) continue;
        report(m.start, m.end, `\`${m.match[0].replace(/\s+/g, ' ').slice(0, 60)}\` ${what}.`);
      }
    }
  }
}

/** pip's (and uv pip's) options that take a value, so `--trusted-host host` is read as one option. */
const PIP_OPTIONS = {
  shortWithValue: 'rcefitb',
  longWithValue: [
    'trusted-host', 'allow-insecure-host', 'index-url', 'extra-index-url', 'find-links', 'requirement', 'constraint',
    'editable', 'target', 'prefix', 'root', 'src', 'cache-dir', 'proxy', 'cert', 'client-cert', 'log', 'python',
    'platform', 'implementation', 'abi', 'python-version', 'upgrade-strategy', 'progress-bar', 'timeout', 'retries',
    'exists-action', 'global-option', 'config-settings', 'only-binary', 'no-binary', 'report', 'index-strategy',
  ],
};

type FixFor = (model: DockerfileModel) => Fix;
type ReportWord = (w: ShellWord, message: string, len?: number, fix?: FixFor) => void;
type ReportFlag = (w: ShellWord, message: string, fix?: FixFor) => void;

/**
 * "Remove `-k`": the option's word (with its separate value word, if any) and the blanks after it; inside a cluster
 * such as `-fsSLk`, only its letter.
 */
function removeOption(o: { word: ShellWord; valueWord?: ShellWord; long?: boolean; name?: string }, shown: string): FixFor {
  return (model) => {
    const w = o.word;
    const letter = o.long === false && o.name && w.value !== `-${o.name}` && w.raw === w.value ? w.raw.indexOf(o.name, 1) : -1;
    const edit =
      letter > 0
        ? replaceOffsets(model.lines, w.start, w.end, w.raw.slice(0, letter) + w.raw.slice(letter + 1))
        : removeWord(model.lines, w.start, o.valueWord ? o.valueWord.end : w.end, model.escapeChar);
    return { title: `Remove \`${shown}\``, edits: [edit], safe: true, isPreferred: true };
  };
}

function checkCommand(command: ShellCommand, reportWord: ReportWord, reportFlag: ReportFlag): void {
  const eff = effectiveCommand(command);

  // curl -k / --insecure (also inside a cluster such as -fsSLk); wget --no-check-certificate.
  const download = downloaderOf(command);
  if (download) {
    if (download.tool === 'curl') {
      for (const o of optionsNamed({ options: download.options, positionals: [] }, ['k'], CURL_INSECURE)) {
        const inCluster = !o.long && o.word.value !== '-k';
        reportFlag(
          o.word,
          `\`curl ${flagWord(o)}\`${inCluster ? ` (in \`${o.word.value}\`)` : ''} skips TLS certificate verification, so the download can be replaced in transit.`,
          removeOption(o, flagWord(o)),
        );
      }
    } else {
      for (const o of download.options) {
        if (!o.long) continue;
        if (o.name === 'no-check-certificate' || (o.name === 'check-certificate' && /^(off|no|0|false|quiet)$/i.test(o.value ?? ''))) {
          reportFlag(o.word, `\`wget ${flagWord(o)}\` skips TLS certificate verification, so the download can be replaced in transit.`, removeOption(o, o.word.value ?? flagWord(o)));
        }
      }
    }
  }

  // Tools with a generic "skip verification" flag (kubectl/helm, aws, skopeo/podman/buildah).
  for (const a of eff.args) {
    if (a.value === null || !a.value.startsWith('--')) continue;
    const g = GENERIC_FLAGS.find((f) => f.flag.test(a.value!));
    if (g) reportFlag(a, `\`${eff.name} ${a.value.split('=')[0]}\` ${g.what}.`, removeOption({ word: a }, a.value));
  }

  // git -c http.sslVerify=false …; git config [--global] http.sslVerify false
  if (eff.name === 'git') {
    for (let i = 0; i < eff.args.length - 1; i++) {
      const value = eff.args[i + 1].value;
      if (eff.args[i].value === '-c' && value && /^http\.(.+\.)?sslverify\s*=\s*(false|0|no|off)$/i.test(value)) {
        reportWord(
          eff.args[i + 1],
          `\`git -c ${value}\` turns off HTTPS certificate verification for this git command.`,
          undefined,
          removeOption({ word: eff.args[i], valueWord: eff.args[i + 1] }, `-c ${value}`),
        );
      }
    }
    const cfg = eff.args.findIndex((a) => a.value === 'config');
    if (cfg >= 0) {
      const rest = eff.args.slice(cfg + 1).filter((a) => a.value === null || !a.value.startsWith('-') || a.value === '-');
      const pos = rest[0]?.value === 'set' ? rest.slice(1) : rest;
      const key = pos[0];
      const value = pos[1]?.value;
      if (key?.value && /^http\.(.+\.)?sslverify$/i.test(key.value) && value && /^(false|0|no|off)$/i.test(value)) {
        reportWord(key, `\`git config ${key.value} ${value}\` turns off HTTPS certificate verification for git.`);
      }
    }
  }

  const pm = packageManagerOf(command);
  if (pm) {
    // pip / uv: --trusted-host, --allow-insecure-host; pip config set global.trusted-host
    if (pm.manager === 'pip' || pm.manager === 'uv') {
      const parsed = parseOptions([...pm.globalArgs, ...pm.args], PIP_OPTIONS);
      for (const o of parsed.options) {
        if (o.long && (o.name === 'trusted-host' || o.name === 'allow-insecure-host')) {
          const tool = pm.via === 'uv' || pm.manager === 'uv' ? 'uv' : 'pip';
          reportFlag(
            o.word,
            `\`${tool} --${o.name}\` skips TLS certificate verification for that host, so packages from it can be replaced in transit.`,
            removeOption(o, `--${o.name}${o.value ? ` ${o.value}` : ''}`),
          );
        }
      }
      if (pm.subcommand === 'config') {
        const pos = pm.args.filter((a) => a.value !== null && !a.value.startsWith('-'));
        if (pos[0]?.value === 'set' && pos[1]?.value && /^[\w:-]+\.trusted-host$/.test(pos[1].value)) {
          reportWord(pos[1], `\`pip config set ${pos[1].value}\` makes pip skip TLS certificate verification for that host.`);
        }
      }
    }
    // npm / yarn / pnpm: config set strict-ssl false, --strict-ssl false, --no-strict-ssl; yarn berry enableStrictSsl false
    if (pm.manager === 'npm' || pm.manager === 'yarn' || pm.manager === 'pnpm') {
      const all = [...pm.globalArgs, ...(pm.subcommandWord ? [pm.subcommandWord] : []), ...pm.args];
      for (let i = 0; i < all.length; i++) {
        const v = all[i].value;
        if (v === null) continue;
        const next = all[i + 1]?.value;
        if ((v === 'strict-ssl' || v === 'enableStrictSsl' || v === '--strict-ssl') && next && /^(false|0)$/.test(next)) {
          reportWord(all[i], `\`${pm.manager} … ${v} ${next}\` turns off the registry's TLS certificate check.`);
        } else if (v === '--no-strict-ssl') {
          reportWord(all[i], `\`${pm.manager} --no-strict-ssl\` turns off the registry's TLS certificate check.`, undefined, removeOption({ word: all[i] }, '--no-strict-ssl'));
        }
      }
    }
    // conda config --set ssl_verify false
    if (pm.manager === 'conda' && pm.subcommand === 'config') {
      for (let i = 0; i < pm.args.length - 2; i++) {
        if (pm.args[i].value === '--set' && pm.args[i + 1].value === 'ssl_verify' && /^(false|no|0)$/i.test(pm.args[i + 2].value ?? '')) {
          reportWord(pm.args[i + 1], '`conda config --set ssl_verify false` turns off TLS certificate verification for conda.');
        }
      }
    }
  }
}

const rule: DockerfileRule = {
  meta: {
    id: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports options and settings that turn off TLS certificate checks: `curl -k`/`--insecure`, `wget --no-check-certificate`, `git -c http.sslVerify=false` and `git config http.sslVerify false`, pip `--trusted-host`, `npm`/`yarn config set strict-ssl false`, `sslverify=0` for yum/dnf/zypper, apt `Acquire::https::Verify-Peer "false"`, and ENV/ARG/exported `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` (any value), `PIP_TRUSTED_HOST`.',
    rationale:
      'Without certificate verification anyone on the network path (a proxy, a compromised router, a hostile Wi-Fi or CI network) can impersonate the server and substitute the packages, scripts or source code the build downloads. Variables set with ENV also stay in the image and weaken every connection the application makes at runtime.',
    howToFix:
      'Remove the flag or setting. If a corporate proxy re-signs TLS traffic, add its CA certificate to the trust store instead (`COPY corp-ca.crt /usr/local/share/ca-certificates/` then `update-ca-certificates`, or point the tool at it: `curl --cacert`, `pip --cert`, `npm config set cafile`, `git config http.sslCAInfo`, `NODE_EXTRA_CA_CERTS`), preferably in a build stage or with a BuildKit secret mount so it does not ship in the final image.',
    example: {
      bad: 'FROM node:20-bookworm\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN curl -fsSLk https://example.com/app.tgz -o /tmp/app.tgz',
      good: 'FROM node:20-bookworm\nCOPY corp-ca.crt /usr/local/share/ca-certificates/corp-ca.crt\nRUN update-ca-certificates \\\n && curl -fsSL https://example.com/app.tgz -o /tmp/app.tgz',
    },
    aliases: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'],
    references: [
      { title: 'curl manual: -k, --insecure', url: 'https://curl.se/docs/manpage.html#-k' },
      { title: 'git-config: http.sslVerify', url: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify' },
      { title: 'Node.js: NODE_TLS_REJECT_UNAUTHORIZED', url: 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue' },
      { title: 'npm config: strict-ssl', url: 'https://docs.npmjs.com/cli/using-npm/config#strict-ssl' },
    ],
  },
  check,
};

export default rule;
