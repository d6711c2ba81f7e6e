/**
 * The workspace set: every Dockerfile and Compose file in the workspace folders that is not left out, analysed from
 * disk so that the Problems panel shows the whole workspace without opening files. Open documents are the editor's:
 * their text wins, and the set only remembers that they belong to it (closing one re-publishes its disk analysis).
 *
 * Scans are asynchronous and give way to other requests between small batches of files; a newer scan cancels an
 * older one. File events (`workspace/didChangeWatchedFiles`) keep the set current; an event newer than a read
 * wins over what the read found.
 */
import * as path from 'node:path';
import { detectKind } from '../core';
import type { FileKind, Finding } from '../core';
import { FolderFilter, readTextFile, walkFolder } from './files';
import type { FolderExcludes } from './settings';
import { fsPathToUri, uriToFsPath } from './uri';
import { formatCount } from '../core/format';

export interface ScanLimits {
  /** At most this many files in the set; past it, a logged message. */
  maxFiles: number;
  /** Files larger than this are skipped (logged). */
  maxFileBytes: number;
  /** Progress is reported when more files than this are to be analysed. */
  progressThreshold: number;
}

export const DEFAULT_LIMITS: ScanLimits = { maxFiles: 20_000, maxFileBytes: 1024 * 1024, progressThreshold: 50 };

/** What a scan reports while it analyses (a `$progress` work-done reporter, or nothing). */
export interface ProgressHandle {
  report(percentage: number, message: string): void;
  done(): void;
}

/** What the index needs from the server. */
export interface WorkspaceHooks {
  isOpen(uri: string): boolean;
  analyze(uri: string, kind: FileKind, text: string): Finding[];
  /** Shows a file's disk analysis; undefined clears its diagnostics. */
  publish(uri: string, findings: Finding[] | undefined): void;
  log(message: string): void;
  /** Starts a progress report ("Bulwark: analyzing 1,234 files"); undefined when the client cannot show one. */
  progress(title: string, message: string): Promise<ProgressHandle | undefined>;
  excludesFor(folderUri: string): FolderExcludes;
  /** A file the walk found that the configuration leaves out (`.bulwark.yaml` `exclude`, `bulwark.enable: false`). */
  excluded?(uri: string): boolean;
  /** A scan started or ended. */
  scanning(active: boolean): void;
}

export interface ScanResult {
  /** Files in the workspace set. */
  files: number;
  /** Files analysed from disk (open documents are not). */
  analyzed: number;
  /** Files skipped (too large, binary, unreadable). */
  skipped: number;
  /** The set was capped at `maxFiles`. */
  truncated: boolean;
  /** A newer scan took over. */
  cancelled: boolean;
  durationMs: number;
}

interface Folder {
  uri: string;
  filter: FolderFilter;
}

interface Member {
  path: string;
  kind: FileKind;
}

export type FileChange = 'created' | 'changed' | 'deleted';

/** Files analysed between two yields to the event loop. */
const BATCH = 8;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export { formatCount };

export class WorkspaceIndex {
  private folders: Folder[] = [];
  private folderUris: string[] = [];
  private readonly members = new Map<string, Member>();
  /** Event sequence numbers: the newest event per file, to drop what an older read found. */
  private seq = 0;
  private readonly lastEvent = new Map<string, number>();
  private generation = 0;
  private active = 0;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly loggedSkips = new Set<string>();

  constructor(
    private readonly hooks: WorkspaceHooks,
    public limits: ScanLimits = DEFAULT_LIMITS,
  ) {}

  /** The workspace folders (`file:` URIs; others are not read). Call `scan()` after. */
  setFolders(uris: readonly string[]): void {
    this.folderUris = [...new Set(uris)];
    this.rebuildFilters();
  }

  /** Re-reads the excludes (after a configuration change) and forgets cached `.gitignore` files. */
  rebuildFilters(): void {
    this.folders = [];
    for (const uri of this.folderUris) {
      const root = uriToFsPath(uri);
      if (!root) {
        this.hooks.log(`Bulwark: the workspace folder ${uri} is not on the local file system; its files are analyzed only when opened.`);
        continue;
      }
      const { filesExclude, exclude } = this.hooks.excludesFor(uri);
      this.folders.push({ uri, filter: new FolderFilter(root, [...filesExclude, ...exclude], this.hooks.log) });
    }
    // The deepest folder decides for a path inside nested folders.
    this.folders.sort((a, b) => b.filter.root.length - a.filter.root.length);
  }

  get folderCount(): number {
    return this.folders.length;
  }

  get size(): number {
    return this.members.size;
  }

  /** Whether a file belongs to the workspace set. */
  contains(uri: string): boolean {
    return this.members.has(uri);
  }

  get scanning(): boolean {
    return this.active > 0;
  }

  /** The folder holding a path and the path relative to it. */
  private locate(fsPath: string): { folder: Folder; rel: string } | undefined {
    for (const folder of this.folders) {
      const rel = folder.filter.relative(fsPath);
      if (rel !== undefined) return { folder, rel };
    }
    return undefined;
  }

  private skip(fsPath: string, reason: string): void {
    if (reason === 'deleted') return;
    const key = `${fsPath}\0${reason}`;
    if (this.loggedSkips.has(key)) return;
    this.loggedSkips.add(key);
    this.hooks.log(`Bulwark: skipped ${fsPath}: ${reason}.`);
  }

  /** Reads and analyses one file; undefined when it is skipped. */
  private async analyzeFromDisk(uri: string, member: Member): Promise<Finding[] | undefined> {
    const read = await readTextFile(member.path, this.limits.maxFileBytes);
    if ('skipped' in read) {
      this.skip(member.path, read.skipped);
      return undefined;
    }
    return this.hooks.analyze(uri, member.kind, read.text);
  }

  /** Finds every file, drops what left the set, analyses what is not open. A newer scan cancels this one. */
  async scan(): Promise<ScanResult> {
    const started = Date.now();
    const generation = ++this.generation;
    const startSeq = this.seq;
    const superseded = (): boolean => generation !== this.generation;
    const result: ScanResult = { files: 0, analyzed: 0, skipped: 0, truncated: false, cancelled: false, durationMs: 0 };
    this.active++;
    if (this.active === 1) this.hooks.scanning(true);
    let progress: ProgressHandle | undefined;
    try {
      const found = new Map<string, Member>();
      for (const folder of this.folders) {
        const walk = await walkFolder(folder.filter, {
          maxFiles: this.limits.maxFiles - found.size,
          cancelled: superseded,
          log: this.hooks.log,
        });
        if (walk.cancelled || superseded()) return { ...result, cancelled: true, durationMs: Date.now() - started };
        for (const f of walk.files) {
          const uri = fsPathToUri(f.path);
          if (!found.has(uri) && !this.hooks.excluded?.(uri)) found.set(uri, { path: f.path, kind: f.kind });
        }
        if (walk.truncated) {
          result.truncated = true;
          this.hooks.log(
            `Bulwark: the workspace holds more than ${formatCount(this.limits.maxFiles)} Dockerfiles and Compose files; ` +
              `only the first ${formatCount(this.limits.maxFiles)} are analyzed (exclude folders with the bulwark.exclude setting).`,
          );
          break;
        }
      }
      // Files that left the set (deleted, now excluded) lose their diagnostics, unless an event since has spoken.
      for (const [uri] of this.members) {
        if (found.has(uri) || (this.lastEvent.get(uri) ?? 0) > startSeq) continue;
        this.members.delete(uri);
        if (!this.hooks.isOpen(uri)) this.hooks.publish(uri, undefined);
      }
      for (const [uri, member] of found) this.members.set(uri, member);
      result.files = found.size;

      const todo = [...found].filter(([uri]) => !this.hooks.isOpen(uri));
      if (todo.length > this.limits.progressThreshold) {
        progress = await this.hooks.progress('Bulwark', `analyzing ${formatCount(todo.length)} files`);
      }
      let lastReport = Date.now();
      for (let i = 0; i < todo.length; i += BATCH) {
        if (superseded()) return { ...result, cancelled: true, durationMs: Date.now() - started };
        const batch = todo.slice(i, i + BATCH);
        const seen = batch.map(([uri]) => this.lastEvent.get(uri) ?? 0);
        const reads = await Promise.all(batch.map(([, member]) => readTextFile(member.path, this.limits.maxFileBytes)));
        if (superseded()) return { ...result, cancelled: true, durationMs: Date.now() - started };
        batch.forEach(([uri, member], j) => {
          // An event since the read, or the editor opening the file, has the newer word.
          if ((this.lastEvent.get(uri) ?? 0) !== seen[j] || this.hooks.isOpen(uri) || !this.members.has(uri)) return;
          const read = reads[j];
          if ('skipped' in read) {
            result.skipped++;
            this.skip(member.path, read.skipped);
            this.hooks.publish(uri, undefined);
            return;
          }
          result.analyzed++;
          this.hooks.publish(uri, this.hooks.analyze(uri, member.kind, read.text));
        });
        const done = Math.min(i + BATCH, todo.length);
        if (progress && (Date.now() - lastReport >= 100 || done === todo.length)) {
          lastReport = Date.now();
          progress.report(Math.floor((done / todo.length) * 100), `analyzing ${formatCount(todo.length)} files (${formatCount(done)} done)`);
        }
        await yieldToEventLoop();
      }
      result.durationMs = Date.now() - started;
      return result;
    } finally {
      progress?.done();
      this.active--;
      if (this.active === 0) this.hooks.scanning(false);
    }
  }

  /** A rescan shortly (after a `.gitignore` changed), coalescing bursts of events. */
  scheduleRescan(delayMs = 300): void {
    if (this.rescanTimer !== undefined) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      this.rebuildFilters();
      void this.scan().catch((e) => this.hooks.log(`Bulwark: workspace scan failed: ${String(e)}`));
    }, delayMs);
  }

  dispose(): void {
    if (this.rescanTimer !== undefined) clearTimeout(this.rescanTimer);
    this.generation++;
  }

  /** Whether a file (not found by a walk) belongs to the set: by name, folder and what is left out. */
  private async admit(uri: string): Promise<Member | undefined> {
    const fsPath = uriToFsPath(uri);
    if (!fsPath) return undefined;
    const kind = detectKind(fsPath);
    if (!kind) return undefined;
    const where = this.locate(fsPath);
    if (!where) return undefined;
    if (await where.folder.filter.excluded(where.rel, false)) return undefined;
    if (this.hooks.excluded?.(uri)) return undefined;
    if (!this.members.has(uri) && this.members.size >= this.limits.maxFiles) return undefined;
    return { path: fsPath, kind };
  }

  /** A file event from the client's watcher (or a document closing): keeps the set and its diagnostics current. */
  async fileChanged(uri: string, change: FileChange): Promise<void> {
    const mine = ++this.seq;
    this.lastEvent.set(uri, mine);
    const fsPath = uriToFsPath(uri);
    if (fsPath && path.basename(fsPath) === '.gitignore') {
      this.scheduleRescan();
      return;
    }
    if (change === 'deleted') {
      // The file, or a folder: everything below it goes.
      const prefix = uri.endsWith('/') ? uri : `${uri}/`;
      for (const [u] of this.members) {
        if (u !== uri && !u.startsWith(prefix)) continue;
        this.members.delete(u);
        this.lastEvent.set(u, mine);
        if (!this.hooks.isOpen(u)) this.hooks.publish(u, undefined);
      }
      return;
    }
    const member = await this.admit(uri);
    if (this.lastEvent.get(uri) !== mine) return; // a newer event handles it
    if (!member) {
      if (this.members.delete(uri) && !this.hooks.isOpen(uri)) this.hooks.publish(uri, undefined);
      return;
    }
    this.members.set(uri, member);
    if (this.hooks.isOpen(uri)) return; // the editor's text wins
    const findings = await this.analyzeFromDisk(uri, member);
    if (this.lastEvent.get(uri) !== mine || this.hooks.isOpen(uri) || !this.members.has(uri)) return;
    this.hooks.publish(uri, findings);
  }

  /** A document was closed: its disk analysis replaces the editor's when it belongs to the set; true if so. */
  documentClosed(uri: string): boolean {
    if (!this.members.has(uri)) return false;
    void this.fileChanged(uri, 'changed').catch((e) => this.hooks.log(`Bulwark: analysing ${uri} failed: ${String(e)}`));
    return true;
  }
}
