import type { TensorData } from "../tensor.js";
import { Act, type WasmKernels } from "./instance.js";

/** Packed-A rows per k-block and the k-block depth of wasm/kernels.ts. */
const MR = 4;
const KC = 256;
/** Bytes of B per chunk on the thin path: small enough to stay in L1/L2 between the copy and the product. */
const THIN_CHUNK = 32 * 1024;

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
  const resident = thin ? w.resident(B) : undefined;
  // Thin products copy B in by cache-sized chunks (B is streamed once); the others copy all of B and pack it.
  const bRows = transB ? N : K;
  const rowBytes = (transB ? K : N) * 8;
  const chunkRows = Math.max(1, Math.min(bRows, Math.floor(THIN_CHUNK / rowBytes)));
  const at = w.reserve(
    A.length * es, thin ? (resident === undefined ? chunkRows * rowBytes : 0) : B.length * es, count * M * N * es,
    thin ? 0 : K * Np * es, thin ? 0 : Mp * Math.min(K, KC) * es, thin ? 0 : Mp * Np * es,
  );
  if (!at) return false;
  const [a, b, c, bp, ap, cp] = at;
  const mem = f32 ? w.f32() : w.f64();
  mem.set(A, a / es);
  if (!thin) mem.set(B, b / es);
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
    if (thin && resident !== undefined) {
      // B pinned in memory (withResidentWeights): read in place, no copy.
      const bAt = resident + bi * K * N * 8;
      if (bRows === 0) mem.fill(0, ci / 8, ci / 8 + M * N);
      else if (transB) fn.thinDots64(ai, M, K, N, bAt, 0, bRows, ci);
      else fn.thinRows64(ai, M, K, N, bAt, 0, bRows, ci, true);
      continue;
    }
    if (thin) {
      const bOff = bi * K * N;
      if (bRows === 0) mem.fill(0, ci / 8, ci / 8 + M * N); // K = 0: an empty sum
      for (let r0 = 0; r0 < bRows; r0 += chunkRows) {
        const rows = Math.min(chunkRows, bRows - r0);
        const from = bOff + (r0 * rowBytes) / 8;
        mem.set(B.subarray(from, from + (rows * rowBytes) / 8), b / 8);
        if (transB) fn.thinDots64(ai, M, K, N, b, r0, rows, ci);
        else fn.thinRows64(ai, M, K, N, b, r0, rows, ci, r0 === 0);
      }
      continue;
    }
    if (bi !== packed) {
      (f32 ? fn.packB32 : fn.packB64)(b + bi * K * N * es, K, N, transB, bp);
      packed = bi;
    }
    if (f32) fn.gemm32(ai, M, K, N, bp, ap, cp, ci);
    else fn.gemm64(ai, M, K, N, bp, ap, cp, ci, 0, Act.None, 0);
  }
  C.set(mem.subarray(c / es, c / es + count * M * N));
  return true;
}
