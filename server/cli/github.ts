/**
 * `bulwark lint --format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as annotations
 * on the run and on the pull request's changed lines:
 *
 *   ::error file=api/Dockerfile,line=4,endLine=4,col=5,endColumn=9,title=no-sudo::sudo in RUN …
 *
 * `error`, `warning` and `notice` for the three severities. Paths are as printed (relative to the folder the CLI ran
 * in, which should be the repository root). Columns are given only for a finding on one line (GitHub accepts them
 * only then). Values are escaped as GitHub's own toolkit escapes them (@actions/core `escapeData` and
 * `escapeProperty`), so a message cannot end the command early or start another one.
 */
import type { Severity } from '../core';
import type { ConfigProblemReport } from './config';
import type { FileReport } from './format';
import { countBySeverity, plural } from './format';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** A workflow command's message: `%`, CR and LF percent-encoded. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command: `::error file=…,line=…,endLine=…[,col=…,endColumn=…],title=…::message` (1-based lines). */
function command(severity: Severity, file: string, start: { line: number; column: number }, end: { line: number; column: number }, title: string, message: string): string {
  const props: [string, string | number][] = [
    ['file', file],
    ['line', start.line],
    ['endLine', end.line],
  ];
  if (start.line === end.line) props.push(['col', start.column], ['endColumn', end.column]);
  props.push(['title', title]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[severity]} ${list}::${escapeData(message)}`;
}

/** The findings, then the problems of the configuration files (annotations on those files, titled `bulwark-config`). */
export function formatGithub(files: FileReport[], configProblems: ConfigProblemReport[] = []): string {
  const out: string[] = [];
  for (const f of files) {
    for (const x of f.findings) {
      const at = (p: { line: number; character: number }) => ({ line: p.line + 1, column: p.character + 1 });
      out.push(command(x.severity, f.path, at(x.range.start), at(x.range.end), x.ruleId, x.message));
    }
  }
  for (const p of configProblems) {
    out.push(command(p.severity, p.path, p, { line: p.endLine, column: p.endColumn }, 'bulwark-config', p.message));
  }
  // A plain line for the log (not a command).
  const counts = countBySeverity(files);
  const total = counts.error + counts.warning + counts.info;
  out.push(
    total === 0
      ? `Bulwark: no problems found in ${plural(files.length, 'file')}.`
      : `Bulwark: ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
          `${counts.info} info) in ${plural(files.length, 'file')}.`,
  );
  if (configProblems.length) {
    const errors = configProblems.filter((p) => p.severity === 'error').length;
    out.push(`Bulwark: ${plural(configProblems.length, 'configuration problem')} (${plural(errors, 'error')}).`);
  }
  return out.join('\n') + '\n';
}
