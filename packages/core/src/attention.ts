import { ArgumentError, ShapeError, checkShape, formatShape } from "./errors.js";
import { asFloat64, attentionKernel, broadcastShapes, broadcastStrides } from "./kernels.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

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
  const [qd, kd, vd] = [asFloat64(q.data), asFloat64(k.data), asFloat64(v.data)];
  const out64 = asFloat64(output.data);
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
      q: qd, qOff: n * L * d_k, qStride: d_k,
      k: kd, kOff: n * S * d_k, kStride: d_k,
      v: vd, vOff: n * S * d_v, vStride: d_v,
      L, S, dk: d_k, dv: d_v, scale,
      mask: mask?.data, maskOff: mOff, maskRowStride: mStrides[rank - 2] ?? 0, maskColStride: mStrides[rank - 1] ?? 0,
      scores: scores.data, weights: weights.data, wOff: n * L * S,
      out: out64, outOff: n * L * d_v, outStride: d_v,
    });
  }
  if (out64 !== output.data) output.data.set(out64);
  return { scores, weights, output };
}
