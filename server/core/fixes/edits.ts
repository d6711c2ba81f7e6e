/**
 * Edit helpers for quick fixes: applying edits to a text, and building edits that keep the file's line endings and
 * indentation. Pure functions over text; the faces turn TextEdits into WorkspaceEdits or file writes.
 */
import { LineIndex, detectEol } from '../text';
import type { Range, TextEdit } from '../types';

export class OverlappingEditsError extends Error {}

/** Applies non-overlapping edits (in any order) to `text`. Throws OverlappingEditsError when two overlap. */
export function applyEdits(text: string, edits: TextEdit[], index = new LineIndex(text)): string {
  const resolved = edits
    .map((e, order) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), text: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < resolved.length; i++) {
    const prev = resolved[i - 1];
    const cur = resolved[i];
    // Sorted by start: insertions at one point, or an edit starting where the previous ends, are fine.
    if (cur.start < prev.end) throw new OverlappingEditsError('overlapping edits');
  }
  let out = '';
  let last = 0;
  for (const e of resolved) {
    out += text.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + text.slice(last);
}

/** True when no two edits overlap (insertions at one point do not overlap). */
export function editsOverlap(a: TextEdit[], b: TextEdit[], index: LineIndex): boolean {
  for (const x of a) {
    const xs = index.offsetAt(x.range.start);
    const xe = index.offsetAt(x.range.end);
    for (const y of b) {
      const ys = index.offsetAt(y.range.start);
      const ye = index.offsetAt(y.range.end);
      if (xs < ye && ys < xe) return true;
      if (xs === xe && ys === ye && xs === ys) continue;
      if ((xs === xe && xs > ys && xs < ye) || (ys === ye && ys > xs && ys < xe)) return true;
    }
  }
  return false;
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function remove(range: Range): TextEdit {
  return { range, newText: '' };
}

/** The leading blanks of a line. */
export function indentationOf(index: LineIndex, line: number): string {
  return /^[ \t]*/.exec(index.lineText(line))?.[0] ?? '';
}

/**
 * Inserts whole lines before line `line`, indented like that line, with the file's line ending. An insertion at the
 * end of a file that does not end in a line break starts with one.
 */
export function insertLinesBefore(index: LineIndex, line: number, lines: string[]): TextEdit {
  const eol = detectEol(index.text);
  if (line >= index.lineCount || (line === index.lineCount - 1 && index.lineText(line) === '' && line > 0 && index.text.endsWith('\n'))) {
    return insertLinesAtEnd(index, lines);
  }
  const indent = indentationOf(index, line);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: lines.map((l) => indent + l + eol).join('') };
}

/** Appends whole lines at the end of the file, adding a line break first when the file lacks a final one. */
export function insertLinesAtEnd(index: LineIndex, lines: string[]): TextEdit {
  const eol = detectEol(index.text);
  const end = index.positionAt(index.text.length);
  const needsBreak = index.text.length > 0 && !/\r?\n$|\r$/.test(index.text);
  return { range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.map((l) => l + eol).join('') };
}

/** Inserts whole lines after line `line` (after its line break), indented like it. */
export function insertLinesAfter(index: LineIndex, line: number, lines: string[]): TextEdit {
  if (line + 1 >= index.lineCount) return insertLinesAtEnd(index, lines);
  const eol = detectEol(index.text);
  const indent = indentationOf(index, line);
  const at = { line: line + 1, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + eol).join('') };
}

/** Deletes whole lines [from, to] including the final line break. */
export function deleteLines(index: LineIndex, from: number, to: number): TextEdit {
  const start = { line: from, character: 0 };
  const end = to + 1 < index.lineCount ? { line: to + 1, character: 0 } : index.positionAt(index.text.length);
  // Removing the last line: take the line break before it instead, so no blank line is left behind.
  if (to + 1 >= index.lineCount && from > 0) {
    return { range: { start: index.positionAt(index.lineEnd(from - 1)), end }, newText: '' };
  }
  return { range: { start, end }, newText: '' };
}

/**
 * Removes the word at [start, end) with the blanks after it (or, at the end of a line, the blanks before it), so
 * `RUN --network=host apt-get …` becomes `RUN apt-get …` with no double space left behind. When the word is alone on
 * the last line of a continued instruction, the line break and escape character before it go too, so the
 * instruction does not swallow the next line.
 */
export function removeWord(index: LineIndex, start: number, end: number, escapeChar = '\\'): TextEdit {
  const text = index.text;
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let s = start;
  let e = end;
  while (e < text.length && blank(text[e])) e++;
  // Alone on a line that continues (`    --flag \`): the whole line goes.
  let lineStart = start;
  while (lineStart > 0 && blank(text[lineStart - 1])) lineStart--;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && text[e] === escapeChar) {
    let k = e + 1;
    while (k < text.length && blank(text[k])) k++;
    if (text[k] === '\r') k++;
    if (text[k] === '\n') return { range: index.rangeOf(lineStart, k + 1), newText: '' };
  }
  const endsLine = e === text.length || text[e] === '\n' || text[e] === '\r';
  if (!endsLine) return { range: index.rangeOf(s, e), newText: '' };
  e = end;
  while (s > 0 && blank(text[s - 1])) s--;
  const startsLine = s === 0 || text[s - 1] === '\n';
  if (startsLine && s > 0) {
    // The previous line ends with `<escape>[blanks]\r?\n`: remove from before that escape (and its blanks).
    let p = s - 1;
    if (text[p - 1] === '\r') p--;
    let q = p;
    while (q > 0 && blank(text[q - 1])) q--;
    if (text[q - 1] === escapeChar) {
      q--;
      while (q > 0 && blank(text[q - 1])) q--;
      s = q;
    }
  }
  return { range: index.rangeOf(s, e), newText: '' };
}

/** Replaces [start, end) of the text with `newText`. */
export function replaceOffsets(index: LineIndex, start: number, end: number, newText: string): TextEdit {
  return { range: index.rangeOf(start, end), newText };
}
