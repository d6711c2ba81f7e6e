/**
 * Runs the core on one document version and never throws: a rule that throws is logged once per rule id
 * (its siblings' findings are kept); an analysis that throws is logged once per distinct error and yields
 * no findings.
 */
import * as fs from 'node:fs';
import { analyze as coreAnalyze, fixAll as coreFixAll, ShellParseCache } from '../core';
import { IncrementalState } from '../core/incremental';
import type { AnalysisResult, AnalyzeOptions, FileKind, Finding, FixAllResult, Host } from '../core';
import { maskFoundSecrets } from './log-guard';
import { uriToFsPath } from './uri';

/** Files larger than this are not read for cross-file rules (a Dockerfile is small). */
export const MAX_READ_BYTES = 1024 * 1024;

/** A file's text from disk (UTF-8, without a byte-order mark); undefined when missing, not a file, too large or unreadable. */
export function readSmallFile(path: string, maxBytes = MAX_READ_BYTES): string | undefined {
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = fs.readFileSync(path);
    if (bytes.length > maxBytes) return undefined;
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/**
 * The server only reads: whether a file beside the document exists (e.g. `.dockerignore`), and the text of a file a
 * cross-file rule needs (the Dockerfile a Compose service builds). Nothing is executed.
 */
export const fsHost: Host = {
  exists(path: string): boolean {
    try {
      return fs.existsSync(path);
    } catch {
      return false;
    }
  },
  readFile: (path: string) => readSmallFile(path),
};

/**
 * The server's host: reads a file as the editor shows it (an open document's current text wins over the disk) and
 * records which files an analysis read, so that a Compose file is re-analysed when the Dockerfile it builds changes.
 */
export class EditorHost implements Host {
  private recording: Set<string> | undefined;

  constructor(
    /** The current text of the open document at this absolute path, if one is open. */
    private readonly openText: (path: string) => string | undefined,
    private readonly disk: Host = fsHost,
  ) {}

  exists(path: string): boolean {
    return this.disk.exists(path);
  }

  readFile(path: string): string | undefined {
    this.recording?.add(path);
    const open = this.openText(path);
    return open !== undefined ? open : this.disk.readFile?.(path);
  }

  /** Starts recording the files read (by one synchronous analysis). */
  startRecording(): void {
    this.recording = new Set();
  }

  /** The files read since `startRecording`, including those that could not be read (they may appear later). */
  stopRecording(): string[] {
    const read = [...(this.recording ?? [])];
    this.recording = undefined;
    return read;
  }
}

export interface DocumentInput {
  uri: string;
  version: number;
  kind: FileKind;
  text: string;
  /** An open document the editor changes: its analyses reuse the shell scripts an edit did not change. */
  incremental?: boolean;
}

export interface Snapshot {
  uri: string;
  version: number;
  kind: FileKind;
  /** The text analysed. */
  text: string;
  findings: Finding[];
  /** Absolute paths of the other files the analysis read (a Compose service's Dockerfile); set with an EditorHost. */
  reads?: string[];
}

export type AnalyzeFn = (text: string, options: AnalyzeOptions & { kind?: FileKind }) => AnalysisResult;
export type FixAllFn = (text: string, options: AnalyzeOptions & { kind?: FileKind }) => FixAllResult;

export class Analyzer {
  private readonly loggedRules = new Set<string>();
  private readonly loggedFailures = new Set<string>();
  /**
   * Per edited Dockerfile (URI): the shell scripts of its last analyses, so a keystroke re-parses only what it changed.
   * Made at a document's second analysis (its first edit): documents only opened keep no scripts in memory.
   */
  private readonly shellCaches = new Map<string, ShellParseCache>();
  /** Per edited Dockerfile, made with its shell cache: findings of instruction-scoped rules per instruction (core/incremental.ts). */
  private readonly incrementals = new Map<string, IncrementalState>();
  private readonly analysedOnce = new Set<string>();

  constructor(
    private readonly log: (message: string) => void,
    /** The options for a document (by URI): see settings.ts. */
    private readonly options: (uri: string) => Omit<AnalyzeOptions, 'path' | 'host'> = () => ({}),
    private readonly analyzeFn: AnalyzeFn = coreAnalyze,
    private readonly host: Host = fsHost,
    private readonly fixAllFn: FixAllFn = coreFixAll,
  ) {}

  /** What the core is given for a document: the configured options, its kind, the host and its path. */
  private optionsFor(doc: DocumentInput): AnalyzeOptions & { kind: FileKind } {
    const path = uriToFsPath(doc.uri);
    const shellCache = this.shellCaches.get(doc.uri);
    const incremental = this.incrementals.get(doc.uri);
    return { ...this.options(doc.uri), kind: doc.kind, host: this.host, ...(path ? { path } : {}), ...(shellCache ? { shellCache } : {}), ...(incremental ? { incremental } : {}) };
  }

  /** Drops what was kept for an open document (it was closed). */
  forget(uri: string): void {
    this.shellCaches.delete(uri);
    this.incrementals.delete(uri);
    this.analysedOnce.delete(uri);
  }

  run(doc: DocumentInput): Snapshot {
    const snapshot: Snapshot = { uri: doc.uri, version: doc.version, kind: doc.kind, text: doc.text, findings: [] };
    const recorder = this.host instanceof EditorHost ? this.host : undefined;
    recorder?.startRecording();
    if (doc.incremental && doc.kind === 'dockerfile' && !this.shellCaches.has(doc.uri)) {
      if (this.analysedOnce.has(doc.uri)) {
        this.shellCaches.set(doc.uri, new ShellParseCache());
        this.incrementals.set(doc.uri, new IncrementalState());
      }
      else this.analysedOnce.add(doc.uri);
    }
    try {
      const result = this.analyzeFn(doc.text, this.optionsFor(doc));
      snapshot.findings = result.findings;
      for (const { ruleId, error } of result.ruleErrors) {
        if (this.loggedRules.has(ruleId)) continue;
        this.loggedRules.add(ruleId);
        this.log(maskFoundSecrets(`Bulwark: rule ${ruleId} failed (its findings are missing; other rules still report). ${error}`, doc.text, result.findings));
      }
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (!this.loggedFailures.has(error)) {
        this.loggedFailures.add(error);
        this.log(maskFoundSecrets(`Bulwark: analysis of ${doc.uri} failed. ${error}`, doc.text, []));
      }
    } finally {
      if (recorder) snapshot.reads = recorder.stopRecording();
      this.shellCaches.get(doc.uri)?.endGeneration();
    }
    return snapshot;
  }

  /** The core's fix-all for a document, with the same options as its analysis; undefined (logged) if it throws. */
  fixAll(doc: DocumentInput): FixAllResult | undefined {
    try {
      // Without the incremental state: fix-all's passes analyse other texts, which would replace the document's findings.
      const { incremental: _incremental, ...options } = this.optionsFor(doc);
      return this.fixAllFn(doc.text, options);
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (!this.loggedFailures.has(error)) {
        this.loggedFailures.add(error);
        this.log(maskFoundSecrets(`Bulwark: fix-all of ${doc.uri} failed. ${error}`, doc.text, (doc as Partial<Snapshot>).findings ?? []));
      }
      return undefined;
    }
  }
}
