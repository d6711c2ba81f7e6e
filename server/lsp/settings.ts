/**
 * The one place that answers "which options apply to this file". Layers (server/core/config/resolve.ts): what the
 * client passed at start (`initializationOptions.rules` / `allRules`) under the `bulwark` section of the file's
 * workspace folder (read through `workspace/configuration`), under the repository's `.hadolint.yaml` and
 * `.bulwark.yaml` files, searched from the file's folder up to the workspace folder. Configuration files are read as
 * the editor shows them (an open document's unsaved text wins over the disk).
 *
 * Resolutions are cached per file and dropped when something they depend on changes: a configuration file (edited in
 * the editor, or an event from the file watcher), the settings, or Workspace Trust. `configFileChanged` answers the
 * files whose resolution it dropped, so that the server re-analyses only those.
 *
 * Workspace Trust: in an untrusted workspace the client says so (`initializationOptions.workspaceTrusted: false`,
 * then `bulwark/workspaceTrusted` when trust is granted). Analysis only reads text, so it still runs, with the
 * workspace's rule settings; registry lookups stay off whatever any layer says (`registryEnabledFor`), and VS Code
 * withholds the workspace's value of the settings in `capabilities.untrustedWorkspaces.restrictedConfigurations`.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { AnalyzeOptions, SeveritySetting } from '../core';
import { isConfigFile, resolveConfig } from '../core/config';
import type { ConfigCache, ConfigHost, ConfigProblem, ConfigSettings, ResolvedConfig } from '../core/config';
import { fsHost, readSmallFile } from './analysis';
import { uriToFsPath } from './uri';

export type FileOptions = Omit<AnalyzeOptions, 'path' | 'host'>;

/** The part of `initializationOptions` that configures analysis (see main.ts for the rest). */
export interface AnalysisInitOptions {
  /** Per-rule severity overrides (`off` disables a rule). */
  rules?: Record<string, SeveritySetting>;
  /** Turn on the rules that are off by default. */
  allRules?: boolean;
  /** False when the editor's workspace is not trusted (VS Code Workspace Trust); default true. */
  workspaceTrusted?: boolean;
}

/** What the workspace scan leaves out of one folder. */
export interface FolderExcludes {
  /** `files.exclude` globs whose value is `true` (patterns with a `when` clause are not evaluated). */
  filesExclude: string[];
  /** `bulwark.exclude` globs. */
  exclude: string[];
}

/** One item of a `workspace/configuration` request. */
export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}


const EMPTY: FolderExcludes = { filesExclude: [], exclude: [] };

/** The key of the `bulwark` section that applies outside every workspace folder (the user's settings). */
const GLOBAL = '';

/** `files.exclude` is `{ glob: true | false | { when } }`: the globs switched on. */
export function enabledGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob);
}

/** `bulwark.exclude`: an array of globs (an object like `files.exclude` is accepted too). */
export function globList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (typeof value === 'string' && value.trim() !== '') return [value];
  return enabledGlobs(value);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The `bulwark` section (as VS Code serves it: dotted keys nested, `registry: { enabled, timeout }`) over the
 * initialization options, as the settings layer of `resolveConfig`. Malformed values are passed on so that the
 * resolver reports them; an empty `trustedRegistries` (the default) is "not configured".
 */
export function settingsLayer(init: ConfigSettings, section: unknown): ConfigSettings {
  const s = record(section) ?? {};
  // `bulwark.registry.enabled` defaults to true in the editor (package.json), below what the client passed.
  const out: ConfigSettings = { registry: { enabled: true }, ...init };
  const initRules = record(init.rules);
  const rules = s.rules;
  if (rules !== undefined && rules !== null) {
    out.rules = (record(rules) && initRules ? { ...initRules, ...(rules as object) } : rules) as ConfigSettings['rules'];
  }
  if (s.allRules !== undefined && s.allRules !== null) out.allRules = s.allRules as boolean;
  const registries = s.trustedRegistries;
  if (registries !== undefined && registries !== null && !(Array.isArray(registries) && registries.length === 0)) {
    out.trustedRegistries = registries as string[];
  }
  if (s.exclude !== undefined && s.exclude !== null) out.exclude = s.exclude as string[];
  const registry = record(s.registry);
  if (registry && registry.enabled !== undefined && registry.enabled !== null) out.registry = { enabled: registry.enabled as boolean };
  return out;
}

/** A ConfigHost that can also list a folder (one read answers "exists?" for every configuration file name in it). */
export interface ListingHost extends ConfigHost {
  /** The names in a folder; undefined when it cannot be read. */
  list?(dir: string): string[] | undefined;
}

/** Reads configuration files from disk (small text files only; nothing else is read, nothing executed). */
export const diskConfigHost: ListingHost = {
  exists: (p) => fsHost.exists(p),
  readFile: (p) => readSmallFile(p),
  list: (dir) => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return undefined;
    }
  },
};

interface Resolution {
  /** The analysed file's path (undefined for documents that are not files: untitled…). */
  path?: string;
  resolved: ResolvedConfig;
}

/** True when `p` is `dir` or below it. */
function isInside(dir: string, p: string): boolean {
  const rel = nodePath.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

export class Settings {
  private init: ConfigSettings = {};
  private folders = new Map<string, FolderExcludes>();
  /** The raw `bulwark` section per folder URI (GLOBAL: outside every folder). */
  private sections = new Map<string, Record<string, unknown>>();
  /** Workspace folders with a file-system path, deepest first. */
  private folderPaths: { uri: string; path: string }[] = [];
  private isTrusted = true;
  /** Parsed configuration files, reused while their text does not change. */
  readonly cache: ConfigCache = new Map();
  /** Resolutions by document URI. */
  private readonly resolutions = new Map<string, Resolution>();
  /** Settings problems already reported (each is reported once). */
  private readonly reported = new Set<string>();
  /** Configuration files some resolution read or reported on, by path (the server shows their problems). */
  readonly configFiles = new Set<string>();

  /** Called once per distinct problem in the settings (not in a file): the server logs it and tells the user. */
  onSettingsProblem: (problem: ConfigProblem) => void = () => undefined;
  /** Called when a resolution reads or reports on a configuration file not seen before. */
  onConfigFileSeen: (path: string) => void = () => undefined;

  constructor(
    /** The editor's text of the open document at this path, if one is open: it wins over the disk. */
    private readonly openText: (path: string) => string | undefined = () => undefined,
    private readonly disk: ListingHost = diskConfigHost,
  ) {}

  /**
   * What the disk answered, by path: a workspace scan resolves thousands of files through the same few folders.
   * Forgotten per path when the watcher or the editor reports a change (`configFileChanged`), and all at once by
   * `reload` (Analyze Workspace).
   */
  private readonly diskExists = new Map<string, boolean>();
  private readonly diskText = new Map<string, string | undefined>();
  /** Folder listings (names), when the disk host can list. */
  private readonly listings = new Map<string, Set<string> | undefined>();

  private existsOnDisk(p: string): boolean {
    const list = this.disk.list;
    if (!list) return this.disk.exists(p);
    const dir = nodePath.dirname(p);
    let names = this.listings.get(dir);
    if (!this.listings.has(dir)) {
      const listed = list(dir);
      names = listed ? new Set(listed) : undefined;
      this.listings.set(dir, names);
    }
    // Exact names, on every platform (as the file watcher's globs match them).
    return names?.has(nodePath.basename(p)) ?? false;
  }

  /** The host the resolver reads through: open documents first, then the disk. */
  readonly host: ConfigHost = {
    exists: (p) => {
      if (this.openText(p) !== undefined) return true;
      let known = this.diskExists.get(p);
      if (known === undefined) this.diskExists.set(p, (known = this.existsOnDisk(p)));
      return known;
    },
    readFile: (p) => {
      const open = this.openText(p);
      if (open !== undefined) return open;
      if (this.diskText.has(p)) return this.diskText.get(p);
      const text = this.disk.readFile(p);
      this.diskText.set(p, text);
      return text;
    },
  };

  /** Forgets everything read from disk and every resolution (a full re-read: Analyze Workspace). */
  reload(): void {
    this.diskExists.clear();
    this.diskText.clear();
    this.listings.clear();
    this.resolutions.clear();
  }

  /** False in an untrusted workspace: nothing the workspace configures may fetch or execute anything. */
  get trusted(): boolean {
    return this.isTrusted;
  }

  set trusted(value: boolean) {
    if (value === this.isTrusted) return;
    this.isTrusted = value;
    this.resolutions.clear();
  }

  /** Reads the analysis part of `initializationOptions`. */
  readInitOptions(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const o = raw as AnalysisInitOptions;
    if (o.rules && typeof o.rules === 'object') this.init = { ...this.init, rules: { ...o.rules } };
    if (typeof o.allRules === 'boolean') this.init = { ...this.init, allRules: o.allRules };
    const registry = record((raw as { registry?: unknown }).registry);
    if (typeof registry?.enabled === 'boolean') this.init = { ...this.init, registry: { enabled: registry.enabled } };
    if (typeof o.workspaceTrusted === 'boolean') this.trusted = o.workspaceTrusted;
    this.resolutions.clear();
  }

  /** The workspace folders (URIs): a file's settings and configuration root are those of the deepest one holding it. */
  setFolders(folderUris: readonly string[]): void {
    const next = folderUris
      .map((uri) => ({ uri, path: uriToFsPath(uri) }))
      .filter((f): f is { uri: string; path: string } => f.path !== undefined)
      .sort((a, b) => b.path.length - a.path.length);
    if (JSON.stringify(next) === JSON.stringify(this.folderPaths)) return;
    this.folderPaths = next;
    this.resolutions.clear();
  }

  /** The workspace folder holding a path (its URI and path), if any. */
  folderOf(fsPath: string): { uri: string; path: string } | undefined {
    return this.folderPaths.find((f) => isInside(f.path, fsPath));
  }

  private sectionFor(uri: string): Record<string, unknown> {
    const fsPath = uriToFsPath(uri);
    const folder = fsPath !== undefined ? this.folderOf(fsPath) : undefined;
    return (folder && this.sections.get(folder.uri)) ?? this.sections.get(GLOBAL) ?? {};
  }

  /** The resolved configuration of a document (cached until something it depends on changes). */
  resolve(uri: string): ResolvedConfig {
    const hit = this.resolutions.get(uri);
    if (hit) return hit.resolved;
    const fsPath = uriToFsPath(uri);
    const settings = settingsLayer(this.init, this.sectionFor(uri));
    let resolved: ResolvedConfig;
    if (fsPath === undefined) {
      // Not a file (untitled…): the settings alone, no configuration file can apply.
      const nothing: ConfigHost = { exists: () => false, readFile: () => undefined };
      resolved = resolveConfig({ filePath: nodePath.resolve('untitled'), settings, host: nothing, trusted: this.trusted });
    } else {
      resolved = resolveConfig({
        filePath: fsPath,
        workspaceRoot: this.folderOf(fsPath)?.path,
        settings,
        host: this.host,
        trusted: this.trusted,
        cache: this.cache,
      });
    }
    this.resolutions.set(uri, { path: fsPath, resolved });
    for (const problem of resolved.problems) {
      if (problem.path !== undefined) this.sawConfigFile(problem.path);
      else if (!this.reported.has(problem.message)) {
        this.reported.add(problem.message);
        this.onSettingsProblem(problem);
      }
    }
    for (const source of resolved.sources) this.sawConfigFile(source);
    return resolved;
  }

  private sawConfigFile(path: string): void {
    if (this.configFiles.has(path)) return;
    this.configFiles.add(path);
    this.onConfigFileSeen(path);
  }

  /** The analysis options for a document: its resolved configuration. */
  optionsFor(uri: string): FileOptions {
    return this.resolve(uri).options;
  }

  /** The analysis options as a string: equal strings, equal findings (to skip re-publishing what cannot change). */
  fingerprint(uri: string): string {
    return JSON.stringify(this.resolve(uri).options);
  }

  /** True when a configuration file's `exclude` (or `bulwark.exclude`) leaves this file out of the workspace scan. */
  excluded(uri: string): boolean {
    return this.resolve(uri).excluded;
  }

  /**
   * Whether registry lookups (digest pinning, hover) may be made for this file: the resolved `registry.enabled`
   * (`bulwark.registry.enabled` under the configuration files) and a trusted workspace. Lookups still happen only
   * when the user asks for them.
   */
  registryEnabledFor(uri: string): boolean {
    const enabled = this.resolve(uri).registry.enabled;
    return this.trusted && enabled;
  }


  /** `bulwark.enable` of the file's folder (default true): false, the file gets no diagnostics. */
  enabledFor(uri: string): boolean {
    return this.sectionFor(uri).enable !== false;
  }

  /** `bulwark.debounce` (ms) of the file's folder, or undefined when not set (or not a number ≥ 0). */
  debounceFor(uri: string): number | undefined {
    const d = this.sectionFor(uri).debounce;
    return typeof d === 'number' && Number.isFinite(d) && d >= 0 ? d : undefined;
  }

  /** What the scan leaves out of a workspace folder (by the folder's URI). */
  excludesFor(folderUri: string): FolderExcludes {
    return this.folders.get(folderUri) ?? EMPTY;
  }

  /**
   * A configuration file changed (edited, saved, created, deleted; or any file some resolution read, e.g. one it
   * `extends`): drops the resolutions it can affect and answers their document URIs. A `.bulwark.yaml` or
   * `.hadolint.yaml` affects every file below its folder; any file affects the resolutions that read it.
   */
  configFileChanged(path: string, deleted = false): string[] {
    this.diskExists.delete(path);
    this.diskText.delete(path);
    this.listings.delete(nodePath.dirname(path));
    if (deleted) {
      // Perhaps a folder: what was read below it is gone too.
      for (const memo of [this.diskExists, this.diskText, this.listings]) {
        for (const key of [...memo.keys()]) if (isInside(path, key)) memo.delete(key);
      }
    }
    const dir = isConfigFile(path) ? nodePath.dirname(path) : undefined;
    const affected: string[] = [];
    for (const [uri, r] of this.resolutions) {
      const below = dir !== undefined && r.path !== undefined && isInside(dir, r.path);
      const read = (p: string | undefined) => p !== undefined && (p === path || (deleted && isInside(path, p)));
      if (below || r.resolved.sources.some(read) || r.resolved.problems.some((p) => read(p.path))) {
        affected.push(uri);
        this.resolutions.delete(uri);
      }
    }
    return affected;
  }

  /** Forgets a document's resolution (e.g. it left the workspace). */
  forget(uri: string): void {
    this.resolutions.delete(uri);
  }

  /** The problems the cached resolutions found in one configuration file (e.g. "not read: X takes precedence"). */
  problemsIn(path: string): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    for (const r of this.resolutions.values()) for (const p of r.resolved.problems) if (p.path === path) out.push(p);
    return out;
  }

  /** The workspace root used for a configuration file (its deepest workspace folder). */
  rootFor(path: string): string | undefined {
    return this.folderOf(path)?.path;
  }

  /** The `workspace/configuration` items to ask for the given folders: two per folder, then the user's `bulwark`. */
  static configurationItems(folderUris: readonly string[]): ConfigurationItem[] {
    return [
      ...folderUris.flatMap((scopeUri) => [
        { scopeUri, section: 'files.exclude' },
        { scopeUri, section: 'bulwark' },
      ]),
      { section: 'bulwark' },
    ];
  }

  /**
   * Takes the client's answer to `configurationItems(folderUris)`. Answers what changed: `excludes` (what the scan
   * leaves out) and `settings` (any `bulwark` value; the resolutions were dropped). A missing or malformed answer
   * counts as no setting.
   */
  applyConfiguration(folderUris: readonly string[], values: readonly unknown[] | undefined): { excludes: boolean; settings: boolean } {
    this.setFolders(folderUris);
    const before = JSON.stringify([...this.folders]);
    const sectionsBefore = JSON.stringify([...this.sections]);
    const next = new Map<string, FolderExcludes>();
    const sections = new Map<string, Record<string, unknown>>();
    folderUris.forEach((uri, i) => {
      const filesExclude = enabledGlobs(values?.[2 * i]);
      const section = record(values?.[2 * i + 1]);
      next.set(uri, { filesExclude, exclude: section ? globList(section.exclude) : [] });
      if (section) sections.set(uri, section);
    });
    const global = record(values?.[2 * folderUris.length]);
    if (global) sections.set(GLOBAL, global);
    this.folders = next;
    this.sections = sections;
    const settings = JSON.stringify([...sections]) !== sectionsBefore;
    if (settings) this.resolutions.clear();
    return { excludes: JSON.stringify([...next]) !== before, settings };
  }
}
