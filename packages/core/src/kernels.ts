// Allocation-free loops and argument checks shared by several core modules. Internal: not re-exported from
// index.ts, because some of these write into buffers that the calling function has just allocated.
import { ArgumentError, ShapeError, checkShape, formatShape } from "./errors.js";
import type { Tensor, TensorData } from "./tensor.js";

/** Resolve a possibly negative axis against `rank`, throwing ArgumentError when it is out of range. */
export function normalizeAxis(fn: string, axis: number, rank: number, arg = "axis"): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= rank) {
    throw new ArgumentError(fn, arg, `must be an integer in [${-rank}, ${rank - 1}], got ${axis}`);
  }
  return a;
}

/**
 * NumPy broadcasting: align shapes from the right; sizes must be equal or 1.
 * Throws ShapeError naming `fn` and the second operand when the shapes are incompatible.
 */
export function broadcastShapes(fn: string, a: readonly number[], b: readonly number[], argB = "b"): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(fn, argB, `broadcastable with ${formatShape(a)}`, b);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Element strides of `shape` when broadcast to `target` (0 along broadcast dims), one per target dim.
 * `shape` must already be known to broadcast to `target`.
 */
export function broadcastStrides(shape: readonly number[], target: readonly number[]): number[] {
  const strides = new Array<number>(target.length).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const t = target.length - shape.length + i;
    strides[t] = shape[i] === 1 && target[t] !== 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/** Add a (n,) bias to every row of a freshly computed (…, n) result. Internal to core: never on caller data. */
export function addBiasInPlace(y: Tensor, b: Tensor, fn: string, arg: string): void {
  const n = y.shape[y.rank - 1];
  checkShape(fn, arg, b.shape, [n]);
  const d = y.data;
  const bd = b.data;
  for (let i = 0; i < d.length; i += n) {
    for (let j = 0; j < n; j++) d[i + j] += bd[j];
  }
}

/** Temperatures must be finite and > 0 (T → 0 is argmax, which callers should ask for explicitly). */
export function checkTemperature(fn: string, temperature: number): void {
  if (typeof temperature !== "number" || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new ArgumentError(fn, "temperature", `must be a finite number > 0, got ${temperature}`);
  }
}

/** Strided views for one attention head; rows of Q/K/V/out may be interleaved with other heads. */
export interface AttentionKernelArgs {
  q: TensorData; qOff: number; qStride: number;
  k: TensorData; kOff: number; kStride: number;
  v: TensorData; vOff: number; vStride: number;
  L: number; S: number; dk: number; dv: number; scale: number;
  /** Additive mask element (i, j) at maskOff + i·maskRowStride + j·maskColStride. */
  mask?: TensorData; maskOff?: number; maskRowStride?: number; maskColStride?: number;
  /** Additive per-key row (S values at keyMaskOff), e.g. key padding. */
  keyMask?: TensorData; keyMaskOff?: number;
  /** If given, the pre-softmax scores are also written here (L×S at wOff). */
  scores?: TensorData;
  weights: TensorData; wOff: number;
  out: TensorData; outOff: number; outStride: number;
}

/**
 * One head of attention on strided buffers: weights (L×S, contiguous at wOff) and out rows (dv values each).
 * Used by `scaledDotProductAttention` and `multiHeadAttention` so the heads never get copied out. Queries are
 * processed in pairs and keys/values in fours, so each loaded element feeds several multiply-adds; all
 * accumulation happens in float64 scratch rows (monomorphic hot loops, and float32 callers still sum in double).
 */
export function attentionKernel(a: AttentionKernelArgs): void {
  const { q, L, S, dk, dv, qOff, qStride } = a;
  const q0 = new Float64Array(dk);
  const q1 = new Float64Array(dk);
  const row0 = new Float64Array(S);
  const row1 = new Float64Array(S);
  const acc0 = new Float64Array(dv);
  const acc1 = new Float64Array(dv);
  let i = 0;
  for (; i + 1 < L; i += 2) {
    const o0 = qOff + i * qStride;
    const o1 = o0 + qStride;
    for (let t = 0; t < dk; t++) {
      q0[t] = q[o0 + t];
      q1[t] = q[o1 + t];
    }
    scoresPair(a, q0, q1, row0, row1);
    softmaxRow(a, i, row0);
    softmaxRow(a, i + 1, row1);
    weightedValuesPair(a, row0, row1, acc0, acc1);
    writeRow(a, i, acc0);
    writeRow(a, i + 1, acc1);
  }
  if (i < L) {
    const o0 = qOff + i * qStride;
    for (let t = 0; t < dk; t++) q0[t] = q[o0 + t];
    // A lone last row: pair it with itself (the duplicate results are discarded).
    scoresPair(a, q0, q0, row0, row1);
    softmaxRow(a, i, row0);
    weightedValuesPair(a, row0, row0, acc0, acc1);
    writeRow(a, i, acc0);
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

/** Add the masks to query row i, record the scores, then softmax in place (NaN for a fully masked row, as torch). */
function softmaxRow(a: AttentionKernelArgs, i: number, row: Float64Array): void {
  const { S, mask, keyMask, scores, weights: w } = a;
  if (mask) {
    const mo = (a.maskOff ?? 0) + i * (a.maskRowStride ?? 0);
    const mc = a.maskColStride ?? 0;
    for (let j = 0; j < S; j++) row[j] += mask[mo + j * mc];
  }
  if (keyMask) {
    const ko = a.keyMaskOff ?? 0;
    for (let j = 0; j < S; j++) row[j] += keyMask[ko + j];
  }
  const wi = a.wOff + i * S;
  if (scores) for (let j = 0; j < S; j++) scores[wi + j] = row[j];
  let m = -Infinity;
  for (let j = 0; j < S; j++) {
    const s = row[j];
    if (s > m || s !== s) m = s;
  }
  let sum = 0;
  for (let j = 0; j < S; j++) {
    const e = Math.exp(row[j] - m);
    row[j] = e;
    sum += e;
  }
  for (let j = 0; j < S; j++) {
    row[j] /= sum;
    w[wi + j] = row[j];
  }
}

/** acc_r = Σ_j p_r[j] · v_j for two probability rows, four value rows at a time. */
function weightedValuesPair(a: AttentionKernelArgs, p0: Float64Array, p1: Float64Array, acc0: Float64Array, acc1: Float64Array): void {
  const { v, S, dv, vOff, vStride } = a;
  const S4 = S - (S % 4);
  acc0.fill(0);
  acc1.fill(0);
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

function writeRow(a: AttentionKernelArgs, i: number, acc: Float64Array): void {
  const { out, dv } = a;
  const oi = a.outOff + i * a.outStride;
  for (let t = 0; t < dv; t++) out[oi + t] = acc[t];
}
