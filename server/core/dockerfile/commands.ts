/**
 * What a shell command *is*, for rules that judge RUN steps: the command a wrapper runs (`sudo`,
 * `env`, `busybox`, `xargs`, `find -exec`), a tool's options parsed the way the tool parses them
 * (short clusters such as `-fsSLk`, options with values such as `-o file` or `-ofile`), downloads
 * (`curl`/`wget`: URLs, where the body goes), and package-manager invocations (`apt-get install`,
 * `python -m pip install`, `uv pip install`, `rpm -ivh`, …).
 *
 * Pure functions over ShellCommand/ShellWord; offsets are the document offsets the words carry.
 */
import type { DfInstruction, DockerfileModel } from './model';
import { unwrap, type ShellCommand, type ShellWord } from './shell';
import { EFFECTIVE, keepMemo, MANAGER, memoOf, RESOLVED } from './command-memo';
import { unquote } from './variables';
import type { Fix, Range } from '../types';
import { trimEndOf, cutAtFirst } from '../text';

// ---- commands and wrappers --------------------------------------------------------------------

/** Base name of a path-like command word (`/usr/bin/curl` → `curl`). */
export function baseName(value: string): string {
  return value.slice(value.lastIndexOf('/') + 1);
}

/** A view of `cmd` whose command word is `args[index]` and whose arguments follow it. */
export function commandFrom(cmd: ShellCommand, index: number, args: ShellWord[] = cmd.args): ShellCommand {
  const word = args[index];
  return {
    name: baseName(word.value ?? ''),
    command: word,
    args: args.slice(index + 1),
    assigns: cmd.assigns,
    start: word.start,
    end: cmd.end,
    pipeTo: cmd.pipeTo,
    pipedFrom: cmd.pipedFrom,
  };
}

/** xargs options that take a value (as a separate word or attached). */
const XARGS_VALUE = new Set(['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--process-slot-var']);

/**
 * The command that actually runs: through `sudo`/`env`/`nice`/… (shell.ts `unwrap`), `busybox
 * <applet>` and `xargs [opts] <cmd>` (whose extra arguments come from stdin). Returns `cmd` itself
 * when it wraps nothing.
 */
export function effectiveCommand(cmd: ShellCommand): ShellCommand {
  // Many rules ask the same questions of the same command: the answers are kept on the command object (command-memo.ts).
  return memoOf<ShellCommand>(cmd, EFFECTIVE) ?? keepMemo(cmd, EFFECTIVE, computeEffectiveCommand(cmd));
}

function computeEffectiveCommand(cmd: ShellCommand): ShellCommand {
  let current = unwrap(cmd);
  for (let guard = 0; guard < 4; guard++) {
    if (current.name === 'busybox' && current.args.length > 0 && current.args[0].value) {
      current = unwrap(commandFrom(current, 0));
      continue;
    }
    if (current.name === 'xargs') {
      let i = 0;
      for (; i < current.args.length; i++) {
        const v = current.args[i].value;
        if (v === null) return current;
        if (!v.startsWith('-') || v === '-') break;
        if (XARGS_VALUE.has(v)) i++;
      }
      if (i >= current.args.length) return current;
      current = unwrap(commandFrom(current, i));
      continue;
    }
    break;
  }
  return current;
}

/**
 * `cmd` with its dynamic words substituted from ARG/ENV where their values are known (`apt-get install
 * $FLAGS x` with `ARG FLAGS=--allow-unauthenticated`): a word that resolves to several words becomes
 * several words, all with the original word's range. Words that stay unknown keep `value: null`.
 */
export function resolveCommand(model: DockerfileModel, instr: DfInstruction, cmd: ShellCommand): ShellCommand {
  if (cmd.command.value !== null && cmd.args.every((a) => a.value !== null)) return cmd;
  const cached = memoOf<{ instr: DfInstruction; resolved: ShellCommand }>(cmd, RESOLVED);
  if (cached?.instr === instr) return cached.resolved;
  const resolved = computeResolvedCommand(model, instr, cmd);
  keepMemo(cmd, RESOLVED, { instr, resolved });
  return resolved;
}

function computeResolvedCommand(model: DockerfileModel, instr: DfInstruction, cmd: ShellCommand): ShellCommand {
  const expand = (w: ShellWord): ShellWord[] => {
    if (w.value !== null) return [w];
    const resolved = model.resolve(w.raw, instr);
    if (resolved === undefined || /[$`]/.test(resolved)) return [w];
    const quoted = /^(["'])[\s\S]*\1$/.test(w.raw);
    const parts = quoted ? [resolved.slice(1, -1)] : resolved.split(/\s+/).filter((p) => p.length > 0);
    return parts.map((value) => ({ ...w, value }));
  };
  const words = [...expand(cmd.command), ...cmd.args.flatMap(expand)];
  if (words.length === 0) return cmd;
  const literal = words[0].value ?? '';
  return { ...cmd, name: baseName(literal), command: words[0], args: words.slice(1) };
}

/**
 * The commands `find … -exec cmd args {} ;` / `-execdir` / `-ok` runs, as ShellCommand views (the
 * `{}` and terminator words excluded).
 */
export function findExecCommands(cmd: ShellCommand): ShellCommand[] {
  const eff = effectiveCommand(cmd);
  if (eff.name !== 'find') return [];
  const out: ShellCommand[] = [];
  const args = eff.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
    let j = i + 1;
    while (j < args.length && args[j].value !== ';' && args[j].value !== '+') j++;
    const words = args.slice(i + 1, j).filter((w) => w.value !== '{}');
    if (words.length && words[0].value) {
      const view = commandFrom({ ...eff, end: (args[j - 1] ?? args[i]).end }, 0, words);
      view.end = words[words.length - 1].end;
      out.push(unwrap(view));
    }
    i = j;
  }
  return out;
}

// ---- option parsing ---------------------------------------------------------------------------

export interface OptionSpec {
  /** Short option letters that take a value (`o` for `-o file` / `-ofile`). */
  shortWithValue?: string;
  /** Long option names (without `--`) that take a value (`output` for `--output file` / `--output=file`). */
  longWithValue?: string[];
  /** Options stop at the first positional (POSIX getopt); default false (GNU style: options anywhere). */
  stopAtPositional?: boolean;
}

export interface ParsedOption {
  /** Letter (`k`) for short options, name (`insecure`) for long ones. */
  name: string;
  long: boolean;
  /** The word the option is written in (`-fsSLk`, `--output=x`, `--output`). */
  word: ShellWord;
  /** The value, for options that take one: its text (null when dynamic or missing). */
  value?: string | null;
  /** The word holding the value when it is a separate word. */
  valueWord?: ShellWord;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Non-option words (dynamic words included, `value: null`). */
  positionals: ShellWord[];
}

/** Parses a command's arguments the way getopt_long does, given which options take values. */
/** A spec's long options with a value, as a set built once per spec (curl's has ~100; specs are constants). */
const longSets = new WeakMap<OptionSpec, ReadonlySet<string>>();
function longOptionsWithValue(spec: OptionSpec): ReadonlySet<string> {
  let set = longSets.get(spec);
  if (!set) longSets.set(spec, (set = new Set(spec.longWithValue ?? [])));
  return set;
}

export function parseOptions(args: ShellWord[], spec: OptionSpec = {}): ParsedArgs {
  const shortWithValue = spec.shortWithValue ?? '';
  const longWithValue = longOptionsWithValue(spec);
  const options: ParsedOption[] = [];
  const positionals: ShellWord[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const v = word.value;
    if (onlyPositionals || v === null || !v.startsWith('-') || v === '-') {
      positionals.push(word);
      if (spec.stopAtPositional) onlyPositionals = true;
      continue;
    }
    if (v === '--') {
      onlyPositionals = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      if (eq >= 0) options.push({ name, long: true, word, value: v.slice(eq + 1) });
      else if (longWithValue.has(name)) {
        const next = args[i + 1];
        options.push({ name, long: true, word, value: next ? next.value : null, valueWord: next });
        i++;
      } else options.push({ name, long: true, word });
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = v[k];
      if (shortWithValue.includes(letter)) {
        if (k + 1 < v.length) {
          options.push({ name: letter, long: false, word, value: v.slice(k + 1) });
        } else {
          const next = args[i + 1];
          options.push({ name: letter, long: false, word, value: next ? next.value : null, valueWord: next });
          i++;
        }
        break;
      }
      options.push({ name: letter, long: false, word });
    }
  }
  return { options, positionals };
}

/** The parsed options named `short` (a letter) or `long` (a name). */
export function optionsNamed(parsed: ParsedArgs, short: string[], long: string[] = []): ParsedOption[] {
  return parsed.options.filter((o) => (o.long ? long.includes(o.name) : short.includes(o.name)));
}

// ---- downloads --------------------------------------------------------------------------------

export const CURL_OPTIONS: OptionSpec = {
  shortWithValue: 'AbcCdDeEFHKmoPQrtTuUwxXyYz',
  longWithValue: [
    'abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers',
    'config', 'connect-timeout', 'connect-to', 'continue-at', 'cookie', 'cookie-jar', 'create-file-mode',
    'curves', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode', 'delegation', 'dns-interface',
    'dns-ipv4-addr', 'dns-ipv6-addr', 'dns-servers', 'doh-url', 'dump-header', 'ech', 'engine', 'etag-compare',
    'etag-save', 'expect100-timeout', 'form', 'form-string', 'ftp-account', 'ftp-alternative-to-user',
    'ftp-method', 'ftp-port', 'ftp-ssl-ccc-mode', 'happy-eyeballs-timeout-ms', 'haproxy-clientip', 'header',
    'hostpubmd5', 'hostpubsha256', 'hsts', 'interface', 'ip-tos', 'json', 'keepalive-time', 'key', 'key-type',
    'krb', 'libcurl', 'limit-rate', 'local-port', 'login-options', 'mail-auth', 'mail-from', 'mail-rcpt',
    'max-filesize', 'max-redirs', 'max-time', 'netrc-file', 'noproxy', 'oauth2-bearer', 'output', 'output-dir',
    'parallel-max', 'pass', 'pinnedpubkey', 'preproxy', 'proto', 'proto-default', 'proto-redir', 'proxy',
    'proxy-cacert', 'proxy-capath', 'proxy-cert', 'proxy-cert-type', 'proxy-ciphers', 'proxy-header',
    'proxy-key', 'proxy-key-type', 'proxy-pass', 'proxy-pinnedpubkey', 'proxy-service-name', 'proxy-tls13-ciphers',
    'proxy-tlsauthtype', 'proxy-tlspassword', 'proxy-tlsuser', 'proxy-user', 'proxy1.0', 'pubkey', 'quote',
    'random-file', 'range', 'rate', 'referer', 'request', 'request-target', 'resolve', 'retry', 'retry-delay',
    'retry-max-time', 'sasl-authzid', 'service-name', 'socks4', 'socks4a', 'socks5', 'socks5-gssapi-service',
    'socks5-hostname', 'speed-limit', 'speed-time', 'stderr', 'telnet-option', 'tftp-blksize', 'time-cond',
    'tls-max', 'tls13-ciphers', 'tlsauthtype', 'tlspassword', 'tlsuser', 'trace', 'trace-ascii', 'trace-config',
    'unix-socket', 'upload-file', 'url', 'url-query', 'user', 'user-agent', 'variable', 'vlan-priority',
    'write-out',
  ],
};

export const WGET_OPTIONS: OptionSpec = {
  // `-n` takes a value too: `-nv`, `-nc`, `-nd`, `-nH`, `-np` are `-n v`, `-n c`, …
  shortWithValue: 'aABDeiIlnoOPQRtTUwX',
  longWithValue: [
    'output-file', 'append-output', 'execute', 'input-file', 'base', 'config', 'bind-address', 'tries',
    'output-document', 'timeout', 'dns-timeout', 'connect-timeout', 'read-timeout', 'limit-rate', 'wait',
    'waitretry', 'quota', 'directory-prefix', 'cut-dirs', 'user', 'password', 'http-user', 'http-password',
    'header', 'max-redirect', 'proxy-user', 'proxy-password', 'referer', 'save-cookies', 'load-cookies',
    'post-data', 'post-file', 'method', 'body-data', 'body-file', 'user-agent', 'secure-protocol', 'certificate',
    'certificate-type', 'private-key', 'private-key-type', 'ca-certificate', 'ca-directory', 'crl-file',
    'pinnedpubkey', 'random-file', 'egd-file', 'hsts-file', 'level', 'accept', 'reject', 'accept-regex',
    'reject-regex', 'domains', 'exclude-domains', 'follow-tags', 'ignore-tags', 'include-directories',
    'exclude-directories', 'restrict-file-names', 'local-encoding', 'remote-encoding', 'prefer-family',
    'report-speed', 'retry-on-http-error', 'compression', 'default-page', 'progress', 'backups',
  ],
};

export type Downloader = 'curl' | 'wget';

export interface Download {
  tool: Downloader;
  /** The downloader command itself (wrappers removed). */
  command: ShellCommand;
  options: ParsedArgs['options'];
  /** URL words (curl positionals and `--url`, wget positionals). */
  urls: ShellWord[];
  /**
   * Where the body is written: `-` for standard output, a path, or null when the path is dynamic.
   * For `curl -O` / `wget URL` the path is the URL's last segment (null when the URL is dynamic).
   */
  output: string | null;
  /** True when the body goes to standard output (so a pipe receives it). */
  toStdout: boolean;
}

const DOWNLOADERS: Record<string, Downloader> = { curl: 'curl', wget: 'wget', wget2: 'wget' };

function urlFileName(url: ShellWord | undefined): string | null {
  if (!url || url.value === null) return null;
  const path = trimEndOf(cutAtFirst(url.value, '?#'), '/');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name && !name.includes(':') ? name : null;
}

function isStdoutPath(path: string | null): boolean {
  return path === '-' || path === '/dev/stdout' || path === '/proc/self/fd/1' || path === '/dev/fd/1';
}

/** The download a `curl`/`wget` command performs (through wrappers and `busybox`); undefined otherwise. */
export function downloaderOf(cmd: ShellCommand): Download | undefined {
  const eff = effectiveCommand(cmd);
  const tool = DOWNLOADERS[eff.name];
  if (!tool) return undefined;
  const parsed = parseOptions(eff.args, tool === 'curl' ? CURL_OPTIONS : WGET_OPTIONS);
  const urls = [...parsed.positionals];
  let output: string | null;
  if (tool === 'curl') {
    for (const o of optionsNamed(parsed, [], ['url'])) if (o.valueWord) urls.push(o.valueWord);
    const out = optionsNamed(parsed, ['o', 'O'], ['output', 'remote-name', 'remote-name-all']);
    const last = out[out.length - 1];
    if (!last) output = '-';
    else if (last.name === 'o' || last.name === 'output') output = last.value ?? null;
    else output = urlFileName(urls[0]);
  } else {
    const out = optionsNamed(parsed, ['O'], ['output-document']);
    const last = out[out.length - 1];
    if (last) output = last.value ?? null;
    else {
      const name = urlFileName(urls[0]) ?? (urls[0]?.value !== null ? 'index.html' : null);
      const prefix = optionsNamed(parsed, ['P'], ['directory-prefix']).pop();
      output = name && prefix ? (prefix.value === null || prefix.value === undefined ? null : `${trimEndOf(prefix.value, '/')}/${name}`) : name;
    }
  }
  return { tool, command: eff, options: parsed.options, urls, output, toStdout: isStdoutPath(output) };
}

// ---- package managers -------------------------------------------------------------------------

export type PackageManager =
  | 'apt-get' | 'apt' | 'aptitude' | 'dpkg'
  | 'apk'
  | 'yum' | 'dnf' | 'microdnf' | 'tdnf' | 'rpm'
  | 'zypper'
  | 'pacman'
  | 'pip' | 'uv' | 'pipenv' | 'poetry' | 'conda'
  | 'npm' | 'yarn' | 'pnpm'
  | 'gem' | 'go' | 'cargo';

export interface PackageManagerCall {
  manager: PackageManager;
  /** How pip was reached: `python -m pip` or `uv pip`; undefined for a direct `pip`/`pip3`. */
  via?: 'python -m' | 'uv';
  /** The command word that runs it (`pip3`, `python3`, `uv`, `sudo`-less). */
  command: ShellCommand;
  /**
   * The subcommand, normalised: `install` for `apt-get install`, `apk add`, `npm i`, `rpm -ivh`,
   * `dpkg -i`, `pacman -S`; otherwise the word as written (`update`, `config`, …). Undefined when none.
   */
  subcommand?: string;
  subcommandWord?: ShellWord;
  /** Arguments after the subcommand (all arguments for rpm/dpkg/pacman, whose modes are flags). */
  args: ShellWord[];
  /** Arguments between the tool and its subcommand (global options). */
  globalArgs: ShellWord[];
}

/** Per manager: global options that take a value (they may sit before the subcommand). */
const GLOBAL_VALUE_OPTIONS: Partial<Record<PackageManager, string[]>> = {
  'apt-get': ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'],
  apt: ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'],
  aptitude: ['-o', '-t', '-F', '-w', '--target-release', '--display-format', '--width'],
  apk: ['-X', '-p', '--repository', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--progress-fd', '--cache-max-age', '--timeout', '--wait'],
  yum: ['-c', '-d', '-e', '-x', '--config', '--installroot', '--releasever', '--exclude', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--setopt', '--debuglevel', '--errorlevel', '--forcearch', '--downloaddir', '--destdir', '--color', '--repofrompath'],
  dnf: ['-c', '-d', '-e', '-x', '--config', '--installroot', '--releasever', '--exclude', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--setopt', '--debuglevel', '--errorlevel', '--forcearch', '--downloaddir', '--destdir', '--color', '--repofrompath', '--use-host-config'],
  microdnf: ['--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '--best', '--platform-id', '--exclude'],
  tdnf: ['-c', '-d', '-e', '-x', '--config', '--installroot', '--releasever', '--exclude', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--setopt', '--downloaddir'],
  zypper: ['-c', '-R', '-D', '-C', '--config', '--root', '--reposd-dir', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--installroot'],
  pip: ['--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--python', '--use-feature', '--use-deprecated', '--progress-bar', '--keyring-provider', '--resume-retries'],
  uv: ['--cache-dir', '--color', '--config-file', '--directory', '--project', '--python', '--allow-insecure-host', '--trusted-host'],
  npm: ['--prefix', '--registry', '--loglevel', '--userconfig', '--cache', '-C', '-w', '--workspace'],
  yarn: ['--cwd', '--registry', '--modules-folder', '--cache-folder', '--global-folder', '--network-timeout', '--mutex'],
  pnpm: ['-C', '--dir', '-w', '--filter', '-F', '--registry', '--store-dir'],
  gem: [],
  go: ['-C'],
  cargo: ['-Z', '--config', '--color', '-C'],
  conda: [],
  pipenv: ['--python'],
  poetry: ['-C', '--directory', '-P', '--project'],
};

const SIMPLE_MANAGERS: Record<string, PackageManager> = {
  'apt-get': 'apt-get', apt: 'apt', aptitude: 'aptitude', apk: 'apk', yum: 'yum', dnf: 'dnf', dnf5: 'dnf',
  'dnf-3': 'dnf', microdnf: 'microdnf', tdnf: 'tdnf', zypper: 'zypper', npm: 'npm', yarn: 'yarn', yarnpkg: 'yarn',
  pnpm: 'pnpm', gem: 'gem', go: 'go', cargo: 'cargo', conda: 'conda', mamba: 'conda', micromamba: 'conda',
  pipenv: 'pipenv', poetry: 'poetry', uv: 'uv',
};

/** `pip`, `pip3`, `pip3.12`, `pip2.7`. */
export function isPipName(name: string): boolean {
  return /^pip(\d+(\.\d+)?)?$/.test(name);
}

/** `python`, `python3`, `python3.12`, `python2.7`, `pypy3`. */
export function isPythonName(name: string): boolean {
  return /^(python|pypy)(\d+(\.\d+)?)?$/.test(name);
}

/** Python interpreter options that take a value. */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '--check-hash-based-pycs']);

/** For `python [opts] -m <module> …`: the index of the module word in `args`, or -1. */
function pythonModuleIndex(args: ShellWord[]): { index: number; module: string | null } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null || !v.startsWith('-') || v === '-') return undefined;
    if (v === '-m') return { index: i + 1, module: args[i + 1]?.value ?? null };
    if (v.startsWith('-m')) return { index: i, module: v.slice(2) };
    if (v === '-c' || /^-[^-]*c/.test(v)) return undefined;
    if (PYTHON_VALUE_OPTIONS.has(v)) i++;
  }
  return undefined;
}

/** Splits `args` at the subcommand: the first positional after global options (with their values). */
function splitSubcommand(args: ShellWord[], manager: PackageManager): { global: ShellWord[]; sub?: ShellWord; rest: ShellWord[] } {
  const withValue = GLOBAL_VALUE_OPTIONS[manager] ?? [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) return { global: args.slice(0, i), sub: args[i], rest: args.slice(i + 1) };
    if (v === '--') return { global: args.slice(0, i), rest: args.slice(i + 1) };
    if (v.startsWith('-') && v !== '-') {
      if (withValue.includes(v)) i++;
      continue;
    }
    return { global: args.slice(0, i), sub: args[i], rest: args.slice(i + 1) };
  }
  return { global: args, rest: [] };
}

const INSTALL_ALIASES: Partial<Record<PackageManager, string[]>> = {
  'apt-get': ['install'],
  apt: ['install'],
  aptitude: ['install'],
  apk: ['add'],
  yum: ['install', 'localinstall', 'groupinstall', 'reinstall'],
  dnf: ['install', 'localinstall', 'groupinstall', 'reinstall', 'in'],
  microdnf: ['install', 'reinstall'],
  tdnf: ['install', 'reinstall'],
  zypper: ['install', 'in'],
  pip: ['install'],
  uv: ['add', 'sync'],
  pipenv: ['install', 'sync'],
  poetry: ['add', 'install'],
  conda: ['install', 'create'],
  npm: ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'install-clean', 'ic', 'it', 'install-test'],
  yarn: ['add', 'install'],
  pnpm: ['add', 'install', 'i'],
  gem: ['install', 'i'],
  go: ['install', 'get'],
  cargo: ['install'],
};

function flagModes(args: ShellWord[], short: Record<string, string>, long: Record<string, string>): { mode?: string; word?: ShellWord } {
  for (const a of args) {
    const v = a.value;
    if (v === null || !v.startsWith('-')) continue;
    if (v.startsWith('--')) {
      const m = long[v.slice(2).split('=')[0]];
      if (m) return { mode: m, word: a };
      continue;
    }
    for (const c of v.slice(1)) if (short[c]) return { mode: short[c], word: a };
  }
  return {};
}

/**
 * The package manager a command runs (through sudo/env/busybox/xargs), with its subcommand; undefined
 * for other commands. `python -m pip` and `uv pip` are `pip` (with `via`).
 */
export function packageManagerOf(cmd: ShellCommand): PackageManagerCall | undefined {
  const cached = memoOf<{ call: PackageManagerCall | undefined }>(cmd, MANAGER) ?? keepMemo(cmd, MANAGER, { call: computePackageManagerOf(cmd) });
  return cached.call;
}

function computePackageManagerOf(cmd: ShellCommand): PackageManagerCall | undefined {
  const eff = effectiveCommand(cmd);
  const name = eff.name;
  let manager: PackageManager | undefined;
  let via: PackageManagerCall['via'];
  let args = eff.args;
  if (isPipName(name)) manager = 'pip';
  else if (isPythonName(name)) {
    const m = pythonModuleIndex(args);
    if (!m || m.module === null) return undefined;
    const module = m.module;
    if (module !== 'pip' && module !== 'pipenv' && module !== 'poetry') return undefined;
    manager = module;
    via = 'python -m';
    args = args.slice(m.index + 1);
  } else if (name === 'uv' && args[0]?.value === 'pip') {
    manager = 'pip';
    via = 'uv';
    args = args.slice(1);
  } else if (name === 'rpm' || name === 'dpkg' || name === 'pacman') {
    manager = name;
    const modes =
      name === 'rpm'
        ? flagModes(args, { i: 'install', U: 'install', F: 'install', e: 'erase', q: 'query', V: 'verify', K: 'checksig' }, { install: 'install', upgrade: 'install', freshen: 'install', reinstall: 'install', erase: 'erase', query: 'query', verify: 'verify', checksig: 'checksig', import: 'import', rebuilddb: 'rebuilddb' })
        : name === 'dpkg'
          ? flagModes(args, { i: 'install', r: 'remove', P: 'purge', l: 'list', L: 'listfiles', s: 'status', S: 'search' }, { install: 'install', unpack: 'unpack', configure: 'configure', remove: 'remove', purge: 'purge', list: 'list', listfiles: 'listfiles', status: 'status', search: 'search', 'add-architecture': 'add-architecture', 'print-architecture': 'print-architecture' })
          : flagModes(args, { S: 'install', U: 'install', R: 'remove', Q: 'query', D: 'database', F: 'files', T: 'deptest' }, { sync: 'install', upgrade: 'install', remove: 'remove', query: 'query', database: 'database', files: 'files', deptest: 'deptest' });
    return { manager, command: eff, subcommand: modes.mode, subcommandWord: modes.word, args, globalArgs: [] };
  } else manager = SIMPLE_MANAGERS[name];
  if (!manager) return undefined;
  const split = splitSubcommand(args, manager);
  let subcommand = split.sub?.value ?? undefined;
  if (subcommand !== undefined && (INSTALL_ALIASES[manager] ?? []).includes(subcommand) && manager !== 'uv' && manager !== 'poetry' && manager !== 'pipenv') {
    subcommand = 'install';
  }
  return { manager, via, command: eff, subcommand, subcommandWord: split.sub, args: split.rest, globalArgs: split.global };
}

/** True for a call that installs packages (`apt-get install`, `apk add`, `pip install`, `rpm -i`, …). */
export function isInstall(call: PackageManagerCall | undefined): boolean {
  if (!call || call.subcommand === undefined) return false;
  if (call.manager === 'yarn' && call.subcommand === 'global') return call.args[0]?.value === 'add';
  if (call.manager === 'uv' || call.manager === 'poetry' || call.manager === 'pipenv') return (INSTALL_ALIASES[call.manager] ?? []).includes(call.subcommand);
  return call.subcommand === 'install';
}

/** The pip invocation a command is (`pip`, `pip3.12`, `python3 -m pip`, `uv pip`), if any. */
export function pipInvocation(cmd: ShellCommand): PackageManagerCall | undefined {
  const call = packageManagerOf(cmd);
  return call?.manager === 'pip' ? call : undefined;
}

/** True for `pip install` in any of its spellings. */
export function isPipInstall(cmd: ShellCommand): boolean {
  return pipInvocation(cmd)?.subcommand === 'install';
}

// ---- shells and interpreters ------------------------------------------------------------------

export const SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'yash', 'fish']);

const STDIN_PATHS = new Set(['/dev/stdin', '/proc/self/fd/0', '/dev/fd/0']);

export type ScriptSource = 'stdin' | 'string' | 'file' | 'none';

export interface Interpreter {
  kind: 'shell' | 'python' | 'perl' | 'ruby' | 'node' | 'php';
  command: ShellCommand;
  /** Where the program comes from: standard input, a `-c` string, a script file, or nothing (REPL). */
  source: ScriptSource;
  /** The `-c`/`-e` string word, or the script file word. */
  word?: ShellWord;
}

const INTERPRETER_OPTIONS: Record<Exclude<Interpreter['kind'], 'shell'>, { code: string[]; module: string[]; value: string[] }> = {
  python: { code: ['-c'], module: ['-m'], value: ['-W', '-X'] },
  perl: { code: ['-e', '-E'], module: [], value: ['-I', '-M', '-m', '-x'] },
  ruby: { code: ['-e'], module: [], value: ['-I', '-r', '-C', '-E', '-x'] },
  node: { code: ['-e', '--eval', '-p', '--print'], module: [], value: ['-r', '--require', '--import', '--loader', '--input-type', '--env-file'] },
  php: { code: ['-r'], module: [], value: ['-c', '-d', '-z'] },
};

function interpreterKind(name: string): Interpreter['kind'] | undefined {
  if (SHELL_NAMES.has(name)) return 'shell';
  if (isPythonName(name)) return 'python';
  if (/^perl(\d+(\.\d+)*)?$/.test(name)) return 'perl';
  if (/^ruby(\d+(\.\d+)*)?$/.test(name)) return 'ruby';
  if (name === 'node' || name === 'nodejs' || name === 'deno' || name === 'bun') return 'node';
  if (/^php(\d+(\.\d+)*)?$/.test(name)) return 'php';
  return undefined;
}

/**
 * For a shell (`sh`, `bash`, …) or script interpreter (`python3`, `perl`, `ruby`, `node`, `php`):
 * where it reads its program from. `bash`, `bash -`, `bash -s -- args`, `python3 -` read stdin;
 * `sh -c '…'` / `python -c '…'` / `perl -e '…'` run a string; `bash x.sh` runs a file.
 */
export function interpreterOf(cmd: ShellCommand): Interpreter | undefined {
  const eff = effectiveCommand(cmd);
  const kind = interpreterKind(eff.name);
  if (!kind) return undefined;
  const args = eff.args;
  if (kind === 'shell') {
    let stdinFlag = false;
    for (let i = 0; i < args.length; i++) {
      const v = args[i].value;
      if (v === null) return { kind, command: eff, source: 'file', word: args[i] };
      if (STDIN_PATHS.has(v)) return { kind, command: eff, source: 'stdin' };
      if (v === '-' || v === '--') return { kind, command: eff, source: stdinFlag || v === '-' ? 'stdin' : args[i + 1] ? 'file' : 'stdin', word: v === '--' ? args[i + 1] : undefined };
      if (/^[-+][a-zA-Z]+$/.test(v)) {
        if (v[0] === '-' && v.includes('c')) return { kind, command: eff, source: 'string', word: args[i + 1] };
        if (v[0] === '-' && v.includes('s')) stdinFlag = true;
        if (/[oO]$/.test(v)) i++;
        continue;
      }
      if (v.startsWith('--')) {
        if (v === '--rcfile' || v === '--init-file') i++;
        continue;
      }
      return stdinFlag ? { kind, command: eff, source: 'stdin' } : { kind, command: eff, source: 'file', word: args[i] };
    }
    return { kind, command: eff, source: 'stdin' };
  }
  const spec = INTERPRETER_OPTIONS[kind];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === null) return { kind, command: eff, source: 'file', word: args[i] };
    if (v === '-' || v === '--' || STDIN_PATHS.has(v)) return { kind, command: eff, source: 'stdin' };
    if (!v.startsWith('-')) return { kind, command: eff, source: 'file', word: args[i] };
    if (v.startsWith('--')) {
      const name = v.split('=')[0];
      if (spec.code.includes(name)) return { kind, command: eff, source: 'string', word: v.includes('=') ? args[i] : args[i + 1] };
      if (spec.value.includes(name) && !v.includes('=')) i++;
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = `-${v[k]}`;
      const attached = k + 1 < v.length;
      if (spec.code.includes(letter)) return { kind, command: eff, source: 'string', word: attached ? args[i] : args[i + 1] };
      if (spec.module.includes(letter)) return { kind, command: eff, source: 'file', word: attached ? args[i] : args[i + 1] };
      if (spec.value.includes(letter)) {
        if (!attached) i++;
        break;
      }
    }
  }
  return { kind, command: eff, source: 'stdin' };
}

// ---- chmod ------------------------------------------------------------------------------------

export interface ChmodCall {
  command: ShellCommand;
  /** The mode word (`755`, `a-s`, `-w`); undefined with `--reference` or when missing. */
  mode?: ShellWord;
  targets: ShellWord[];
  recursive: boolean;
}

const CHMOD_LONG = new Set(['recursive', 'changes', 'silent', 'quiet', 'verbose', 'preserve-root', 'no-preserve-root', 'dereference', 'no-dereference', 'reference', 'help', 'version']);

/**
 * A `chmod` command's mode, targets and `-R`. A word such as `-w` or `-s` is the mode (a removal), not
 * an option: only `-R`, `-c`, `-f`, `-v` (and BSD `-H`/`-L`/`-P`/`-h`) clusters are options.
 */
export function chmodCall(cmd: ShellCommand): ChmodCall | undefined {
  const eff = effectiveCommand(cmd);
  if (eff.name !== 'chmod') return undefined;
  let mode: ShellWord | undefined;
  const targets: ShellWord[] = [];
  let recursive = false;
  let reference = false;
  let onlyPositionals = false;
  for (let i = 0; i < eff.args.length; i++) {
    const w = eff.args[i];
    const v = w.value;
    if (!onlyPositionals && v !== null) {
      if (v === '--') {
        onlyPositionals = true;
        continue;
      }
      if (v.startsWith('--') && CHMOD_LONG.has(v.slice(2).split('=')[0])) {
        const name = v.slice(2).split('=')[0];
        if (name === 'recursive') recursive = true;
        if (name === 'reference') {
          reference = true;
          if (!v.includes('=')) i++;
        }
        continue;
      }
      if (/^-[RcfvHLPh]+$/.test(v)) {
        if (v.includes('R')) recursive = true;
        continue;
      }
    }
    if (!mode && !reference) mode = w;
    else targets.push(w);
  }
  return { command: eff, mode, targets, recursive };
}

// ---- text a RUN writes or passes -------------------------------------------------------------

export interface TextMatch {
  /** Document offsets of the whole match. */
  start: number;
  end: number;
  match: RegExpExecArray;
  /** The shell command the match sits in, if any (innermost). */
  command?: ShellCommand;
}

/** Commands that only read or test text: a pattern in their arguments is not configuration. */
const READERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'test', '[', 'awk', 'gawk', 'mawk', 'diff', 'cmp', 'which', 'man']);

/**
 * Matches of `pattern` (a global RegExp) in the text of a RUN (or COPY heredoc): the shell words,
 * heredoc bodies (data written to files included), `--setopt=…` values, `echo … >> file` lines.
 * Skipped: comment lines, matches inside `grep`/`test`-like commands, and the search side of `sed`
 * expressions (only replacement and appended text count, so `s/gpgcheck=0/gpgcheck=1/` is not a match).
 * `hint`: a substring (any case) every match contains, to skip instructions quickly.
 */
export function matchInstructionText(model: DockerfileModel, instr: DfInstruction, pattern: RegExp, hint?: string): TextMatch[] {
  if (!pattern.global) throw new Error('matchInstructionText needs a global RegExp');
  // Cheap pre-check: most instructions do not mention the setting at all.
  if (hint !== undefined && !model.lowerTextOf(instr).includes(hint.toLowerCase())) return [];
  const text = model.text.slice(instr.start, instr.end);
  const commands = model.commandsOf(instr);
  const out: TextMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const start = instr.start + m.index;
    const end = start + m[0].length;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/^\s*#/.test(text.slice(lineStart, m.index))) continue;
    let command: ShellCommand | undefined;
    for (const c of commands) {
      if (c.start <= start && start < Math.max(c.end, c.start + 1) && (!command || c.start >= command.start)) command = c;
    }
    if (command) {
      const eff = effectiveCommand(command);
      if (READERS.has(eff.name)) continue;
      if (eff.name === 'sed' && !sedWrites(eff).some(([s, e]) => s <= start && end <= e)) continue;
    }
    out.push({ start, end, match: m, command });
  }
  return out;
}

/** True when `offset` lies in the body of one of the instruction's heredocs (`RUN <<EOF`, `COPY <<EOF`). */
export function inHeredocBody(model: DockerfileModel, instr: DfInstruction, offset: number): boolean {
  type Pos = { line: number; character: number };
  const ast = instr.ast as unknown as { getHeredocs?: () => { getContentRange(): { start: Pos; end: Pos } | null }[] };
  return (ast.getHeredocs?.() ?? []).some((h) => {
    const r = h.getContentRange();
    return !!r && model.offsetAt(r.start) <= offset && offset < model.offsetAt(r.end);
  });
}

/** Document ranges of the text a sed script writes: `s` replacements and `a`/`i`/`c` text. */
export function sedWrites(cmd: ShellCommand): [number, number][] {
  const scripts: ShellWord[] = [];
  const args = cmd.args;
  let explicit = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '-e' || v === '--expression') {
      explicit = true;
      if (args[i + 1]) scripts.push(args[i + 1]);
      i++;
    } else if (v?.startsWith('--expression=')) {
      explicit = true;
      scripts.push(args[i]);
    } else if (v === '-f' || v === '--file') {
      explicit = true;
      i++;
    }
  }
  if (!explicit) {
    const first = args.find((a) => a.value === null || !a.value.startsWith('-'));
    if (first) scripts.push(first);
  }
  const out: [number, number][] = [];
  for (const w of scripts) {
    const raw = w.raw;
    const sub = /(?:^|[;{}\s'"=]|\d|\$|\/)s([^\w\s\\])((?:\\.|(?!\1)[^\\])*)\1((?:\\.|(?!\1)[^\\])*)\1/g;
    for (let m = sub.exec(raw); m; m = sub.exec(raw)) {
      const replStart = m.index + m[0].length - 1 - m[3].length;
      out.push([w.start + replStart, w.start + replStart + m[3].length]);
      sub.lastIndex = m.index + m[0].length - 1;
    }
    const add = /(?:^|[;{}'"]|\$|\d|\/)\s*[aic]\\?\s+([^;'"]*)/g;
    for (let m = add.exec(raw); m; m = add.exec(raw)) {
      const s = m.index + m[0].length - m[1].length;
      out.push([w.start + s, w.start + s + m[1].length]);
    }
  }
  return out;
}

/**
 * The value of a `NAME=value` assignment written at `offset` (the `=` sign's next character) in `text`:
 * quotes removed; null when it contains an expansion.
 */
export function assignmentValueAt(text: string, offset: number): { value: string | null; end: number } {
  let i = offset;
  let value = '';
  let dynamic = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      const inner = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
      if (c === '"' && /[$`]/.test(inner)) dynamic = true;
      value += inner;
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (/[\s;&|)`<>]/.test(c)) break;
    if (c === '\\' && i + 1 < text.length) {
      if (text[i + 1] === 'n' || text[i + 1] === 't') break; // `\n` inside an echo -e string ends the line
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') dynamic = true;
    value += c;
    i++;
  }
  return { value: dynamic ? null : value, end: i };
}

// ---- ENV / ARG --------------------------------------------------------------------------------

export interface VariableSetting {
  instruction: DfInstruction;
  name: string;
  /** The name's range in the document. */
  nameStart: number;
  nameEnd: number;
  /** The value after ARG/ENV substitution and unquoting; null when unknown. */
  value: string | null;
  /** Where the whole `name=value` property ends in the document. */
  propertyEnd: number;
  /** How many properties the instruction sets (a fix removing the only one removes the instruction). */
  siblings: number;
}

/**
 * Every variable an `ENV` sets, and every `ARG` inside a stage that has a known default (its value
 * reaches the RUN environment): with the value resolved. An `ARG` without default (value given at
 * build time) is reported with `value: null`, and only when `includeUnknownArgs` is set.
 */
export function variableSettings(model: DockerfileModel, includeUnknownArgs = false): VariableSetting[] {
  let all = settingsCache.get(model);
  if (!all) {
    all = readVariableSettings(model);
    settingsCache.set(model, all);
  }
  return includeUnknownArgs ? all : all.filter((s) => s.value !== null || s.instruction.keyword === 'ENV');
}

/** Reading ENV/ARG properties through dockerfile-ast is costly; several rules ask per model. */
const settingsCache = new WeakMap<DockerfileModel, VariableSetting[]>();

function readVariableSettings(model: DockerfileModel): VariableSetting[] {
  const out: VariableSetting[] = [];
  for (const instr of model.instructions) {
    if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
    if (instr.keyword === 'ARG' && !instr.stage) continue;
    const props = (instr.ast as unknown as { getProperties?: () => PropertyLike[]; getProperty?: () => PropertyLike | null });
    const list: PropertyLike[] = props.getProperties ? props.getProperties() : props.getProperty?.() ? [props.getProperty()!] : [];
    for (const p of list) {
      const name = p.getName();
      const nameRange = p.getNameRange();
      const raw = p.getValue();
      let value: string | null;
      if (raw === null) {
        if (instr.keyword === 'ENV') continue;
        const global = model.globalScope.get(name);
        value = model.globalScope.has(name) && global !== undefined ? global : null;
      } else {
        const resolved = model.resolve(raw, instr);
        value = resolved === undefined ? null : unquote(resolved);
      }
      out.push({
        instruction: instr,
        name,
        nameStart: model.offsetAt(nameRange.start),
        nameEnd: model.offsetAt(nameRange.end),
        value,
        propertyEnd: model.offsetAt(p.getRange().end),
        siblings: list.length,
      });
    }
  }
  return out;
}

interface PropertyLike {
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getName(): string;
  getNameRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getValue(): string | null;
}

// ---- misc ----------------------------------------------------------------------------------

/** `https://user:pass@host:8080/x` → `host:8080`; undefined when it does not parse. */
export function urlHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url);
  return m ? m[1] : undefined;
}

/** Masks a value for messages: at most the first 4 characters, then `…`. */
export function mask(value: string): string {
  return value.length <= 4 ? '…' : `${value.slice(0, 4)}…`;
}

// ---- reporting by offsets ---------------------------------------------------------------------

export interface OffsetReporter {
  /** Reports [start, end) unless a finding is already reported there (see `offsetReporter`). */
  report(start: number, end: number, message: string, fixes?: Fix[]): void;
  /** Reports a flag word: on `--name` inside `--name=value`, on the whole word otherwise. */
  reportFlag(word: ShellWord, message: string, fixes?: Fix[]): void;
}

/**
 * Reporting by document offsets, one finding per place: a report at an offset already reported is dropped (`start`),
 * or, with `overlap`, one overlapping a range already reported (so a command-level finding reported first wins over a
 * text match inside it).
 */
export function offsetReporter(
  model: DockerfileModel,
  report: (range: Range, message: string, fixes?: Fix[]) => void,
  dedupe: 'start' | 'overlap' = 'start',
): OffsetReporter {
  const starts = new Set<number>();
  const ranges: [number, number][] = [];
  const reporter: OffsetReporter = {
    report(start, end, message, fixes) {
      if (dedupe === 'start' ? starts.has(start) : ranges.some(([s, e]) => start < e && s < end)) return;
      starts.add(start);
      ranges.push([start, end]);
      report(model.rangeOf(start, end), message, fixes);
    },
    reportFlag(word, message, fixes) {
      const eq = word.raw.indexOf('=');
      reporter.report(word.start, word.raw.startsWith('--') && eq > 0 ? word.start + eq : word.end, message, fixes);
    },
  };
  return reporter;
}
