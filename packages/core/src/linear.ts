import { checkShape } from "./errors.js";
import { matmul } from "./matmul.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Affine map y = x W + b with W stored (in, out), the textbook `Q = X W_Q` layout (torch's nn.Linear stores the
 * transpose). x (…, in), W (in, out), b (out,) optional → (…, out).
 */
export function linear(x: TensorLike, W: TensorLike, b?: TensorLike): Tensor {
  const X = asTensor(x);
  const Wt = asTensor(W);
  const dims = checkShape("linear", "x", X.shape, ["...", "in"]);
  checkShape("linear", "W", Wt.shape, ["in", "out"], dims);
  // A single vector (in,) is a one-row matrix for matmul, and comes back as (out,).
  const y = X.rank === 1 ? matmul(X.reshape([1, dims.in]), Wt).reshape([dims.out]) : matmul(X, Wt);
  if (b !== undefined) addBiasInPlace(y, asTensor(b), "linear", "b");
  return y;
}

/** Add a (n,) bias to every row of a freshly computed (…, n) result. Internal to core: never on caller data. */
export function addBiasInPlace(y: Tensor, b: Tensor, fn: string, arg: string): void {
  const n = y.shape[y.rank - 1];
  checkShape(fn, arg, b.shape, [n]);
  const d = y.data;
  const bd = b.data;
  for (let i = 0; i < d.length; i += n) {
    for (let j = 0; j < n; j++) d[i + j] += bd[j];
  }
}
