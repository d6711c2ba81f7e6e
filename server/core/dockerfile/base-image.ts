/**
 * What a stage's base image is made of, for quick fixes that must write commands the image can run (a HEALTHCHECK
 * probe, creating a non-root user): its distribution family, whether it has a POSIX shell, its package manager, and the
 * tools known to ship in it. Detected from the root of the stage's FROM chain (a stage built on an earlier stage
 * inherits that stage's base), by image name and tag. Only what is known about an image is claimed: anything else is
 * 'unknown'.
 *
 * Pure and synchronous; the image is never pulled.
 */
import { cutAtFirst } from '../text';
import { isInstall, packageManagerOf } from './commands';
import type { ImageRef } from './image';
import type { DockerfileModel, Stage } from './model';
import { isWindowsImage } from './model';
import { stageChain } from './words';

/**
 * - `alpine`: Alpine Linux (musl, BusyBox, `apk`, `adduser -S`).
 * - `busybox`: the `busybox` image (BusyBox applets only: `adduser`, `wget`, no package manager).
 * - `debian`: Debian and Ubuntu (`apt-get`, `useradd`/`adduser`).
 * - `rhel`: CentOS, Fedora, Rocky, Alma, RHEL UBI, Amazon Linux, Oracle Linux (`dnf`/`yum`/`microdnf`).
 * - `suse`: openSUSE and SUSE BCI (`zypper`). `arch`: Arch Linux (`pacman`).
 * - `wolfi`: Wolfi / Chainguard images that have a shell and `apk` (`wolfi-base`, `-dev` tags).
 * - `distroless`: no shell and no package manager (gcr.io/distroless, Chainguard non-dev, .NET chiseled).
 * - `scratch`: the empty image. `windows`: Windows Server Core / Nano Server.
 */
export type ImageFamily = 'alpine' | 'busybox' | 'debian' | 'rhel' | 'suse' | 'arch' | 'wolfi' | 'distroless' | 'scratch' | 'windows' | 'unknown';

export type OsPackageManager = 'apt' | 'apk' | 'dnf' | 'yum' | 'microdnf' | 'tdnf' | 'zypper' | 'pacman';

export interface BaseImage {
  family: ImageFamily;
  /** The image the FROM chain starts from, as resolved (`node:20-alpine`); undefined when unknown (`FROM $UNSET`). */
  image?: string;
  /** The Docker Hub official image the detection keyed on (`node`, `python`, `nginx`), if any. */
  official?: string;
  /** More precise than the family where known: `ubuntu`, `debian`, `centos`, `fedora`, `ubi`, `amazonlinux`, `oraclelinux`, … */
  distro?: string;
  /**
   * A minimal RHEL-family image (ubi-minimal, ubi-micro, Oracle Linux `-slim`, Rocky/Alma `-minimal`): `microdnf` (or no
   * package manager at all) and no `useradd`/`groupadd` unless `shadow-utils` is installed.
   */
  minimal: boolean;
  /** True when `/bin/sh` is a POSIX shell; undefined when the family is unknown. */
  shell: boolean | undefined;
  /** The package manager the image uses; undefined when it has none or it is unknown. */
  packageManager?: OsPackageManager;
  /** Tools known to be in the base image itself (not installed by the Dockerfile). */
  ships: { curl: boolean; wget: boolean };
}

/** The family of the image `stage` is built from (through its FROM chain). */
export function baseImageFamily(model: DockerfileModel, stage: Stage): ImageFamily {
  return baseImage(model, stage).family;
}

/**
 * True when images of `family` have a POSIX shell at `/bin/sh`; false for distroless, scratch and Windows (whose shell
 * is `cmd`); undefined for an unknown family.
 */
export function hasShell(family: ImageFamily): boolean | undefined {
  switch (family) {
    case 'distroless':
    case 'scratch':
    case 'windows':
      return false;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

/** Everything known about the base image of `stage`, through its FROM chain. */
export function baseImage(_model: DockerfileModel, stage: Stage): BaseImage {
  const chain = stageChain(stage);
  const root = chain[chain.length - 1];
  return describeImage(root.image);
}

// ---- detection --------------------------------------------------------------------------------

const NONE = { curl: false, wget: false };

/** `packageManager: 'none'` for images that have none although their family does (ubi-micro, bci-micro). */
function info(family: ImageFamily, extra: Omit<Partial<BaseImage>, 'packageManager'> & { packageManager?: OsPackageManager | 'none' } = {}): BaseImage {
  const packageManager = extra.packageManager === 'none' ? undefined : extra.packageManager ?? defaultManager(family);
  // Alpine's base includes BusyBox, whose applets include wget.
  const ships = family === 'alpine' || family === 'busybox' ? { curl: false, wget: true } : NONE;
  return { family, minimal: false, shell: hasShell(family), ships, ...extra, packageManager };
}

function defaultManager(family: ImageFamily): OsPackageManager | undefined {
  switch (family) {
    case 'alpine':
    case 'wolfi':
      return 'apk';
    case 'debian':
      return 'apt';
    case 'rhel':
      return 'dnf';
    case 'suse':
      return 'zypper';
    case 'arch':
      return 'pacman';
    default:
      return undefined;
  }
}

/** What the tag says about the distribution (`20-alpine3.19`, `3.12-slim-bookworm`, `21-jre-ubi9-minimal`, `8.0-jammy-chiseled`). */
interface TagHint {
  family?: ImageFamily;
  distro?: string;
  slim: boolean;
  minimal: boolean;
  packageManager?: OsPackageManager;
}

const DEBIAN_CODENAMES = new Set(['sid', 'trixie', 'bookworm', 'bullseye', 'buster', 'stretch', 'jessie', 'wheezy']);
const UBUNTU_CODENAMES = new Set(['noble', 'jammy', 'focal', 'bionic', 'xenial', 'trusty', 'oracular', 'mantic', 'lunar', 'kinetic']);

function tagHint(tag: string | undefined): TagHint {
  const hint: TagHint = { slim: false, minimal: false };
  if (!tag) return hint;
  const parts = tag.toLowerCase().split(/[-_]/);
  hint.slim = parts.includes('slim');
  hint.minimal = parts.includes('minimal') || parts.includes('micro');
  const has = (re: RegExp) => parts.some((p) => re.test(p));
  if (has(/^(chiseled|distroless)$/)) hint.family = 'distroless';
  else if (has(/^(windowsservercore|nanoserver|servercore|ltsc\d{4})$/)) hint.family = 'windows';
  else if (has(/^alpine(\d+(\.\d+)*)?$/)) hint.family = 'alpine';
  else if (has(/^ubi\d*$/)) Object.assign(hint, { family: 'rhel', distro: 'ubi' });
  else if (has(/^(oraclelinux\d*|oracle)$/)) Object.assign(hint, { family: 'rhel', distro: 'oraclelinux', minimal: hint.minimal || hint.slim });
  else if (has(/^(al2|amazonlinux2|amazoncorretto)$/)) Object.assign(hint, { family: 'rhel', distro: 'amazonlinux', packageManager: 'yum' });
  else if (has(/^(al2023|amazonlinux2023)$/)) Object.assign(hint, { family: 'rhel', distro: 'amazonlinux', packageManager: 'dnf' });
  else if (parts.some((p) => UBUNTU_CODENAMES.has(p)) || has(/^ubuntu[\d.]*$/)) Object.assign(hint, { family: 'debian', distro: 'ubuntu' });
  else if (parts.some((p) => DEBIAN_CODENAMES.has(p)) || has(/^debian\d*$/)) Object.assign(hint, { family: 'debian', distro: 'debian' });
  else if (hint.slim) Object.assign(hint, { family: 'debian', distro: 'debian' });
  return hint;
}

/** Official images whose default (tagless-variant) flavour is built on buildpack-deps, which ships curl and wget. */
const BUILDPACK_BASED = new Set(['node', 'python', 'golang', 'ruby', 'rust', 'perl', 'gcc', 'erlang', 'elixir', 'buildpack-deps']);
/** Official images whose Debian and Alpine flavours install curl. */
const SHIPS_CURL = new Set(['php', 'nginx', 'wordpress', 'drupal', 'joomla']);

/** Docker Hub official images and the distribution of their default flavour. */
const OFFICIAL_DEFAULT: Record<string, { family: ImageFamily; distro?: string; minimal?: boolean; packageManager?: OsPackageManager }> = {
  node: { family: 'debian', distro: 'debian' },
  python: { family: 'debian', distro: 'debian' },
  golang: { family: 'debian', distro: 'debian' },
  ruby: { family: 'debian', distro: 'debian' },
  rust: { family: 'debian', distro: 'debian' },
  perl: { family: 'debian', distro: 'debian' },
  gcc: { family: 'debian', distro: 'debian' },
  erlang: { family: 'debian', distro: 'debian' },
  elixir: { family: 'debian', distro: 'debian' },
  haskell: { family: 'debian', distro: 'debian' },
  julia: { family: 'debian', distro: 'debian' },
  'r-base': { family: 'debian', distro: 'debian' },
  'buildpack-deps': { family: 'debian', distro: 'debian' },
  php: { family: 'debian', distro: 'debian' },
  wordpress: { family: 'debian', distro: 'debian' },
  drupal: { family: 'debian', distro: 'debian' },
  joomla: { family: 'debian', distro: 'debian' },
  nginx: { family: 'debian', distro: 'debian' },
  httpd: { family: 'debian', distro: 'debian' },
  haproxy: { family: 'debian', distro: 'debian' },
  postgres: { family: 'debian', distro: 'debian' },
  redis: { family: 'debian', distro: 'debian' },
  memcached: { family: 'debian', distro: 'debian' },
  mariadb: { family: 'debian', distro: 'ubuntu' },
  mongo: { family: 'debian', distro: 'ubuntu' },
  rabbitmq: { family: 'debian', distro: 'ubuntu' },
  'eclipse-temurin': { family: 'debian', distro: 'ubuntu' },
  maven: { family: 'debian', distro: 'ubuntu' },
  gradle: { family: 'debian', distro: 'ubuntu' },
  tomcat: { family: 'debian', distro: 'ubuntu' },
  jetty: { family: 'debian', distro: 'ubuntu' },
  sapmachine: { family: 'debian', distro: 'ubuntu' },
  adoptopenjdk: { family: 'debian', distro: 'ubuntu' },
  'ibm-semeru-runtimes': { family: 'debian', distro: 'ubuntu' },
  swift: { family: 'debian', distro: 'ubuntu' },
  // mysql:8 and later are built on Oracle Linux slim (microdnf); `-debian` tags exist for older releases.
  mysql: { family: 'rhel', distro: 'oraclelinux', minimal: true },
  // Amazon Linux 2 unless the tag says `al2023` or `alpine`.
  amazoncorretto: { family: 'rhel', distro: 'amazonlinux', packageManager: 'yum' },
  caddy: { family: 'alpine', distro: 'alpine' },
  traefik: { family: 'alpine', distro: 'alpine' },
  docker: { family: 'alpine', distro: 'alpine' },
  registry: { family: 'alpine', distro: 'alpine' },
};

/** The last path component of a Docker Hub official image (`node`, `library/node`, `docker.io/library/node`, a mirror's `…/library/node`). */
function officialName(ref: ImageRef): string | undefined {
  const repo = (ref.repository ?? '').toLowerCase();
  const registry = ref.registry;
  const m = /^(?:(?:.*\/)?library\/)?([a-z0-9][a-z0-9._-]*)$/.exec(repo);
  if (!m) return undefined;
  const bare = !repo.includes('/');
  // A bare name on a private registry (`registry.corp/node`) may be anything; `…/library/x` is a mirror of Docker Hub.
  if (bare && registry && !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io|mirror\.gcr\.io)$/.test(registry)) return undefined;
  return m[1];
}

/** Describes an image reference (exported for tests and for Compose `image:` keys). */
export function describeImage(ref: ImageRef): BaseImage {
  // Several rules ask about the same stage's image: the answer is kept per (never modified) reference.
  let described = describedImages.get(ref);
  if (!described) describedImages.set(ref, (described = computeDescribeImage(ref)));
  return described;
}

const describedImages = new WeakMap<ImageRef, BaseImage>();

function computeDescribeImage(ref: ImageRef): BaseImage {
  const image = ref.resolved;
  if (image === undefined || image === '') return info('unknown');
  const lower = image.toLowerCase();
  if (lower === 'scratch') return info('scratch', { image });
  if (isWindowsImage(ref)) return info('windows', { image });

  const registry = ref.registry ?? '';
  const repo = (ref.repository ?? '').toLowerCase();
  const tag = ref.tag?.toLowerCase();
  const hint = tagHint(tag);
  const path = registry ? `${registry}/${repo}` : repo;
  const name = repo.slice(repo.lastIndexOf('/') + 1);
  const official = officialName(ref);

  // Distroless and Chainguard.
  if (/^gcr\.io\/distroless\//.test(path)) return info('distroless', { image, distro: 'distroless' });
  if (/^(cgr\.dev\/chainguard|chainguard)\//.test(path) || /^cgr\.dev\//.test(path)) {
    const withShell = name === 'wolfi-base' || name === 'busybox' || /(^|-)dev$/.test(tag ?? '');
    return withShell ? info('wolfi', { image, distro: 'wolfi' }) : info('distroless', { image, distro: 'chainguard' });
  }

  // Red Hat Universal Base Images: registry.access.redhat.com/ubi9/ubi-minimal, redhat/ubi9-micro, …
  const ubi = /(^|\/)ubi(\d*)(?:\/ubi)?(?:-(minimal|micro|init))?$/.exec(repo);
  if (ubi && (/redhat/.test(path) || repo.startsWith('ubi'))) {
    const variant = ubi[3];
    const micro = variant === 'micro';
    const minimal = micro || variant === 'minimal';
    const version = Number(ubi[2] || '0');
    return info('rhel', {
      image,
      distro: 'ubi',
      minimal,
      packageManager: micro ? 'none' : minimal ? 'microdnf' : version > 0 && version < 8 ? 'yum' : 'dnf',
    });
  }

  // Other images of Red Hat's registries built on UBI (`registry.access.redhat.com/ubi9/nodejs-20`).
  if (/^registry\.(access\.)?redhat\.(com|io)\/ubi\d+\//.test(path)) {
    const minimal = /minimal|micro/.test(repo);
    return info('rhel', { image, distro: 'ubi', minimal, packageManager: minimal ? 'microdnf' : 'dnf' });
  }

  // Distribution images (official, or their well-known homes on quay.io / ECR).
  const distroName = official ?? (/^(quay\.io\/(centos|fedora)|public\.ecr\.aws\/amazonlinux|rockylinux|almalinux|opensuse)\//.test(path) ? name : undefined);
  switch (distroName) {
    case 'alpine':
      return info('alpine', { image, official, distro: 'alpine' });
    case 'busybox':
      return info('busybox', { image, official, distro: 'busybox' });
    case 'debian':
    case 'ubuntu':
      return info('debian', { image, official, distro: distroName });
    case 'centos':
    case 'fedora':
    case 'rockylinux':
    case 'almalinux':
    case 'oraclelinux':
    case 'amazonlinux': {
      const version = Number(/^(\d+)/.exec(tag ?? '')?.[1] ?? NaN);
      const minimal = hint.minimal || (distroName === 'oraclelinux' && hint.slim);
      const old = ((distroName === 'centos' || distroName === 'oraclelinux') && version <= 7) || (distroName === 'amazonlinux' && (version === 1 || version === 2));
      return info('rhel', { image, official, distro: distroName, minimal, packageManager: minimal ? 'microdnf' : old ? 'yum' : 'dnf' });
    }
    case 'leap':
    case 'tumbleweed':
      if (/opensuse\//.test(repo)) return info('suse', { image, distro: 'opensuse' });
      break;
    case 'archlinux':
      return info('arch', { image, official, distro: 'arch' });
  }
  if (/^registry\.suse\.com\/(bci|suse)\//.test(path)) {
    const minimal = /bci-(minimal|micro)$/.test(repo);
    return info('suse', { image, distro: 'sle', minimal, packageManager: minimal ? 'none' : 'zypper' });
  }

  // .NET images: Debian by default, tags choose Alpine, Ubuntu, chiseled (no shell), Azure Linux, Windows.
  if (/^mcr\.microsoft\.com\/dotnet\//.test(path)) {
    if (hint.family) return info(hint.family, { image, distro: hint.distro ?? hint.family, minimal: hint.minimal });
    if (/(^|-)(cbl-mariner|azurelinux)/.test(tag ?? '')) return info('unknown', { image, distro: 'azurelinux' });
    return info('debian', { image, distro: 'debian' });
  }

  if (official) {
    if (official === 'openjdk') return openjdk(image, tag, hint);
    const known = OFFICIAL_DEFAULT[official];
    if (known) {
      const family = hint.family ?? known.family;
      // The default flavour (no distribution in the tag) or an explicit Debian release without `-slim`.
      const fullDebian = family === 'debian' && !hint.slim && (!hint.family || known.family === 'debian');
      const ships = {
        // nginx's `alpine-slim` flavour leaves curl out.
        curl: (BUILDPACK_BASED.has(official) && fullDebian) || (SHIPS_CURL.has(official) && (family === 'debian' || (family === 'alpine' && !hint.slim))),
        wget: (BUILDPACK_BASED.has(official) && fullDebian) || family === 'alpine',
      };
      const minimal = hint.family ? hint.minimal : !!known.minimal || hint.minimal;
      const distro = hint.family ? hint.distro ?? hint.family : known.distro;
      return info(family, {
        image,
        official,
        distro,
        minimal,
        ships,
        packageManager: family === 'rhel' && minimal ? 'microdnf' : hint.family ? hint.packageManager : known.packageManager,
      });
    }
  }

  // Any other image: only a clear tag says something (`myorg/app:1.2-alpine`).
  if (hint.family) {
    return info(hint.family, {
      image,
      official,
      distro: hint.distro ?? hint.family,
      minimal: hint.minimal,
      packageManager: hint.family === 'rhel' && hint.minimal ? 'microdnf' : hint.packageManager,
    });
  }
  return info('unknown', { image, official });
}

/** openjdk: up to 11 the default flavour was Debian (buildpack-deps), later ones Oracle Linux; tags name the variant otherwise. */
function openjdk(image: string, tag: string | undefined, hint: TagHint): BaseImage {
  if (hint.family) {
    return info(hint.family, {
      image,
      official: 'openjdk',
      distro: hint.distro ?? hint.family,
      minimal: hint.minimal,
      packageManager: hint.family === 'rhel' && hint.minimal ? 'microdnf' : hint.packageManager,
    });
  }
  const major = Number(/^(\d+)/.exec(tag ?? '')?.[1] ?? NaN);
  if (major <= 11) return info('debian', { image, official: 'openjdk', distro: 'debian' });
  return info('unknown', { image, official: 'openjdk' });
}

// ---- packages installed by the Dockerfile -----------------------------------------------------

const OS_MANAGERS = new Set(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper', 'pacman']);
const REMOVE_VERBS = new Set(['remove', 'purge', 'del', 'erase', 'rm', 'uninstall', 'autoremove']);
/** Options (after the subcommand) that take the next word as their value. */
const VALUE_OPTIONS: Record<string, string[]> = {
  'apt-get': ['-o', '-t', '-c', '--option', '--target-release', '--config-file'],
  apt: ['-o', '-t', '-c', '--option', '--target-release', '--config-file'],
  aptitude: ['-o', '-t', '--target-release'],
  apk: ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file'],
  yum: ['-c', '--config', '-x', '--exclude', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt'],
  dnf: ['-c', '--config', '-x', '--exclude', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt'],
  microdnf: ['--enablerepo', '--disablerepo', '--setopt', '--installroot', '--releasever'],
  tdnf: ['-c', '--config', '--enablerepo', '--disablerepo', '--installroot', '--releasever'],
  zypper: ['-t', '--type', '-r', '--repo', '--from'],
  pacman: ['--config', '--dbpath', '-r', '--root', '--cachedir', '--ignore'],
};

/** The package name of an install argument, without version, release or architecture qualifiers. */
export function packageBaseName(manager: string, word: string): string {
  let name = cutAtFirst(word, '=~<>:').toLowerCase();
  if (manager === 'yum' || manager === 'dnf' || manager === 'microdnf' || manager === 'tdnf' || manager === 'zypper') {
    // `curl-7.61.1-14.el8.x86_64` → `curl`; a name with a number in it (`java-17-openjdk`) is kept.
    name = name.replace(/\.(x86_64|aarch64|noarch|i686|ppc64le|s390x)$/, '').replace(/-\d+\.\d[\w.+~]*(?:-[\w.+~]+)?$/, '');
  }
  return name;
}

/**
 * True when a RUN of `stage` or of a stage it builds on installs `pkg` (one name or several alternatives, e.g.
 * `['curl', 'curl-minimal']`) with apt-get/apt/apk/yum/dnf/microdnf/tdnf/zypper/pacman, and no later command of the
 * chain removes it (`apt-get purge curl`, `apk del curl`, or `apk del .virtual` of the `apk add --virtual` group that
 * installed it). `$PACKAGES` from ARG/ENV is resolved; unknown values are not guessed.
 */
export function hasPackageInStage(model: DockerfileModel, stage: Stage, pkg: string | string[]): boolean {
  const wanted = new Set((Array.isArray(pkg) ? pkg : [pkg]).map((p) => p.toLowerCase()));
  /** Packages installed by name, and the ones installed only as members of an `apk add --virtual` group. */
  const installed = new Set<string>();
  const inGroup = new Set<string>();
  const groups = new Map<string, Set<string>>();
  for (const s of stageChain(stage).reverse()) {
    for (const { instruction, command } of model.runCommands(s)) {
      const call = packageManagerOf(command);
      if (!call || !OS_MANAGERS.has(call.manager)) continue;
      const manager = call.manager;
      const install = isInstall(call);
      const remove = call.subcommand !== undefined && REMOVE_VERBS.has(call.subcommand);
      if (!install && !remove) continue;
      // pacman's mode is a flag: all its arguments are read (the flags are skipped below).
      const words = call.args;
      const withValue = VALUE_OPTIONS[manager] ?? [];
      const names: string[] = [];
      let group: string | undefined;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        let value = w.value;
        if (value === null) {
          const resolved = model.resolve(w.raw, instruction);
          if (resolved === undefined || /[$`]/.test(resolved)) continue;
          value = resolved.replace(/^(["'])([\s\S]*)\1$/, '$2');
        }
        if (withValue.includes(value)) {
          if (manager === 'apk' && (value === '-t' || value === '--virtual')) group = words[i + 1]?.value ?? undefined;
          i++;
          continue;
        }
        if (manager === 'apk' && value.startsWith('--virtual=')) group = value.slice('--virtual='.length);
        for (const token of value.split(/\s+/)) {
          if (!token || token.startsWith('-') || token.includes('/')) continue;
          names.push(packageBaseName(manager, token));
        }
      }
      if (install) {
        if (group !== undefined) {
          groups.set(group.toLowerCase(), new Set(names));
          for (const n of names) if (!installed.has(n)) inGroup.add(n);
        } else {
          for (const n of names) {
            installed.add(n);
            inGroup.delete(n);
          }
        }
      } else {
        for (const n of names) {
          installed.delete(n);
          inGroup.delete(n);
          for (const member of groups.get(n) ?? []) inGroup.delete(member);
        }
      }
    }
  }
  for (const p of wanted) if (installed.has(p) || inGroup.has(p)) return true;
  return false;
}
