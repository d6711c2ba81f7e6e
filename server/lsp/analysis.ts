/**
 * Runs the core on one document version and never throws: a rule that throws is logged once per rule id
 * (its siblings' findings are kept); an analysis that throws is logged once per distinct error and yields
 * no findings.
 */
import * as fs from 'node:fs';
import { analyze as coreAnalyze, fixAll as coreFixAll } from '../core';
import type { AnalysisResult, AnalyzeOptions, FileKind, Finding, FixAllResult, Host } from '../core';
import { uriToFsPath } from './uri';

/** The server only reads: whether a file beside the document exists (e.g. `.dockerignore`). */
export const fsHost: Host = {
  exists(path: string): boolean {
    try {
      return fs.existsSync(path);
    } catch {
      return false;
    }
  },
};

export interface DocumentInput {
  uri: string;
  version: number;
  kind: FileKind;
  text: string;
}

export interface Snapshot {
  uri: string;
  version: number;
  kind: FileKind;
  /** The text analysed. */
  text: string;
  findings: Finding[];
}

export type AnalyzeFn = (text: string, options: AnalyzeOptions & { kind?: FileKind }) => AnalysisResult;
export type FixAllFn = (text: string, options: AnalyzeOptions & { kind?: FileKind }) => FixAllResult;

export class Analyzer {
  private readonly loggedRules = new Set<string>();
  private readonly loggedFailures = new Set<string>();

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
    return { ...this.options(doc.uri), kind: doc.kind, host: this.host, ...(path ? { path } : {}) };
  }

  run(doc: DocumentInput): Snapshot {
    const snapshot: Snapshot = { uri: doc.uri, version: doc.version, kind: doc.kind, text: doc.text, findings: [] };
    try {
      const result = this.analyzeFn(doc.text, this.optionsFor(doc));
      snapshot.findings = result.findings;
      for (const { ruleId, error } of result.ruleErrors) {
        if (this.loggedRules.has(ruleId)) continue;
        this.loggedRules.add(ruleId);
        this.log(`Bulwark: rule ${ruleId} failed (its findings are missing; other rules still report). ${error}`);
      }
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (!this.loggedFailures.has(error)) {
        this.loggedFailures.add(error);
        this.log(`Bulwark: analysis of ${doc.uri} failed. ${error}`);
      }
    }
    return snapshot;
  }

  /** The core's fix-all for a document, with the same options as its analysis; undefined (logged) if it throws. */
  fixAll(doc: DocumentInput): FixAllResult | undefined {
    try {
      return this.fixAllFn(doc.text, this.optionsFor(doc));
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      if (!this.loggedFailures.has(error)) {
        this.loggedFailures.add(error);
        this.log(`Bulwark: fix-all of ${doc.uri} failed. ${error}`);
      }
      return undefined;
    }
  }
}
