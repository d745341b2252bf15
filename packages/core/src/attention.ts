import { attentionKernel, type AttentionKernelArgs } from "./attention-kernel.js";
import { ArgumentError, ShapeError, checkShape, formatShape } from "./errors.js";
import { matmul, matmulTransposed } from "./matmul.js";
import { add, scale as scaleBy } from "./ops.js";
import { asFloat64, broadcastToStrides, resultDtype } from "./shapes.js";
import { softmax } from "./softmax.js";
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
 * Scaled dot-product attention as written in the paper, three tensor operations; the specification that
 * `scaledDotProductAttention` (the fast path below) is tested against. Same arguments and results, unchecked.
 */
export function referenceAttention(Q: TensorLike, K: TensorLike, V: TensorLike, options: AttentionOptions = {}): AttentionResult {
  const q = asTensor(Q);
  const raw = scaleBy(matmulTransposed(q, K), options.scale ?? 1 / Math.sqrt(q.shape[q.rank - 1])); // (…, L, S)
  const scores = options.mask === undefined ? raw : add(raw, options.mask); // (…, L, S)
  const weights = softmax(scores); // (…, L, S)
  return { scores, weights, output: matmul(weights, V) }; // (…, L, d_v)
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017, eq. 1):
 * $$\text{scores} = Q K^\top \cdot \text{scale} + \text{mask}, \quad \text{weights} = \mathrm{softmax}(\text{scores}), \quad \text{output} = \text{weights}\; V$$
 *
 * with the softmax over keys.
 * Q (…, L, d_k), K (…, S, d_k), V (…, S, d_v) with identical leading dims → scores/weights (…, L, S),
 * output (…, L, d_v). Computed by the fused kernel (attention-kernel.ts) in one pass per row; `referenceAttention`
 * above is the same computation as three tensor operations.
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
  let mask: AttendHeadsArgs["mask"];
  if (options.mask !== undefined) {
    const m = asTensor(options.mask);
    const expected = `broadcastable to scores (…, L=${L}, S=${S}) = ${formatShape(scoresShape)}`;
    const ms = broadcastToStrides(fn, "mask", m.shape, scoresShape, expected);
    const rank = scoresShape.length;
    // Mask offset of flat batch element n: its batch index, digit by digit, times the mask's batch strides.
    const offset = (n: number): number => {
      let off = 0;
      for (let d = batch.length - 1; d >= 0; d--) {
        off += (n % batch[d]) * ms[d];
        n = Math.floor(n / batch[d]);
      }
      return off;
    };
    mask = { data: m.data, offset, rowStride: ms[rank - 2], colStride: ms[rank - 1] };
  }
  const dtype = resultDtype(q.dtype, k.dtype, v.dtype);
  const scores = Tensor.zeros(scoresShape, dtype); // (…, L, S)
  const weights = Tensor.zeros(scoresShape, dtype); // (…, L, S)
  const output = Tensor.zeros([...batch, L, d_v], dtype); // (…, L, d_v)
  const out64 = asFloat64(output.data);
  const B = batch.reduce((a, b) => a * b, 1);
  // Each batch element is one head: (B, L, 1·d_k) etc.
  attendHeads({
    q: asFloat64(q.data), k: asFloat64(k.data), v: asFloat64(v.data),
    B, L, S, H: 1, Hkv: 1, dk: d_k, dv: d_v, scale,
    mask, scores: scores.data, weights: weights.data, out: out64,
  });
  if (out64 !== output.data) output.data.set(out64); // float32: rounded once
  return { scores, weights, output };
}

/**
 * Inputs of `attendHeads`: projected queries, keys and values with heads side by side in each row, as the
 * projections produce them (row-major float64; float32 callers widen with `asFloat64` and round the output once).
 */
export interface AttendHeadsArgs {
  /** Q (B, L, H·dk) */
  q: Float64Array;
  /** K (B, S, H_kv·dk) */
  k: Float64Array;
  /** V (B, S, H_kv·dv) */
  v: Float64Array;
  B: number;
  L: number;
  S: number;
  H: number;
  /** Key/value heads; query head h reads kv head ⌊h / (H / H_kv)⌋ (grouped-query attention when H_kv < H). */
  Hkv: number;
  dk: number;
  dv: number;
  scale: number;
  /** Additive mask, element (b, h, i, j) at offset(b, h) + i·rowStride + j·colStride (strides 0 where it broadcasts). */
  mask?: { data: TensorData; offset: (b: number, h: number) => number; rowStride: number; colStride: number };
  /** Additive per-key mask (B, S), e.g. key padding. */
  keyMask?: Float64Array;
  /** The keys [lo, hi) query row i may see (a KV cache's causal or sliding window); default all S. */
  visibleKeys?: (i: number) => readonly [number, number];
  /** (B, H, L, S), written when given: scores after the masks, and the softmax weights (0 outside visibleKeys). */
  scores?: TensorData;
  weights?: TensorData;
  /** (B, L, S), written when given: the weights' mean over heads. */
  averageWeights?: TensorData;
  /** (B, L, H·dv), written. */
  out: Float64Array;
}

/**
 * The one per-head attention driver under `scaledDotProductAttention`, `multiHeadAttention` and the KV cache:
 * for every batch element b and query head h, out[b, :, h] = softmax(Q_bh K_bgᵀ · scale + masks) V_bg, run by the
 * kernel on strided views (no head is copied out).
 */
export function attendHeads(a: AttendHeadsArgs): void {
  const { q, k, v, B, L, S, H, Hkv, dk, dv, scale, mask, keyMask, visibleKeys, scores, averageWeights, out } = a;
  const D = H * dk; // query row width
  const Dkv = Hkv * dk; // key row width
  const Dv = H * dv; // output row width
  const Dvkv = Hkv * dv; // value row width
  const LS = L * S;
  const group = H / Hkv;
  // The mean over heads alone needs one head's (L, S) at a time, in the output's element type (so it is bitwise
  // the mean of the per-head weights a caller would get).
  const weights = a.weights ?? (averageWeights ? (averageWeights instanceof Float32Array ? new Float32Array(LS) : new Float64Array(LS)) : undefined);
  const perHead = a.weights !== undefined;
  // One argument object, its offsets moved per call: no allocation per head or row.
  const args: AttentionKernelArgs = {
    q, qOff: 0, qStride: D, k, kOff: 0, kStride: Dkv, v, vOff: 0, vStride: Dvkv, L, S, dk, dv, scale,
    mask: mask?.data, maskOff: 0, maskRowStride: mask?.rowStride, maskColStride: mask?.colStride, keyMask, keyMaskOff: 0,
    scores, weights, wOff: 0, wStride: S, out, outOff: 0, outStride: Dv,
  };
  const rowStride = mask?.rowStride ?? 0;
  const colStride = mask?.colStride ?? 0;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const g = Math.floor(h / group);
      const qOff = b * L * D + h * dk; // Q[b, 0, h]
      const kOff = b * S * Dkv + g * dk; // K[b, 0, g]
      const vOff = b * S * Dvkv + g * dv; // V[b, 0, g]
      const wOff = perHead ? (b * H + h) * LS : 0; // weights[b, h]
      const outOff = b * L * Dv + h * dv; // out[b, 0, h]
      const maskOff = mask ? mask.offset(b, h) : 0;
      if (!visibleKeys) {
        Object.assign(args, { L, S, qOff, kOff, vOff, maskOff, keyMaskOff: b * S, wOff, outOff });
        attentionKernel(args);
      } else {
        for (let i = 0; i < L; i++) {
          const [lo, hi] = visibleKeys(i); // row i reads keys lo … hi−1 in place
          args.L = 1;
          args.S = hi - lo;
          args.qOff = qOff + i * D;
          args.kOff = kOff + lo * Dkv;
          args.vOff = vOff + lo * Dvkv;
          args.maskOff = maskOff + i * rowStride + lo * colStride;
          args.keyMaskOff = b * S + lo;
          args.wOff = wOff + i * S + lo;
          args.outOff = outOff + i * Dv;
          attentionKernel(args);
        }
      }
      if (averageWeights) for (let t = 0; t < LS; t++) averageWeights[b * LS + t] += weights![wOff + t];
    }
    if (averageWeights) for (let t = 0; t < LS; t++) averageWeights[b * LS + t] /= H;
  }
}
