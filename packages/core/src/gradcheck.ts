import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Central finite differences of a scalar function, the independent check of every backward pass:
 *   ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h      (error O(h²))
 * `f` must not keep or modify its argument. Costs 2 evaluations per entry: use small shapes.
 * Pass `indices` to probe only some entries (the others are left 0).
 */
export function numericalGradient(f: (x: Tensor) => number, x: TensorLike, h = 1e-5, indices?: readonly number[]): Tensor {
  const X = asTensor(x);
  const grad = Tensor.zeros(X.shape);
  for (const i of indices ?? X.data.keys()) {
    const probe = new Tensor(Float64Array.from(X.data), X.shape);
    probe.data[i] = X.data[i] + h;
    const up = f(probe);
    probe.data[i] = X.data[i] - h;
    const down = f(probe);
    grad.data[i] = (up - down) / (2 * h);
  }
  return grad;
}

/** max_i |a_i − b_i| / max(1, |b_i|): absolute error for small entries, relative for large ones. */
export function maxGradientError(a: TensorLike, b: TensorLike): number {
  const A = asTensor(a);
  const B = asTensor(b);
  let worst = 0;
  for (let i = 0; i < A.size; i++) worst = Math.max(worst, Math.abs(A.data[i] - B.data[i]) / Math.max(1, Math.abs(B.data[i])));
  return A.size === B.size ? worst : Infinity;
}
