/**
 * The vocabulary of configuration resolution. The core reads no files: the face passes a `ConfigHost` that reads
 * them (and may cache), and gets back plain values and problems to show on the configuration files.
 */
import type { AnalyzeOptions, Range, SeveritySetting } from '../types';

/** Reads configuration files for the resolver. Absolute, platform-native paths. */
export interface ConfigHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** True when a file exists at this path. */
  exists(path: string): boolean;
}

/** The lowest finding severity that makes a run fail (CLI exit code 1); `none`: never fail. */
export type FailOn = 'error' | 'warning' | 'info' | 'none';

/**
 * The `bulwark.*` settings of an editor, or the CLI's flags: the same keys as `.bulwark.yaml` minus `extends`,
 * `overrides` and `root`. Values are read defensively (a malformed value is a problem, not a crash).
 */
export interface ConfigSettings {
  /** Per-rule severity by rule id or alias (`DL3008`); `off` disables. */
  rules?: Record<string, SeveritySetting>;
  /** Turn on the rules that are off by default. */
  allRules?: boolean;
  /** Registries base images may come from (globs). */
  trustedRegistries?: string[];
  /** Globs (relative to the workspace root) of files not analyzed. */
  exclude?: string[];
  failOn?: FailOn;
  /** Registry lookups (digest pinning). */
  registry?: { enabled?: boolean };
}

export interface ConfigProblem {
  /** The configuration file the problem is in; undefined for editor settings / CLI flags. */
  path?: string;
  /** Where in that file (zero-based, as LSP); the file's first line when the problem is about the file as a whole. */
  range: Range;
  message: string;
  /** `error`: the value is invalid and ignored; `warning`: probably a mistake; `info`: a deliberate no-op. */
  severity: 'error' | 'warning' | 'info';
  /** For settings problems: the setting's name (`bulwark.rules`). */
  setting?: string;
}

/** Parsed configuration files, by path, reused while their text does not change. Pass the same Map to every call. */
export type ConfigCache = Map<string, { text: string; parsed: unknown }>;

export interface ResolveConfigInput {
  /** Absolute path of the analyzed file. */
  filePath: string;
  /**
   * The workspace folder (editor) or the project root (CLI: the git top-level, else the current directory) holding
   * the file. Configuration files are searched from the file's folder up to it, and `extends` may not leave it.
   * A file outside it (or no root) has its own folder as the root.
   */
  workspaceRoot?: string;
  /** The editor's `bulwark.*` settings: defaults under the repository's configuration files. */
  settings?: ConfigSettings;
  /** Explicit CLI flags (only the ones given): over every file. */
  flags?: ConfigSettings;
  /**
   * An explicit configuration file (the CLI's `--config`), absolute: used INSTEAD of the `.bulwark.yaml` and
   * `.hadolint.yaml` files found near the analyzed file, as hadolint's `--config` and ESLint's `--config` do (none is
   * searched). A file whose name contains `hadolint` is read as a hadolint file, any other as a `.bulwark.yaml`. Its
   * globs (`exclude`, `overrides[].files`) are relative to `workspaceRoot` (the project, wherever the file is kept); its
   * `extends` paths are relative to the file, and may not leave its folder or the workspace (whichever holds it).
   * Editor settings stay under it and flags over it. A missing file is an error problem.
   */
  configFile?: string;
  host: ConfigHost;
  /** False in an untrusted workspace (VS Code Workspace Trust): workspace configuration may not enable network use. */
  trusted: boolean;
  cache?: ConfigCache;
}

/** The options for `analyze`, plus the rest of what the faces need. */
export interface ResolvedConfig {
  /** Pass to `analyze` (add `path` and `host`). */
  options: Pick<AnalyzeOptions, 'rules' | 'allRules' | 'trustedRegistries' | 'hadolintPragmas'>;
  /** Registries base images may come from; undefined: not configured (any registry). */
  trustedRegistries?: string[];
  /** Lowest severity that fails a CLI run (default `error`). */
  failOn: FailOn;
  registry: { enabled: boolean };
  /** Exclude globs of every layer, relative to the workspace root (`/`-separated). */
  exclude: string[];
  /** True when an exclude glob matches the file (or a folder above it): the file is not analyzed. */
  excluded: boolean;
  /** Problems in the configuration files read (and in settings/flags), in reading order. */
  problems: ConfigProblem[];
  /** The configuration files applied, lowest precedence first. */
  sources: string[];
}
