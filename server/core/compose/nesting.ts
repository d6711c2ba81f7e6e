/**
 * A linear pre-scan of a YAML text for its nesting depth, before the `yaml` library parses it. The library composes
 * nodes recursively: a few thousand nested `[` make it slow, then exhaust the stack, and near the stack's end V8 can
 * even abort the whole process (a fatal "RegExpCompiler Allocation failed"), which no `try` catches. Compose files
 * nest a dozen levels; a text nesting deeper than MAX_YAML_DEPTH is refused with a problem instead of parsed.
 *
 * The count is an upper bound: flow brackets outside quotes and comments, plus block levels (each deeper indentation,
 * and each `- ` or `? ` that opens a collection on the same line). Block levels are counted inside flow brackets too:
 * a `{` or `[` inside a plain scalar (`${VAR` left unclosed) is no flow indicator to the parser, and had it switched
 * the block count off, a file nesting hundreds of block levels below it would pass (fuzzing found one). Counting the
 * lines of a real multi-line flow collection only over-estimates.
 */
export const MAX_YAML_DEPTH = 256;

/** The deepest nesting found, stopping early once it exceeds `limit`. */
export function yamlNestingDepth(text: string, limit = MAX_YAML_DEPTH): number {
  let max = 0;
  let flow = 0;
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: its indentation, then any `- ` / `? ` that open nested collections on it.
    let col = 0;
    while (i < n && text[i] === ' ') {
      i++;
      col++;
    }
    const c = text[i];
    if (c !== undefined && c !== '\n' && c !== '\r' && c !== '#') {
      while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
      indents.push(col);
      let inline = 0;
      while (i + 1 < n && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        inline++;
        i += 2;
        while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
      }
      max = Math.max(max, indents.length + inline);
    }
    // The rest of the line: flow brackets outside quotes and comments.
    let quote: string | undefined;
    for (; i < n && text[i] !== '\n' && text[i] !== '\r'; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === '\\' && quote === '"') i++;
        else if (ch === quote) quote = undefined;
        continue;
      }
      if (ch === '"' || ch === "'") {
        const prev = text[i - 1];
        // A quote opens a string only where a scalar can start (not inside a plain word such as `it's`).
        if (i === 0 || prev === ' ' || prev === '\t' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || prev === '-') quote = ch;
      } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        break;
      } else if (ch === '[' || ch === '{') {
        flow++;
        max = Math.max(max, indents.length + flow);
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
    if (max > limit) return max;
    i++;
  }
  return max;
}
