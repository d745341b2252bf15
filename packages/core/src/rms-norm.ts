import { wasmKernels } from "./backend.js";
import { ArgumentError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import { rmsNormWasm } from "./wasm/norms.js";

export interface RmsNormOptions {
  /** Gain g (d,); absent means 1. */
  g?: TensorLike;
  /** Added to the mean square inside the root; default 1e-5 (LLaMA uses 1e-5 or 1e-6). */
  eps?: number;
}

/** $\operatorname{rms}(x) = \sqrt{\operatorname{mean}(x^2) + \varepsilon}$ over the last axis, ε = `eps`. x (…, d) → (…). */
export function rootMeanSquare(x: TensorLike, eps = 1e-5): Tensor {
  const X = asTensor(x);
  checkEps("rootMeanSquare", eps);
  const { d } = checkShape("rootMeanSquare", "x", X.shape, ["...", "d"]);
  return rms(X, d, eps);
}

function checkEps(fn: string, eps: number): void {
  if (typeof eps !== "number" || !(eps >= 0) || !Number.isFinite(eps)) {
    throw new ArgumentError(fn, "eps", `must be a finite number ≥ 0, got ${eps}`);
  }
}

function rms(X: Tensor, d: number, eps: number): Tensor {
  const out = Tensor.zeros(X.shape.slice(0, -1));
  for (let r = 0; r < out.size; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = X.data[r * d + j];
      s += v * v;
    }
    out.data[r] = Math.sqrt(s / d + eps);
  }
  return out;
}

/**
 * RMS normalisation (Zhang & Sennrich 2019; LLaMA), over the last axis:
 * $$y = \frac{x}{\sqrt{\operatorname{mean}(x^2) + \varepsilon}} \cdot g$$
 *
 * with ε = `eps`. No mean subtraction and no bias. x (…, d), g (d,) → (…, d). A zero row stays zero.
 */
export function rmsNorm(x: TensorLike, options: RmsNormOptions = {}): Tensor {
  const fn = "rmsNorm";
  const X = asTensor(x);
  const { eps = 1e-5 } = options;
  checkEps(fn, eps);
  const dims = checkShape(fn, "x", X.shape, ["...", "d"]);
  const d = dims.d;
  const g = options.g === undefined ? undefined : asTensor(options.g);
  if (g) checkShape(fn, "g", g.shape, ["d"], dims);
  const out = Tensor.zeros(X.shape, X.dtype);
  const wasm = d > 0 ? wasmKernels() : undefined;
  if (wasm && rmsNormWasm(wasm, X.data, out.data, d, eps, g?.data)) return out;
  const r = rms(X, d, eps);
  for (let i = 0; i < r.size; i++) {
    const inv = 1 / r.data[i];
    const o = i * d;
    for (let j = 0; j < d; j++) out.data[o + j] = g ? X.data[o + j] * inv * g.data[j] : X.data[o + j] * inv;
  }
  return out;
}
