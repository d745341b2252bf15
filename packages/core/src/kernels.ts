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
 * Used by `scaledDotProductAttention` and `multiHeadAttention` so the heads never get copied out. Allocates nothing.
 */
export function attentionKernel(a: AttentionKernelArgs): void {
  const { q, k, v, L, S, dk, dv, scale, mask, keyMask, scores, weights: w, out } = a;
  const { qOff, qStride, kOff, kStride, vOff, vStride, wOff, outOff, outStride } = a;
  const maskOff = a.maskOff ?? 0;
  const mr = a.maskRowStride ?? 0;
  const mc = a.maskColStride ?? 0;
  const kmOff = a.keyMaskOff ?? 0;
  const S4 = S - (S % 4);
  // float64 scratch rows: the hot loops stay monomorphic and float32 callers still accumulate in double.
  const qi = new Float64Array(dk);
  const row = new Float64Array(S);
  const acc = new Float64Array(dv);
  for (let i = 0; i < L; i++) {
    const qo = qOff + i * qStride;
    for (let t = 0; t < dk; t++) qi[t] = q[qo + t];
    // Raw scores, four keys at a time so each q element is loaded once per four dot products.
    let j = 0;
    for (; j < S4; j += 4) {
      const k0 = kOff + j * kStride;
      const k1 = k0 + kStride;
      const k2 = k1 + kStride;
      const k3 = k2 + kStride;
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      for (let t = 0; t < dk; t++) {
        const qt = qi[t];
        d0 += qt * k[k0 + t];
        d1 += qt * k[k1 + t];
        d2 += qt * k[k2 + t];
        d3 += qt * k[k3 + t];
      }
      row[j] = d0 * scale;
      row[j + 1] = d1 * scale;
      row[j + 2] = d2 * scale;
      row[j + 3] = d3 * scale;
    }
    for (; j < S; j++) {
      const kj = kOff + j * kStride;
      let d = 0;
      for (let t = 0; t < dk; t++) d += qi[t] * k[kj + t];
      row[j] = d * scale;
    }
    // Masks, then the row max (NaN propagates, as torch).
    if (mask) for (let jj = 0; jj < S; jj++) row[jj] += mask[maskOff + i * mr + jj * mc];
    if (keyMask) for (let jj = 0; jj < S; jj++) row[jj] += keyMask[kmOff + jj];
    let m = -Infinity;
    for (let jj = 0; jj < S; jj++) {
      const s = row[jj];
      if (s > m || s !== s) m = s;
    }
    const wi = wOff + i * S;
    if (scores) for (let jj = 0; jj < S; jj++) scores[wi + jj] = row[jj];
    let sum = 0;
    for (let jj = 0; jj < S; jj++) {
      const e = Math.exp(row[jj] - m);
      row[jj] = e;
      sum += e;
    }
    for (let jj = 0; jj < S; jj++) {
      row[jj] /= sum;
      w[wi + jj] = row[jj];
    }
    // out_i = Σ_j w_ij v_j, four value rows at a time.
    acc.fill(0);
    j = 0;
    for (; j < S4; j += 4) {
      const p0 = row[j];
      const p1 = row[j + 1];
      const p2 = row[j + 2];
      const p3 = row[j + 3];
      const v0 = vOff + j * vStride;
      const v1 = v0 + vStride;
      const v2 = v1 + vStride;
      const v3 = v2 + vStride;
      for (let t = 0; t < dv; t++) acc[t] += p0 * v[v0 + t] + p1 * v[v1 + t] + p2 * v[v2 + t] + p3 * v[v3 + t];
    }
    for (; j < S; j++) {
      const p = row[j];
      const vj = vOff + j * vStride;
      for (let t = 0; t < dv; t++) acc[t] += p * v[vj + t];
    }
    const oi = outOff + i * outStride;
    for (let t = 0; t < dv; t++) out[oi + t] = acc[t];
  }
}
