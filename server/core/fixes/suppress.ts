/**
 * Suppression quick fixes: "Ignore <rule-id> for this line" and "Ignore <rule-id> for this file", in Bulwark's own
 * comment syntax (see server/core/suppressions.ts for every syntax the engine honours):
 *
 *   # bulwark-ignore <ids> [-- reason]         on its own line: covers the next instruction (all its lines)
 *   # bulwark-ignore-file <ids> [-- reason]    anywhere outside an instruction: covers the whole file
 *
 * Each fix either inserts one whole comment line (indented like the instruction, with the file's line ending) or
 * appends the id to a Bulwark comment that already covers the finding's instruction (or the file), before its
 * ` -- reason`. The file-wide comment goes after the parser directives (`# syntax=`, `# escape=`, `# check=`): a
 * comment above them would turn them into plain comments. Never safe (suppressing is a decision), never preferred.
 */
import type { DockerfileModel, DfInstruction } from '../dockerfile/model';
import { detectEol } from '../text';
import type { Finding, Fix } from '../types';
import { indentationOf } from './edits';
import { appendId, BULWARK_COMMENT, fileComment, newFileComment, suppressionFixList } from './suppress-comment';

/**
 * What BuildKit reads as a parser directive: `# key=value` at the very top of the file, before any other comment,
 * blank line or instruction. Any key is accepted here (an unknown key ends BuildKit's directive block, but keeping a
 * comment below it changes nothing).
 */
const DIRECTIVE = /^\s*#\s*[a-zA-Z][a-zA-Z0-9]*\s*=/;

export function suppressionFixes(model: DockerfileModel, finding: Finding): Fix[] {
  return suppressionFixList(
    finding,
    (title) => lineFix(model, finding, title),
    (title) => fileFix(model, finding, title),
  );
}

/** `# bulwark-ignore <id>` before the finding's instruction; undefined when the finding is not in an instruction. */
function lineFix(model: DockerfileModel, finding: Finding, title: string): Fix | undefined {
  const instr = instructionAt(model, finding.range.start.line);
  if (!instr) return undefined;
  const startLine = instr.range.start.line;
  // The comment lines between the previous instruction and this one all cover it: extend the nearest Bulwark one.
  const previousEnd = model.instructions[instr.index - 1]?.range.end.line ?? -1;
  for (let l = startLine - 1; l > previousEnd; l--) {
    const m = BULWARK_COMMENT.exec(model.lines.lineText(l));
    if (m && !m[2]) return { title, edits: [appendId(model.lines, l, m[0].length, finding.ruleId)], safe: false };
  }
  const indent = indentationOf(model.lines, startLine);
  const at = { line: startLine, character: 0 };
  return {
    title,
    edits: [{ range: { start: at, end: at }, newText: `${indent}# bulwark-ignore ${finding.ruleId}${detectEol(model.text)}` }],
    safe: false,
  };
}

/** `# bulwark-ignore-file <id>` after the parser directives, or the id appended to an existing such comment. */
function fileFix(model: DockerfileModel, finding: Finding, title: string): Fix {
  const lines = model.lines;
  const existing = fileComment(lines, (l) => !instructionAt(model, l));
  if (existing) return { title, edits: [appendId(lines, existing.line, existing.keywordEnd, finding.ruleId)], safe: false };
  let after = 0;
  while (after < lines.lineCount && DIRECTIVE.test(lines.lineText(after)) && !instructionAt(model, after)) after++;
  const insertLine = (line: number, text: string) => {
    const at = { line, character: 0 };
    return { range: { start: at, end: at }, newText: text + detectEol(model.text) };
  };
  return { title, edits: [newFileComment(lines, after, finding.ruleId, insertLine)], safe: false };
}

function instructionAt(model: DockerfileModel, line: number): DfInstruction | undefined {
  return model.instructions.find((i) => i.range.start.line <= line && i.range.end.line >= line);
}
