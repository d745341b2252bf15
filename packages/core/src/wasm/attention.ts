import type { AttentionKernelArgs } from "../attention-kernel.js";
import type { WasmKernels } from "./instance.js";

/** Keys per block in wasm/kernels.ts `attention64` (its scratch holds a 4×BK tile plus 12 running values). */
const BK = 64;

/**
 * The `wasm` backend of `attentionKernel`: copies one head's Q, Kᵀ, V (and masks) into the module's memory in the
 * padded layout `attention64` expects, runs it, and writes out (and scores/weights, if asked) back to the strided
 * targets. Same arguments and results as the JS kernel (to rounding: the softmax is computed online, block by block).
 * False (nothing done) if the head does not fit in the module's memory.
 */
export function attentionWasm(w: WasmKernels, a: AttentionKernelArgs): boolean {
  const { L, S, dk, dv } = a;
  const Lp = Math.ceil(L / 4) * 4;
  const Sp = Math.ceil(S / 4) * 4;
  const dvp = Math.ceil(dv / 4) * 4;
  const wantScores = a.scores !== undefined || a.weights !== undefined;
  const at = w.reserve(
    Lp * dk * 8, dk * Sp * 8, Sp * dvp * 8, a.mask ? L * S * 8 : 0, a.keyMask ? S * 8 : 0, Lp * dvp * 8,
    wantScores ? L * S * 8 : 0, a.weights ? L * S * 8 : 0, (4 * BK + 12) * 8,
  );
  if (!at) return false;
  const [q, kT, v, mask, keyMask, out, scores, weights, tmp] = at;
  const m = w.f64();
  // Q rows (zero rows up to Lp), K transposed (dk, Sp), V rows (zero rows up to Sp: their weight is 0, and 0·NaN
  // from stale memory would not be).
  const q8 = q / 8;
  for (let i = 0; i < L; i++) m.set(a.q.subarray(a.qOff + i * a.qStride, a.qOff + i * a.qStride + dk), q8 + i * dk);
  m.fill(0, q8 + L * dk, q8 + Lp * dk);
  const k8 = kT / 8;
  for (let j = 0; j < S; j++) {
    const o = a.kOff + j * a.kStride;
    for (let t = 0; t < dk; t++) m[k8 + t * Sp + j] = a.k[o + t];
  }
  const v8 = v / 8;
  for (let j = 0; j < S; j++) m.set(a.v.subarray(a.vOff + j * a.vStride, a.vOff + j * a.vStride + dv), v8 + j * dvp);
  m.fill(0, v8 + S * dvp, v8 + Sp * dvp);
  if (a.mask) {
    const md = a.mask;
    const mo = a.maskOff ?? 0;
    const mr = a.maskRowStride ?? 0;
    const mc = a.maskColStride ?? 0;
    const m8 = mask / 8;
    for (let i = 0; i < L; i++) {
      const src = mo + i * mr;
      const dst = m8 + i * S;
      if (mc === 1) m.set(md.subarray(src, src + S), dst);
      else for (let j = 0; j < S; j++) m[dst + j] = md[src + j * mc];
    }
  }
  if (a.keyMask) {
    const ko = a.keyMaskOff ?? 0;
    m.set(a.keyMask.subarray(ko, ko + S), keyMask / 8);
  }
  w.fn.attention64(q, kT, v, L, S, dk, dvp, a.scale, a.mask ? mask : 0, a.keyMask ? keyMask : 0, out,
    wantScores ? scores : 0, a.weights ? weights : 0, tmp, false);
  for (let i = 0; i < L; i++) {
    const src = out / 8 + i * dvp;
    a.out.set(m.subarray(src, src + dv), a.outOff + i * a.outStride);
  }
  const wOff = a.wOff ?? 0;
  const wStride = a.wStride ?? S;
  for (const [target, from] of [[a.scores, scores], [a.weights, weights]] as const) {
    if (!target) continue;
    for (let i = 0; i < L; i++) target.set(m.subarray(from / 8 + i * S, from / 8 + (i + 1) * S), wOff + i * wStride);
  }
  return true;
}
