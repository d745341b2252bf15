import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface BatchNormOptions {
  /** Scale γ (C,); absent means 1. */
  gamma?: TensorLike;
  /** Shift β (C,); absent means 0. */
  beta?: TensorLike;
  /** Added to the variance inside the square root; default 1e-5 as torch. */
  eps?: number;
}

/**
 * Batch normalisation (Ioffe & Szegedy 2015) in training mode, per channel (the last axis) over every other axis:
 * $$y = \frac{x - \mu_c}{\sqrt{\sigma_c^2 + \varepsilon}} \cdot \gamma_c + \beta_c$$
 *
 * with μ_c and the biased σ²_c over all N·T positions of channel c, ε = `eps`.
 * x (N, …, C), e.g. (B, T, d) for a batch of sequences, γ and β (C,) → same shape. torch's `BatchNorm1d` on the
 * (B, d, T) transpose computes the same. Each output depends on every sequence in the batch (and on padding rows):
 * the contrast with layerNorm, whose statistics are per token. No running averages: this is the training-mode
 * forward only.
 */
export function batchNorm(x: TensorLike, options: BatchNormOptions = {}): Tensor {
  const fn = "batchNorm";
  const X = asTensor(x);
  const { eps = 1e-5 } = options;
  if (typeof eps !== "number" || !(eps >= 0) || !Number.isFinite(eps)) {
    throw new ArgumentError(fn, "eps", `must be a finite number ≥ 0, got ${eps}`);
  }
  if (X.rank < 2) throw new ShapeError(fn, "x", "(N, …, C)", X.shape);
  const dims = checkShape(fn, "x", X.shape, ["...", "C"]);
  const C = dims.C;
  const gamma = options.gamma === undefined ? undefined : asTensor(options.gamma);
  const beta = options.beta === undefined ? undefined : asTensor(options.beta);
  if (gamma) checkShape(fn, "gamma", gamma.shape, ["C"], dims);
  if (beta) checkShape(fn, "beta", beta.shape, ["C"], dims);
  const n = C === 0 ? 0 : X.size / C; // positions per channel
  if (n === 0) throw new ShapeError(fn, "x", "(N ≥ 1, …, C) with at least one position", X.shape);
  const x_ = X.data;
  const mean = new Float64Array(C);
  const rstd = new Float64Array(C);
  for (let r = 0; r < n; r++) for (let c = 0; c < C; c++) mean[c] += x_[r * C + c];
  for (let c = 0; c < C; c++) mean[c] /= n;
  const v = new Float64Array(C);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < C; c++) {
      const d = x_[r * C + c] - mean[c];
      v[c] += d * d;
    }
  for (let c = 0; c < C; c++) rstd[c] = 1 / Math.sqrt(v[c] / n + eps);
  const out = Tensor.zeros(X.shape, X.dtype);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < C; c++) {
      const i = r * C + c;
      out.data[i] = (x_[i] - mean[c]) * rstd[c] * (gamma ? gamma.data[c] : 1) + (beta ? beta.data[c] : 0);
    }
  return out;
}
