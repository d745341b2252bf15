import type { TensorData } from "../tensor.js";
import type { WasmKernels } from "./instance.js";

/** Packed-A rows per k-block and the k-block depth of wasm/kernels.ts. */
const MR = 4;
const KC = 256;

/**
 * The `wasm` backend of `matmul`/`matmulTransposed`: C (count, M, N) = A @ B (or Bᵀ) over a broadcast batch.
 * `aStrides`/`bStrides` are A's and B's strides in matrices along the batch dims (0 where a dim broadcasts). Float32 C (both inputs float32) is
 * computed in float32; otherwise float64, each element summed in k order as the JS kernel does. False (nothing
 * done) if the operands do not fit in the module's memory.
 */
export function matmulWasm(
  w: WasmKernels, A: TensorData, B: TensorData, C: TensorData, batch: readonly number[],
  aStrides: readonly number[], bStrides: readonly number[], M: number, K: number, N: number, transB: boolean,
): boolean {
  const count = C.length / (M * N);
  const f32 = C instanceof Float32Array;
  const es = f32 ? 4 : 8;
  const NR = f32 ? 8 : 4;
  const Np = Math.ceil(N / NR) * NR;
  const Mp = Math.ceil(M / MR) * MR;
  const thin = !f32 && M < MR; // float32 thin products go through the packed kernel (there is no float32 thin one)
  const at = w.reserve(
    A.length * es, B.length * es, count * M * N * es,
    thin ? 0 : K * Np * es, thin ? 0 : Mp * Math.min(K, KC) * es, thin ? 0 : Mp * Np * es,
  );
  if (!at) return false;
  const [a, b, c, bp, ap, cp] = at;
  const mem = f32 ? w.f32() : w.f64();
  mem.set(A, a / es);
  mem.set(B, b / es);
  const { fn } = w;
  let packed = -1;
  for (let n = 0; n < count; n++) {
    let ai = a;
    let bi = 0;
    for (let d = batch.length - 1, rem = n; d >= 0; d--) {
      const idx = rem % batch[d];
      rem = (rem - idx) / batch[d];
      ai += idx * aStrides[d] * M * K * es;
      bi += idx * bStrides[d];
    }
    const ci = c + n * M * N * es;
    if (thin) {
      fn.gemmThin64(ai, M, K, N, b + bi * K * N * 8, transB, ci);
      continue;
    }
    if (bi !== packed) {
      (f32 ? fn.packB32 : fn.packB64)(b + bi * K * N * es, K, N, transB, bp);
      packed = bi;
    }
    (f32 ? fn.gemm32 : fn.gemm64)(ai, M, K, N, bp, ap, cp, ci);
  }
  C.set(mem.subarray(c / es, c / es + count * M * N));
  return true;
}
