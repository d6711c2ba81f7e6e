/**
 * The Bulwark suppression comment as both suppression quick fixes write it, in Dockerfiles (suppress.ts) and Compose
 * files (suppress-compose.ts): which rules cannot be suppressed, how a comment line is recognised, and how an id is
 * added to an existing comment.
 */
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';

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
