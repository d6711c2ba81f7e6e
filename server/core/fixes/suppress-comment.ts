/**
 * The Bulwark suppression comment as both suppression quick fixes write it, in Dockerfiles (suppress.ts) and Compose
 * files (suppress-compose.ts): which rules cannot be suppressed, how a comment line is recognised, and how an id is
 * added to an existing comment.
 */
import type { LineIndex } from '../text';
import type { Finding, Fix, TextEdit } from '../types';
import { insertLinesAtEnd } from './edits';

/** Rules whose findings cannot be suppressed (the engine reports them after applying suppressions). */
export const UNSUPPRESSIBLE = new Set(['invalid-suppression']);

/** A Bulwark suppression comment line: `# bulwark-ignore…` (group 1: `-file`), as suppressions.ts reads it. */
export const BULWARK_COMMENT = /^(\s*#\s*bulwark-ignore)(-file)?(?=\s|$)/i;

/**
 * Adds `id` to the names of the Bulwark comment on `line`, whose keyword ends at `keywordEnd`: after the last name and
 * before a ` -- reason`.
 */
export function appendId(lines: LineIndex, line: number, keywordEnd: number, id: string): TextEdit {
  const text = lines.lineText(line);
  const rest = text.slice(keywordEnd);
  const reason = /\s--(\s|$)/.exec(rest);
  // `# bulwark-ignore -- why`: the separator follows the keyword directly.
  const namesEnd = reason ? reason.index : rest.length;
  const names = rest.slice(0, namesEnd).trimEnd();
  const at = { line, character: keywordEnd + names.length };
  const separator = names.trim() === '' || /,\s*$/.test(names) ? ' ' : ', ';
  return { range: { start: at, end: at }, newText: separator + id };
}

/**
 * A finding's suppression fixes: "for this line" when `lineFix` finds a place, then "for this file"; none for a rule
 * that cannot be suppressed.
 */
export function suppressionFixList(finding: Finding, lineFix: (title: string) => Fix | undefined, fileFix: (title: string) => Fix): Fix[] {
  if (UNSUPPRESSIBLE.has(finding.ruleId)) return [];
  const line = lineFix(`Ignore ${finding.ruleId} for this line`);
  const file = fileFix(`Ignore ${finding.ruleId} for this file`);
  return line ? [line, file] : [file];
}

/**
 * The first `# bulwark-ignore-file` comment line that `isComment` confirms (not inside an instruction or a
 * multi-line scalar), with where its keyword ends.
 */
export function fileComment(lines: LineIndex, isComment: (line: number) => boolean): { line: number; keywordEnd: number } | undefined {
  for (let l = 0; l < lines.lineCount; l++) {
    const m = BULWARK_COMMENT.exec(lines.lineText(l));
    if (m && m[2] && isComment(l)) return { line: l, keywordEnd: m[0].length };
  }
  return undefined;
}

/**
 * The edit for a new `# bulwark-ignore-file <id>` line before line `at` (`insertLine`), the first line past those it
 * must follow; when only those lines (and a final line break) are in the file, at its end on a line of its own.
 */
export function newFileComment(lines: LineIndex, at: number, id: string, insertLine: (line: number, text: string) => TextEdit): TextEdit {
  const comment = `# bulwark-ignore-file ${id}`;
  if (at >= lines.lineCount || (at === lines.lineCount - 1 && lines.lineText(at) === '' && at > 0)) return insertLinesAtEnd(lines, [comment]);
  return insertLine(at, comment);
}
