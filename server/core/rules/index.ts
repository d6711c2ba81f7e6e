/** The rule registry: every rule, in catalog order. Rules do not import each other. */
import type { ComposeRule, DockerfileRule, Rule } from './rule';
import noRootUser from './dockerfile/no-root-user';
import userNumericId from './dockerfile/user-numeric-id';
import secretInArgEnv from './dockerfile/secret-in-arg-env';
import hardcodedSecret from './dockerfile/hardcoded-secret';
import copySensitiveFile from './dockerfile/copy-sensitive-file';
import copyContextWithoutDockerignore from './dockerfile/copy-context-without-dockerignore';
import imageNotPinned from './dockerfile/image-not-pinned';
import imageLatestTag from './dockerfile/image-latest-tag';
import untrustedRegistry from './dockerfile/untrusted-registry';
import eolBaseImage from './dockerfile/eol-base-image';
import noHealthcheck from './dockerfile/no-healthcheck';
import noSudo from './dockerfile/no-sudo';
import exposeSsh from './dockerfile/expose-ssh';
import addInsteadOfCopy from './dockerfile/add-instead-of-copy';
import addRemoteUnverified from './dockerfile/add-remote-unverified';
import curlPipeShell from './dockerfile/curl-pipe-shell';
import tlsVerificationDisabled from './dockerfile/tls-verification-disabled';
import unsignedPackages from './dockerfile/unsigned-packages';
import pipExtraIndexUrl from './dockerfile/pip-extra-index-url';
import runInsecure from './dockerfile/run-insecure';
import dockerSocketVolume from './dockerfile/docker-socket-volume';
import chmodWorldWritable from './dockerfile/chmod-world-writable';
import setuidBits from './dockerfile/setuid-bits';
import systemWorkdir from './dockerfile/system-workdir';
import chpasswd from './dockerfile/chpasswd';
import aptPinVersions from './dockerfile/apt-pin-versions';
import apkPinVersions from './dockerfile/apk-pin-versions';
import pipPinVersions from './dockerfile/pip-pin-versions';
import npmPinVersions from './dockerfile/npm-pin-versions';
import gemPinVersions from './dockerfile/gem-pin-versions';
import goInstallPin from './dockerfile/go-install-pin';
import yumPinVersions from './dockerfile/yum-pin-versions';
import dnfPinVersions from './dockerfile/dnf-pin-versions';
import zypperPinVersions from './dockerfile/zypper-pin-versions';
import packageUpgrade from './dockerfile/package-upgrade';
import updateAlone from './dockerfile/update-alone';
import aptUseAptGet from './dockerfile/apt-use-apt-get';
import aptNoInstallRecommends from './dockerfile/apt-no-install-recommends';
import packageManagerYes from './dockerfile/package-manager-yes';
import aptListsNotCleaned from './dockerfile/apt-lists-not-cleaned';
import packageCacheNotCleaned from './dockerfile/package-cache-not-cleaned';
import pipefail from './dockerfile/pipefail';
import jsonArgs from './dockerfile/json-args';
import jsonSingleQuotes from './dockerfile/json-single-quotes';
import multipleCmd from './dockerfile/multiple-cmd';
import multipleEntrypoint from './dockerfile/multiple-entrypoint';
import multipleHealthcheck from './dockerfile/multiple-healthcheck';
import workdirRelative from './dockerfile/workdir-relative';
import runCd from './dockerfile/run-cd';
import copyDestSlash from './dockerfile/copy-dest-slash';
import copyFromUnknownStage from './dockerfile/copy-from-unknown-stage';
import copyFromSelf from './dockerfile/copy-from-self';
import duplicateStageName from './dockerfile/duplicate-stage-name';
import reservedStageName from './dockerfile/reserved-stage-name';
import maintainerDeprecated from './dockerfile/maintainer-deprecated';
import invalidPort from './dockerfile/invalid-port';
import undefinedVariable from './dockerfile/undefined-variable';
import platformFlag from './dockerfile/platform-flag';
import legacyEnvFormat from './dockerfile/legacy-env-format';
import syntaxError from './dockerfile/syntax-error';
import invalidSuppression from './dockerfile/invalid-suppression';
import fileTooLarge from './dockerfile/file-too-large';
import composeYamlSyntax from './compose/compose-yaml-syntax';
import composeSchema from './compose/compose-schema';
import composeVersionObsolete from './compose/compose-version-obsolete';
import composePrivileged from './compose/compose-privileged';
import composeDockerSocket from './compose/compose-docker-socket';
import composeImageNotPinned from './compose/compose-image-not-pinned';
import composeImageLatestTag from './compose/compose-image-latest-tag';
import composeEolImage from './compose/compose-eol-image';
import composeUntrustedRegistry from './compose/compose-untrusted-registry';
import composeMemoryLimit from './compose/compose-memory-limit';
import composeSensitiveMount from './compose/compose-sensitive-mount';
import composeDangerousCap from './compose/compose-dangerous-cap';
import composeCapDropAll from './compose/compose-cap-drop-all';
import composeCpuLimit from './compose/compose-cpu-limit';
import composePidsLimit from './compose/compose-pids-limit';
import composeMountPropagation from './compose/compose-mount-propagation';
import composeNoNewPrivileges from './compose/compose-no-new-privileges';
import composeConfinementDisabled from './compose/compose-confinement-disabled';
import composeRestartPolicy from './compose/compose-restart-policy';
import composeHostNamespace from './compose/compose-host-namespace';
import composeDevices from './compose/compose-devices';
import composeCgroupParent from './compose/compose-cgroup-parent';
import composePortAllInterfaces from './compose/compose-port-all-interfaces';
import composeReadOnly from './compose/compose-read-only';
import composeRootUser from './compose/compose-root-user';
import composePrivilegedPort from './compose/compose-privileged-port';
import composeNoHealthcheck from './compose/compose-no-healthcheck';
import composeDuplicatePort from './compose/compose-duplicate-port';
import composeDuplicateContainerName from './compose/compose-duplicate-container-name';
import composeDefaultNetwork from './compose/compose-default-network';
import composeSecretInEnvironment from './compose/compose-secret-in-environment';

export const dockerfileRules: DockerfileRule[] = [
  noRootUser,
  userNumericId,
  secretInArgEnv,
  hardcodedSecret,
  copySensitiveFile,
  copyContextWithoutDockerignore,
  imageNotPinned,
  imageLatestTag,
  untrustedRegistry,
  eolBaseImage,
  noHealthcheck,
  noSudo,
  exposeSsh,
  addInsteadOfCopy,
  addRemoteUnverified,
  curlPipeShell,
  tlsVerificationDisabled,
  unsignedPackages,
  pipExtraIndexUrl,
  runInsecure,
  dockerSocketVolume,
  chmodWorldWritable,
  setuidBits,
  systemWorkdir,
  chpasswd,
  aptPinVersions,
  apkPinVersions,
  pipPinVersions,
  npmPinVersions,
  gemPinVersions,
  goInstallPin,
  yumPinVersions,
  dnfPinVersions,
  zypperPinVersions,
  packageUpgrade,
  updateAlone,
  aptUseAptGet,
  aptNoInstallRecommends,
  packageManagerYes,
  aptListsNotCleaned,
  packageCacheNotCleaned,
  pipefail,
  jsonArgs,
  jsonSingleQuotes,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  workdirRelative,
  runCd,
  copyDestSlash,
  copyFromUnknownStage,
  copyFromSelf,
  duplicateStageName,
  reservedStageName,
  maintainerDeprecated,
  invalidPort,
  undefinedVariable,
  platformFlag,
  legacyEnvFormat,
  syntaxError,
  invalidSuppression,
  fileTooLarge,
];

/** Compose rules, in catalog order (security first, then correctness). */
export const composeRules: ComposeRule[] = [
  composeYamlSyntax,
  composeSchema,
  composeVersionObsolete,
  composePrivileged,
  composeDockerSocket,
  composeImageNotPinned,
  composeImageLatestTag,
  composeUntrustedRegistry,
  composeEolImage,
  composeMemoryLimit,
  composeSensitiveMount,
  composeDangerousCap,
  composeCapDropAll,
  composeCpuLimit,
  composePidsLimit,
  composeMountPropagation,
  composeNoNewPrivileges,
  composeConfinementDisabled,
  composeRestartPolicy,
  composeHostNamespace,
  composeDevices,
  composeCgroupParent,
  composePortAllInterfaces,
  composeReadOnly,
  composeRootUser,
  composePrivilegedPort,
  composeNoHealthcheck,
  composeDuplicatePort,
  composeDuplicateContainerName,
  composeDefaultNetwork,
  composeSecretInEnvironment,
];

export const allRules: Rule[] = [...dockerfileRules, ...composeRules];

const byId = new Map<string, Rule>(allRules.map((r) => [r.meta.id, r]));

/** A rule by id or by one of its aliases (`DL3002`, `CKV_DOCKER_3`, …). */
export function getRule(idOrAlias: string): Rule | undefined {
  const direct = byId.get(idOrAlias);
  if (direct) return direct;
  const wanted = idOrAlias.toLowerCase();
  return allRules.find((r) => r.meta.aliases.some((a) => a.toLowerCase() === wanted));
}
