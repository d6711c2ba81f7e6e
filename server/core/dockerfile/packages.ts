/**
 * What a package install names, and whether each name is pinned to a version: the words of
 * `apt-get install`, `apk add`, `pip install`, `npm install -g`, `gem install`, `go install`,
 * `yum`/`dnf`/`zypper install`, with option values (`-t <release>`, `--virtual .deps`, `-r file`) set
 * aside, and each remaining word judged the way its tool reads it.
 *
 * One notion of "pinned" for every ecosystem: the spec selects one version or one version line
 * (`=1.2.3`, `=1.2.*`, `~1.2`, `==1.2.3`, `~=1.2`, `^1.2.3`, `<2`, `name-1.2-3.el9`); it is not pinned
 * when it names no version, a moving tag (`latest`, `next`, `@main`), a release or repository instead of
 * a version (`pkg/bookworm-backports`, `pkg@edge`), or only a lower bound (`>=1.2`), which keeps
 * floating up. Files, paths, URLs and groups are not packages from a registry and are never judged.
 *
 * Pure functions over the shell words commands.ts recognises; offsets are document offsets.
 */
import { cutAtFirst, withoutSpans } from '../text';
import type { DfInstruction, DockerfileModel } from './model';
import type { ShellCommand, ShellWord } from './shell';
import { packageManagerOf, parseOptions, resolveCommand, type OptionSpec, type PackageManagerCall } from './commands';

export type Ecosystem = 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'go' | 'yum' | 'dnf' | 'zypper';

export type PinVerdict =
  | { kind: 'pinned' }
  /** `detail` says why a version-looking spec does not pin (tag, lower bound, release). */
  | { kind: 'unpinned'; detail?: string }
  /** A file, path, URL, group or removal: nothing a version could be pinned on. */
  | { kind: 'not-a-package' };

export interface InstallTarget {
  /** The word to report (a `$VAR` that expanded to several packages: each has the variable's word). */
  word: ShellWord;
  /** The spec as the tool reads it (`curl`, `flask>=2`, `foo = 1.2` for zypper's spaced operators). */
  value: string;
  verdict: PinVerdict;
}

export interface PackageInstall {
  ecosystem: Ecosystem;
  call: PackageManagerCall;
  /** The install as written, for messages: `apt-get install`, `python3 -m pip install`, `npm install -g`. */
  label: string;
  targets: InstallTarget[];
}

const PINNED: PinVerdict = { kind: 'pinned' };
const UNPINNED: PinVerdict = { kind: 'unpinned' };
const OTHER: PinVerdict = { kind: 'not-a-package' };

/** Branch and query names that move: a ref or tag with one of these names is not a pin. */
const FLOATING_REFS = new Set(['latest', 'master', 'main', 'head', 'develop', 'development', 'dev', 'trunk', 'nightly', 'edge', 'next', 'canary', 'upgrade', 'patch']);

/** Text safe to put in a message: credentials in URLs removed, long values shortened. */
export function displaySpec(value: string): string {
  const clean = value.replace(/(\/\/)[^/@\s]*@/g, '$1');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

// ---- version constraints ----------------------------------------------------------------------

/**
 * Judges a comparison list (`>=1.2,<2`, `==1.2.*`, `~=1.2`, `= 1.2`, `>= 1.0, < 2`): an exact, compatible
 * or upper-bounded constraint pins a version line; a lower bound or exclusion alone does not.
 */
export function judgeConstraint(constraint: string): PinVerdict {
  const ops = [...constraint.matchAll(/(===|==|~=|=~|!=|<=|>=|~>|[<>=~^])/g)].map((m) => m[1]);
  if (ops.length === 0) return UNPINNED;
  if (ops.some((op) => op !== '>=' && op !== '>' && op !== '!=')) return PINNED;
  const lower = ops.find((op) => op !== '!=');
  return { kind: 'unpinned', detail: lower ? `\`${lower}\` sets only a lower bound` : '`!=` only excludes versions' };
}

/** Splits `name OP version` at the first comparison operator; undefined when there is none. */
function splitAtOperator(spec: string, operators = /[=<>~!]/): { name: string; constraint: string } | undefined {
  const m = operators.exec(spec);
  if (!m) return undefined;
  return { name: spec.slice(0, m.index).trim(), constraint: spec.slice(m.index).trim() };
}

/** `./x`, `../x`, `/x`, `~/x`, `.`, `..`. */
function isPath(value: string): boolean {
  return value === '.' || value === '..' || /^(\.\.?\/|\/|~)/.test(value);
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

// ---- apt --------------------------------------------------------------------------------------

const APT_OPTIONS: OptionSpec = {
  shortWithValue: 'octaP',
  longWithValue: ['option', 'config-file', 'target-release', 'default-release', 'host-architecture', 'build-profiles', 'solver'],
};

/**
 * apt-get/apt: `pkg=1.2.3` and `pkg=1.2.*` are pinned; `pkg`, `pkg:arm64` and `pkg/bookworm-backports`
 * (a release, the version inside it still moves) are not. `.deb` files and paths are not packages,
 * `pkg-` is a removal.
 */
export function judgeApt(value: string): PinVerdict {
  if (isPath(value) || value.endsWith('.deb') || value.endsWith('.dsc') || value.endsWith('.changes')) return OTHER;
  if (value.endsWith('-') || value === '') return OTHER;
  if (value.includes('=')) return PINNED;
  const slash = value.indexOf('/');
  if (slash > 0) {
    if (value.indexOf('/', slash + 1) >= 0) return OTHER;
    return { kind: 'unpinned', detail: `\`/${value.slice(slash + 1)}\` selects a release, not a version` };
  }
  return UNPINNED;
}

// ---- apk --------------------------------------------------------------------------------------

const APK_OPTIONS: OptionSpec = {
  shortWithValue: 'Xpt',
  longWithValue: ['virtual', 'repository', 'root', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'progress-fd', 'cache-max-age', 'timeout', 'wait'],
};

/**
 * apk: `pkg=1.2.3-r0`, `pkg~1.2`, `pkg=~1.2`, `pkg<2` are pinned; `pkg`, `pkg>=1` and `pkg@edge` (a
 * repository tag) are not. `.apk` files and paths are not packages; `!pkg` forbids a package.
 */
export function judgeApk(value: string): PinVerdict {
  if (isPath(value) || value.endsWith('.apk') || isUrl(value) || value.startsWith('!') || value === '') return OTHER;
  const at = value.indexOf('@');
  const spec = at > 0 ? value.slice(0, at) : value;
  const split = splitAtOperator(spec, /[=<>~]/);
  if (split) return judgeConstraint(split.constraint);
  if (at > 0) return { kind: 'unpinned', detail: `\`@${value.slice(at + 1)}\` selects a repository, not a version` };
  return UNPINNED;
}

// ---- pip --------------------------------------------------------------------------------------

const PIP_OPTIONS: OptionSpec = {
  // pip: -r -c -e -t -f -i -b -C; uv pip: also -p (--python) and -P (--upgrade-package).
  shortWithValue: 'rcetfibCpP',
  longWithValue: [
    'requirement', 'constraint', 'editable', 'target', 'platform', 'python-version', 'implementation', 'abi', 'root',
    'prefix', 'src', 'upgrade-strategy', 'config-settings', 'global-option', 'install-option', 'build-option',
    'no-binary', 'only-binary', 'progress-bar', 'root-user-action', 'report', 'index-url', 'extra-index-url',
    'find-links', 'log', 'log-file', 'proxy', 'retries', 'timeout', 'exists-action', 'trusted-host', 'cert',
    'client-cert', 'cache-dir', 'python', 'use-feature', 'use-deprecated', 'keyring-provider', 'resume-retries',
    'group', 'build', 'download',
    // uv pip install
    'override', 'extra', 'index', 'default-index', 'index-strategy', 'resolution', 'prerelease', 'exclude-newer',
    'python-platform', 'config-setting', 'link-mode', 'torch-backend', 'build-constraints', 'no-build-package',
    'no-binary-package', 'reinstall-package', 'upgrade-package', 'refresh-package', 'config-file', 'directory',
    'project', 'color', 'allow-insecure-host', 'exclude',
  ],
};

const PIP_ARCHIVES = /\.(whl|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|zip)$/i;
const VCS_SCHEME = /^(git|hg|svn|bzr)(\+[a-z]+)?:/i;

/** A VCS URL (`git+https://host/x/y.git@v1.2#egg=y`): pinned when it names a ref that does not move. */
function judgeVcs(url: string, refSeparator = '@'): PinVerdict {
  const noFragment = cutAtFirst(url, '#');
  const afterAuthority = noFragment.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  const at = afterAuthority.lastIndexOf(refSeparator);
  if (at < 0) return { kind: 'unpinned', detail: 'the repository URL names no commit or tag' };
  const ref = afterAuthority.slice(at + 1);
  if (ref === '' || FLOATING_REFS.has(ref.toLowerCase())) return { kind: 'unpinned', detail: `\`${ref || '(empty)'}\` is a moving ref` };
  return PINNED;
}

/**
 * The URL of `name @ url` when the name is made of letters, digits, `._-[],` and spaces (what
 * `/^[A-Za-z0-9._\-[\], ]+?\s*@\s*(\S+)$/` took, whose lazy name and `\s*` shared the spaces: quadratic).
 */
export function directReference(spec: string): string | undefined {
  const m = /^([^@]*)@\s*(\S+)$/.exec(spec);
  if (!m) return undefined;
  const name = m[1].trimEnd();
  // The blanks before `@` go to ` @ `; a name of spaces only keeps one of them as its name, as the pattern did.
  return /^[A-Za-z0-9._\-[\], ]*$/.test(name) && (name !== '' || m[1].startsWith(' ')) ? m[2] : undefined;
}

/**
 * pip: `pkg==1.2.3`, `pkg===1.2.3`, `pkg~=1.2`, `pkg==1.2.*`, `pkg>=1,<2` and `pkg @ <url>` are pinned;
 * `pkg`, `pkg[extra]`, `pkg>=1.2` are not. Local paths, archives and plain URLs are not packages; a VCS URL
 * needs `@<commit or tag>`.
 */
export function judgePip(value: string): PinVerdict {
  const spec = cutAtFirst(value, ';').trim();
  // PEP 508 direct reference: `name @ url` (a VCS URL needs its ref; an archive or file is one artifact).
  const direct = directReference(spec);
  if (direct !== undefined && (isUrl(direct) || VCS_SCHEME.test(direct) || direct.startsWith('file:'))) {
    return VCS_SCHEME.test(direct) ? judgeVcs(direct) : PINNED;
  }
  if (spec === '' || isPath(spec) || PIP_ARCHIVES.test(spec)) return OTHER;
  if (VCS_SCHEME.test(spec)) return judgeVcs(spec);
  if (isUrl(spec) || spec.startsWith('file:')) return OTHER;
  if (spec.includes('/')) return OTHER; // a relative path (`src/pkg`)
  const split = splitAtOperator(withoutSpans(spec, '[', ']', false), /[=<>~!]/);
  return split ? judgeConstraint(split.constraint) : UNPINNED;
}

// ---- npm --------------------------------------------------------------------------------------

const NPM_OPTIONS: OptionSpec = {
  shortWithValue: 'CwF',
  longWithValue: [
    'prefix', 'registry', 'loglevel', 'userconfig', 'globalconfig', 'cache', 'workspace', 'location', 'tag', 'omit',
    'include', 'install-strategy', 'before', 'otp', 'cwd', 'modules-folder', 'cache-folder', 'global-folder',
    'network-timeout', 'mutex', 'dir', 'filter', 'store-dir', 'global-dir', 'global-bin-dir', 'virtual-store-dir',
  ],
};

const NPM_GIT = /^(git(\+(ssh|https?|file))?:\/\/|github:|gitlab:|bitbucket:|gist:)/i;

/** The version part of an npm spec (`^1.2.3`, `latest`, `1.x`): pinned unless a tag, a wildcard or a lower bound. */
function judgeNpmRange(range: string): PinVerdict {
  const r = range.trim();
  if (r === '' || r === '*' || /^[xX]$/.test(r)) return { kind: 'unpinned', detail: r === '' ? undefined : `\`${r}\` matches any version` };
  if (/^[A-Za-z][\w.-]*$/.test(r) && !/^v\d/.test(r)) return { kind: 'unpinned', detail: `\`${r}\` is a dist-tag, which moves with each release` };
  if (r.includes('||') || r.includes(' - ')) return PINNED;
  return /[<>=~^]/.test(r) ? judgeConstraint(r) : PINNED;
}

/**
 * npm/yarn/pnpm: `pkg@1.2.3`, `@scope/pkg@^1.2`, `user/repo#<commit>` are pinned; `pkg`, `pkg@latest` (a
 * dist-tag), `pkg@*`, `pkg@>=1` are not. Folders, tarballs and plain URLs are not registry packages.
 */
export function judgeNpm(value: string): PinVerdict {
  if (value === '' || isPath(value) || value.startsWith('file:') || /\.(tgz|tar\.gz|tar)$/i.test(value)) return OTHER;
  const alias = /^((?:@[^/@]+\/)?[^/@]+)@npm:(.+)$/.exec(value);
  if (alias) return judgeNpm(alias[2]);
  if (NPM_GIT.test(value) || (!value.startsWith('@') && /^[\w.-]+\/[\w.-]+(#.*)?$/.test(value))) {
    const hash = value.indexOf('#');
    if (hash < 0) return { kind: 'unpinned', detail: 'the repository names no commit or tag' };
    const ref = value.slice(hash + 1);
    if (ref.startsWith('semver:')) return judgeNpmRange(ref.slice(7));
    return ref === '' || FLOATING_REFS.has(ref.toLowerCase()) ? { kind: 'unpinned', detail: `\`${ref || '(empty)'}\` is a moving ref` } : PINNED;
  }
  if (isUrl(value)) return OTHER;
  const at = value.indexOf('@', value.startsWith('@') ? 1 : 0);
  return at < 0 ? UNPINNED : judgeNpmRange(value.slice(at + 1));
}

// ---- gem --------------------------------------------------------------------------------------

const GEM_OPTIONS: OptionSpec = {
  shortWithValue: 'vinsgP',
  longWithValue: ['version', 'install-dir', 'bindir', 'source', 'file', 'trust-policy', 'platform', 'document', 'build-root', 'without', 'target-rbconfig', 'http-proxy'],
};

/** gem: `name:1.2.3` / `name:~>1.2` are pinned (with `-v` the caller decides); `.gem` files and paths are not gems. */
export function judgeGem(value: string): PinVerdict {
  if (value === '' || isPath(value) || value.endsWith('.gem') || isUrl(value)) return OTHER;
  const colon = value.indexOf(':');
  if (colon < 0) return UNPINNED;
  const version = value.slice(colon + 1).trim();
  if (version === '') return UNPINNED;
  return /[<>=~]/.test(version) ? judgeConstraint(version.replace(/~>/g, '~')) : PINNED;
}

// ---- go ---------------------------------------------------------------------------------------

/** go build flags that take a value (`-ldflags '…'`, `-tags x`); the others are boolean. */
const GO_VALUE_FLAGS = new Set([
  'C', 'p', 'o', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'tags', 'mod', 'modfile', 'pkgdir', 'toolexec',
  'buildmode', 'compiler', 'installsuffix', 'overlay', 'pgo', 'covermode', 'coverpkg', 'exec', 'debug-actiongraph',
  'debug-trace', 'debug-runtime-trace',
]);

/**
 * go install/get/run: `mod/path@v1.2.3`, a commit hash or a pseudo-version is pinned; no `@`, `@latest`,
 * `@upgrade`, `@patch`, a branch such as `@main`, or `@>=v1` is not. Local packages (`./cmd/x`, `.`, `std`,
 * import paths whose first element has no dot) and `@none` (a removal) are not judged.
 */
export function judgeGo(value: string): PinVerdict {
  const at = value.indexOf('@');
  const path = at < 0 ? value : value.slice(0, at);
  if (path === '' || isPath(path) || !path.split('/')[0].includes('.') || path.endsWith('.go')) return OTHER;
  if (at < 0) return UNPINNED;
  const version = value.slice(at + 1);
  if (version === 'none') return OTHER;
  if (version === '' || FLOATING_REFS.has(version.toLowerCase())) {
    return { kind: 'unpinned', detail: version === '' ? undefined : `\`@${version}\` resolves to whatever is newest when the image is built` };
  }
  if (/^[<>]/.test(version)) return judgeConstraint(version);
  return PINNED;
}

// ---- rpm: yum / dnf / zypper ------------------------------------------------------------------

const YUM_OPTIONS: OptionSpec = {
  shortWithValue: 'cdex',
  longWithValue: [
    'config', 'installroot', 'releasever', 'exclude', 'excludepkgs', 'enablerepo', 'disablerepo', 'repo', 'repoid',
    'setopt', 'debuglevel', 'errorlevel', 'forcearch', 'downloaddir', 'destdir', 'color', 'repofrompath',
    'platform-id', 'rpmverbosity', 'comment', 'advisory', 'advisories', 'bz', 'cve', 'sec-severity', 'secseverity',
  ],
};

const ZYPPER_OPTIONS: OptionSpec = {
  shortWithValue: 'tr',
  longWithValue: ['type', 'repo', 'from', 'download', 'solver-focus'],
};

const RPM_ARCH = /\.(x86_64|noarch|aarch64|i686|i386|ppc64le|ppc64|s390x|armv7hl|armhfp|src)$/;

/** `name-version[-release]`: the last dash-separated part starts with a digit (`-1.2.3`, `-4.el9`, `-2:1.0`). */
function hasRpmVersion(value: string): boolean {
  const dash = value.lastIndexOf('-');
  return dash > 0 && /^\d/.test(value.slice(dash + 1));
}

/**
 * yum/dnf (also microdnf, tdnf): `name-1.2.3`, `name-1.2.3-1.el9.x86_64`, `name-2:1.0*`, `'name = 1.2'` are
 * pinned; `name`, `name.x86_64`, `'name >= 1'` are not. `.rpm` files, URLs, paths (file provides) and
 * `@group`/`@module` are not judged.
 */
export function judgeRpm(value: string): PinVerdict {
  if (value === '' || isPath(value) || isUrl(value) || value.endsWith('.rpm') || value.startsWith('@')) return OTHER;
  const split = splitAtOperator(value, /[=<>]/);
  if (split) return judgeConstraint(split.constraint);
  return hasRpmVersion(value.replace(RPM_ARCH, '')) ? PINNED : UNPINNED;
}

/** `dnf module install nodejs:18`: a module is pinned when it names its stream. */
export function judgeRpmModule(value: string): PinVerdict {
  if (value === '' || isPath(value) || value.startsWith('@')) return OTHER;
  return value.includes(':') ? PINNED : { kind: 'unpinned', detail: 'the module names no stream (`name:stream`)' };
}

/**
 * zypper: `name=1.2.3`, `name<2`, `name-1.2.3` are pinned; `name`, `name>=1` are not. `.rpm` files, URLs,
 * paths, and patterns/patches/products (`pattern:x`) are not judged; a repository prefix (`repo:name`) is
 * read past.
 */
export function judgeZypper(value: string): PinVerdict {
  if (value === '' || isPath(value) || isUrl(value) || value.endsWith('.rpm')) return OTHER;
  const kind = /^(pattern|patch|product|srcpackage|application):/.exec(value);
  if (kind) return OTHER;
  const split = splitAtOperator(value, /[=<>]/);
  if (split) return judgeConstraint(split.constraint);
  const name = value.replace(/^(package:)?[\w.-]+:(?=[^:]+$)/, '');
  return hasRpmVersion(name.replace(RPM_ARCH, '')) ? PINNED : UNPINNED;
}

// ---- install calls ----------------------------------------------------------------------------

/** The words of `words` that name what to install: positionals with a known value, option values set aside. */
function namedTargets(words: ShellWord[], spec: OptionSpec): ShellWord[] {
  return parseOptions(words, spec).positionals.filter((w) => w.value !== null);
}

function targets(words: ShellWord[], judge: (value: string) => PinVerdict): InstallTarget[] {
  return words.map((word) => ({ word, value: word.value!, verdict: judge(word.value!) }));
}

function toolLabel(call: PackageManagerCall): string {
  if (call.via === 'uv') return 'uv pip';
  if (call.via === 'python -m') return `${call.command.name} -m ${call.manager}`;
  return call.command.name;
}

/** `-g`, `--global`, `--global=true`, `--location=global`, `--location global` among npm/pnpm options. */
function isGlobalFlag(words: ShellWord[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === null) continue;
    if (v === '--') break;
    if (v === '-g' || v === '--global' || v === '--global=true' || v === '--location=global' || v === '-g=true') return true;
    if (v === '--location' && words[i + 1]?.value === 'global') return true;
  }
  return false;
}

/** True when a pip constraints file may be in force: `-c`, `--constraint`, or PIP_CONSTRAINT / UV_CONSTRAINT set. */
function pipConstrained(call: PackageManagerCall, instr: DfInstruction, cmd: ShellCommand): boolean {
  const parsed = parseOptions(call.args, PIP_OPTIONS);
  if (parsed.options.some((o) => (o.long ? o.name === 'constraint' || o.name === 'build-constraints' : o.name === 'c'))) return true;
  const names = call.via === 'uv' ? ['UV_CONSTRAINT', 'PIP_CONSTRAINT'] : ['PIP_CONSTRAINT'];
  return names.some((n) => cmd.assigns.includes(n) || (instr.scope.has(n) && instr.scope.get(n) !== ''));
}

/** Go flags stop at the first package; `-flag=value` carries its value. */
function goPackages(words: ShellWord[]): ShellWord[] {
  let i = 0;
  for (; i < words.length; i++) {
    const v = words[i].value;
    if (v === null) return [];
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-')) break;
    const name = v.replace(/^--?/, '');
    if (!name.includes('=') && GO_VALUE_FLAGS.has(name)) i++;
  }
  return words.slice(i).filter((w) => w.value !== null);
}

/** zypper accepts `name = 1.2` as three words: merge an operator word with its neighbours. */
function zypperTargets(words: ShellWord[]): InstallTarget[] {
  const out: InstallTarget[] = [];
  for (let i = 0; i < words.length; i++) {
    const op = words[i + 1]?.value;
    if (op !== undefined && op !== null && /^(=|==|<|<=|>|>=)$/.test(op) && words[i + 2]?.value) {
      const value = `${words[i].value} ${op} ${words[i + 2].value}`;
      out.push({ word: words[i], value, verdict: judgeZypper(value) });
      i += 2;
      continue;
    }
    out.push({ word: words[i], value: words[i].value!, verdict: judgeZypper(words[i].value!) });
  }
  return out;
}

/** pip accepts `name @ url` as three words: merge them. */
function pipTargets(words: ShellWord[]): InstallTarget[] {
  const out: InstallTarget[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i + 1]?.value === '@' && words[i + 2]?.value) {
      const value = `${words[i].value} @ ${words[i + 2].value}`;
      out.push({ word: words[i], value, verdict: judgePip(value) });
      i += 2;
      continue;
    }
    out.push({ word: words[i], value: words[i].value!, verdict: judgePip(words[i].value!) });
  }
  return out;
}

/**
 * The package install a RUN command performs (ARG/ENV-substituted words expanded), with each named package
 * judged; undefined for any other command. Installs that name no packages (`npm install`, `pip install -r
 * x`) have no targets. Only global npm/yarn/pnpm installs count (local ones follow the lockfile).
 */
export function packageInstallOf(model: DockerfileModel, instr: DfInstruction, command: ShellCommand): PackageInstall | undefined {
  const cmd = resolveCommand(model, instr, command);
  const call = packageManagerOf(cmd);
  if (!call || call.subcommand === undefined) return undefined;
  const sub = call.subcommandWord?.value ?? '';
  const tool = toolLabel(call);
  const label = `${tool} ${sub}`;
  const make = (ecosystem: Ecosystem, list: InstallTarget[], text = label): PackageInstall => ({ ecosystem, call, label: text, targets: list });
  switch (call.manager) {
    case 'apt-get':
    case 'apt':
      if (sub !== 'install') return undefined;
      return make('apt', targets(namedTargets(call.args, APT_OPTIONS), judgeApt));
    case 'apk':
      if (sub !== 'add') return undefined;
      return make('apk', targets(namedTargets(call.args, APK_OPTIONS), judgeApk));
    case 'pip': {
      if (sub !== 'install') return undefined;
      const list = pipConstrained(call, instr, cmd) ? [] : pipTargets(namedTargets(call.args, PIP_OPTIONS));
      // `-e <spec>` is a spec too (a VCS URL or a path).
      for (const o of parseOptions(call.args, PIP_OPTIONS).options) {
        if ((o.long ? o.name === 'editable' : o.name === 'e') && o.value) {
          list.push({ word: o.valueWord ?? o.word, value: o.value, verdict: judgePip(o.value) });
        }
      }
      list.sort((a, b) => a.word.start - b.word.start);
      return make('pip', list);
    }
    case 'npm':
    case 'pnpm': {
      const installs = call.manager === 'npm' ? ['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall'] : ['add', 'install', 'i'];
      if (!installs.includes(sub) || !(isGlobalFlag(call.args) || isGlobalFlag(call.globalArgs))) return undefined;
      return make('npm', targets(namedTargets(call.args, NPM_OPTIONS), judgeNpm), `${label} -g`);
    }
    case 'yarn': {
      if (sub !== 'global' || call.args[0]?.value !== 'add') return undefined;
      return make('npm', targets(namedTargets(call.args.slice(1), NPM_OPTIONS), judgeNpm), `${label} add`);
    }
    case 'gem': {
      if (sub !== 'install' && sub !== 'i') return undefined;
      const parsed = parseOptions(call.args.slice(0, endOfOptions(call.args)), GEM_OPTIONS);
      const versions = parsed.options.filter((o) => (o.long ? o.name === 'version' : o.name === 'v'));
      const words = parsed.positionals.filter((w) => w.value !== null);
      if (versions.length > 0) {
        // `-v` applies to the gems named; dynamic values (`-v "$V"`) are pins whose value is decided at build time.
        const known = versions.map((o) => o.value).filter((v): v is string => typeof v === 'string');
        const verdict = known.length < versions.length ? PINNED : judgeGemVersion(known.join(','));
        return make('gem', words.map((word) => ({ word, value: word.value!, verdict: judgeGem(word.value!).kind === 'not-a-package' ? OTHER : verdict })));
      }
      return make('gem', targets(words, judgeGem));
    }
    case 'go': {
      if (sub !== 'install' && sub !== 'get' && sub !== 'run') return undefined;
      let words = goPackages(call.args);
      if (sub === 'run') words = words.slice(0, 1); // the rest are the program's arguments
      return make('go', targets(words, judgeGo));
    }
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf': {
      const ecosystem: Ecosystem = call.manager === 'yum' ? 'yum' : 'dnf';
      if (sub === 'module') {
        const args = namedTargets(call.args, YUM_OPTIONS);
        if (args[0]?.value !== 'install') return undefined;
        return make(ecosystem, targets(args.slice(1), judgeRpmModule), `${label} install`);
      }
      if (sub !== 'install' && sub !== 'in') return undefined;
      return make(ecosystem, targets(namedTargets(call.args, YUM_OPTIONS), judgeRpm));
    }
    case 'zypper': {
      if (sub !== 'install' && sub !== 'in') return undefined;
      const parsed = parseOptions(call.args, ZYPPER_OPTIONS);
      const type = parsed.options.find((o) => (o.long ? o.name === 'type' : o.name === 't'));
      if (type && type.value !== 'package') return make('zypper', []);
      return make('zypper', zypperTargets(parsed.positionals.filter((w) => w.value !== null)));
    }
    default:
      return undefined;
  }
}

/** Index of `--` in gem's arguments (what follows goes to the gem's build), or the length. */
function endOfOptions(args: ShellWord[]): number {
  const i = args.findIndex((a) => a.value === '--');
  return i < 0 ? args.length : i;
}

/** A `gem install -v` requirement (`1.2.3`, `~> 1.2`, `>= 1.0`, `>= 1, < 2`). */
function judgeGemVersion(requirement: string): PinVerdict {
  const r = requirement.trim();
  if (r === '') return UNPINNED;
  return /[<>=~!]/.test(r) ? judgeConstraint(r.replace(/~>/g, '~')) : PINNED;
}
