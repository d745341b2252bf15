import type { Experiment, ExperimentResult, Measurement, Mode } from "./experiment.js";

export interface RunOptions<B extends string = string> {
  mode: Mode;
  broken?: B;
  /** Fraction of this experiment done, 0…1 (at least once at the end). */
  onProgress?: (fraction: number) => void;
}

const EMPTY: Measurement = {
  figures: [],
  checks: [],
  table: { columns: [], rows: [] },
  plot: { mark: "line", x: { key: "x", label: "" }, y: { key: "y", label: "" }, rows: [], caption: "" },
};

/**
 * Runs one experiment. It passes when it returned at least one check and every check passed; a run that throws
 * FAILs with the error (and empty measurements) instead of crashing the caller, so `qkv verify` reports every claim.
 */
export async function runExperiment<B extends string>(
  experiment: Experiment<B>,
  options: RunOptions<B>,
): Promise<ExperimentResult> {
  const { mode, broken, onProgress } = options;
  if (broken !== undefined && !Object.hasOwn(experiment.breaks, broken)) {
    const known = Object.keys(experiment.breaks);
    throw new RangeError(
      `runExperiment: "${experiment.id}" has no break "${broken}" (${known.length ? `known: ${known.join(", ")}` : "it defines none"})`,
    );
  }
  const started = performance.now();
  const base = { id: experiment.id, claim: experiment.claim, mode, ...(broken !== undefined ? { broken } : {}) };
  try {
    const m = await experiment.run({ mode, broken, progress: (f) => onProgress?.(Math.min(1, Math.max(0, f))) });
    onProgress?.(1);
    const pass = m.checks.length > 0 && m.checks.every((c) => c.pass);
    return { ...base, ...m, pass, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    onProgress?.(1);
    const error = err instanceof Error ? err.message : String(err);
    return { ...base, ...EMPTY, pass: false, error, seconds: (performance.now() - started) / 1000 };
  }
}

export interface RunAllOptions {
  mode: Mode;
  /** Overall progress: experiments finished plus the fraction of the current one, out of the total. */
  onProgress?: (done: number, total: number, current: Experiment) => void;
  /** After each experiment, in order. */
  onResult?: (result: ExperimentResult) => void;
}

/** Runs experiments one after another (they are CPU-bound; running them together would only time-slice). */
export async function runAll(experiments: readonly Experiment[], options: RunAllOptions): Promise<ExperimentResult[]> {
  const results: ExperimentResult[] = [];
  for (const [i, e] of experiments.entries()) {
    options.onProgress?.(i, experiments.length, e);
    const r = await runExperiment(e, {
      mode: options.mode,
      onProgress: (f) => options.onProgress?.(i + f, experiments.length, e),
    });
    results.push(r);
    options.onResult?.(r);
  }
  return results;
}
