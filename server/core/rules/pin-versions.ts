/**
 * Shared check of the version-pinning rules (apt-pin-versions, apk-pin-versions, pip-pin-versions, npm-pin-versions,
 * gem-pin-versions, go-install-pin, yum/dnf/zypper-pin-versions): one finding per package that an install names
 * without a version, on the package's word, in every stage (build stages feed the image too).
 */
import { effectiveCommand, parseOptions } from '../dockerfile/commands';
import type { DockerfileModel, RunCommand } from '../dockerfile/model';
import { displaySpec, packageInstallOf, type Ecosystem, type InstallTarget, type PackageInstall } from '../dockerfile/packages';
import type { DockerfileContext } from './rule';

/** `git checkout …`, `git switch …`, `git reset …` (also `git -C dir checkout …`). */
function isGitCheckout(run: RunCommand): boolean {
  const eff = effectiveCommand(run.command);
  if (eff.name !== 'git') return false;
  const sub = parseOptions(eff.args, { shortWithValue: 'Cc', longWithValue: ['git-dir', 'work-tree', 'namespace', 'config-env'], stopAtPositional: true }).positionals[0];
  return sub?.value === 'checkout' || sub?.value === 'switch' || sub?.value === 'reset';
}

/** The name part of a spec, for the suggested pinned form. */
function nameOf(ecosystem: Ecosystem, value: string): string {
  switch (ecosystem) {
    case 'apt':
      return value.split(/[=/]/)[0];
    case 'apk':
      return value.split(/[@=<>~]/)[0];
    case 'pip':
      return value.split(/[=<>~!;@\s]/)[0];
    case 'npm': {
      const at = value.indexOf('@', value.startsWith('@') ? 1 : 0);
      return at < 0 ? value : value.slice(0, at);
    }
    case 'gem':
      return value.split(':')[0];
    case 'go':
      return value.split('@')[0];
    case 'yum':
    case 'dnf':
    case 'zypper':
      return value.split(/[\s=<>]/)[0].replace(/\.(x86_64|noarch|aarch64|i686|i386|ppc64le|ppc64|s390x|armv7hl|src)$/, '');
  }
}

/** How to write the package pinned. */
function pinnedForm(ecosystem: Ecosystem, target: InstallTarget, label: string): string {
  const v = target.value;
  const name = displaySpec(nameOf(ecosystem, v));
  if (ecosystem === 'pip' && /^(git|hg|svn|bzr)(\+[a-z]+)?:|@\s*(git|hg|svn|bzr)\+/i.test(v)) return 'add `@<commit or tag>` to the repository URL';
  if (ecosystem === 'npm' && /^(git|github:|gitlab:|bitbucket:|gist:)|^[\w.-]+\/[\w.-]+(#|$)/.test(v) && !v.startsWith('@')) return 'add `#<commit>` to the repository';
  if ((ecosystem === 'dnf' || ecosystem === 'yum') && / module install$/.test(label)) return `write \`${name}:<stream>\``;
  switch (ecosystem) {
    case 'apt':
    case 'apk':
    case 'zypper':
      return `write \`${name}=<version>\``;
    case 'pip':
      return `write \`${name}==<version>\` (or install from a requirements file)`;
    case 'npm':
      return `write \`${name}@<version>\``;
    case 'gem':
      return `write \`${name}:<version>\` or add \`-v <version>\``;
    case 'go':
      return `write \`${name}@<version>\` (a tag such as v1.2.3 or a commit)`;
    case 'yum':
    case 'dnf':
      return `write \`${name}-<version>\``;
  }
}

/** The nine rules read the same installs: work them out once per model (index-aligned with runCommands()). */
const installsCache = new WeakMap<DockerfileModel, (PackageInstall | undefined)[]>();

function installsOf(model: DockerfileModel): (PackageInstall | undefined)[] {
  let installs = installsCache.get(model);
  if (!installs) {
    installs = model.runCommands().map((run) => packageInstallOf(model, run.instruction, run.command));
    installsCache.set(model, installs);
  }
  return installs;
}

export function checkPins(ctx: DockerfileContext, ecosystem: Ecosystem): void {
  const { model } = ctx;
  const seen = new Set<string>();
  const runs = model.runCommands();
  const installs = installsOf(model);
  runs.forEach((run, index) => {
    const install = installs[index];
    if (!install || install.ecosystem !== ecosystem) return;
    // GOPATH-era idiom: `go get <repo>` fetches the source, a later `git checkout <version>` in the stage pins it.
    const checkedOut = install.label === 'go get' && runs.slice(index + 1).some((r) => r.instruction.stage === run.instruction.stage && isGitCheckout(r));
    for (const target of install.targets) {
      if (target.verdict.kind !== 'unpinned') continue;
      if (checkedOut && !target.value.includes('@')) continue;
      const key = `${target.word.start}:${target.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (ctx.overCap(run.instruction)) continue;
      const why = target.verdict.detail ? ` (${target.verdict.detail})` : '';
      const verb = install.label === 'go run' ? 'runs' : 'installs';
      const message = `\`${install.label}\` ${verb} \`${displaySpec(target.value)}\` without a pinned version${why}: ${pinnedForm(ecosystem, target, install.label)}.`;
      ctx.report(model.rangeOf(target.word.start, target.word.end), message);
    }
  });
}
