/**
 * What is shown: the findings currently published per document (open or from disk), and the counts the client's
 * status bar shows (`bulwark/findingCounts`, `bulwark/summary`). A finding is a security finding when its rule's
 * category is `security`.
 */
import { getRule } from '../core';
import type { Finding, Severity } from '../core';

export type SeverityCounts = Record<Severity, number>;

export interface FindingCounts {
  /** Every finding shown, by severity. */
  total: SeverityCounts;
  /** Findings of `security` rules, by severity. */
  security: SeverityCounts;
  /** Files with at least one finding. */
  files: number;
  /** Files with at least one security finding. */
  securityFiles: number;
  /** Files of the workspace set (Dockerfiles and Compose files found in the workspace folders). */
  workspaceFiles: number;
  /** A workspace scan is running: the counts are still growing. */
  scanning: boolean;
}

/** `bulwark/findingCounts`: server → client notification, sent when the counts change (if the client asked for it). */
export const FINDING_COUNTS_NOTIFICATION = 'bulwark/findingCounts';
/** `bulwark/summary`: client → server request answering the current `FindingCounts`. */
export const SUMMARY_REQUEST = 'bulwark/summary';
/** `bulwark/analyzeWorkspace`: client → server request; rescans the workspace and answers a `ScanResult` with counts. */
export const ANALYZE_WORKSPACE_REQUEST = 'bulwark/analyzeWorkspace';
/** `bulwark/rules`: client → server request answering the rule catalog (for "Show Rule Documentation"). */
export const RULES_REQUEST = 'bulwark/rules';
/** `bulwark/workspaceTrusted`: client → server notification `{ trusted: boolean }` when Workspace Trust changes. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'bulwark/workspaceTrusted';

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export function isSecurityFinding(finding: Finding): boolean {
  return getRule(finding.ruleId)?.meta.category === 'security';
}

/** A document's shown findings, counted: by severity, all and security ones. */
interface DocCounts {
  total: SeverityCounts;
  security: SeverityCounts;
}

export class ShownFindings {
  /** Per document with findings, their counts (not the findings: those of most documents are not kept, result-store.ts). */
  private readonly shown = new Map<string, DocCounts>();

  /** Records what is now shown for a document; returns whether it had or has findings (the counts may change). */
  set(uri: string, findings: readonly Finding[] | undefined): boolean {
    const had = this.shown.has(uri);
    if (findings && findings.length > 0) {
      const counts: DocCounts = { total: zero(), security: zero() };
      for (const f of findings) {
        counts.total[f.severity]++;
        if (isSecurityFinding(f)) counts.security[f.severity]++;
      }
      this.shown.set(uri, counts);
    } else this.shown.delete(uri);
    return had || (findings?.length ?? 0) > 0;
  }

  /** Whether a document has findings shown (so clearing it must be published). */
  has(uri: string): boolean {
    return this.shown.has(uri);
  }

  counts(workspaceFiles: number, scanning: boolean): FindingCounts {
    const counts: FindingCounts = { total: zero(), security: zero(), files: 0, securityFiles: 0, workspaceFiles, scanning };
    for (const doc of this.shown.values()) {
      counts.files++;
      let security = false;
      for (const severity of SEVERITIES) {
        counts.total[severity] += doc.total[severity];
        counts.security[severity] += doc.security[severity];
        if (doc.security[severity] > 0) security = true;
      }
      if (security) counts.securityFiles++;
    }
    return counts;
  }
}
