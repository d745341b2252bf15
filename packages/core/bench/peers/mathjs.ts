// Multi-head attention built from mathjs operations (float64, DenseMatrix), the same math as @qkv/core.
import { all, create, type Matrix } from "mathjs";
import type { Tensor as CoreTensor } from "../../src/index.js";

export const math = create(all);

export function fromCore(t: CoreTensor): Matrix {
  return math.reshape(math.matrix(Array.from(t.data)), [...t.shape]) as Matrix;
}

export interface MathAttentionWeights {
  W_Q: Matrix; W_K: Matrix; W_V: Matrix; W_O: Matrix;
  b_Q: Matrix; b_K: Matrix; b_V: Matrix; b_O: Matrix;
}

/** Self-attention on x (T, d): projections, per-head softmax(QKᵀ/√hd) V, concat, W_O. */
export function mha(x: Matrix, w: MathAttentionWeights, H: number): Matrix {
  const [T, d] = x.size();
  const hd = d / H;
  const Q = math.add(math.multiply(x, w.W_Q), w.b_Q) as Matrix;
  const K = math.add(math.multiply(x, w.W_K), w.b_K) as Matrix;
  const V = math.add(math.multiply(x, w.W_V), w.b_V) as Matrix;
  const rows = math.range(0, T);
  const heads: Matrix[] = [];
  for (let h = 0; h < H; h++) {
    const cols = math.index(rows, math.range(h * hd, (h + 1) * hd));
    const Qh = math.subset(Q, cols);
    const Kh = math.subset(K, cols);
    const Vh = math.subset(V, cols);
    const scores = math.multiply(math.multiply(Qh, math.transpose(Kh)), 1 / Math.sqrt(hd)) as Matrix; // (T, T)
    const rowMax = math.reshape(math.max(scores, 1) as unknown as Matrix, [T, 1]);
    const e = math.map(math.subtract(scores, rowMax) as Matrix, math.exp) as Matrix; // exp is scalar-only in mathjs 15
    const p = math.dotDivide(e, math.reshape(math.sum(e, 1) as unknown as Matrix, [T, 1])) as Matrix;
    heads.push(math.multiply(p, Vh));
  }
  return math.add(math.multiply(math.concat(...heads, 1) as Matrix, w.W_O), w.b_O) as Matrix;
}

export function flat(m: Matrix): number[] {
  return (m.toArray() as number[][]).flat();
}
