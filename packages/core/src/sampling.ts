import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import type { Rng } from "./random.js";
import { checkTemperature } from "./softmax.js";
import { softmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

// Every function here works per row over the last axis (vocabulary), for logits (…, V).

function rows(fn: string, logits: TensorLike): { X: Tensor; V: number; R: number } {
  const X = asTensor(logits);
  const { V } = checkShape(fn, "logits", X.shape, ["...", "V"]);
  if (V === 0) throw new ShapeError(fn, "logits", "(…, V ≥ 1)", X.shape);
  return { X, V, R: X.size / V };
}

/** Temperature scaling, logits / T (T < 1 sharpens, T > 1 flattens). Shape-preserving. */
export function applyTemperature(logits: TensorLike, temperature: number): Tensor {
  checkTemperature("applyTemperature", temperature);
  const X = asTensor(logits);
  const out = Tensor.zeros(X.shape, X.dtype);
  for (let i = 0; i < X.size; i++) out.data[i] = X.data[i] / temperature;
  return out;
}

/**
 * Top-k filtering, Hugging Face `TopKLogitsWarper` semantics: k' = min(max(k, 1), V); every logit STRICTLY below
 * the k'-th largest becomes −∞. Ties at the boundary are all kept, so more than k tokens can survive.
 */
export function topKFilter(logits: TensorLike, k: number): Tensor {
  const fn = "topKFilter";
  if (!Number.isInteger(k) || k < 1) throw new ArgumentError(fn, "k", `must be an integer ≥ 1, got ${k}`);
  const { X, V, R } = rows(fn, logits);
  const kk = Math.min(k, V);
  const out = new Tensor(X.data.slice(), X.shape);
  const sorted = new Float64Array(V);
  for (let r = 0; r < R; r++) {
    const o = r * V;
    sorted.set(X.data.subarray(o, o + V));
    sorted.sort(); // ascending; the k'-th largest sits at V − k'
    const threshold = sorted[V - kk];
    for (let j = 0; j < V; j++) if (out.data[o + j] < threshold) out.data[o + j] = -Infinity;
  }
  return out;
}

/**
 * Nucleus (top-p) filtering, Hugging Face `TopPLogitsWarper` semantics (min_tokens_to_keep = 1): sort the logits
 * ascending with a stable sort, cum = cumsum(softmax(sorted)), remove tokens with cum ≤ 1 − p, always keep the
 * largest. Equivalently, walking tokens by descending probability, keep a token iff the mass strictly before it is
 * < p: the smallest set reaching p. Among equal logits the stable ascending sort ranks the HIGHER index as more
 * likely, which decides ties at the boundary. p in [0, 1] as HF: p = 0 keeps only the top token, p = 1 keeps every
 * token of nonzero probability.
 */
export function topPFilter(logits: TensorLike, p: number): Tensor {
  const fn = "topPFilter";
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw new ArgumentError(fn, "p", `must be a number in [0, 1], got ${p}`);
  const { X, V, R } = rows(fn, logits);
  const out = new Tensor(X.data.slice(), X.shape);
  const order = new Array<number>(V);
  const probs = new Float64Array(V);
  for (let r = 0; r < R; r++) {
    const o = r * V;
    const x = X.data;
    for (let j = 0; j < V; j++) order[j] = j;
    order.sort((a, b) => x[o + a] - x[o + b] || a - b); // stable ascending
    let m = -Infinity;
    for (let j = 0; j < V; j++) if (x[o + j] > m) m = x[o + j];
    let s = 0;
    for (let j = 0; j < V; j++) {
      probs[j] = Math.exp(x[o + order[j]] - m);
      s += probs[j];
    }
    let cum = 0;
    for (let j = 0; j < V - 1; j++) {
      cum += probs[j] / s;
      if (cum <= 1 - p) out.data[o + order[j]] = -Infinity;
    }
  }
  return out;
}

export interface ProcessLogitsOptions {
  /** Absent or 1: no scaling. */
  temperature?: number;
  /** Absent or 0: no top-k filter (as HF `generate`). */
  topK?: number;
  /** Absent or 1: no top-p filter (as HF `generate`). */
  topP?: number;
}

/**
 * The Hugging Face sampling pipeline in its order: temperature → top-k → top-p, then renormalise. Like HF
 * `generate`, a warper whose setting is neutral (T = 1, k = 0, p = 1) is skipped.
 * logits (…, V) → filtered (−∞ where removed), probs = softmax(filtered), keptMask (1 = kept, 0 = removed).
 */
export function processLogits(
  logits: TensorLike,
  options: ProcessLogitsOptions = {},
): { filtered: Tensor; probs: Tensor; keptMask: Tensor } {
  const { X } = rows("processLogits", logits);
  const { temperature, topK, topP } = options;
  let f = temperature === undefined || temperature === 1 ? X : applyTemperature(X, temperature);
  if (topK !== undefined && topK !== 0) f = topKFilter(f, topK);
  if (topP !== undefined && topP !== 1) f = topPFilter(f, topP);
  if (f === X) f = new Tensor(X.data.slice(), X.shape);
  const keptMask = Tensor.zeros(f.shape);
  for (let i = 0; i < f.size; i++) keptMask.data[i] = Number.isFinite(f.data[i]) ? 1 : 0;
  return { filtered: f, probs: softmax(f), keptMask };
}

/**
 * Deterministic sampling from one distribution: the first index i with cumsum(probs)[i] > u, clamped to the last
 * index (rounding can leave the total just below 1). probs (V,), u in [0, 1).
 */
export function inverseCdf(probs: TensorLike, u: number): number {
  const fn = "inverseCdf";
  const P = asTensor(probs);
  const { V } = checkShape(fn, "probs", P.shape, ["V"]);
  if (V === 0) throw new ShapeError(fn, "probs", "(V ≥ 1,)", P.shape);
  if (typeof u !== "number" || !(u >= 0 && u < 1)) throw new ArgumentError(fn, "u", `must be a number in [0, 1), got ${u}`);
  let cum = 0;
  for (let i = 0; i < V; i++) {
    cum += P.data[i];
    if (cum > u) return i;
  }
  return V - 1;
}

/** Draw one index from probs (V,) with a seeded generator: inverseCdf(probs, rng.uniform()). */
export function sample(probs: TensorLike, rng: Rng): number {
  return inverseCdf(probs, rng.uniform());
}
