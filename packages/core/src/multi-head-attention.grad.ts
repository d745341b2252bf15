import { scaledDotProductAttention } from "./attention.js";
import { scaledDotProductAttentionBackward } from "./attention.grad.js";
import { ArgumentError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { linearBackward } from "./linear.grad.js";
import { asBoolTensor } from "./masks.js";
import type { AttentionWeights, AttentionWeightsOutput, MultiHeadAttentionOptions } from "./multi-head-attention.js";
import { add, scale, transpose } from "./ops.js";
import { applyRope } from "./rope.js";
import { ropeBackward } from "./rope.grad.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients shaped like `AttentionWeights`; a bias gradient only where the weights have that bias. */
export interface AttentionGrads {
  W_Q: Tensor;
  W_K: Tensor;
  W_V: Tensor;
  W_O: Tensor;
  b_Q?: Tensor;
  b_K?: Tensor;
  b_V?: Tensor;
  b_O?: Tensor;
}

export interface MultiHeadAttentionUpstream {
  /** ∂L/∂output (B, L, E_out) or (L, E_out) */
  output?: TensorLike;
  /** ∂L/∂weights per head (B, H, L, S) or (H, L, S) */
  weights?: TensorLike;
  /** ∂L/∂averageWeights (B, L, S) or (L, S); the mean over heads passes 1/H to each head */
  averageWeights?: TensorLike;
}

export interface MultiHeadAttentionGrads {
  /** (B, L, E) or (L, E) */
  dQuery: Tensor;
  /** (B, S, kdim) or (S, kdim): through K, and through V too unless a separate `value` was given */
  dKeyValue: Tensor;
  /** (B, S, vdim) when `options.value` was given */
  dValue?: Tensor;
  grads: AttentionGrads;
}

/**
 * Reverse mode of `multiHeadAttention` (same arguments, plus the upstream gradients). The forward is rebuilt from
 * the readable pieces, Q = query W_Q + b_Q → heads (B, H, L, hd) (RoPE if asked), K and V likewise with H_kv heads,
 * each repeated to the H query heads it serves, O = SDPA(Q, K, V, mask) → concat → O W_O + b_O, and run backwards:
 *   dO_cat, dW_O, db_O   = linear backward of the output projection
 *   dQ_h, dK_h, dV_h     = SDPA backward per head (masks are constants)
 *   dK_g = Σ_{h in group g} dK_h,  dV_g likewise      (grouped-query attention shares a kv head: its gradients add)
 *   dQ, dK               = RoPE backward (rotate by −θ)
 *   dquery, dW_Q, db_Q   = linear backward of the Q projection; dkeyValue sums the K and V paths.
 * For self-attention (query = keyValue) the input gradient is dQuery + dKeyValue.
 */
export function multiHeadAttentionBackward(
  query: TensorLike,
  keyValue: TensorLike,
  weights: AttentionWeights,
  upstream: MultiHeadAttentionUpstream,
  options: MultiHeadAttentionOptions<AttentionWeightsOutput>,
): MultiHeadAttentionGrads {
  const fn = "multiHeadAttentionBackward";
  const q0 = asTensor(query);
  const batched = q0.rank === 3;
  const kv0 = asTensor(keyValue);
  const val0 = options.value === undefined ? kv0 : asTensor(options.value);
  const x = batched ? q0 : q0.reshape([1, ...q0.shape]); // (B, L, E)
  const mem = batched ? kv0 : kv0.reshape([1, ...kv0.shape]); // (B, S, kdim)
  const val = batched ? val0 : val0.reshape([1, ...val0.shape]); // (B, S, vdim)
  const [B, L] = x.shape;
  const S = mem.shape[1];
  const H = options.numHeads;
  const Hkv = options.numKVHeads ?? H;
  const D = asTensor(weights.W_Q).shape[1];
  const hd = D / H;
  if (!Number.isInteger(hd) || H % Hkv !== 0) throw new ArgumentError(fn, "numHeads", `must divide D=${D} and be a multiple of numKVHeads=${Hkv}`);
  const rope = options.rope ? { startPos: 0, base: 10000, ...options.rope } : undefined;

  // Forward, keeping what the backward reads.
  let q = linear(x, weights.W_Q, weights.b_Q).reshape([B, L, H, hd]);
  let k = linear(mem, weights.W_K, weights.b_K).reshape([B, S, Hkv, hd]);
  const v = linear(val, weights.W_V, weights.b_V).reshape([B, S, Hkv, hd]);
  if (rope) {
    q = applyRope(q, rope);
    k = applyRope(k, rope);
  }
  const Qh = transpose(q, [0, 2, 1, 3]); // (B, H, L, hd)
  const Kh = repeatHeads(transpose(k, [0, 2, 1, 3]), H); // (B, H, S, hd)
  const Vh = repeatHeads(transpose(v, [0, 2, 1, 3]), H); // (B, H, S, hd)
  const mask = fullMask(options, B, H, L, S, batched);
  const attnOptions = { mask, scale: 1 / Math.sqrt(hd) };
  const { output: Oh } = scaledDotProductAttention(Qh, Kh, Vh, attnOptions); // (B, H, L, hd)
  const heads = transpose(Oh, [0, 2, 1, 3]).reshape([B, L, D]); // (B, L, D)

  // Backward. Upstream shapes as the forward's results: (B, L, E_out), (B, H, L, S), (B, L, S), unbatched without B.
  const E_out = asTensor(weights.W_O).shape[1];
  const lead = batched ? [B] : [];
  const given = (name: string, u: TensorLike | undefined, shape: number[]): Tensor | undefined => {
    if (u === undefined) return undefined;
    const t = asTensor(u);
    checkShape(fn, `upstream.${name}`, t.shape, [...lead, ...shape]);
    return t;
  };
  const dOut = given("output", upstream.output, [L, E_out]);
  const dPerHead = given("weights", upstream.weights, [H, L, S]);
  const dAverage = given("averageWeights", upstream.averageWeights, [L, S]);
  let dHeads = Tensor.zeros([B, L, D]);
  const grads = {} as AttentionGrads;
  if (dOut) {
    const o = linearBackward(heads, weights.W_O, dOut.reshape([B, L, E_out]));
    dHeads = o.dx;
    grads.W_O = o.dW;
    grads.b_O = o.db;
  } else {
    grads.W_O = Tensor.zeros([D, E_out]);
    grads.b_O = Tensor.zeros([E_out]);
  }
  let dWeights = dPerHead?.reshape([B, H, L, S]);
  if (dAverage) {
    const perHead = add(Tensor.zeros([B, H, L, S]), scale(dAverage.reshape([B, 1, L, S]), 1 / H));
    dWeights = dWeights ? add(dWeights, perHead) : perHead;
  }
  const dOh = transpose(dHeads.reshape([B, L, H, hd]), [0, 2, 1, 3]); // (B, H, L, hd)
  const back = scaledDotProductAttentionBackward(Qh, Kh, Vh, { output: dOh, weights: dWeights }, attnOptions);
  let dq = transpose(back.dQ, [0, 2, 1, 3]); // (B, L, H, hd)
  let dk = transpose(sumGroups(back.dK, Hkv), [0, 2, 1, 3]); // (B, S, Hkv, hd)
  const dv = transpose(sumGroups(back.dV, Hkv), [0, 2, 1, 3]);
  if (rope) {
    dq = ropeBackward(dq, rope);
    dk = ropeBackward(dk, rope);
  }
  const gq = linearBackward(x, weights.W_Q, dq.reshape([B, L, D]));
  const gk = linearBackward(mem, weights.W_K, dk.reshape([B, S, Hkv * hd]));
  const gv = linearBackward(val, weights.W_V, dv.reshape([B, S, Hkv * hd]));
  Object.assign(grads, { W_Q: gq.dW, b_Q: gq.db, W_K: gk.dW, b_K: gk.db, W_V: gv.dW, b_V: gv.db });
  for (const b of ["b_Q", "b_K", "b_V", "b_O"] as const) if (weights[b] === undefined) delete grads[b];
  const unbatch = (t: Tensor): Tensor => (batched ? t : t.reshape(t.shape.slice(1)));
  const separateValue = options.value !== undefined;
  return {
    dQuery: unbatch(gq.dx),
    dKeyValue: unbatch(separateValue ? gk.dx : add(gk.dx, gv.dx)),
    ...(separateValue ? { dValue: unbatch(gv.dx) } : {}),
    grads: grads as AttentionGrads,
  };
}

/** (B, H_kv, S, hd) → (B, H, S, hd): query head h reads kv head ⌊h / (H / H_kv)⌋. */
function repeatHeads(t: Tensor, H: number): Tensor {
  const [B, Hkv, S, hd] = t.shape;
  const group = H / Hkv;
  const out = Tensor.zeros([B, H, S, hd]);
  const n = S * hd;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const g = Math.floor(h / group);
      out.data.set(t.data.subarray((b * Hkv + g) * n, (b * Hkv + g + 1) * n), (b * H + h) * n);
    }
  }
  return out;
}

/** The adjoint of `repeatHeads`: (B, H, S, hd) → (B, H_kv, S, hd), summing the heads of each group. */
function sumGroups(t: Tensor, Hkv: number): Tensor {
  const [B, H, S, hd] = t.shape;
  const group = H / Hkv;
  const out = Tensor.zeros([B, Hkv, S, hd]);
  const n = S * hd;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const g = Math.floor(h / group);
      for (let i = 0; i < n; i++) out.data[(b * Hkv + g) * n + i] += t.data[(b * H + h) * n + i];
    }
  }
  return out;
}

/** attnMask and key padding as one additive (B, H, L, S) mask (as the forward: a rank-3 mask may be (B·H, L, S)). */
function fullMask(
  options: MultiHeadAttentionOptions<AttentionWeightsOutput>,
  B: number,
  H: number,
  L: number,
  S: number,
  batched: boolean,
): Tensor | undefined {
  if (options.attnMask === undefined && options.keyPaddingMask === undefined) return undefined;
  let mask = Tensor.zeros([B, H, L, S]);
  if (options.attnMask !== undefined) {
    let m = asTensor(options.attnMask);
    if (m.rank === 3 && B > 1 && m.shape[0] === B * H) m = m.reshape([B, H, L, S]);
    mask = add(mask, m);
  }
  if (options.keyPaddingMask !== undefined) {
    const P = asBoolTensor(options.keyPaddingMask);
    const pad = new Tensor(Float64Array.from(P.data, (p) => (p ? -Infinity : 0)), [batched ? B : 1, 1, 1, S]);
    mask = add(mask, pad);
  }
  return mask;
}
