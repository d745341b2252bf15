// The attention kernel: one head of softmax(q kᵀ · scale + masks) v on strided float64 buffers, the hot loop under
// `scaledDotProductAttention`, `multiHeadAttention` and the KV cache (all through `attendHeads` in attention.ts).
// Internal (`@qkv/core/internal`). Its readable specification is `referenceAttention` in attention.ts, which the
// tests compare it against.
import { wasmKernels } from "./backend.js";
import type { TensorData } from "./tensor.js";
import { attentionWasm } from "./wasm/attention.js";

/**
 * Strided views for one attention head; rows of Q/K/V/out may be interleaved with other heads. Q, K, V and out are
 * float64 only (callers widen float32 inputs with `asFloat64` and round the output once): one element type keeps
 * the hot loops monomorphic when float64 and float32 models run in the same process.
 */
export interface AttentionKernelArgs {
  q: Float64Array; qOff: number; qStride: number;
  k: Float64Array; kOff: number; kStride: number;
  v: Float64Array; vOff: number; vStride: number;
  L: number; S: number; dk: number; dv: number; scale: number;
  /** Additive mask element (i, j) at maskOff + i·maskRowStride + j·maskColStride. */
  mask?: TensorData; maskOff?: number; maskRowStride?: number; maskColStride?: number;
  /** Additive per-key row (S values at keyMaskOff), e.g. key padding. */
  keyMask?: TensorData; keyMaskOff?: number;
  /** If given, the pre-softmax scores are also written here (row i at wOff + i·wStride). */
  scores?: TensorData;
  /** If given, the softmax weights are written here (row i at wOff + i·wStride); omit when only `out` is wanted. */
  weights?: TensorData;
  wOff?: number;
  /** Distance between weight rows; default S. */
  wStride?: number;
  out: Float64Array; outOff: number; outStride: number;
}

// Reused float64 scratch (two query rows, two score rows, two accumulators), grown on demand: the kernel runs once
// per head (and once per query row in the KV cache), so per-call allocations showed up as GC time.
let qs0 = new Float64Array(0);
let qs1 = new Float64Array(0);
let rs0 = new Float64Array(0);
let rs1 = new Float64Array(0);
let as0 = new Float64Array(0);
let as1 = new Float64Array(0);

/**
 * One head of attention on strided buffers: out rows (dv values each) and, if asked, the weights.
 * Heads are read in place through offsets and strides, never copied out. Queries
 * are processed in pairs and keys/values in fours, so each loaded element feeds several multiply-adds; all
 * accumulation happens in float64 scratch rows (monomorphic hot loops, and float32 callers still sum in double).
 * The values are weighted by the unnormalised exponentials and the sum divides the dv outputs once, instead of
 * dividing all S weights first (softmax(s) V = (Σ_j e^{s_j − m} v_j) / Σ_j e^{s_j − m}).
 */
export function attentionKernel(a: AttentionKernelArgs): void {
  const { q, L, S, dk, dv, qOff, qStride } = a;
  // Single query rows (decoding steps, KV-cache windows) stay here: copying K and V in would cost as much as the product.
  const wasm = L >= 4 ? wasmKernels() : undefined;
  if (wasm && attentionWasm(wasm, a)) return;
  if (qs0.length < dk) [qs0, qs1] = [new Float64Array(dk), new Float64Array(dk)];
  if (rs0.length < S) [rs0, rs1] = [new Float64Array(S), new Float64Array(S)];
  if (as0.length < dv) [as0, as1] = [new Float64Array(dv), new Float64Array(dv)];
  const q0 = qs0, q1 = qs1, row0 = rs0, row1 = rs1, acc0 = as0, acc1 = as1;
  let i = 0;
  for (; i + 1 < L; i += 2) {
    const o0 = qOff + i * qStride;
    const o1 = o0 + qStride;
    for (let t = 0; t < dk; t++) {
      q0[t] = q[o0 + t];
      q1[t] = q[o1 + t];
    }
    scoresPair(a, q0, q1, row0, row1);
    const sum0 = expRow(a, i, row0);
    const sum1 = expRow(a, i + 1, row1);
    weightedValuesPair(a, row0, row1, acc0, acc1);
    writeRow(a, i, acc0, sum0);
    writeRow(a, i + 1, acc1, sum1);
  }
  if (i < L) {
    const o0 = qOff + i * qStride;
    for (let t = 0; t < dk; t++) q0[t] = q[o0 + t];
    scoresOne(a, q0, row0);
    const sum0 = expRow(a, i, row0);
    weightedValuesOne(a, row0, acc0);
    writeRow(a, i, acc0, sum0);
  }
}

/** row_r[j] = (q_r · k_j) · scale for two query rows, four keys at a time. */
function scoresPair(a: AttentionKernelArgs, q0: Float64Array, q1: Float64Array, row0: Float64Array, row1: Float64Array): void {
  const { k, S, dk, scale, kOff, kStride } = a;
  const S4 = S - (S % 4);
  let j = 0;
  for (; j < S4; j += 4) {
    const k0 = kOff + j * kStride;
    const k1 = k0 + kStride;
    const k2 = k1 + kStride;
    const k3 = k2 + kStride;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let t = 0; t < dk; t++) {
      const x = q0[t];
      const y = q1[t];
      const c0 = k[k0 + t];
      const c1 = k[k1 + t];
      const c2 = k[k2 + t];
      const c3 = k[k3 + t];
      a0 += x * c0;
      a1 += x * c1;
      a2 += x * c2;
      a3 += x * c3;
      b0 += y * c0;
      b1 += y * c1;
      b2 += y * c2;
      b3 += y * c3;
    }
    row0[j] = a0 * scale;
    row0[j + 1] = a1 * scale;
    row0[j + 2] = a2 * scale;
    row0[j + 3] = a3 * scale;
    row1[j] = b0 * scale;
    row1[j + 1] = b1 * scale;
    row1[j + 2] = b2 * scale;
    row1[j + 3] = b3 * scale;
  }
  for (; j < S; j++) {
    const kj = kOff + j * kStride;
    let x = 0;
    let y = 0;
    for (let t = 0; t < dk; t++) {
      x += q0[t] * k[kj + t];
      y += q1[t] * k[kj + t];
    }
    row0[j] = x * scale;
    row1[j] = y * scale;
  }
}

/** row[j] = (q · k_j) · scale for one query row (a lone last row, or one decoding step), four keys at a time. */
function scoresOne(a: AttentionKernelArgs, q0: Float64Array, row0: Float64Array): void {
  const { k, S, dk, scale, kOff, kStride } = a;
  const S4 = S - (S % 4);
  let j = 0;
  for (; j < S4; j += 4) {
    const k0 = kOff + j * kStride;
    const k1 = k0 + kStride;
    const k2 = k1 + kStride;
    const k3 = k2 + kStride;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let t = 0; t < dk; t++) {
      const x = q0[t];
      a0 += x * k[k0 + t];
      a1 += x * k[k1 + t];
      a2 += x * k[k2 + t];
      a3 += x * k[k3 + t];
    }
    row0[j] = a0 * scale;
    row0[j + 1] = a1 * scale;
    row0[j + 2] = a2 * scale;
    row0[j + 3] = a3 * scale;
  }
  for (; j < S; j++) {
    const kj = kOff + j * kStride;
    let x = 0;
    for (let t = 0; t < dk; t++) x += q0[t] * k[kj + t];
    row0[j] = x * scale;
  }
}

/**
 * Add the masks to query row i (finding the max in the same pass), record the scores, then replace the row by
 * e^{s_j − max} and return their sum. Weights, if asked, are written normalised. A fully masked row gives NaN
 * (−∞ − (−∞)), as torch.
 */
function expRow(a: AttentionKernelArgs, i: number, row: Float64Array): number {
  const { S, mask, keyMask, scores, weights: w } = a;
  if (keyMask) {
    const ko = a.keyMaskOff ?? 0;
    for (let j = 0; j < S; j++) row[j] += keyMask[ko + j];
  }
  let m = -Infinity;
  if (mask) {
    const mo = (a.maskOff ?? 0) + i * (a.maskRowStride ?? 0);
    const mc = a.maskColStride ?? 0;
    for (let j = 0; j < S; j++) {
      const s = row[j] + mask[mo + j * mc];
      row[j] = s;
      if (s > m || s !== s) m = s;
    }
  } else {
    for (let j = 0; j < S; j++) {
      const s = row[j];
      if (s > m || s !== s) m = s;
    }
  }
  const wi = (a.wOff ?? 0) + i * (a.wStride ?? S);
  if (scores) for (let j = 0; j < S; j++) scores[wi + j] = row[j];
  let sum = 0;
  for (let j = 0; j < S; j++) {
    const e = Math.exp(row[j] - m);
    row[j] = e;
    sum += e;
  }
  if (w) for (let j = 0; j < S; j++) w[wi + j] = row[j] / sum;
  return sum;
}

/** acc_r = Σ_j p_r[j] · v_j for two rows, four value rows at a time. */
function weightedValuesPair(a: AttentionKernelArgs, p0: Float64Array, p1: Float64Array, acc0: Float64Array, acc1: Float64Array): void {
  const { v, S, dv, vOff, vStride } = a;
  const S4 = S - (S % 4);
  acc0.fill(0, 0, dv);
  acc1.fill(0, 0, dv);
  let j = 0;
  for (; j < S4; j += 4) {
    const x0 = p0[j];
    const x1 = p0[j + 1];
    const x2 = p0[j + 2];
    const x3 = p0[j + 3];
    const y0 = p1[j];
    const y1 = p1[j + 1];
    const y2 = p1[j + 2];
    const y3 = p1[j + 3];
    const v0 = vOff + j * vStride;
    const v1 = v0 + vStride;
    const v2 = v1 + vStride;
    const v3 = v2 + vStride;
    for (let t = 0; t < dv; t++) {
      const c0 = v[v0 + t];
      const c1 = v[v1 + t];
      const c2 = v[v2 + t];
      const c3 = v[v3 + t];
      acc0[t] += x0 * c0 + x1 * c1 + x2 * c2 + x3 * c3;
      acc1[t] += y0 * c0 + y1 * c1 + y2 * c2 + y3 * c3;
    }
  }
  for (; j < S; j++) {
    const x = p0[j];
    const y = p1[j];
    const vj = vOff + j * vStride;
    for (let t = 0; t < dv; t++) {
      acc0[t] += x * v[vj + t];
      acc1[t] += y * v[vj + t];
    }
  }
}

/** acc = Σ_j p[j] · v_j for one row, four value rows at a time. */
function weightedValuesOne(a: AttentionKernelArgs, p0: Float64Array, acc0: Float64Array): void {
  const { v, S, dv, vOff, vStride } = a;
  const S4 = S - (S % 4);
  acc0.fill(0, 0, dv);
  let j = 0;
  for (; j < S4; j += 4) {
    const x0 = p0[j];
    const x1 = p0[j + 1];
    const x2 = p0[j + 2];
    const x3 = p0[j + 3];
    const v0 = vOff + j * vStride;
    const v1 = v0 + vStride;
    const v2 = v1 + vStride;
    const v3 = v2 + vStride;
    for (let t = 0; t < dv; t++) acc0[t] += x0 * v[v0 + t] + x1 * v[v1 + t] + x2 * v[v2 + t] + x3 * v[v3 + t];
  }
  for (; j < S; j++) {
    const x = p0[j];
    const vj = vOff + j * vStride;
    for (let t = 0; t < dv; t++) acc0[t] += x * v[vj + t];
  }
}

function writeRow(a: AttentionKernelArgs, i: number, acc: Float64Array, sum: number): void {
  const { out, dv } = a;
  const oi = a.outOff + i * a.outStride;
  for (let t = 0; t < dv; t++) out[oi + t] = acc[t] / sum;
}
