// Normalisation demo: one vector through LayerNorm and RMSNorm, and a residual sub-layer with pre- vs post-norm.
import {
  Rng,
  Tensor,
  layerNorm,
  layerNormStats,
  linear,
  randn,
  residual,
  rmsNorm,
  rootMeanSquare,
  tensor,
} from "@qkv/core";

export interface NormState {
  x: number[];
  gamma: number;
  beta: number;
}

export const DEFAULT_NORM: NormState = { x: [2.5, -1.0, 0.5, 4.0, -3.0, 1.5, 0.0, 3.5], gamma: 1, beta: 0 };

export function parseVector(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  const xs = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(xs[i]));
  if (bad !== undefined) throw new Error(`vector: "${bad}" is not a number`);
  if (xs.length < 2) throw new Error("vector: give at least two numbers");
  if (xs.length > 32) throw new Error(`vector: at most 32 numbers, got ${xs.length}`);
  return xs;
}

/** The sub-layer f of the residual block: a fixed random linear map (d, d), seeded by d. */
export function sublayerWeights(d: number): Tensor {
  return randn([d, d], new Rng(7 + d), 1 / Math.sqrt(d));
}

export interface NormResult {
  mean: number;
  variance: number;
  rms: number;
  ln: Tensor;
  rms_: Tensor;
  pre: Tensor;
  post: Tensor;
  /** Mean and variance of the LayerNorm output (β and about γ²), and the mean and rms of the RMSNorm output. */
  lnMean: number;
  lnVariance: number;
  rmsOutMean: number;
  rmsOutRms: number;
}

export function computeNorm(s: NormState): NormResult {
  const d = s.x.length;
  // One row (1, d): the vector as a sequence of one token.
  const x = tensor([s.x]);
  const gamma = Tensor.full([d], s.gamma);
  const beta = Tensor.full([d], s.beta);
  const stats = layerNormStats(x);
  const W = sublayerWeights(d);
  const f = (v: Tensor) => linear(v, W);
  const norm = (v: Tensor) => layerNorm(v, { gamma, beta });
  const ln = norm(x);
  const rms_ = rmsNorm(x, { g: gamma });
  const lnStats = layerNormStats(ln);
  return {
    mean: stats.mean.data[0],
    variance: stats.variance.data[0],
    rms: rootMeanSquare(x).data[0],
    ln,
    rms_,
    lnMean: lnStats.mean.data[0],
    lnVariance: lnStats.variance.data[0],
    rmsOutMean: layerNormStats(rms_).mean.data[0],
    rmsOutRms: rootMeanSquare(rms_).data[0],
    pre: residual(x, f, norm, "pre"),
    post: residual(x, f, norm, "post"),
  };
}
