import { ArgumentError } from "./errors.js";
import type { Rng } from "./random.js";

/** A language-modelling batch: targets[b][t] = the token after inputs[b][t]. */
export interface TokenBatch {
  /** (B, T) token ids. */
  inputs: number[][];
  /** (B, T) next-token ids. */
  targets: number[][];
}

/**
 * B random windows of T + 1 consecutive tokens (nanoGPT's get_batch): start_b ~ U{0 … n − T − 1} from `rng`,
 * inputs = tokens[start_b … start_b + T − 1], targets = tokens[start_b + 1 … start_b + T]. The same seed gives the
 * same batches on every machine (core's Rng, not Math.random).
 */
export function sampleBatch(tokens: ArrayLike<number>, batchSize: number, seqLen: number, rng: Rng): TokenBatch {
  const fn = "sampleBatch";
  checkCount(fn, "batchSize", batchSize);
  checkCount(fn, "seqLen", seqLen);
  if (tokens.length < seqLen + 1) throw new ArgumentError(fn, "tokens", `must hold at least seqLen + 1 = ${seqLen + 1} tokens, got ${tokens.length}`);
  const starts = Array.from({ length: batchSize }, () => rng.int(tokens.length - seqLen));
  return windows(tokens, starts, seqLen);
}

/**
 * Every non-overlapping window of T + 1 tokens that fits, stepping by T (each token is predicted once), grouped
 * into batches of at most B windows in order. No randomness: an evaluation set that is the same on every run.
 */
export function sequentialBatches(tokens: ArrayLike<number>, batchSize: number, seqLen: number): TokenBatch[] {
  const fn = "sequentialBatches";
  checkCount(fn, "batchSize", batchSize);
  checkCount(fn, "seqLen", seqLen);
  const starts: number[] = [];
  for (let s = 0; s + seqLen + 1 <= tokens.length; s += seqLen) starts.push(s);
  const out: TokenBatch[] = [];
  for (let i = 0; i < starts.length; i += batchSize) out.push(windows(tokens, starts.slice(i, i + batchSize), seqLen));
  return out;
}

/** A uniformly random permutation of 0 … n − 1 (Fisher–Yates with `rng`): a seeded epoch order. */
export function permutation(n: number, rng: Rng): number[] {
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError("permutation", "n", `must be an integer ≥ 0, got ${String(n)}`);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

function windows(tokens: ArrayLike<number>, starts: number[], T: number): TokenBatch {
  const inputs = starts.map((s) => Array.from({ length: T }, (_, t) => tokens[s + t]));
  const targets = starts.map((s) => Array.from({ length: T }, (_, t) => tokens[s + t + 1]));
  return { inputs, targets };
}

function checkCount(fn: string, arg: string, v: unknown): void {
  if (!Number.isInteger(v) || (v as number) < 1) throw new ArgumentError(fn, arg, `must be a positive integer, got ${String(v)}`);
}
