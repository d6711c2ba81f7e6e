/**
 * Unified diffs for `bulwark lint --fix-dry-run`: a line diff (Myers' O(ND) algorithm) printed as `diff -u` and
 * `git diff` do, so the output can be reviewed or applied with `git apply` / `patch -p1`.
 */
import type { Painter } from './format';

interface Op {
  kind: ' ' | '-' | '+';
  /** The line with its own line ending ('' for a last line without one). */
  line: string;
}

/** The lines of `text`, each with its line ending (`\n` or `\r\n`). */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** The shortest edit script turning `a` into `b`, as a sequence of kept, removed and added lines. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Common prefix and suffix first: fixes change a few lines of a file.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
  ops.push(...myers(a.slice(start, endA), b.slice(start, endB)));
  ops.push(...a.slice(endA).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: '+', line }));
  if (m === 0) return a.map((line) => ({ kind: '-', line }));
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back from (n, m) through the recorded frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && t[offset + k - 1] < t[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1] });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[y - 1] });
      else ops.push({ kind: '-', line: a[x - 1] });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

const NO_EOL = '\\ No newline at end of file\n';

/** One diff line: the marker and the line as it is (its own line ending), plus a note when it has none. */
function formatLine(op: Op, paint: Painter): string {
  const hasEol = op.line.endsWith('\n');
  const content = op.kind + (hasEol ? op.line.slice(0, -1) : op.line);
  const painted = op.kind === '-' ? paint('red', content) : op.kind === '+' ? paint('green', content) : content;
  return `${painted}\n${hasEol ? '' : NO_EOL}`;
}

/**
 * A unified diff from `before` to `after` with `context` lines around each change, headed `--- a/<path>` /
 * `+++ b/<path>` (or `--- /dev/null` for a file that does not exist yet); '' when the texts are equal.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string,
  paint: Painter = (_s, t) => t,
  context = 3,
): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before ?? ''), splitLines(after));
  const out: string[] = [paint('bold', before === undefined ? '--- /dev/null' : `--- a/${path}`) + '\n', paint('bold', `+++ b/${path}`) + '\n'];
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // A hunk: changes closer than 2 × context lines apart share one.
    let last = changed[i];
    let j = i + 1;
    while (j < changed.length && changed[j] - last <= 2 * context) last = changed[j++];
    const from = Math.max(0, changed[i] - context);
    const to = Math.min(ops.length, last + context + 1);
    // Line numbers where the hunk starts in each file.
    let oldLine = 0;
    let newLine = 0;
    for (let k = 0; k < from; k++) {
      if (ops[k].kind !== '+') oldLine++;
      if (ops[k].kind !== '-') newLine++;
    }
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    const range = (start: number, count: number) => `${count === 0 ? start : start + 1},${count}`;
    out.push(paint('cyan', `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`) + '\n');
    for (const op of hunk) out.push(formatLine(op, paint));
    i = j;
  }
  return out.join('');
}
