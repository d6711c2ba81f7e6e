/**
 * Finds the files the CLI lints: explicit files whatever their name, and files under directories whose
 * name says Dockerfile (or Compose, once the core analyzes Compose). The only file-system code of the CLI
 * besides reading the files themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allRules, detectKind } from '../core';
import type { FileKind } from '../core';

/** Directory names never descended into. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Kinds found by walking directories. The switch for Compose: it turns on by itself once the core registers
 * Compose rules (until then `analyze` returns nothing for Compose files, and walking would only pad the count).
 */
export const DISCOVERED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(
  allRules.some((r) => r.meta.kind === 'compose') ? ['dockerfile', 'compose'] : ['dockerfile'],
);

export interface Target {
  /** Absolute path. */
  absPath: string;
  /** Path as printed: relative to cwd when inside it, forward slashes. */
  displayPath: string;
  kind: FileKind;
  /** Named on the command line (a binary file is then an error, not a skipped file). */
  explicit: boolean;
}

export interface Problem {
  /** Path as printed. */
  path: string;
  message: string;
}

export interface DiscoveryResult {
  targets: Target[];
  /** Unreadable input: reported on stderr, exit code 2. */
  errors: Problem[];
  /** Reported on stderr, exit code unchanged. */
  warnings: Problem[];
}

/** `path` as the CLI prints it: relative to `cwd` when inside it, forward slashes either way. */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  return (inside ? rel : rel === '' ? '.' : absPath).split(path.sep).join('/');
}

/** Readable reason for a file-system error. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    default:
      return err?.message ?? String(e);
  }
}

/** Code-point order (locale-independent, so output is the same on every machine), path segment by segment. */
export function comparePaths(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) {
      // A file sorts before a folder's contents at the same level: compare "is last segment" first.
      const aLeaf = i === as.length - 1;
      const bLeaf = i === bs.length - 1;
      if (aLeaf !== bLeaf) return aLeaf ? -1 : 1;
      return as[i] < bs[i] ? -1 : 1;
    }
  }
  return as.length - bs.length;
}

export function discover(inputs: string[], cwd: string): DiscoveryResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const found = new Map<string, Target>();

  const add = (absPath: string, kind: FileKind, explicit: boolean) => {
    const existing = found.get(absPath);
    if (existing) {
      existing.explicit ||= explicit;
      return;
    }
    found.set(absPath, { absPath, displayPath: displayPath(absPath, cwd), kind, explicit });
  };

  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: displayPath(dir, cwd), message: `cannot read directory: ${describeFsError(e)}` });
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
        continue;
      }
      const kind = detectKind(entry.name);
      if (!kind || !DISCOVERED_KINDS.has(kind)) continue;
      if (entry.isFile()) {
        add(full, kind, false);
      } else if (entry.isSymbolicLink()) {
        // A symlinked file is linted; a symlinked folder is not followed (loops).
        let st: fs.Stats;
        try {
          st = fs.statSync(full);
        } catch (e) {
          errors.push({ path: displayPath(full, cwd), message: `cannot read: ${describeFsError(e)}` });
          continue;
        }
        if (st.isFile()) add(full, kind, false);
      }
    }
  };

  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push({ path: input, message: `cannot read: ${describeFsError(e)}` });
      continue;
    }
    if (st.isDirectory()) {
      const before = found.size;
      const errorsBefore = errors.length;
      walk(abs);
      if (found.size === before && errors.length === errorsBefore) {
        warnings.push({ path: input, message: `no ${[...DISCOVERED_KINDS].map(kindLabel).join(' or ')} found` });
      }
    } else if (st.isFile()) {
      add(abs, detectKind(abs) === 'compose' ? 'compose' : 'dockerfile', true);
    } else {
      errors.push({ path: input, message: 'not a regular file or directory' });
    }
  }

  const targets = [...found.values()].sort((a, b) => comparePaths(a.displayPath, b.displayPath));
  return { targets, errors, warnings };
}

function kindLabel(kind: FileKind): string {
  return kind === 'compose' ? 'Compose files' : 'Dockerfiles';
}
