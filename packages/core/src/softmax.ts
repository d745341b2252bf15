import { wasmKernels } from "./backend.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { normalizeAxis } from "./shapes.js";
import { Tensor, asTensor, type TensorData, type TensorLike } from "./tensor.js";
import { softmaxWasm } from "./wasm/norms.js";

export interface SoftmaxOptions {
  /** Divide the logits by this before normalising (T > 0; T → 0 approaches argmax, T → ∞ uniform). */
  temperature?: number;
  /** Axis to normalise over; default -1 (the last). */
  axis?: number;
}

/**
 * $$\mathrm{softmax}(x)_i = \frac{e^{z_i - \max z}}{\sum_j e^{z_j - \max z}}, \qquad z = x / \text{temperature}$$
 *
 * along `axis`. Shape-preserving.
 *
 * Subtracting the max keeps logits of ±1000 finite. Non-finite inputs behave exactly as torch 1.13:
 * a −∞ entry gets probability 0; a row that is entirely −∞ is all NaN (0/0: there is no distribution);
 * a +∞ entry makes the whole row NaN (∞ − ∞); NaN propagates to its row.
 */
export function softmax(x: TensorLike, options: SoftmaxOptions = {}): Tensor {
  return normalise("softmax", x, options, false);
}

/**
 * $$\log\mathrm{softmax}(x)_i = z_i - \max z - \log \sum_j e^{z_j - \max z}, \qquad z = x / \text{temperature}$$
 *
 * along `axis`.
 * Computed directly rather than as log(softmax) so that tiny probabilities keep their exact log (e.g. −2000, not
 * −∞). −∞ entries give −∞; rows that are all −∞, or contain +∞ or NaN, are all NaN (as torch).
 */
export function logSoftmax(x: TensorLike, options: SoftmaxOptions = {}): Tensor {
  return normalise("logSoftmax", x, options, true);
}

function normalise(fn: string, x: TensorLike, options: SoftmaxOptions, log: boolean): Tensor {
  const { temperature = 1, axis = -1 } = options;
  checkTemperature(fn, temperature);
  const t = asTensor(x);
  if (t.rank === 0) throw new ShapeError(fn, "x", "(…, n) with at least 1 dim", t.shape);
  const a = normalizeAxis(fn, axis, t.rank);
  const n = t.shape[a];
  let inner = 1;
  for (let d = a + 1; d < t.rank; d++) inner *= t.shape[d];
  const outer = t.size / (n * inner || 1);
  const out = Tensor.zeros(t.shape, t.dtype);
  const wasm = inner === 1 && n > 0 && t.data instanceof Float64Array ? wasmKernels() : undefined;
  if (wasm && softmaxWasm(wasm, t.data as Float64Array, out.data as Float64Array, n, temperature, log)) return out;
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) {
      softmaxStrided(t.data, out.data, p * n * inner + q, n, inner, temperature, log);
    }
  }
  return out;
}

/** One softmax (or log-softmax) over `n` elements of `src` starting at `start` with `stride`, written to `dst`. */
function softmaxStrided(
  src: TensorData,
  dst: TensorData,
  start: number,
  n: number,
  stride: number,
  temperature: number,
  log: boolean,
): void {
  const end = start + n * stride;
  let m = -Infinity;
  for (let i = start; i < end; i += stride) {
    const z = temperature === 1 ? src[i] : src[i] / temperature;
    dst[i] = z;
    if (z > m || z !== z) m = z;
  }
  let s = 0;
  for (let i = start; i < end; i += stride) {
    const e = Math.exp(dst[i] - m);
    if (!log) dst[i] = e;
    s += e;
  }
  if (log) {
    const ls = Math.log(s);
    for (let i = start; i < end; i += stride) dst[i] = dst[i] - m - ls;
  } else {
    for (let i = start; i < end; i += stride) dst[i] = dst[i] / s;
  }
}

/** Temperatures must be finite and > 0 (T → 0 is argmax, which callers should ask for explicitly). */
export function checkTemperature(fn: string, temperature: number): void {
  if (typeof temperature !== "number" || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ArgumentError(fn, "temperature", `must be a finite number > 0, got ${temperature}`);
  }
}
