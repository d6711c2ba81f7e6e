/** The analysis core's entry points, shared by the LSP server, the CLI and the tests. */
export * from './types';
export { analyze, analyzeCompose, analyzeDockerfile, detectKind, effectiveSeverity, fixAll, initializeCore, safeFixOf } from './engine';
export type { FixAllResult } from './engine';
export { applyEdits } from './fixes/edits';
export { allRules, composeRules, dockerfileRules, getRule } from './rules';
export { ruleDocUrl } from './rules/rule';
export { DockerfileModel } from './dockerfile/model';
export { ShellParseCache } from './dockerfile/shell';
export { ComposeModel } from './compose/model';
export { LineIndex } from './text';
export * from './config';
