import { ShapeError, checkShape } from "./errors.js";
import { matmul, matmulTransposed } from "./matmul.js";
import { transpose } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

export interface LinearGrads {
  /** (…, in) */
  dx: Tensor;
  /** (in, out) */
  dW: Tensor;
  /** (out,): the bias gradient (also when the forward had no bias; ignore it then). */
  db: Tensor;
}

/**
 * Reverse mode of y = x W + b, W (in, out):
 *   dx = dy Wᵀ,  dW = Σ_rows xᵀ dy,  db = Σ_rows dy
 * (every leading axis of x is a row). x (…, in), dy (…, out).
 */
export function linearBackward(x: TensorLike, W: TensorLike, dy: TensorLike): LinearGrads {
  const fn = "linearBackward";
  const X = asTensor(x);
  const Wt = asTensor(W);
  const dY = asTensor(dy);
  const dims = checkShape(fn, "W", Wt.shape, ["in", "out"]);
  checkShape(fn, "x", X.shape, ["...", "in"], dims);
  checkShape(fn, "dy", dY.shape, ["...", "out"], dims);
  const rows = X.size / (dims.in || 1);
  if (dY.size !== rows * dims.out) throw new ShapeError(fn, "dy", `(…, out=${dims.out}) with the rows of x`, dY.shape);
  const x2 = X.reshape([rows, dims.in]); // (N, in)
  const dy2 = dY.reshape([rows, dims.out]); // (N, out)
  const dx = matmulTransposed(dy2, Wt).reshape(X.shape); // (N, out) @ (in, out)ᵀ → (…, in)
  const dW = matmul(transpose(x2), dy2); // (in, N) @ (N, out)
  return { dx, dW, db: sumRows(dy2) };
}

/** Σ over rows of a (N, d) matrix → (d,). */
function sumRows(m: Tensor): Tensor {
  const d = m.shape[m.rank - 1];
  const out = Tensor.zeros([d]);
  for (let i = 0; i < m.size; i++) out.data[i % d] += m.data[i];
  return out;
}
