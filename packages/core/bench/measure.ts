// Timing for the benchmark table: warm up (so V8 has optimised the code), then take the median of several runs.

export interface Timing {
  /** Median wall time of the timed runs, in milliseconds. */
  ms: number;
  /** Fastest timed run: closest to the uncontended speed when other processes share the cores. */
  bestMs: number;
  runs: number;
}

export interface MeasureOptions {
  /** Keep warming up until this much time has passed (0: the caller has already run `fn` at least once). */
  warmupMs?: number;
  minRuns?: number;
  maxRuns?: number;
  /** Stop adding timed runs once they have used this much time (minRuns always run). */
  budgetMs?: number;
}

export function measure(fn: () => void, options: MeasureOptions = {}): Timing {
  const { warmupMs = 400, minRuns = 3, maxRuns = 15, budgetMs = 1500 } = options;
  const start = performance.now();
  for (let warm = 0; performance.now() - start < warmupMs && warm < 50; warm++) fn();
  const times: number[] = [];
  let used = 0;
  while (times.length < minRuns || (times.length < maxRuns && used < budgetMs)) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    times.push(dt);
    used += dt;
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const ms = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { ms, bestMs: times[0], runs: times.length };
}

/** Largest |a[i] − b[i]| (NaN if the lengths differ or any entry is NaN on one side only). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return NaN;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d !== d) return NaN;
    if (d > m) m = d;
  }
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
