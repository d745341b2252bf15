import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Central finite differences of a scalar function, the independent check of every backward pass:
 *   ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h      (truncation error O(h² f‴), rounding O(ε |f| / h))
 * `f` must not keep or modify its argument. Costs 2 evaluations per entry: use small shapes.
 * Pass `indices` to probe only some entries (the others are left 0).
 */
export function numericalGradient(f: (x: Tensor) => number, x: TensorLike, h = 1e-6, indices?: readonly number[]): Tensor {
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

/** Σ upstream ⊙ y: the scalar whose gradient a backward pass computes when given `upstream` as ∂L/∂y. */
export function weightedSum(upstream: TensorLike, y: TensorLike): number {
  const U = asTensor(upstream);
  const Y = asTensor(y);
  let s = 0;
  for (let i = 0; i < U.size; i++) s += U.data[i] * Y.data[i];
  return s;
}

/**
 * Check analytic gradients against central differences: for each leaf k, perturb its entries one at a time in
 * `loss(leaves)` and compare with `analytic[k]`. Returns the largest `maxGradientError` over the leaves.
 */
export function gradientCheck(
  loss: (leaves: Tensor[]) => number,
  leaves: readonly TensorLike[],
  analytic: readonly TensorLike[],
  h = 1e-6,
): number {
  const base = leaves.map((l) => asTensor(l));
  let worst = 0;
  base.forEach((leaf, k) => {
    const numeric = numericalGradient((x) => loss(base.map((b, j) => (j === k ? x : b))), leaf, h);
    worst = Math.max(worst, maxGradientError(analytic[k], numeric));
  });
  return worst;
}

/** The Tensors of a nested weights object (plain objects and arrays), with their key paths. */
function tensorLeaves(tree: unknown, path: (string | number)[] = []): { path: (string | number)[]; leaf: Tensor }[] {
  if (tree instanceof Tensor) return [{ path, leaf: tree }];
  if (Array.isArray(tree)) return tree.flatMap((v, i) => tensorLeaves(v, [...path, i]));
  if (tree !== null && typeof tree === "object") return Object.entries(tree).flatMap(([k, v]) => tensorLeaves(v, [...path, k]));
  return [];
}

function withLeaf<T>(tree: T, path: readonly (string | number)[], value: Tensor): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const copy = (Array.isArray(tree) ? [...tree] : { ...(tree as object) }) as Record<string | number, unknown>;
  copy[head] = withLeaf(copy[head], rest, value);
  return copy as T;
}

/**
 * `gradientCheck` over every Tensor in a nested weights object (a model's weights): `grads` must hold a gradient
 * at the same key path for each (a missing one counts as an infinite error). Numbers such as `eps` are not leaves.
 */
export function gradientCheckTree<T>(loss: (tree: T) => number, tree: T, grads: unknown, h = 1e-6): number {
  let worst = 0;
  for (const { path, leaf } of tensorLeaves(tree)) {
    const g = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], grads);
    if (!(g instanceof Tensor)) return Infinity;
    worst = Math.max(worst, maxGradientError(g, numericalGradient((x) => loss(withLeaf(tree, path, x)), leaf, h)));
  }
  return worst;
}
