/**
 * Finding the Dockerfiles and Compose files of a workspace folder on disk, reading only: which files are left out
 * (`.git`, `node_modules`, symlinked folders, `.gitignore` files at any depth, `files.exclude` and `bulwark.exclude`
 * globs), an asynchronous walk that never blocks the server for long, and reading one file's text (too large or
 * binary files are skipped).
 */
import { trimEndOf } from '../core/text';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { detectKind } from '../core';
import type { FileKind } from '../core';

/** Folders never walked: version-control metadata and installed packages. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** How many directories are read at once. */
const READDIR_CONCURRENCY = 8;

export function isSkippedDir(name: string): boolean {
  return SKIPPED_DIRS.has(name);
}

/** `a/b/c` → [`a`, `a/b`]: the folders above a relative path, outermost first. */
function ancestors(rel: string): string[] {
  const parts = rel.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/**
 * What is left out of one workspace folder. Paths are relative to the folder, `/`-separated. Globs are matched as
 * VS Code matches `files.exclude`: against the path relative to the folder, dot files included; a folder that
 * matches leaves out everything below it.
 */
export class FolderFilter {
  private readonly globMatch: ((p: string) => boolean) | undefined;
  /** `.gitignore` files by the folder holding them ('' = the root), loaded once. */
  private readonly gitignores = new Map<string, Promise<Ignore | undefined>>();

  constructor(
    /** The folder's absolute file-system path. */
    readonly root: string,
    globs: readonly string[] = [],
    private readonly log: (message: string) => void = () => undefined,
  ) {
    const patterns = globs.map((g) => trimEndOf(g.trim().replace(/^\.\//, ''), '/')).filter((g) => g !== '');
    this.globMatch = patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
  }

  /** The path relative to the root (`/`-separated), or undefined when it is not strictly inside the root. */
  relative(fsPath: string): string | undefined {
    const rel = path.relative(this.root, fsPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /** True when a `files.exclude` / `bulwark.exclude` glob matches the path itself. */
  globExcluded(rel: string): boolean {
    return this.globMatch !== undefined && this.globMatch(rel);
  }

  /**
   * The `.gitignore` of a folder. `present` (from a directory listing) saves a failing read when it is known that
   * there is none.
   */
  gitignoreAt(dirRel: string, present?: boolean): Promise<Ignore | undefined> {
    let loaded = this.gitignores.get(dirRel);
    if (!loaded) {
      if (present === false) {
        loaded = Promise.resolve(undefined);
      } else {
        const file = path.join(this.root, ...(dirRel ? dirRel.split('/') : []), '.gitignore');
        loaded = fs.promises.readFile(file, 'utf8').then(
          (text) => ignore({ allowRelativePaths: true }).add(text),
          (e: NodeJS.ErrnoException) => {
            if (e.code !== 'ENOENT' && e.code !== 'ENOTDIR') this.log(`Bulwark: could not read ${file}: ${e.message}`);
            return undefined;
          },
        );
      }
      this.gitignores.set(dirRel, loaded);
    }
    return loaded;
  }

  /**
   * Whether the `.gitignore` files of the folders above `rel` ignore it, the deeper file deciding (as git does), given
   * that no folder above it is ignored.
   */
  async gitignored(rel: string, isDir: boolean): Promise<boolean> {
    let ignored = false;
    for (const dir of ['', ...ancestors(rel)]) {
      const ig = await this.gitignoreAt(dir);
      if (!ig) continue;
      const sub = (dir ? rel.slice(dir.length + 1) : rel) + (isDir ? '/' : '');
      const verdict = ig.test(sub);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  /** Whether one entry is left out, given that the folders above it are not. */
  async entryExcluded(rel: string, isDir: boolean): Promise<boolean> {
    if (isDir && isSkippedDir(rel.slice(rel.lastIndexOf('/') + 1))) return true;
    return this.globExcluded(rel) || (await this.gitignored(rel, isDir));
  }

  /** Whether a path is left out, itself or through any folder above it (for paths not found by a walk). */
  async excluded(rel: string, isDir: boolean): Promise<boolean> {
    for (const dir of ancestors(rel)) if (await this.entryExcluded(dir, true)) return true;
    return this.entryExcluded(rel, isDir);
  }
}

export interface FoundFile {
  /** Absolute file-system path. */
  path: string;
  /** Relative to the folder, `/`-separated. */
  rel: string;
  kind: FileKind;
}

export interface WalkOptions {
  /** Stop after this many files (the result says `truncated`). */
  maxFiles: number;
  /** Polled between directories: a newer scan started. */
  cancelled?: () => boolean;
  log?: (message: string) => void;
}

export interface WalkResult {
  /** Sorted by relative path. */
  files: FoundFile[];
  truncated: boolean;
  cancelled: boolean;
}

/**
 * Every Dockerfile and Compose file (by name, as the core's `detectKind` says) under the filter's root that the
 * filter does not leave out. Reads directories a few at a time; symbolic links to files are followed, to folders
 * not; unreadable folders are logged and passed over.
 */
export async function walkFolder(filter: FolderFilter, options: WalkOptions): Promise<WalkResult> {
  const log = options.log ?? (() => undefined);
  const files: FoundFile[] = [];
  const queue: string[] = [''];
  let truncated = false;
  let cancelled = false;
  const done = (): boolean => {
    if (!cancelled && options.cancelled?.()) cancelled = true;
    return cancelled || truncated;
  };

  const visit = async (dirRel: string): Promise<void> => {
    const dirPath = dirRel ? path.join(filter.root, ...dirRel.split('/')) : filter.root;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dirPath, { withFileTypes: true });
    } catch (e) {
      if (dirRel === '' || (e as NodeJS.ErrnoException).code !== 'ENOENT') {
        log(`Bulwark: could not read the folder ${dirPath}: ${(e as Error).message}`);
      }
      return;
    }
    // Load this folder's .gitignore (or remember there is none) before judging its entries.
    await filter.gitignoreAt(dirRel, entries.some((e) => e.name === '.gitignore' && !e.isDirectory()));
    for (const entry of entries) {
      if (done()) return;
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A link to a file is read like the file; a link to a folder is not walked (loops, trees outside the folder).
        if (!detectKind(entry.name)) continue;
        try {
          const stat = await fs.promises.stat(path.join(dirPath, entry.name));
          isFile = stat.isFile();
          isDir = false;
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) {
        if (!(await filter.entryExcluded(rel, true))) queue.push(rel);
      } else if (isFile) {
        const kind = detectKind(entry.name);
        if (!kind || (await filter.entryExcluded(rel, false))) continue;
        if (files.length >= options.maxFiles) {
          truncated = true;
          return;
        }
        files.push({ path: path.join(dirPath, entry.name), rel, kind });
      }
    }
  };

  // Breadth first, a few folders at a time.
  while (queue.length > 0 && !done()) {
    const batch = queue.splice(0, READDIR_CONCURRENCY);
    await Promise.all(batch.map(visit));
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, truncated, cancelled };
}

export type ReadResult = { text: string } | { skipped: string };

/** How far into a file a NUL byte marks it as binary. */
const BINARY_PROBE = 8000;

function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/**
 * A file's text as an editor would show it (UTF-8, without a byte-order mark), or why it is skipped: larger than
 * `maxBytes`, binary (a NUL byte near the start), not a file, or unreadable.
 */
export async function readTextFile(fsPath: string, maxBytes: number): Promise<ReadResult> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(fsPath, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return { skipped: 'not a file' };
    if (stat.size > maxBytes) return { skipped: `larger than ${formatBytes(maxBytes)} (${formatBytes(stat.size)})` };
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { skipped: `larger than ${formatBytes(maxBytes)}` };
    if (bytes.subarray(0, BINARY_PROBE).includes(0)) return { skipped: 'binary' };
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { skipped: code === 'ENOENT' ? 'deleted' : code === 'EISDIR' ? 'not a file' : `unreadable: ${(e as Error).message}` };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
