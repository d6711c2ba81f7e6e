/**
 * The one place that answers "which options apply to this file": what the client passed at start
 * (`initializationOptions`) and the settings it serves through `workspace/configuration` (`files.exclude` and the
 * `bulwark` section, per workspace folder). Configuration files (`.bulwark.yaml`, `.hadolint.yaml`) and more
 * `bulwark.*` settings plug in here: `optionsFor(uri)` is what every analysis asks, `excludesFor(folder)` what the
 * workspace scan asks.
 *
 * Workspace Trust: in an untrusted workspace the client says so (`initializationOptions.workspaceTrusted: false`,
 * then `bulwark/workspaceTrusted` when trust is granted). Analysis only reads text, so it still runs; `trusted` is
 * what any future setting that would fetch or execute something, or widen what runs, must check (VS Code already
 * withholds the workspace's values of the settings in `capabilities.untrustedWorkspaces.restrictedConfigurations`).
 */
import type { AnalyzeOptions, SeveritySetting } from '../core';

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

export class Settings {
  private analysis: FileOptions = {};
  private folders = new Map<string, FolderExcludes>();
  /** False in an untrusted workspace: nothing the workspace configures may fetch or execute anything. */
  trusted = true;

  /** Reads the analysis part of `initializationOptions`. */
  readInitOptions(raw: unknown): void {
    if (!raw || typeof raw !== 'object') return;
    const o = raw as AnalysisInitOptions;
    if (o.rules && typeof o.rules === 'object') this.analysis = { ...this.analysis, rules: { ...o.rules } };
    if (typeof o.allRules === 'boolean') this.analysis = { ...this.analysis, allRules: o.allRules };
    if (typeof o.workspaceTrusted === 'boolean') this.trusted = o.workspaceTrusted;
  }

  /** The analysis options for a document (today the same for every file; per-folder configuration plugs in here). */
  optionsFor(_uri: string): FileOptions {
    return this.analysis;
  }

  /** What the scan leaves out of a workspace folder (by the folder's URI). */
  excludesFor(folderUri: string): FolderExcludes {
    return this.folders.get(folderUri) ?? EMPTY;
  }

  /** The `workspace/configuration` items to ask for the given folders: two per folder. */
  static configurationItems(folderUris: readonly string[]): ConfigurationItem[] {
    return folderUris.flatMap((scopeUri) => [
      { scopeUri, section: 'files.exclude' },
      { scopeUri, section: 'bulwark' },
    ]);
  }

  /**
   * Takes the client's answer to `configurationItems(folderUris)`; returns true when what the scan excludes changed.
   * A missing or malformed answer counts as no setting.
   */
  applyConfiguration(folderUris: readonly string[], values: readonly unknown[] | undefined): boolean {
    const before = JSON.stringify([...this.folders]);
    const next = new Map<string, FolderExcludes>();
    folderUris.forEach((uri, i) => {
      const filesExclude = enabledGlobs(values?.[2 * i]);
      const section = values?.[2 * i + 1];
      const exclude = section && typeof section === 'object' ? globList((section as { exclude?: unknown }).exclude) : [];
      next.set(uri, { filesExclude, exclude });
    });
    this.folders = next;
    return JSON.stringify([...next]) !== before;
  }
}
