import { ShapeError, checkShape, formatShape } from "./errors.js";
import { Tensor, asTensor, type TensorData, type TensorLike } from "./tensor.js";

/**
 * Matrix product with broadcast batch dimensions: `C[…, i, j] = Σ_k A[…, i, k] · B[…, k, j]`.
 *
 *   (…, M, K) @ (…, K, N) → (broadcast(…), M, N)   batch dims broadcast NumPy-style
 *   (…, M, K) @ (K, N)    → (…, M, N)              one B shared by every batch element
 *
 * Output is float32 when both inputs are float32, otherwise float64. Each output element sums over k in
 * increasing order, like the textbook triple loop. The kernel walks row-major data i-k-j, blocked over k and j
 * so the active panel of B stays in cache, and allocates nothing per element.
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const A = asTensor(a);
  const B = asTensor(b);
  const dims = checkShape("matmul", "a", A.shape, ["...", "M", "K"]);
  checkShape("matmul", "b", B.shape, ["...", "K", "N"], dims);
  const { M, K, N } = dims;

  const aBatch = A.shape.slice(0, -2);
  const bBatch = B.shape.slice(0, -2);
  const batch = broadcastBatch(aBatch, bBatch, A.shape, B.shape);
  const dtype = A.dtype === "float32" && B.dtype === "float32" ? "float32" : "float64";
  const out = Tensor.zeros([...batch, M, N], dtype);
  const count = batch.reduce((x, y) => x * y, 1);
  if (count === 0 || M === 0 || N === 0) return out;

  // Strides (in matrices) of A's and B's batch dims aligned to the broadcast batch; 0 where a dim broadcasts.
  const aStrides = batchStrides(aBatch, batch.length);
  const bStrides = batchStrides(bBatch, batch.length);
  const index = new Array<number>(batch.length).fill(0);
  for (let n = 0; n < count; n++) {
    let ai = 0;
    let bi = 0;
    for (let d = 0; d < batch.length; d++) {
      ai += index[d] * aStrides[d];
      bi += index[d] * bStrides[d];
    }
    gemm(A.data, ai * M * K, B.data, bi * K * N, out.data, n * M * N, M, K, N);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

function broadcastBatch(
  aBatch: readonly number[],
  bBatch: readonly number[],
  aShape: readonly number[],
  bShape: readonly number[],
): number[] {
  const rank = Math.max(aBatch.length, bBatch.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = aBatch[aBatch.length - rank + i] ?? 1;
    const y = bBatch[bBatch.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      const expected = `(…, K, N) with batch dims broadcastable against a's ${formatShape(aBatch)} (a is ${formatShape(aShape)})`;
      throw new ShapeError("matmul", "b", expected, bShape);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}

function batchStrides(shape: readonly number[], rank: number): number[] {
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = rank - shape.length + i;
    strides[d] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

// Block sizes: a KB×JB panel of float64 B (64×256×8 = 128 KiB) stays in L2 while every row of A streams over it.
const KB = 64;
const JB = 256;

/** C (M, N) += A (M, K) @ B (K, N) on row-major buffers at the given offsets; C starts at zero. */
function gemm(
  A: TensorData,
  aOff: number,
  B: TensorData,
  bOff: number,
  C: TensorData,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  for (let j0 = 0; j0 < N; j0 += JB) {
    const j1 = Math.min(j0 + JB, N);
    for (let k0 = 0; k0 < K; k0 += KB) {
      const k1 = Math.min(k0 + KB, K);
      for (let i = 0; i < M; i++) {
        const cRow = cOff + i * N;
        const aRow = aOff + i * K;
        for (let k = k0; k < k1; k++) {
          const aik = A[aRow + k];
          const bRow = bOff + k * N;
          for (let j = j0; j < j1; j++) C[cRow + j] += aik * B[bRow + j];
        }
      }
    }
  }
}
