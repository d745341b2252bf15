import { wasmKernels } from "./backend.js";
import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import { layerNormWasm } from "./wasm/norms.js";

/**
 * LayerNorm parameters, the one type for the function and every model's norms (names as in the oracle fixtures).
 * Models require γ and β; `layerNorm` takes any subset.
 */
export interface LayerNormWeights {
  /** Scale γ (d,); absent (in `layerNorm`) means 1 (torch `elementwise_affine=False`). */
  gamma: TensorLike;
  /** Shift β (d,); absent means 0. */
  beta: TensorLike;
  /** Added to the variance inside the square root; default 1e-5 as torch. */
  eps?: number;
}

function checkEps(fn: string, eps: number): void {
  if (typeof eps !== "number" || !(eps >= 0) || !Number.isFinite(eps)) {
    throw new ArgumentError(fn, "eps", `must be a finite number ≥ 0, got ${eps}`);
  }
}

/**
 * Per-row statistics over the last axis: mean μ = (1/d) Σ x, biased variance σ² = (1/d) Σ (x − μ)²
 * (two passes, so rows of ~1e6 keep their precision), and rstd = 1/√(σ² + eps). x (…, d) → each (…).
 */
export function layerNormStats(x: TensorLike, eps = 1e-5): { mean: Tensor; variance: Tensor; rstd: Tensor } {
  const X = asTensor(x);
  checkEps("layerNormStats", eps);
  const { d } = checkShape("layerNormStats", "x", X.shape, ["...", "d"]);
  return stats(X, d, eps);
}

function stats(X: Tensor, d: number, eps: number): { mean: Tensor; variance: Tensor; rstd: Tensor } {
  const rows = d === 0 ? 0 : X.size / d;
  const shape = X.shape.slice(0, -1);
  const mean = Tensor.zeros(shape);
  const variance = Tensor.zeros(shape);
  const rstd = Tensor.zeros(shape);
  const x = X.data;
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += x[o + j];
    const mu = s / d;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const c = x[o + j] - mu;
      v += c * c;
    }
    v /= d;
    mean.data[r] = mu;
    variance.data[r] = v;
    rstd.data[r] = 1 / Math.sqrt(v + eps);
  }
  return { mean, variance, rstd };
}

/**
 * Layer normalisation (Ba et al. 2016), over the last axis:
 * $$y = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}} \cdot \gamma + \beta$$
 *
 * with μ and the biased σ² of each row, ε = `eps`.
 * x (…, d), γ and β (d,) → (…, d). A constant row maps to β; eps keeps it finite.
 */
export function layerNorm(x: TensorLike, options: Partial<LayerNormWeights> = {}): Tensor {
  const fn = "layerNorm";
  const X = asTensor(x);
  const { eps = 1e-5 } = options;
  checkEps(fn, eps);
  const dims = checkShape(fn, "x", X.shape, ["...", "d"]);
  if (X.rank === 0) throw new ShapeError(fn, "x", "(…, d)", X.shape);
  const d = dims.d;
  const gamma = options.gamma === undefined ? undefined : asTensor(options.gamma);
  const beta = options.beta === undefined ? undefined : asTensor(options.beta);
  if (gamma) checkShape(fn, "gamma", gamma.shape, ["d"], dims);
  if (beta) checkShape(fn, "beta", beta.shape, ["d"], dims);
  const wasm = d > 0 ? wasmKernels() : undefined;
  if (wasm) {
    const out = Tensor.zeros(X.shape, X.dtype);
    if (layerNormWasm(wasm, X.data, out.data, d, eps, gamma?.data, beta?.data)) return out;
  }
  const { mean, rstd } = stats(X, d, eps);
  const out = Tensor.zeros(X.shape, X.dtype);
  const x_ = X.data;
  const y = out.data;
  const g = gamma?.data;
  const b = beta?.data;
  for (let r = 0; r < mean.size; r++) {
    const mu = mean.data[r];
    const rs = rstd.data[r];
    const o = r * d;
    for (let j = 0; j < d; j++) {
      let v = (x_[o + j] - mu) * rs;
      if (g) v *= g[j];
      if (b) v += b[j];
      y[o + j] = v;
    }
  }
  return out;
}
