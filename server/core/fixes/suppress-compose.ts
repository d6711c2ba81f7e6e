/**
 * Suppression quick fixes for Compose files: "Ignore <rule-id> for this line" and "Ignore <rule-id> for this file", in
 * the comments server/core/suppressions.ts (`composeSuppressions`) honours:
 *
 *   # bulwark-ignore <ids> [-- reason]         on its own line: covers the key or list item that starts on the next
 *                                              non-blank, non-comment line (all its lines)
 *   # bulwark-ignore-file <ids> [-- reason]    anywhere on its own line: covers the whole file
 *
 * The line fix puts the comment before the innermost key or list item whose lines hold the finding's start, indented
 * like that line (inside a multi-line flow sequence or mapping too: YAML allows comment lines there), or appends the id
 * to a Bulwark comment that already covers that key. The file fix appends to an existing `# bulwark-ignore-file`
 * comment, else inserts one after the file's leading comment lines.
 *
 * A comment line cannot go everywhere: before a line that continues a multi-line plain scalar (`[a⏎  b, c]`) it
 * would end the scalar, and in broken YAML it may change how the parser recovers. A comment line is placed without a
 * check only when the file parses without a problem and the line starts with a key or list item (the comment then falls
 * between two nodes); otherwise the edited text is re-parsed, must have no more YAML problems than before and must
 * suppress the finding, else the next key or item out that holds the finding is tried (a few at most), else no line
 * fix is offered. The file fix and appending to a comment never change how the YAML reads. Never safe (suppressing is
 * a decision), never preferred.
 */
import { ComposeModel } from '../compose/model';
import { composeSuppressions } from '../suppressions';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { appendId, BULWARK_COMMENT, fileComment, newFileComment, suppressionFixList } from './suppress-comment';
import { applyEdits, indentationOf } from './edits';

/** A whole-line comment (a `#` first on the line, after blanks). */
const COMMENT_LINE = /^\uFEFF?\s*#/;

export function composeSuppressionFixes(model: ComposeModel, finding: Finding): Fix[] {
  return suppressionFixList(
    finding,
    (title) => lineFix(model, finding, title),
    (title) => fileFix(model, finding, title),
  );
}

/** At most this many candidate places are checked by re-parsing (the others are refused). */
const MAX_CHECKED = 8;

/**
 * `# bulwark-ignore <id>` before the innermost key or list item holding the finding's first line; when a comment line
 * cannot go there, before the next key or item out that holds it.
 */
function lineFix(model: ComposeModel, finding: Finding, title: string): Fix | undefined {
  const line = finding.range.start.line;
  const lines = model.lines;
  let checked = 0;
  for (let start = Math.min(line, lines.lineCount - 1); start >= 0; start--) {
    const span = model.spanStartingAt(start);
    if (!span || span.to < line) continue;
    const existing = existingComment(model, start);
    // Words added to a comment line: the YAML is read as before.
    if (existing) return { title, edits: [appendId(lines, existing.line, existing.keywordEnd, finding.ruleId)], safe: false };
    const fix: Fix = { title, edits: [insertLine(model, start, `${indentationOf(lines, start)}# bulwark-ignore ${finding.ruleId}`)], safe: false };
    if (startsCleanly(model, start)) return fix;
    if (checked++ >= MAX_CHECKED) return undefined;
    if (suppresses(model, finding, fix, shifted(finding.range, 1))) return fix;
  }
  return undefined;
}

/**
 * Whether a comment line can go before `line` without a check: the file parses without a problem and the line starts
 * with a key or list item (not the rest of a multi-line plain scalar, a `,`, an anchor or a tag), so the comment falls
 * between two nodes, where YAML allows comment lines in block and flow collections alike.
 */
function startsCleanly(model: ComposeModel, line: number): boolean {
  if (model.problems.length > 0) return false;
  const text = model.lines.lineText(line);
  // Past the indentation and any block sequence dashes (`- - key: v`): a key or item must start right there.
  const lead = /^\uFEFF?[ \t]*(?:-[ \t]+)*/.exec(text)![0].length;
  return model.startsKeyOrItemAt(model.lines.lineStarts[line] + lead);
}

/** The nearest Bulwark next-key comment among the blank and comment lines just above `line` (they all precede it). */
function existingComment(model: ComposeModel, line: number): { line: number; keywordEnd: number } | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const text = model.lines.lineText(l);
    if (model.isScalarTextLine(l) || !(text.trim() === '' || COMMENT_LINE.test(text))) return undefined;
    const m = BULWARK_COMMENT.exec(text.replace(/^\uFEFF/, ''));
    if (m && !m[2]) return { line: l, keywordEnd: m[0].length + (text.startsWith('\uFEFF') ? 1 : 0) };
  }
  return undefined;
}

/**
 * `# bulwark-ignore-file <id>`: appended to an existing one, else a new line after the leading comments. Both are
 * safe without a check: a comment grows on its line, or a comment line goes where only comments precede it.
 */
function fileFix(model: ComposeModel, finding: Finding, title: string): Fix {
  const lines = model.lines;
  // (BULWARK_COMMENT's leading `\s*` takes a byte order mark too.)
  const existing = fileComment(lines, (l) => !model.isScalarTextLine(l));
  if (existing) return { title, edits: [appendId(lines, existing.line, existing.keywordEnd, finding.ruleId)], safe: false };
  let after = 0;
  while (after < lines.lineCount && COMMENT_LINE.test(lines.lineText(after))) after++;
  return { title, edits: [newFileComment(lines, after, finding.ruleId, (line, text) => insertLine(model, line, text))], safe: false };
}

/** Inserts `text` as a whole line before `line` (after a byte order mark on the first line). */
function insertLine(model: ComposeModel, line: number, text: string): TextEdit {
  const character = line === 0 && model.text.startsWith('\uFEFF') ? 1 : 0;
  const at = { line, character };
  return { range: { start: at, end: at }, newText: text + model.eol };
}

function shifted(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** The edited text parses with no more YAML problems, and its comments suppress the finding (at its new place). */
function suppresses(model: ComposeModel, finding: Finding, fix: Fix, range: Range): boolean {
  const after = new ComposeModel(applyEdits(model.text, fix.edits, model.lines));
  if (after.problems.length > model.problems.length) return false;
  // Every name resolves: only whether `finding.ruleId` is covered matters here.
  return composeSuppressions(after, (name) => name).isSuppressed(finding.ruleId, range);
}
