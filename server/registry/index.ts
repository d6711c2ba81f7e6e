/**
 * Registry access for the faces (LSP server, CLI): digest look-ups over the OCI Distribution API and the pin/refresh
 * operations built on them. Does network I/O, so it lives outside server/core; the core only computes edits.
 */
export { RegistryClient, createRegistryClient, MANIFEST_ACCEPT, MEDIA_TYPES, parseChallenge } from './client';
export type { RegistryClientOptions, ResolveOptions, ResolvedImage } from './client';
export { RegistryError, isRegistryError } from './errors';
export type { RegistryErrorCode } from './errors';
export { credentialsFor, defaultDockerConfigPath, readDockerConfig } from './credentials';
export { proxyFor } from './http';
export { toRegistryReference, isLoopbackHost } from './reference';
export { pinDockerfile, pinStageFix, imageStatusAt, movedDigests, formatImageHover, stageAtPosition } from './pin';
export type { PinFileResult, PinnedReference, PinFailure, ImageStatus } from './pin';
export { pinJobs, lookUpStatus } from './pin';
export type { PinJob } from './pin';
export { pinComposeFile, pinComposeServiceFix, composeImageStatusAt, composeMovedDigests } from './compose';
