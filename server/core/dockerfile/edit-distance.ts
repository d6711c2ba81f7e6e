/**
 * Edit distance for "did you mean" suggestions (stage names, variable names, instruction keywords).
 */

/**
 * Edit distance counting insertions, deletions, substitutions and transpositions of adjacent characters (optimal
 * string alignment), so `bulider` is one edit from `builder`. Stops early past `max` (then returns max + 1).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidates within `maxDistance` of `word`, nearest first (ties keep the candidates' order).
 * `word` itself is never returned; with `caseInsensitive`, a candidate differing only in case comes first.
 */
export function nearest(word: string, candidates: Iterable<string>, maxDistance: number, caseInsensitive = false): string[] {
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const w = norm(word);
  const found: { name: string; d: number; i: number }[] = [];
  let i = 0;
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c) || c === word) continue;
    seen.add(c);
    const d = editDistance(w, norm(c), maxDistance);
    if (d <= maxDistance) found.push({ name: c, d, i: i++ });
  }
  return found.sort((x, y) => x.d - y.d || x.i - y.i).map((x) => x.name);
}
