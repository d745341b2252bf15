import { ArgumentError, ShapeError, checkShape, formatShape } from "./errors.js";
import { broadcastShapes, broadcastStrides } from "./ops.js";
import { Tensor, asTensor, type TensorData, type TensorLike } from "./tensor.js";

export interface AttentionOptions {
  /** Additive mask broadcasting against scores (…, L, S) from the right: 0 = visible, −∞ = blocked. */
  mask?: TensorLike;
  /** Score scale; default 1/√d_k, which keeps the dot products' variance ≈ 1 so softmax does not saturate. */
  scale?: number;
}

export interface AttentionResult {
  /** (…, L, S): Q Kᵀ · scale + mask, i.e. after the mask (blocked entries are −∞). */
  scores: Tensor;
  /** (…, L, S): softmax of `scores` over the keys; each row sums to 1. */
  weights: Tensor;
  /** (…, L, d_v): weights V. */
  output: Tensor;
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017, eq. 1):
 *   scores = Q Kᵀ · scale + mask,  weights = softmax(scores) over keys,  output = weights V.
 * Q (…, L, d_k), K (…, S, d_k), V (…, S, d_v) with identical leading dims → scores/weights (…, L, S),
 * output (…, L, d_v).
 *
 * A fully masked row (every key −∞) has no distribution: its weights and output are NaN, exactly as PyTorch
 * (softmax of all −∞ is 0/0). We keep the NaN rather than invent zeros so mistakes in mask construction show up.
 */
export function scaledDotProductAttention(
  Q: TensorLike,
  K: TensorLike,
  V: TensorLike,
  options: AttentionOptions = {},
): AttentionResult {
  const fn = "scaledDotProductAttention";
  const q = asTensor(Q);
  const k = asTensor(K);
  const v = asTensor(V);
  const dims = checkShape(fn, "Q", q.shape, ["...", "L", "d_k"]);
  checkShape(fn, "K", k.shape, ["...", "S", "d_k"], dims);
  checkShape(fn, "V", v.shape, ["...", "S", "d_v"], dims);
  const { L, S, d_k, d_v } = dims;
  const batch = q.shape.slice(0, -2);
  const expectBatch = (t: Tensor, name: string, tail: string): void => {
    if (t.rank !== q.rank || batch.some((d, i) => t.shape[i] !== d)) {
      const lead = batch.length ? `${batch.join(", ")}, ` : "";
      throw new ShapeError(fn, name, `(${lead}${tail}) with the same leading dims as Q ${formatShape(q.shape)}`, t.shape);
    }
  };
  expectBatch(k, "K", `S, d_k=${d_k}`);
  expectBatch(v, "V", `S=${S}, d_v`);
  const { scale = 1 / Math.sqrt(d_k) } = options;
  if (typeof scale !== "number" || !Number.isFinite(scale)) {
    throw new ArgumentError(fn, "scale", `must be a finite number, got ${scale}`);
  }
  const scoresShape = [...batch, L, S];
  let mask: Tensor | undefined;
  let mStrides: number[] = [];
  if (options.mask !== undefined) {
    mask = asTensor(options.mask);
    const b = broadcastShapes(fn, scoresShape, mask.shape, "mask");
    if (b.length !== scoresShape.length || b.some((d, i) => d !== scoresShape[i])) {
      throw new ShapeError(fn, "mask", `broadcastable to scores (…, L=${L}, S=${S}) = ${formatShape(scoresShape)}`, mask.shape);
    }
    mStrides = broadcastStrides(mask.shape, scoresShape);
  }
  const dtype = q.dtype === "float32" && k.dtype === "float32" && v.dtype === "float32" ? "float32" : "float64";
  const scores = Tensor.zeros(scoresShape, dtype);
  const weights = Tensor.zeros(scoresShape, dtype);
  const output = Tensor.zeros([...batch, L, d_v], dtype);
  const count = batch.reduce((a, b) => a * b, 1);
  const rank = scoresShape.length;
  for (let n = 0; n < count; n++) {
    let mOff = 0;
    if (mask) {
      let rem = n;
      for (let d = batch.length - 1; d >= 0; d--) {
        mOff += (rem % batch[d]) * mStrides[d];
        rem = Math.floor(rem / batch[d]);
      }
    }
    attentionKernel({
      q: q.data, qOff: n * L * d_k, qStride: d_k,
      k: k.data, kOff: n * S * d_k, kStride: d_k,
      v: v.data, vOff: n * S * d_v, vStride: d_v,
      L, S, dk: d_k, dv: d_v, scale,
      mask: mask?.data, maskOff: mOff, maskRowStride: mStrides[rank - 2] ?? 0, maskColStride: mStrides[rank - 1] ?? 0,
      scores: scores.data, weights: weights.data, wOff: n * L * S,
      out: output.data, outOff: n * L * d_v, outStride: d_v,
    });
  }
  return { scores, weights, output };
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
  const maskOff = a.maskOff ?? 0;
  const mr = a.maskRowStride ?? 0;
  const mc = a.maskColStride ?? 0;
  const kmOff = a.keyMaskOff ?? 0;
  for (let i = 0; i < L; i++) {
    const qi = a.qOff + i * a.qStride;
    const wi = a.wOff + i * S;
    let m = -Infinity;
    for (let j = 0; j < S; j++) {
      const kj = a.kOff + j * a.kStride;
      let dot = 0;
      for (let t = 0; t < dk; t++) dot += q[qi + t] * k[kj + t];
      let s = dot * scale;
      if (mask) s += mask[maskOff + i * mr + j * mc];
      if (keyMask) s += keyMask[kmOff + j];
      w[wi + j] = s;
      if (s > m || s !== s) m = s;
    }
    if (scores) for (let j = 0; j < S; j++) scores[wi + j] = w[wi + j];
    let sum = 0;
    for (let j = 0; j < S; j++) {
      const e = Math.exp(w[wi + j] - m);
      w[wi + j] = e;
      sum += e;
    }
    const oi = a.outOff + i * a.outStride;
    for (let t = 0; t < dv; t++) out[oi + t] = 0;
    for (let j = 0; j < S; j++) {
      const p = w[wi + j] / sum;
      w[wi + j] = p;
      const vj = a.vOff + j * a.vStride;
      for (let t = 0; t < dv; t++) out[oi + t] += p * v[vj + t];
    }
  }
}
