// Timing for the benchmark table: warm up (so V8 has optimised the code), then take the median of several runs.

export interface Timing {
  /** Median wall time of the timed runs, in milliseconds. */
  ms: number;
  /** Fastest timed run: closest to the uncontended speed when other processes share the cores. */
  bestMs: number;
  /**
   * Median CPU time of this process per run (user + system, `process.cpuUsage`): on a shared machine it leaves out the
   * time other processes held the core, so it stays close to the uncontended time when the wall clock does not.
   * Work here is single-threaded; helper threads (GC) would add to it.
   */
  cpuMs: number;
  runs: number;
}

/**
 * Warm-up and budget are in CPU time, like the figures that matter: on a loaded machine a wall-clock budget buys
 * fewer runs (down to minRuns, a noisy median) for the same work, and a fast row would get fewer than a slow one.
 */
export interface MeasureOptions {
  /** Keep warming up until this much CPU time has been used (0: the caller has already run `fn` at least once). */
  warmupMs?: number;
  minRuns?: number;
  maxRuns?: number;
  /** Stop adding timed runs once they have used this much CPU time (minRuns always run). */
  budgetMs?: number;
}

export function measure(fn: () => void, options: MeasureOptions = {}): Timing {
  const { warmupMs = 400, minRuns = 3, maxRuns = 15, budgetMs = 1500 } = options;
  const start = cpuNow();
  for (let warm = 0; cpuNow() - start < warmupMs && warm < 50; warm++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  let used = 0;
  while (times.length < minRuns || (times.length < maxRuns && used < budgetMs)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    times.push(dt);
    cpu.push((c.user + c.system) / 1000);
    used += (c.user + c.system) / 1000;
  }
  return { ms: median(times), bestMs: Math.min(...times), cpuMs: median(cpu), runs: times.length };
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
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
