import type { BatchNormOptions } from "./batch-norm.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Reverse mode of training-mode batch normalisation (see `batchNorm`): LayerNorm's formula with the statistics taken
 * per channel c over its n = N·… positions instead of per row:
 *   g  = dy ⊙ γ_c
 *   dx = r_c · (g − mean_c(g) − x̂ ⊙ mean_c(g ⊙ x̂)),   x̂ = (x − μ_c) r_c
 *   dγ_c = Σ dy ⊙ x̂,  dβ_c = Σ dy
 * Every output of a channel depends on every position of the batch, so every dx does too. x, dy (N, …, C).
 */
export function batchNormBackward(
  x: TensorLike,
  dy: TensorLike,
  options: BatchNormOptions = {},
): { dx: Tensor; dGamma: Tensor; dBeta: Tensor } {
  const X = asTensor(x);
  const dY = asTensor(dy);
  checkShape("batchNormBackward", "dy", dY.shape, X.shape);
  const C = X.shape[X.rank - 1];
  const n = X.size / C;
  const eps = options.eps ?? 1e-5;
  const gamma = options.gamma === undefined ? undefined : asTensor(options.gamma).data;
  const mean = new Float64Array(C);
  const rstd = new Float64Array(C);
  for (let i = 0; i < X.size; i++) mean[i % C] += X.data[i] / n;
  for (let i = 0; i < X.size; i++) rstd[i % C] += (X.data[i] - mean[i % C]) ** 2 / n;
  for (let c = 0; c < C; c++) rstd[c] = 1 / Math.sqrt(rstd[c] + eps);
  const xhat = (i: number): number => (X.data[i] - mean[i % C]) * rstd[i % C];
  const g = (i: number): number => dY.data[i] * (gamma ? gamma[i % C] : 1);
  const gMean = new Float64Array(C);
  const gxMean = new Float64Array(C);
  const dGamma = Tensor.zeros([C]);
  const dBeta = Tensor.zeros([C]);
  for (let i = 0; i < X.size; i++) {
    const c = i % C;
    gMean[c] += g(i) / n;
    gxMean[c] += (g(i) * xhat(i)) / n;
    dGamma.data[c] += dY.data[i] * xhat(i);
    dBeta.data[c] += dY.data[i];
  }
  const dx = Tensor.zeros(X.shape);
  for (let i = 0; i < X.size; i++) dx.data[i] = rstd[i % C] * (g(i) - gMean[i % C] - xhat(i) * gxMean[i % C]);
  return { dx, dGamma, dBeta };
}
