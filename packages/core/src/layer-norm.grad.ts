import { layerNormStats, type LayerNormWeights } from "./layer-norm.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** LayerNorm gradients, keyed like `LayerNormWeights`. */
export interface LayerNormGrads {
  gamma: Tensor;
  beta: Tensor;
}

/**
 * Reverse mode of y = x̂ ⊙ γ + β, x̂ = (x − μ) · r, r = 1/√(σ² + eps), over the last axis (d entries):
 *   g  = dy ⊙ γ
 *   dx = r · (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂))
 *   dγ = Σ_rows dy ⊙ x̂,  dβ = Σ_rows dy
 * (μ and σ² depend on every x of the row: the two means are their contributions.) x, dy (…, d).
 */
export function layerNormBackward(
  x: TensorLike,
  dy: TensorLike,
  options: Partial<LayerNormWeights> = {},
): { dx: Tensor; dGamma: Tensor; dBeta: Tensor } {
  const X = asTensor(x);
  const dY = asTensor(dy);
  checkShape("layerNormBackward", "dy", dY.shape, X.shape);
  const d = X.shape[X.rank - 1];
  const { mean, rstd } = layerNormStats(X, options.eps ?? 1e-5);
  const gamma = options.gamma === undefined ? undefined : asTensor(options.gamma).data;
  const dx = Tensor.zeros(X.shape);
  const dGamma = Tensor.zeros([d]);
  const dBeta = Tensor.zeros([d]);
  const xhat = new Float64Array(d);
  const g = new Float64Array(d);
  for (let r = 0; r < mean.size; r++) {
    const o = r * d;
    let gMean = 0;
    let gxMean = 0;
    for (let j = 0; j < d; j++) {
      xhat[j] = (X.data[o + j] - mean.data[r]) * rstd.data[r];
      g[j] = dY.data[o + j] * (gamma ? gamma[j] : 1);
      gMean += g[j] / d;
      gxMean += (g[j] * xhat[j]) / d;
      dGamma.data[j] += dY.data[o + j] * xhat[j];
      dBeta.data[j] += dY.data[o + j];
    }
    for (let j = 0; j < d; j++) dx.data[o + j] = rstd.data[r] * (g[j] - gMean - xhat[j] * gxMean);
  }
  return { dx, dGamma, dBeta };
}

/**
 * Reverse mode of the row statistics μ = mean(x) and σ² = mean((x − μ)²):
 *   dx = dμ / d + dσ² · 2(x − μ) / d
 * x (…, d), dMean and dVariance (…) (either may be absent).
 */
export function layerNormStatsBackward(x: TensorLike, upstream: { mean?: TensorLike; variance?: TensorLike }): Tensor {
  const X = asTensor(x);
  const d = X.shape[X.rank - 1];
  const { mean } = layerNormStats(X);
  const row = (name: string, u: TensorLike | undefined) => {
    if (u === undefined) return undefined;
    const t = asTensor(u);
    checkShape("layerNormStatsBackward", name, t.shape, X.shape.slice(0, -1));
    return t.data;
  };
  const dMean = row("upstream.mean", upstream.mean);
  const dVar = row("upstream.variance", upstream.variance);
  const dx = Tensor.zeros(X.shape);
  for (let i = 0; i < X.size; i++) {
    const r = Math.floor(i / d);
    dx.data[i] = (dMean ? dMean[r] / d : 0) + (dVar ? (dVar[r] * 2 * (X.data[i] - mean.data[r])) / d : 0);
  }
  return dx;
}
