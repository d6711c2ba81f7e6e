import type { Position, Range } from './types';

/** Maps between string offsets and LSP positions for one text. */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.min(start + Math.max(0, pos.character), end);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // An offset between the CR and the LF of a CRLF is the end of its line (LSP positions never fall inside a break).
    return { line: lo, character: Math.min(offset, this.lineEnd(lo)) - this.lineStarts[lo] };
  }

  /** Offset just past the last character of the line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 < this.lineStarts.length) {
      let end = this.lineStarts[line + 1];
      if (this.text.charCodeAt(end - 1) === 10) end--;
      if (this.text.charCodeAt(end - 1) === 13) end--;
      return end;
    }
    return this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  textOf(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/**
 * Memoizes a function of a whole text for the last text it saw: rules building fixes ask the same file-wide question
 * (line endings, quoting style) once per finding, and a file can have thousands of findings.
 */
export function memoLastText<T>(fn: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastValue: T;
  return (text) => {
    if (text !== lastText) {
      lastValue = fn(text);
      lastText = text;
    }
    return lastValue;
  };
}

/** The end-of-line sequence the file mostly uses, for edits that insert lines. */
export const detectEol = memoLastText((text: string): '\n' | '\r\n' | '\r' => {
  // Counted in one pass (splitting the text three times made an array of its lines each time).
  let crlf = 0;
  let lf = 0;
  // A lone CR (classic Mac OS) ends a line too: a CR-only file must not gain LFs.
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (cr > lf && cr > crlf) return '\r';
  return crlf > lf ? '\r\n' : '\n';
});

/** `s` without its trailing run of `chars` (what `.replace(/[chars]+$/, '')` does, in linear time: that regex backtracks quadratically). */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

/**
 * Whether `s` ends with `marker`, or holds `marker` + `sep` + anything on its last line: what `/marker(sep.*)?$/.test(s)`
 * answers (`.` stops at a line break), in linear time — that regex rescans the rest of the line from every occurrence.
 */
export function endsWithPart(s: string, marker: string, sep: string): boolean {
  if (s.endsWith(marker)) return true;
  let lineStart = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
      lineStart = i + 1;
      break;
    }
  }
  return s.includes(marker + sep, lineStart);
}

/**
 * `s` without its `open`…`close` spans (the first only unless `all`), each ending at the first `close` after its
 * `open`: what `.replace(/open[^close]*close/g, '')` does for a one-character `close`, in linear time (that regex
 * rescans to the end from every `open` when no `close` follows).
 */
export function withoutSpans(s: string, open: string, close: string, all: boolean): string {
  let out = '';
  let from = 0;
  for (;;) {
    const i = s.indexOf(open, from);
    if (i < 0) break;
    const j = s.indexOf(close, i + open.length);
    if (j < 0) break;
    out += s.slice(from, i);
    from = j + close.length;
    if (!all) break;
  }
  return out + s.slice(from);
}

/** `s` up to its first character in `chars` (what `.replace(/[chars].*$/, '')` does on one line, in linear time). */
export function cutAtFirst(s: string, chars: string): string {
  for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) return s.slice(0, i);
  return s;
}
