/**
 * What the server keeps of the open documents' analyses. The diagnostics it published are held by the client; the
 * server needs a document's findings again only to answer a hover, a code action or a fix-all on it. Full results
 * (findings with their fixes: ~840 bytes per finding, most of the server's heap with many documents open) are kept
 * for the few documents touched last (analysed, hovered, asked for code actions); every other open document keeps
 * only the input of its published analysis (its version and text, shared with the editor's copy) and a digest of the
 * diagnostics published for it. Asked about again, such a document is analysed again (a Dockerfile takes ~1 ms),
 * which gives the same findings as long as nothing the analysis reads has changed; if something did (a file it reads
 * changed on disk without a watcher event), the digest differs and the new diagnostics are published, so what the
 * client shows and what the server answers stay one analysis. Measurements: docs/memory.md.
 */
import { createHash } from 'node:crypto';
import type { Snapshot } from './analysis';
import { toDiagnostics } from './convert';

/** Documents whose full results are kept: the last ones touched. */
export const FULL_RESULTS = 8;

/** An analysis without its findings: what is analysed again on demand. */
export type AnalysedInput = Omit<Snapshot, 'findings'>;

interface Evicted extends AnalysedInput {
  /** Digest of the diagnostics published for this analysis. */
  digest: string;
}

export interface ResultHooks {
  /** Analyses the same input again (not as an edit: no shell-script cache is made for it). */
  analyze(input: AnalysedInput): Snapshot;
  /** Analysing an evicted document again gave other diagnostics than were published: publish these. */
  republish(snapshot: Snapshot): void;
}

/** What `publishDiagnostics` carried for an analysis, as a short digest. */
export function diagnosticsDigest(snapshot: Snapshot): string {
  return createHash('sha1').update(JSON.stringify(toDiagnostics(snapshot.findings, snapshot.version))).digest('base64');
}

export class ResultStore {
  /** Full results, least recently touched first (a Map iterates in insertion order). */
  private readonly full = new Map<string, Snapshot>();
  private readonly evicted = new Map<string, Evicted>();
  /** Analyses run again on demand (for tests and measurements). */
  reanalysed = 0;

  constructor(
    private readonly hooks: ResultHooks,
    readonly capacity = FULL_RESULTS,
  ) {}

  /** The version of the document's last published analysis, if one is kept. */
  version(uri: string): number | undefined {
    return (this.full.get(uri) ?? this.evicted.get(uri))?.version;
  }

  /** Whether the document's full results are kept (not evicted). */
  holdsFull(uri: string): boolean {
    return this.full.has(uri);
  }

  /** A published analysis: kept in full as the most recently touched; the least recent beyond the capacity are evicted. */
  set(snapshot: Snapshot): void {
    this.evicted.delete(snapshot.uri);
    this.full.delete(snapshot.uri);
    this.full.set(snapshot.uri, snapshot);
    for (const [uri, oldest] of this.full) {
      if (this.full.size <= this.capacity) break;
      this.full.delete(uri);
      const { findings: _dropped, ...input } = oldest;
      this.evicted.set(uri, { ...input, digest: diagnosticsDigest(oldest) });
    }
  }

  /** The document's last published analysis with its findings: kept, or analysed again (and published if it changed). */
  get(uri: string): Snapshot | undefined {
    const full = this.full.get(uri);
    if (full) {
      this.full.delete(uri);
      this.full.set(uri, full);
      return full;
    }
    const evicted = this.evicted.get(uri);
    if (!evicted) return undefined;
    const { digest, ...input } = evicted;
    const again = this.hooks.analyze(input);
    this.reanalysed++;
    this.set(again);
    if (diagnosticsDigest(again) !== digest) this.hooks.republish(again);
    return again;
  }

  /** Forgets the document's analysis (closed, or to be analysed again). */
  delete(uri: string): void {
    this.full.delete(uri);
    this.evicted.delete(uri);
  }
}
