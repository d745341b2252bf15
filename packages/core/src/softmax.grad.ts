import { ArgumentError, checkShape } from "./errors.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import type { SoftmaxOptions } from "./softmax.js";

/**
 * Reverse mode of y = softmax(x / T) along `axis`, from the forward output y:
 *   dx = y ⊙ (dy − Σ dy ⊙ y) / T
 * The Jacobian is diag(y) − y yᵀ; a −∞ logit has y = 0 and so gets gradient 0. y, dy same shape.
 */
export function softmaxBackward(y: TensorLike, dy: TensorLike, options: SoftmaxOptions = {}): Tensor {
  return alongAxis(y, dy, options, (yv, g, n, at) => {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += g[at(i)] * yv[at(i)];
    return (i) => yv[at(i)] * (g[at(i)] - dot);
  });
}

/**
 * Reverse mode of y = log_softmax(x / T) along `axis`, from the forward output y (log-probabilities):
 *   dx = (dy − softmax ⊙ Σ dy) / T,  softmax = exp(y)
 */
export function logSoftmaxBackward(y: TensorLike, dy: TensorLike, options: SoftmaxOptions = {}): Tensor {
  return alongAxis(y, dy, options, (yv, g, n, at) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += g[at(i)];
    return (i) => g[at(i)] - Math.exp(yv[at(i)]) * total;
  });
}

/** Apply a per-slice rule along `axis`, then divide by the temperature (the chain rule through x / T). */
function alongAxis(
  y: TensorLike,
  dy: TensorLike,
  options: SoftmaxOptions,
  rule: (y: Tensor["data"], dy: Tensor["data"], n: number, at: (i: number) => number) => (i: number) => number,
): Tensor {
  const Y = asTensor(y);
  const dY = asTensor(dy);
  checkShape("softmaxBackward", "dy", dY.shape, Y.shape); // the upstream has the output's shape
  const { temperature = 1, axis = -1 } = options;
  const a = axis < 0 ? axis + Y.rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= Y.rank) throw new ArgumentError("softmaxBackward", "axis", `must be in [${-Y.rank}, ${Y.rank}), got ${axis}`);
  const n = Y.shape[a];
  let inner = 1;
  for (let d = a + 1; d < Y.rank; d++) inner *= Y.shape[d];
  const outer = Y.size / (n * inner || 1);
  const dx = Tensor.zeros(Y.shape);
  for (let p = 0; p < outer; p++) {
    for (let q = 0; q < inner; q++) {
      const at = (i: number): number => p * n * inner + q + i * inner;
      const grad = rule(Y.data, dY.data, n, at);
      for (let i = 0; i < n; i++) dx.data[at(i)] = grad(i) / temperature;
    }
  }
  return dx;
}
