import { attendHeads, type AttendHeadsArgs } from "./attention.js";
import { ArgumentError, ShapeError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { asBoolTensor, type BoolLike } from "./masks.js";
import { applyRope, type RopeConvention } from "./rope.js";
import { asFloat64, broadcastToStrides } from "./shapes.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Projection weights in the (in, out) layout, y = x W + b. D = H·hd (query/output heads), D_kv = H_kv·hd.
 * W_Q (E, D), W_K (kdim, D_kv), W_V (vdim, D_kv), W_O (D, E_out); biases (out,) and optional each.
 * vdim = kdim unless a separate `value` input is passed.
 */
export interface AttentionWeights {
  W_Q: TensorLike;
  W_K: TensorLike;
  W_V: TensorLike;
  W_O: TensorLike;
  b_Q?: TensorLike;
  b_K?: TensorLike;
  b_V?: TensorLike;
  b_O?: TensorLike;
}

/**
 * Which attention weights `multiHeadAttention` returns besides the output: per-head (B, H, L, S), their mean over
 * heads (B, L, S), both (the default, torch's `need_weights=True`), or none (only the output is computed; no
 * (B, H, L, S) buffer is allocated, the fast path for models that discard the weights).
 */
export type AttentionWeightsOutput = "per-head" | "average" | "both" | "none";

export interface MultiHeadAttentionOptions<W extends AttentionWeightsOutput = "both"> {
  numHeads: number;
  /** Key/value heads; fewer than numHeads is grouped-query attention (numHeads must be a multiple). */
  numKVHeads?: number;
  /**
   * Additive float mask broadcasting against (B, H, L, S), e.g. (L, S) causal; a rank-3 mask is torch's
   * (B·H, L, S) layout.
   */
  attnMask?: TensorLike;
  /** Bool (B, S), or (S,) for unbatched input; true = that key is PADDING and ignored (torch MHA semantics). */
  keyPaddingMask?: BoolLike;
  /** Separate value input (B, S, vdim) or (S, vdim) when keys and values differ (torch kdim ≠ vdim); default keyValue. */
  value?: TensorLike;
  /** Rotate Q and K per head before the scores (LLaMA); positions startPos … startPos+T−1. */
  rope?: { convention: RopeConvention; base?: number; startPos?: number };
  /** Which weights to return; default "both". */
  weights?: W;
}

/** The output, plus the weights asked for (`weights` for "per-head"/"both", `averageWeights` for "average"/"both"). */
export type MultiHeadAttentionResult<W extends AttentionWeightsOutput = "both"> = {
  /** (B, L, E_out) or (L, E_out). */
  output: Tensor;
} & (W extends "per-head" | "both"
  ? {
      /** Per-head attention weights (B, H, L, S) or (H, L, S). */
      weights: Tensor;
    }
  : unknown) &
  (W extends "average" | "both"
    ? {
        /** Mean over heads (B, L, S) or (L, S), torch's default `average_attn_weights=True`. */
        averageWeights: Tensor;
      }
    : unknown);

/**
 * Multi-head attention (Vaswani et al. 2017 §3.2.2), torch `nn.MultiheadAttention` semantics:
 * $$Q = \text{query}\; W_Q + b_Q, \quad K = \text{keyValue}\; W_K + b_K, \quad V = \text{keyValue}\; W_V + b_V$$
 * $$\text{head}_h = \mathrm{softmax}\Big(\frac{Q_h K_g^\top}{\sqrt{hd}} + \text{masks}\Big) V_g, \qquad g = \lfloor h / (H / H_{kv}) \rfloor$$
 * $$\text{output} = \operatorname{concat}_h(\text{head}_h)\; W_O + b_O$$
 *
 * where head h takes columns $[h \cdot hd, (h+1) \cdot hd)$ of Q, K and V, and g = h without GQA.
 * query (B, L, E) or (L, E); keyValue (B, S, kdim) or (S, kdim) — pass `query` again for self-attention.
 * A query whose keys are all masked gets NaN weights and output, as torch.
 */
export function multiHeadAttention<W extends AttentionWeightsOutput = "both">(
  query: TensorLike,
  keyValue: TensorLike,
  weights: AttentionWeights,
  options: MultiHeadAttentionOptions<W>,
): MultiHeadAttentionResult<W> {
  const fn = "multiHeadAttention";
  const q0 = asTensor(query);
  const kv0 = asTensor(keyValue);
  const { numHeads: H, numKVHeads: Hkv = options.numHeads } = options;
  if (!Number.isInteger(H) || H < 1) throw new ArgumentError(fn, "numHeads", `must be an integer ≥ 1, got ${H}`);
  if (!Number.isInteger(Hkv) || Hkv < 1 || H % Hkv !== 0) {
    throw new ArgumentError(fn, "numKVHeads", `must be an integer ≥ 1 dividing numHeads=${H}, got ${Hkv}`);
  }
  const want: AttentionWeightsOutput = options.weights ?? "both";
  if (!["per-head", "average", "both", "none"].includes(want)) {
    throw new ArgumentError(fn, "weights", `must be "per-head", "average", "both" or "none", got ${JSON.stringify(want)}`);
  }
  if (q0.rank !== 2 && q0.rank !== 3) throw new ShapeError(fn, "query", "(B, L, E) or (L, E)", q0.shape);
  const batched = q0.rank === 3;
  const dims = checkShape(fn, "query", q0.shape, batched ? ["B", "L", "E"] : ["L", "E"]);
  checkShape(fn, "keyValue", kv0.shape, batched ? ["B", "S", "kdim"] : ["S", "kdim"], dims);
  const B = batched ? dims.B : 1;
  const { L, S } = dims;
  const W_Q = asTensor(weights.W_Q);
  checkShape(fn, "W_Q", W_Q.shape, ["E", "D"], dims);
  const D = dims.D;
  if (D % H !== 0) throw new ArgumentError(fn, "numHeads", `must divide W_Q's output width D=${D}, got ${H}`);
  const hd = D / H;
  dims.D_kv = Hkv * hd;
  const W_K = asTensor(weights.W_K);
  const W_V = asTensor(weights.W_V);
  checkShape(fn, "W_K", W_K.shape, ["kdim", "D_kv"], dims);
  const val0 = options.value === undefined ? kv0 : asTensor(options.value);
  checkShape(fn, "value", val0.shape, batched ? ["B", "S", "vdim"] : ["S", "vdim"], dims);
  checkShape(fn, "W_V", W_V.shape, ["vdim", "D_kv"], dims);
  const W_O = asTensor(weights.W_O);
  checkShape(fn, "W_O", W_O.shape, ["D", "E_out"], dims);
  const Dkv = dims.D_kv;

  const x = batched ? q0 : q0.reshape([1, L, dims.E]); // (B, L, E)
  const mem = batched ? kv0 : kv0.reshape([1, S, dims.kdim]); // (B, S, kdim)
  const val = batched ? val0 : val0.reshape([1, S, dims.vdim]); // (B, S, vdim)
  let Q = linear(x, W_Q, weights.b_Q); // (B, L, D)
  let K = linear(mem, W_K, weights.b_K); // (B, S, D_kv)
  const V = linear(val, W_V, weights.b_V); // (B, S, D_kv)
  if (options.rope) {
    const r = { startPos: 0, base: 10000, ...options.rope };
    Q = applyRope(Q.reshape([B, L, H, hd]), r).reshape([B, L, D]);
    K = applyRope(K.reshape([B, S, Hkv, hd]), r).reshape([B, S, Dkv]);
  }

  // Additive attention mask viewed as (B, H, L, S) through broadcast strides (no copy).
  const full = [B, H, L, S];
  let mask: AttendHeadsArgs["mask"];
  if (options.attnMask !== undefined) {
    let m = asTensor(options.attnMask);
    if (m.rank === 3 && B > 1 && m.shape[0] === B * H) m = m.reshape(full); // torch's (B·H, L, S)
    const expected = `broadcastable to (B=${B}, H=${H}, L=${L}, S=${S}) or (B·H, L, S)`;
    const ms = broadcastToStrides(fn, "attnMask", m.shape, full, expected);
    mask = { data: m.data, offset: (b, h) => b * ms[0] + h * ms[1], rowStride: ms[2], colStride: ms[3] };
  }
  let keyMask: Float64Array | undefined; // (B, S): −∞ at padding keys
  if (options.keyPaddingMask !== undefined) {
    const P = asBoolTensor(options.keyPaddingMask);
    const expected = batched ? [B, S] : [S];
    if (P.rank !== expected.length || P.shape.some((d, i) => d !== expected[i])) {
      throw new ShapeError(fn, "keyPaddingMask", batched ? `(B=${B}, S=${S})` : `(S=${S},)`, P.shape);
    }
    keyMask = new Float64Array(B * S);
    for (let i = 0; i < keyMask.length; i++) keyMask[i] = P.data[i] ? -Infinity : 0;
  }

  const dtype = Q.dtype;
  const w = want === "per-head" || want === "both" ? Tensor.zeros(full, dtype) : undefined; // (B, H, L, S)
  const avg = want === "average" || want === "both" ? Tensor.zeros([B, L, S], dtype) : undefined; // (B, L, S)
  const heads = Tensor.zeros([B, L, D], dtype); // (B, L, H·hd): the heads side by side, ready for W_O
  const heads64 = asFloat64(heads.data);
  attendHeads({
    q: asFloat64(Q.data), k: asFloat64(K.data), v: asFloat64(V.data),
    B, L, S, H, Hkv, dk: hd, dv: hd, scale: 1 / Math.sqrt(hd),
    mask, keyMask, weights: w?.data, averageWeights: avg?.data, out: heads64,
  });
  if (heads64 !== heads.data) heads.data.set(heads64); // float32: rounded once, as if written directly
  const out = linear(heads, W_O, weights.b_O); // (B, L, E_out)
  const result: { output: Tensor; weights?: Tensor; averageWeights?: Tensor } = {
    output: batched ? out : out.reshape([L, out.shape[2]]),
  };
  if (w) result.weights = batched ? w : w.reshape([H, L, S]);
  if (avg) result.averageWeights = batched ? avg : avg.reshape([L, S]);
  return result as MultiHeadAttentionResult<W>;
}
