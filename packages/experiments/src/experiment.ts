// What an experiment is: one claim, a method, and a run on @qkv/core that measures figures and decides PASS/FAIL
// from explicit criteria. Definitions live in content/experiments/<id>.experiment.ts; results are plain JSON so
// the full run can be committed and the site can render from it without running anything.

/** "quick" keeps tests and CI short (smaller sizes, fewer samples); "full" is the committed run. */
export type Mode = "quick" | "full";
export const MODES: readonly Mode[] = ["quick", "full"];

/** A key number of a run, e.g. `{ label: "Var(q·k)/d_k at d_k=256", value: 1.02 }`. */
export interface Figure {
  label: string;
  value: number;
  unit?: string;
}

/** One PASS/FAIL criterion: what must hold, whether it did, and what was measured against it. */
export interface Check {
  criterion: string;
  pass: boolean;
  measured: string;
}

export interface Column {
  key: string;
  label: string;
  unit?: string;
}

export type Cell = number | string;
export type Row = Record<string, Cell>;

export interface Table {
  columns: Column[];
  rows: Row[];
}

export interface Axis {
  /** Row key holding the value. */
  key: string;
  label: string;
  unit?: string;
  /** Default "linear"; "band" for categories (dot and bar marks). */
  scale?: "linear" | "log" | "band";
}

/**
 * A plot of `rows`: lines (with dots) per series, dots, bars, or cells (a heatmap; `fill` is the value key).
 * Serialisable, so it is committed with the result and rendered to SVG at site build time.
 */
export interface PlotSpec {
  mark: "line" | "dot" | "bar" | "cell";
  x: Axis;
  y: Axis;
  /** Row key naming the series (one colour and a direct label per series). */
  series?: string;
  /** cell: row key of the colour value, and its legend label. */
  fill?: { key: string; label: string };
  rows: Row[];
  caption: string;
}

/** What `run` returns: the measurement, judged by its checks. */
export interface Measurement {
  figures: Figure[];
  checks: Check[];
  table: Table;
  plot: PlotSpec;
}

export interface RunContext<B extends string> {
  mode: Mode;
  /** A deliberately broken variant (one of the experiment's `breaks`): the run must then FAIL. */
  broken?: B;
  /** Fraction of this run done, 0…1, for progress bars. */
  progress(fraction: number): void;
}

export interface Experiment<B extends string = string> {
  /** kebab-case, equals the file's slug. */
  id: string;
  title: string;
  /** The claim, in one sentence. */
  claim: string;
  /** How it is measured (Markdown, may use $…$ math). */
  method: string;
  /**
   * Ways to remove what the claim depends on (e.g. the 1/√d_k scale), each with what it does; running with one of
   * them must make the experiment FAIL, which the test suite checks, so an experiment cannot pass vacuously.
   */
  breaks: Record<B, string>;
  run(ctx: RunContext<B>): Measurement | Promise<Measurement>;
}

/** Typed identity: checks the definition's shape where it is written. */
export function defineExperiment<B extends string = never>(experiment: Experiment<B>): Experiment<B> {
  return experiment;
}

/** One run's outcome; what `qkv verify --json` prints and what the full run commits. */
export interface ExperimentResult extends Measurement {
  id: string;
  claim: string;
  mode: Mode;
  broken?: string;
  /** Every check passed (and there was at least one) and the run did not throw. */
  pass: boolean;
  /** The error message when `run` threw (then `pass` is false). */
  error?: string;
  /** Wall time of the run. */
  seconds: number;
}
