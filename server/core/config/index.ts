/** Configuration resolution: editor settings, CLI flags, `.bulwark.yaml` and `.hadolint.yaml` → analysis options. */
export * from './types';
export { BULWARK_CONFIG_FILES, HADOLINT_CONFIG_FILES, configFileProblems, isConfigFile, resolveConfig } from './resolve';
export { buildConfigSchema, configSchemaText, SCHEMA_ID } from './schema';
