/** Summary statistics and number formatting for the benchmarks. */

export interface Stats {
  /** Samples summarised. */
  n: number;
  median: number;
  p95: number;
  max: number;
  total: number;
}

/** Nearest-rank percentile (q in 0..1) of ascending `sorted`. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    total: sorted.reduce((a, b) => a + b, 0),
  };
}

/** Element-wise minimum of several equally long sample rows (per-file best over rounds). */
export function bestOf(rounds: readonly (readonly number[])[]): number[] {
  if (rounds.length === 0) return [];
  return rounds[0].map((_, i) => Math.min(...rounds.map((r) => r[i])));
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export function since(start: number): number {
  return performance.now() - start;
}

/** A duration in ms with precision that suits its size. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1000) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(0) : '—';
}

export function ratio(n: number): string {
  return Number.isFinite(n) ? `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×` : '—';
}
