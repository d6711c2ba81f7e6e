/**
 * Diagnostics on the configuration files themselves (`.bulwark.yaml`, `.bulwark.yml`, `.hadolint.yaml`,
 * `.hadolint.yml`, and the files they `extends`): syntax and schema errors, unknown rules, `extends` that cannot be
 * followed, keys ignored in an untrusted workspace, a second file beside the one that is read. Invalid configuration is
 * never ignored silently.
 *
 * Which files: every configuration file a resolution read or reported on (so an unopened `.bulwark.yaml` used by a
 * workspace Dockerfile shows its problems too), every one open in the editor (its unsaved text counts), and every one
 * the file watcher reported. Publishing is coalesced (one pass shortly after a burst of changes) and sends only what
 * changed.
 */
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { configFileProblems } from '../core/config';
import type { ConfigProblem } from '../core/config';
import { SOURCE } from './convert';
import type { Settings } from './settings';
import { fsPathToUri } from './uri';

const SEVERITY: Record<ConfigProblem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toConfigDiagnostic(problem: ConfigProblem): Diagnostic {
  return { range: problem.range, severity: SEVERITY[problem.severity], source: SOURCE, message: problem.message };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.range.start.line}:${p.range.start.character}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Delay between a change and the publishing pass, coalescing bursts (a resolution per scanned file, typing). */
const PUBLISH_DELAY_MS = 50;

export class ConfigDiagnostics {
  /** Configuration files open in the editor, by path. */
  private readonly open = new Set<string>();
  /** Files the watcher reported (created or changed). */
  private readonly watched = new Set<string>();
  /** What was last published per URI (the diagnostics' JSON). */
  private readonly sent = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly log: (message: string) => void,
  ) {}

  opened(path: string): void {
    this.open.add(path);
    this.schedule();
  }

  closed(path: string): void {
    this.open.delete(path);
    this.schedule();
  }

  /** A watched-file event for a configuration file. */
  fileEvent(path: string, deleted: boolean): void {
    if (deleted) this.watched.delete(path);
    else this.watched.add(path);
    this.schedule();
  }

  /** Publishes shortly (once for a burst of calls). */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.publishAll();
      } catch (e) {
        this.log(`Bulwark: checking the configuration files failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    }, PUBLISH_DELAY_MS);
  }

  /** The problems of one configuration file now (its editor text if open, else the disk). */
  problemsOf(path: string): ConfigProblem[] {
    const s = this.settings;
    if (!s.enabledFor(fsPathToUri(path))) return [];
    const own = configFileProblems({ path, workspaceRoot: s.rootFor(path), host: s.host, trusted: s.trusted, cache: s.cache });
    return dedupe([...own, ...s.problemsIn(path)]);
  }

  publishAll(): void {
    const paths = new Set([...this.settings.configFiles, ...this.open, ...this.watched]);
    const current = new Set<string>();
    for (const path of paths) {
      const uri = fsPathToUri(path);
      const exists = this.open.has(path) || this.settings.host.exists(path);
      const problems = exists ? this.problemsOf(path) : [];
      if (!exists) {
        this.settings.configFiles.delete(path);
        this.watched.delete(path);
      }
      current.add(uri);
      this.send(uri, problems.map(toConfigDiagnostic));
    }
    // Files no longer known (deleted, closed and unused): cleared.
    for (const uri of [...this.sent.keys()]) if (!current.has(uri)) this.send(uri, []);
  }

  private send(uri: string, diagnostics: Diagnostic[]): void {
    const key = JSON.stringify(diagnostics);
    if ((this.sent.get(uri) ?? '[]') === key) return;
    if (diagnostics.length > 0) this.sent.set(uri, key);
    else this.sent.delete(uri);
    this.publish(uri, diagnostics);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}

