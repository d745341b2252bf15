import { rootMeanSquare, type RmsNormOptions } from "./rms-norm.js";
import { checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Reverse mode of y = x / r ⊙ g, r = √(mean(x²) + eps), over the last axis (d entries):
 *   dx = (g ⊙ dy) / r − x · Σ(g ⊙ dy ⊙ x) / (d · r³)
 *   dg = Σ_rows dy ⊙ x / r
 * x, dy (…, d).
 */
export function rmsNormBackward(x: TensorLike, dy: TensorLike, options: RmsNormOptions = {}): { dx: Tensor; dG: Tensor } {
  const X = asTensor(x);
  const dY = asTensor(dy);
  checkShape("rmsNormBackward", "dy", dY.shape, X.shape);
  const d = X.shape[X.rank - 1];
  const rms = rootMeanSquare(X, options.eps ?? 1e-5);
  const g = options.g === undefined ? undefined : asTensor(options.g).data;
  const dx = Tensor.zeros(X.shape);
  const dG = Tensor.zeros([d]);
  for (let r = 0; r < rms.size; r++) {
    const o = r * d;
    const rr = rms.data[r];
    let dot = 0;
    for (let j = 0; j < d; j++) {
      dot += (g ? g[j] : 1) * dY.data[o + j] * X.data[o + j];
      dG.data[j] += (dY.data[o + j] * X.data[o + j]) / rr;
    }
    for (let j = 0; j < d; j++) {
      dx.data[o + j] = ((g ? g[j] : 1) * dY.data[o + j]) / rr - (X.data[o + j] * dot) / (d * rr * rr * rr);
    }
  }
  return { dx, dG };
}

/** Reverse mode of r = √(mean(x²) + eps): dx = dr · x / (d · r). x (…, d), dRms (…). */
export function rootMeanSquareBackward(x: TensorLike, dRms: TensorLike, eps = 1e-5): Tensor {
  const X = asTensor(x);
  const dR = asTensor(dRms);
  checkShape("rootMeanSquareBackward", "dRms", dR.shape, X.shape.slice(0, -1));
  const d = X.shape[X.rank - 1];
  const rms = rootMeanSquare(X, eps);
  const dx = Tensor.zeros(X.shape);
  for (let i = 0; i < X.size; i++) {
    const r = Math.floor(i / d);
    dx.data[i] = (dR.data[r] * X.data[i]) / (d * rms.data[r]);
  }
  return dx;
}
