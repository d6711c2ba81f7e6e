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

export function formatGithub(files: FileReport[]): string {
  const out: string[] = [];
  for (const f of files) {
    for (const x of f.findings) {
      const props: [string, string | number][] = [
        ['file', f.path],
        ['line', x.range.start.line + 1],
        ['endLine', x.range.end.line + 1],
      ];
      if (x.range.start.line === x.range.end.line) {
        props.push(['col', x.range.start.character + 1], ['endColumn', x.range.end.character + 1]);
      }
      props.push(['title', x.ruleId]);
      const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      out.push(`::${COMMAND[x.severity]} ${list}::${escapeData(x.message)}`);
    }
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
  return out.join('\n') + '\n';
}
