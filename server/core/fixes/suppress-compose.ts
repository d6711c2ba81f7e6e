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
 * A comment line cannot go everywhere (inside a multi-line plain scalar it would end the scalar), so each fix is
 * checked before it is offered: the edited text re-parses with no more YAML problems than before, and the finding is
 * then suppressed. A fix that fails the check is not offered. Never safe (suppressing is a decision), never preferred.
 */
import { ComposeModel } from '../compose/model';
import { composeSuppressions } from '../suppressions';
import type { Finding, Fix, Range, TextEdit } from '../types';
import { appendId, BULWARK_COMMENT, UNSUPPRESSIBLE } from './suppress';
import { applyEdits, indentationOf, insertLinesAtEnd } from './edits';

/** A whole-line comment (a `#` first on the line, after blanks). */
const COMMENT_LINE = /^\uFEFF?\s*#/;

export function composeSuppressionFixes(model: ComposeModel, finding: Finding): Fix[] {
  if (UNSUPPRESSIBLE.has(finding.ruleId)) return [];
  const fixes: Fix[] = [];
  for (const make of [lineFix, fileFix]) {
    const candidate = make(model, finding);
    if (candidate && suppresses(model, finding, candidate.fix, candidate.range)) fixes.push(candidate.fix);
  }
  return fixes;
}

interface Candidate {
  fix: Fix;
  /** The finding's range in the edited text. */
  range: Range;
}

/** `# bulwark-ignore <id>` before the innermost key or list item holding the finding's first line. */
function lineFix(model: ComposeModel, finding: Finding): Candidate | undefined {
  const line = finding.range.start.line;
  const lines = model.lines;
  let start: number | undefined;
  for (let l = Math.min(line, lines.lineCount - 1); l >= 0; l--) {
    const span = model.spanStartingAt(l);
    if (span && span.to >= line) {
      start = l;
      break;
    }
  }
  if (start === undefined) return undefined;
  const title = `Ignore ${finding.ruleId} for this line`;
  // The blank and comment lines just above the key all precede it: extend the nearest Bulwark comment among them.
  for (let l = start - 1; l >= 0; l--) {
    const text = lines.lineText(l);
    if (model.isScalarTextLine(l) || !(text.trim() === '' || COMMENT_LINE.test(text))) break;
    const m = BULWARK_COMMENT.exec(text.replace(/^\uFEFF/, ''));
    if (m && !m[2]) {
      const keywordEnd = m[0].length + (text.startsWith('\uFEFF') ? 1 : 0);
      return { fix: { title, edits: [appendId(lines, l, keywordEnd, finding.ruleId)], safe: false }, range: finding.range };
    }
  }
  const edit = insertLine(model, start, `${indentationOf(lines, start)}# bulwark-ignore ${finding.ruleId}`);
  return { fix: { title, edits: [edit], safe: false }, range: shifted(finding.range, 1) };
}

/** `# bulwark-ignore-file <id>`: appended to an existing one, else a new line after the leading comments. */
function fileFix(model: ComposeModel, finding: Finding): Candidate {
  const title = `Ignore ${finding.ruleId} for this file`;
  const lines = model.lines;
  for (let l = 0; l < lines.lineCount; l++) {
    if (model.isScalarTextLine(l)) continue;
    const text = lines.lineText(l);
    const m = BULWARK_COMMENT.exec(text.replace(/^\uFEFF/, ''));
    if (m && m[2]) {
      const keywordEnd = m[0].length + (text.startsWith('\uFEFF') ? 1 : 0);
      return { fix: { title, edits: [appendId(lines, l, keywordEnd, finding.ruleId)], safe: false }, range: finding.range };
    }
  }
  let after = 0;
  while (after < lines.lineCount && COMMENT_LINE.test(lines.lineText(after))) after++;
  const comment = `# bulwark-ignore-file ${finding.ruleId}`;
  // Only comments (or nothing but a final line break after them): the comment goes at the end, on a line of its own.
  if (after >= lines.lineCount || (after === lines.lineCount - 1 && lines.lineText(after) === '' && after > 0)) {
    return { fix: { title, edits: [insertLinesAtEnd(lines, [comment])], safe: false }, range: finding.range };
  }
  return { fix: { title, edits: [insertLine(model, after, comment)], safe: false }, range: shifted(finding.range, after <= finding.range.start.line ? 1 : 0) };
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
