import { wasmKernels } from "./backend.js";
import { checkShape, formatShape } from "./errors.js";
import { asFloat64, broadcastShapes, broadcastStrides, resultDtype } from "./shapes.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import { matmulWasm } from "./wasm/matmul.js";

/**
 * Matrix product with broadcast batch dimensions: $C_{\dots,i,j} = \sum_k A_{\dots,i,k}\, B_{\dots,k,j}$.
 *
 *   (…, M, K) @ (…, K, N) → (broadcast(…), M, N)   batch dims broadcast NumPy-style
 *   (…, M, K) @ (K, N)    → (…, M, N)              one B shared by every batch element
 *
 * Output is float32 when both inputs are float32, otherwise float64. Arithmetic is float64 throughout and every
 * output element sums over k in increasing order, exactly like the textbook triple loop (so results are bitwise
 * equal to it in float64; float32 outputs are rounded once at the end).
 *
 * Kernel: A and B are packed into reused float64 scratch panels (A in MR-row strips, B in NR-column strips, both
 * k-major), and a register-blocked MR×NR micro-kernel keeps 16 accumulators in registers while it walks one KC
 * block of k. Packing makes every inner-loop load sequential and monomorphic; nothing is allocated per element.
 * Thin products (M < MR, e.g. one decoding step) skip packing and stream B row by row, eight rows per pass.
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  return product("matmul", a, b, false);
}

/**
 * `a @ bᵀ` without materialising the transpose: $C_{\dots,i,j} = \sum_k A_{\dots,i,k}\, B_{\dots,j,k}$.
 *
 *   (…, M, K) @ (…, N, K)ᵀ → (broadcast(…), M, N)   e.g. Q Kᵀ, or a tied LM head h @ wteᵀ with wte (V, d)
 *
 * Same kernel, dtype rule and k order as `matmul` (results are bitwise equal to `matmul(a, transpose(b))`): only
 * the packing of B reads it by rows. The thin path (M < MR) takes dot products of each A row with four rows of B
 * at a time, each summed in k order, so B is still streamed sequentially.
 */
export function matmulTransposed(a: TensorLike, b: TensorLike): Tensor {
  return product("matmulTransposed", a, b, true);
}

function product(fn: string, a: TensorLike, b: TensorLike, transB: boolean): Tensor {
  const A = asTensor(a);
  const B = asTensor(b);
  const dims = checkShape(fn, "a", A.shape, ["...", "M", "K"]);
  checkShape(fn, "b", B.shape, transB ? ["...", "N", "K"] : ["...", "K", "N"], dims);
  const { M, K, N } = dims;

  const aBatch = A.shape.slice(0, -2);
  const bBatch = B.shape.slice(0, -2);
  const expected = (): string =>
    `${transB ? "(…, N, K)" : "(…, K, N)"} with batch dims broadcastable against a's ${formatShape(aBatch)} (a is ${formatShape(A.shape)})`;
  const batch = broadcastShapes(fn, aBatch, bBatch, { expected, given: B.shape });
  const out = Tensor.zeros([...batch, M, N], resultDtype(A.dtype, B.dtype)); // (…, M, N)
  const count = batch.reduce((x, y) => x * y, 1);
  if (count === 0 || M === 0 || N === 0) return out;

  // Strides (in matrices) of A's and B's batch dims aligned to the broadcast batch; 0 where a dim broadcasts.
  const aStrides = broadcastStrides(aBatch, batch);
  const bStrides = broadcastStrides(bBatch, batch);
  const wasm = wasmKernels();
  if (wasm && matmulWasm(wasm, A.data, B.data, out.data, batch, aStrides, bStrides, M, K, N, transB)) return out;

  // One element type in the kernels keeps every typed-array access monomorphic.
  const a64 = asFloat64(A.data);
  const b64 = asFloat64(B.data);
  const c64 = out.data instanceof Float64Array ? out.data : new Float64Array(out.size);
  const index = new Array<number>(batch.length).fill(0);
  let packedB = -1; // which B matrix is in the packed scratch
  for (let n = 0; n < count; n++) {
    let ai = 0;
    let bi = 0;
    for (let d = 0; d < batch.length; d++) {
      ai += index[d] * aStrides[d];
      bi += index[d] * bStrides[d];
    }
    if (M < MR) {
      if (transB) gemmThinT(a64, ai * M * K, b64, bi * K * N, c64, n * M * N, M, K, N);
      else gemmThin(a64, ai * M * K, b64, bi * K * N, c64, n * M * N, M, K, N);
    } else {
      if (bi !== packedB) {
        packB(b64, bi * K * N, K, N, transB);
        packedB = bi;
      }
      gemmPacked(a64, ai * M * K, c64, n * M * N, M, K, N);
    }
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d] < batch[d]) break;
      index[d] = 0;
    }
  }
  if (c64 !== out.data) out.data.set(c64);
  return out;
}

// Micro-kernel tile (MR×NR accumulators), k-block depth and rows of A per L2 block (GotoBLAS-style blocking).
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;

// Reused scratch: packed B (all of K, strips of NR columns, zero-padded to a multiple of NR), packed A (one KC block,
// strips of MR rows, zero-padded), and the padded accumulator C. Grown on demand, never shrunk.
let bPack = new Float64Array(0);
let aPack = new Float64Array(0);
let cPad = new Float64Array(0);

/**
 * Pack B (K, N) as k-blocks of KC rows; inside a block, strip s holds B[k][s*NR .. s*NR+NR) for each k in turn.
 * With `transB` the matrix given is Bᵀ (N, K) and is read by rows instead.
 */
function packB(B: Float64Array, bOff: number, K: number, N: number, transB: boolean): void {
  const Np = Math.ceil(N / NR) * NR;
  if (bPack.length < K * Np) bPack = new Float64Array(K * Np);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    const blockBase = k0 * Np;
    for (let j0 = 0; j0 < Np; j0 += NR) {
      let p = blockBase + j0 * kc;
      if (transB) {
        for (let k = k0; k < k0 + kc; k++) {
          for (let c = j0; c < j0 + NR; c++) bPack[p++] = c < N ? B[bOff + c * K + k] : 0;
        }
      } else {
        for (let k = k0; k < k0 + kc; k++) {
          const row = bOff + k * N;
          for (let c = j0; c < j0 + NR; c++) bPack[p++] = c < N ? B[row + c] : 0;
        }
      }
    }
  }
}

/** C (M, N) = A (M, K) @ packed B, with M ≥ MR. */
function gemmPacked(A: Float64Array, aOff: number, C: Float64Array, cOff: number, M: number, K: number, N: number): void {
  const Np = Math.ceil(N / NR) * NR;
  const Mp = Math.ceil(M / MR) * MR;
  if (aPack.length < Mp * KC) aPack = new Float64Array(Mp * KC);
  if (cPad.length < Mp * Np) cPad = new Float64Array(Mp * Np);
  cPad.fill(0, 0, Mp * Np);
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    // Pack this k-block of A: strip s holds A[s*MR .. s*MR+MR)[k] for each k in turn.
    let p = 0;
    for (let i0 = 0; i0 < Mp; i0 += MR) {
      for (let k = k0; k < k0 + kc; k++) {
        for (let r = i0; r < i0 + MR; r++) aPack[p++] = r < M ? A[aOff + r * K + k] : 0;
      }
    }
    // MC rows of packed A (MC×KC, 128 KiB) stay in L2 while each KC×NR strip of B (8 KiB, L1) sweeps them.
    const bBlock = k0 * Np;
    for (let ic = 0; ic < Mp; ic += MC) {
      const iEnd = Math.min(ic + MC, Mp);
      for (let j0 = 0; j0 < Np; j0 += NR) {
        const pb = bBlock + j0 * kc;
        for (let i0 = ic; i0 < iEnd; i0 += MR) micro(i0 * kc, pb, i0 * Np + j0, Np, kc);
      }
    }
  }
  for (let i = 0; i < M; i++) {
    const src = i * Np;
    const dst = cOff + i * N;
    for (let j = 0; j < N; j++) C[dst + j] = cPad[src + j];
  }
}

/**
 * cPad[MR×NR tile at c] += aPack strip (kc×MR at pa) · bPack strip (kc×NR at pb), k in increasing order.
 * Two k per iteration halves the loop overhead; each accumulator still adds its terms in k order.
 */
function micro(pa: number, pb: number, c: number, ldc: number, kc: number): void {
  const a = aPack;
  const b = bPack;
  const C = cPad;
  const r0 = c;
  const r1 = r0 + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  let c00 = C[r0], c01 = C[r0 + 1], c02 = C[r0 + 2], c03 = C[r0 + 3];
  let c10 = C[r1], c11 = C[r1 + 1], c12 = C[r1 + 2], c13 = C[r1 + 3];
  let c20 = C[r2], c21 = C[r2 + 1], c22 = C[r2 + 2], c23 = C[r2 + 3];
  let c30 = C[r3], c31 = C[r3 + 1], c32 = C[r3 + 2], c33 = C[r3 + 3];
  const end = pa + kc * MR;
  const end2 = pa + (kc & ~1) * MR;
  for (; pa < end2; pa += 2 * MR, pb += 2 * NR) {
    let a0 = a[pa], a1 = a[pa + 1], a2 = a[pa + 2], a3 = a[pa + 3];
    let b0 = b[pb], b1 = b[pb + 1], b2 = b[pb + 2], b3 = b[pb + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    a0 = a[pa + 4]; a1 = a[pa + 5]; a2 = a[pa + 6]; a3 = a[pa + 7];
    b0 = b[pb + 4]; b1 = b[pb + 5]; b2 = b[pb + 6]; b3 = b[pb + 7];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (pa < end) {
    const a0 = a[pa], a1 = a[pa + 1], a2 = a[pa + 2], a3 = a[pa + 3];
    const b0 = b[pb], b1 = b[pb + 1], b2 = b[pb + 2], b3 = b[pb + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  C[r0] = c00; C[r0 + 1] = c01; C[r0 + 2] = c02; C[r0 + 3] = c03;
  C[r1] = c10; C[r1 + 1] = c11; C[r1 + 2] = c12; C[r1 + 3] = c13;
  C[r2] = c20; C[r2 + 1] = c21; C[r2 + 2] = c22; C[r2 + 3] = c23;
  C[r3] = c30; C[r3 + 1] = c31; C[r3 + 2] = c32; C[r3 + 3] = c33;
}

/**
 * C (M, N) = A (M, K) @ B (K, N) for M < MR (e.g. one decoding step), without packing (packing B would cost as
 * much as the product). The product is bound by streaming B from memory, so B is read row after row, sequentially
 * (walking down columns instead is several times slower once B is out of cache), eight rows per pass:
 * `c + a0·b0 + a1·b1 + …` evaluates left to right, so each sum still runs in k order.
 */
function gemmThin(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  C: Float64Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  for (let i = 0; i < M; i++) {
    const aRow = aOff + i * K;
    const cRow = cOff + i * N;
    for (let j = 0; j < N; j++) C[cRow + j] = 0;
    let k = 0;
    for (; k + 8 <= K; k += 8) {
      const a = aRow + k;
      const a0 = A[a], a1 = A[a + 1], a2 = A[a + 2], a3 = A[a + 3];
      const a4 = A[a + 4], a5 = A[a + 5], a6 = A[a + 6], a7 = A[a + 7];
      const b0 = bOff + k * N;
      const b1 = b0 + N, b2 = b1 + N, b3 = b2 + N, b4 = b3 + N, b5 = b4 + N, b6 = b5 + N, b7 = b6 + N;
      for (let j = 0; j < N; j++) {
        C[cRow + j] = C[cRow + j] + a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j]
          + a4 * B[b4 + j] + a5 * B[b5 + j] + a6 * B[b6 + j] + a7 * B[b7 + j];
      }
    }
    for (; k < K; k++) {
      const ak = A[aRow + k];
      const bk = bOff + k * N;
      for (let j = 0; j < N; j++) C[cRow + j] += ak * B[bk + j];
    }
  }
}

/**
 * C (M, N) = A (M, K) @ Bᵀ with B given as (N, K), for M < MR: each output is a dot product of an A row with a B
 * row, four B rows per pass (one accumulator each, summed in k order), so B streams sequentially from memory.
 */
function gemmThinT(
  A: Float64Array,
  aOff: number,
  B: Float64Array,
  bOff: number,
  C: Float64Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  for (let i = 0; i < M; i++) {
    const aRow = aOff + i * K;
    const cRow = cOff + i * N;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const b0 = bOff + j * K;
      const b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[aRow + k];
        s0 += x * B[b0 + k];
        s1 += x * B[b1 + k];
        s2 += x * B[b2 + k];
        s3 += x * B[b3 + k];
      }
      C[cRow + j] = s0;
      C[cRow + j + 1] = s1;
      C[cRow + j + 2] = s2;
      C[cRow + j + 3] = s3;
    }
    for (; j < N; j++) {
      const bj = bOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aRow + k] * B[bj + k];
      C[cRow + j] = s;
    }
  }
}
