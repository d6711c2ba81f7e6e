import { removeWord } from '../../fixes/edits';
import { effectiveCommand, inHeredocBody, matchInstructionText, offsetReporter, packageManagerOf, resolveCommand } from '../../dockerfile/commands';
import type { DockerfileContext, DockerfileRule } from '../rule';
import { cis } from '../rule';

/** Flags that skip signature checks, per package manager. */
const FLAGS: Record<string, string[]> = {
  apk: ['--allow-untrusted'],
  'apt-get': ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories'],
  apt: ['--allow-unauthenticated', '--force-yes', '--allow-insecure-repositories', '--allow-downgrade-to-insecure-repositories'],
  aptitude: ['--allow-untrusted'],
  yum: ['--nogpgcheck'],
  dnf: ['--nogpgcheck', '--no-gpgchecks'],
  microdnf: ['--nogpgcheck'],
  tdnf: ['--nogpgcheck'],
  rpm: ['--nosignature', '--nodigest', '--noverify', '--nosig', '--nofiledigest'],
  zypper: ['--no-gpg-checks', '--no-gpgcheck'],
};
/** Other commands that configure repositories and accept the same flags. */
const CONFIG_TOOLS: Record<string, string> = { 'yum-config-manager': 'yum', 'dnf-config-manager': 'dnf' };

/**
 * Settings written as text: apt.conf / `-o` options, sources.list `[trusted=yes]` (but not for
 * `file:`/`copy:` repositories: packages the same RUN just built), deb822 `Trusted: yes`, yum/dnf/zypper
 * `gpgcheck=0` (`repo_gpgcheck`/`localpkg_gpgcheck` are other settings), pacman `SigLevel = Never`.
 */
const CONFIG_TEXT: {
  pattern: RegExp;
  hint: string;
  what: string;
  skip?: (m: RegExpExecArray) => boolean;
  /** Narrows the reported range to a part of the match: [start, end) relative to it; null skips the match. */
  narrow?: (m: RegExpExecArray) => [number, number] | null;
}[] = [
  { pattern: /APT::Get::AllowUnauthenticated["'\s]*(?:=["'\s]*)?(?:true|1|yes|on)\b["']?/gi, hint: 'allowunauthenticated', what: 'lets apt install packages that fail signature verification' },
  { pattern: /Acquire::AllowInsecureRepositories["'\s]*(?:=["'\s]*)?(?:true|1|yes|on)\b["']?/gi, hint: 'allowinsecure', what: 'lets apt use repositories whose metadata is not signed' },
  { pattern: /Acquire::AllowDowngradeToInsecureRepositories["'\s]*(?:=["'\s]*)?(?:true|1|yes|on)\b["']?/gi, hint: 'allowdowngrade', what: 'lets apt use repositories whose metadata is not signed' },
  {
    // One sources.list option group `[ … ]` and the URI scheme after it. Linear: the group cannot contain `[`, so a
    // failed attempt stops at the next one (a lookbehind for the `[` would rescan the line at every position).
    pattern: /\[([^[\]\n]*)\][ \t]*["']?([a-z][a-z0-9+.-]*:)?/gi,
    hint: '=yes', what: 'makes apt install packages from this repository without checking their signatures',
    skip: (m) => /^(file|copy|cdrom):$/i.test(m[2] ?? ''),
    narrow: (m) => {
      const opt = /\b(?:trusted|allow-insecure)=yes\b/i.exec(m[1]);
      return opt ? [1 + opt.index, 1 + opt.index + opt[0].length] : null;
    },
  },
  { pattern: /(?:(?<=\\n)|(?<=^|\n)[ \t]*)(?:Trusted|Allow-Insecure):[ \t]*yes\b/gi, hint: 'yes', what: 'makes apt install packages from this repository without checking their signatures' },
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))(?:pkg_)?gpgcheck\s*=\s*["']?(?:0|false|no|off)\b/gi, hint: 'gpgcheck', what: 'turns off package signature checks (`gpgcheck`)' },
  { pattern: /(?:(?<=\\[nt])|(?<![\w-]))SigLevel\s*=\s*Never\b/g, hint: 'siglevel', what: 'makes pacman install packages without checking signatures' },
];

function check(ctx: DockerfileContext): void {
  const { model } = ctx;
  const { report, reportFlag } = offsetReporter(model, (range, message, fixes) => ctx.report(range, message, fixes));

  for (const run of model.runCommands()) {
    const command = resolveCommand(model, run.instruction, run.command);
    const pm = packageManagerOf(command);
    const eff = effectiveCommand(command);
    const tool = pm?.manager ?? CONFIG_TOOLS[eff.name] ?? (eff.name === 'dnf' ? 'dnf' : undefined);
    if (!tool || !FLAGS[tool]) continue;
    const words = pm ? [...pm.globalArgs, ...(pm.subcommandWord ? [pm.subcommandWord] : []), ...pm.args] : eff.args;
    if (pm?.manager === 'rpm' && pm.subcommand === 'query') continue;
    for (const w of words) {
      const v = w.value;
      if (v === null) continue;
      if (v === '--') break;
      const flag = v.split('=')[0];
      if (FLAGS[tool].includes(flag)) {
        // Only a flag written as such: a word from a variable (`$FLAGS`) may carry other options too.
        const literal = w.raw === w.value;
        reportFlag(
          w,
          `\`${eff.name} ${flag}\` ${describeFlag(flag)}.`,
          literal ? [{ title: `Remove \`${w.value}\``, edits: [removeWord(model.lines, w.start, w.end, model.escapeChar)], safe: true, isPreferred: true }] : undefined,
        );
      }
    }
    // zypper addrepo -G / --no-gpgcheck: the repository is added with signature checks off.
    if (pm?.manager === 'zypper' && (pm.subcommand === 'addrepo' || pm.subcommand === 'ar')) {
      for (const w of pm.args) if (w.value && /^-[a-zA-FH-Z]*G[a-zA-Z]*$/.test(w.value)) reportFlag(w, `\`zypper ${pm.subcommand} ${w.value}\` adds a repository with package signature checks turned off.`);
    }
  }

  for (const instr of model.instructions) {
    if (instr.keyword !== 'RUN' && instr.keyword !== 'COPY') continue;
    for (const { pattern, hint, what, skip, narrow } of CONFIG_TEXT) {
      for (const m of matchInstructionText(model, instr, pattern, hint)) {
        if (skip?.(m.match)) continue;
        const part = narrow ? narrow(m.match) : [0, m.match[0].length];
        if (!part) continue;
        const [start, end] = [m.start + part[0], m.start + part[1]];
        if (instr.keyword === 'COPY' && !inHeredocBody(model, instr, start)) continue;
        report(start, end, `\`${m.match[0].slice(part[0], part[1]).replace(/\s+/g, ' ')}\` ${what}.`);
      }
    }
  }
}

function describeFlag(flag: string): string {
  switch (flag) {
    case '--force-yes':
      return 'makes apt accept unauthenticated (unsigned) packages and downgrades without asking';
    case '--allow-insecure-repositories':
    case '--allow-downgrade-to-insecure-repositories':
      return 'lets apt use repositories whose metadata is not signed';
    case '--nodigest':
    case '--nofiledigest':
      return 'installs without checking the package digests';
    default:
      return 'installs packages without checking their signatures';
  }
}


const rule: DockerfileRule = {
  meta: {
    id: 'unsigned-packages',
    title: 'Package signature checks disabled',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports package-manager options and settings that install packages without verifying their signatures: apk `--allow-untrusted`, apt `--allow-unauthenticated`/`--force-yes`/`-o APT::Get::AllowUnauthenticated=true`, `[trusted=yes]` on a remote apt source, yum/dnf/microdnf/tdnf `--nogpgcheck` and `gpgcheck=0`, rpm `--nosignature`/`--nodigest`/`--noverify`, zypper `--no-gpg-checks`.',
    rationale:
      'Signatures are what ties a package to its publisher; mirrors and proxies are not trusted. With the check off, a compromised mirror, a hijacked repository host or anyone on the network path can ship a modified package, and it runs as root in the build and ends up in the image.',
    howToFix:
      'Remove the flag or setting and import the repository\'s signing key instead: `curl -fsSL <key-url> | gpg --dearmor -o /usr/share/keyrings/<repo>.gpg` with `signed-by=` on the apt source, `rpm --import <key>` / `gpgkey=` in the .repo file, the key file in `/etc/apk/keys/` for apk. For locally built packages, sign them or install them from a `file:` repository.',
    example: {
      bad: 'FROM alpine:3.20\nCOPY vendor.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/vendor.apk',
      good: 'FROM alpine:3.20\nCOPY vendor.rsa.pub /etc/apk/keys/\nCOPY vendor.apk /tmp/\nRUN apk add --no-cache /tmp/vendor.apk',
    },
    aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11', 'CIS 4.11'],
    references: [
      cis('4.11', 'Ensure only verified packages are installed'),
      { title: 'Debian wiki: SecureApt', url: 'https://wiki.debian.org/SecureApt' },
      { title: 'apt-get(8): --allow-unauthenticated', url: 'https://manpages.debian.org/bookworm/apt/apt-get.8.en.html' },
    ],
  },
  check,
};

export default rule;
