// The `wasm` backend of `gpt2`'s forward pass (src/gpt2.ts is the readable reference): the same ops in the same
// order, run on activations that stay in the module's memory from the embedding to the logits. The per-op path
// copies every operand in and every result out and allocates a tensor per op (~19 MB of ArrayBuffers per forward at
// T=128, d=256, L=4); those allocations drive V8's mark-compact collections, whose cost grows with whatever else the
// process holds. Here one forward call copies each weight in once (just before its product, so a weight changed
// between calls is always read afresh) and copies out only the logits and their log-softmax.
import type { Gpt2Config, Gpt2Weights } from "../gpt2.js";
import type { LayerNormWeights } from "../layer-norm.js";
import { asTensor, type TensorLike } from "../tensor.js";
import { Act, type WasmKernels } from "./instance.js";

/** attention64's scratch (a 4×64 score tile plus 12 running values) and gemm64's k-block depth. */
const ATTENTION_TMP = 4 * 64 + 12;
export const KC = 256;

export const pad4 = (n: number) => Math.ceil(n / 4) * 4;

/** A float64 tensor of exactly `shape`, or undefined (the per-op path then runs and reports what is wrong). */
export function exact(t: TensorLike | undefined, shape: readonly number[]): Float64Array | undefined {
  if (t === undefined || t === null) return undefined;
  const T = asTensor(t);
  if (!(T.data instanceof Float64Array) || T.rank !== shape.length || T.shape.some((n, i) => n !== shape[i])) return undefined;
  return T.data;
}

export interface Norm { gamma: Float64Array; beta: Float64Array; eps: number }

/** γ, β and the eps `layerNormFn({ eps, ...ln })` would use (an eps on the weights overrides the config's). */
export function norm(ln: LayerNormWeights | undefined, d: number, configEps: number): Norm | undefined {
  if (!ln) return undefined;
  const gamma = exact(ln.gamma, [d]);
  const beta = exact(ln.beta, [d]);
  const eps = Object.hasOwn(ln, "eps") ? (ln.eps ?? 1e-5) : configEps;
  if (!gamma || !beta || typeof eps !== "number" || !(eps >= 0) || !Number.isFinite(eps)) return undefined;
  return { gamma, beta, eps };
}

export interface Block {
  ln_1: Norm; ln_2: Norm;
  W_Q: Float64Array; W_K: Float64Array; W_V: Float64Array; W_O: Float64Array;
  b_Q: Float64Array; b_K: Float64Array; b_V: Float64Array; b_O: Float64Array;
  W_fc: Float64Array; b_fc: Float64Array; W_proj: Float64Array; b_proj: Float64Array;
  dff: number;
}

/** The block's weights as float64 arrays of GPT-2's shapes, or undefined if any differs. */
export function block(b: Gpt2Weights["blocks"][number], d: number, eps: number): Block | undefined {
  if (!b || typeof b !== "object") return undefined;
  const W_fc = b.W_fc === undefined ? undefined : asTensor(b.W_fc);
  const dff = W_fc?.rank === 2 ? W_fc.shape[1] : 0;
  const parts = {
    ln_1: norm(b.ln_1, d, eps), ln_2: norm(b.ln_2, d, eps),
    W_Q: exact(b.W_Q, [d, d]), W_K: exact(b.W_K, [d, d]), W_V: exact(b.W_V, [d, d]), W_O: exact(b.W_O, [d, d]),
    b_Q: exact(b.b_Q, [d]), b_K: exact(b.b_K, [d]), b_V: exact(b.b_V, [d]), b_O: exact(b.b_O, [d]),
    W_fc: exact(b.W_fc, [d, dff]), b_fc: exact(b.b_fc, [dff]), W_proj: exact(b.W_proj, [dff, d]), b_proj: exact(b.b_proj, [d]),
  };
  if (dff === 0 || Object.values(parts).some((p) => p === undefined)) return undefined;
  return { ...(parts as Omit<Block, "dff">), dff };
}

/**
 * `gpt2`'s logits (T, V) and log-softmax for `ids` (already cut to the context window and checked), computed in
 * wasm memory, and with `withMaps` every layer's attention weights (H, T, T) as `gpt2AttentionMaps` returns them
 * (asking for them does not change the logits). Undefined (nothing done) unless every weight is float64 with GPT-2's
 * shapes (d_model × d_model attention, one MLP width) and the buffers fit; `gpt2` then runs its per-op path.
 */
export function gpt2ForwardWasm(
  w: WasmKernels, weights: Gpt2Weights, config: Gpt2Config, ids: readonly number[], withMaps = false,
): { logits: Float64Array; logProbs: Float64Array; maps: Float64Array[] } | undefined {
  const { dModel: d, vocabSize: V, numHeads: H } = config;
  const T = ids.length;
  if (T === 0 || d % H !== 0) return undefined;
  const eps = config.normEps ?? 1e-5;
  const wte = exact(weights.wte, [V, d]);
  const wpe = exact(weights.wpe, [config.contextLength, d]);
  const lnF = norm(weights.ln_f, d, eps);
  const blocks = weights.blocks.map((b) => block(b, d, eps));
  if (!wte || !wpe || !lnF || blocks.some((b) => b === undefined)) return undefined;
  const bs = blocks as Block[];

  const hd = d / H;
  const hdp = pad4(hd);
  const Tp = pad4(T);
  const F = Math.max(...bs.map((b) => b.dff));
  const widest = Math.max(d, F, V);
  const biggestWeight = Math.max(d * F, V * d, d * d);
  const at = w.reserve(
    T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * F * 8, T * V * 8, T * V * 8, T * T * 8,
    Tp * hd * 8, hd * Tp * 8, Tp * hdp * 8, Tp * hdp * 8, ATTENTION_TMP * 8,
    // gemm64's operands: one weight as given, packed (K × N rounded up to 4 columns), one packed k-block of A, the
    // padded accumulator; then three vectors (γ, β or a bias).
    biggestWeight * 8, Math.max(d * pad4(d), d * pad4(F), F * pad4(d), d * pad4(V)) * 8, Tp * Math.min(Math.max(d, F), KC) * 8,
    Tp * pad4(widest) * 8, widest * 8, widest * 8,
    withMaps ? T * T * 8 : 0, withMaps ? T * T * 8 : 0, // one head's scores and weights
  );
  if (!at) return undefined;
  const [x, h, q, k, v, heads, f, logits, logp, mask, qh, kT, vh, oh, tmp, raw, bp, ap, cp, vec0, vec1, scores, probs] = at;
  const maps: Float64Array[] = [];
  const m = w.f64();
  const { fn } = w;

  /** c (T, N) = act(a (T, K) @ W + bias) + resid, or a @ Wᵀ for W given as (N, K). */
  const linear = (a: number, K: number, N: number, W: Float64Array, transB: boolean, c: number,
    bias?: Float64Array, act: Act = Act.None, resid = 0) => {
    fn.packB64(w.place(W, raw), K, N, transB, bp);
    fn.gemm64(a, T, K, N, bp, ap, cp, c, bias ? w.place(bias, vec0) : 0, act, resid);
  };
  const layerNorm = (src: number, dst: number, n: Norm) =>
    fn.layerNorm64(src, dst, T, d, n.eps, w.place(n.gamma, vec0), w.place(n.beta, vec1));

  // x = wte[ids] + wpe[0 … T−1]   (T, d)
  for (let t = 0; t < T; t++) {
    const row = x / 8 + t * d;
    const e = ids[t] * d;
    for (let j = 0; j < d; j++) m[row + j] = wte[e + j] + wpe[t * d + j];
  }
  // Causal additive mask (T, T): 0 where key j ≤ query i, −∞ above the diagonal (causalMask).
  for (let i = 0; i < T; i++) {
    const row = mask / 8 + i * T;
    m.fill(0, row, row + i + 1);
    m.fill(-Infinity, row + i + 1, row + T);
  }
  // Rows T … Tp−1 of one head's queries and values stay zero (attention64's layout).
  m.fill(0, qh / 8 + T * hd, qh / 8 + Tp * hd);
  m.fill(0, vh / 8 + T * hdp, vh / 8 + Tp * hdp);
  const scale = 1 / Math.sqrt(hd);

  for (const b of bs) {
    const map = withMaps ? new Float64Array(H * T * T) : undefined; // (H, T, T)
    if (map) maps.push(map);
    // x = x + Attn(LN_1(x))
    layerNorm(x, h, b.ln_1);
    linear(h, d, d, b.W_Q, false, q, b.b_Q);
    linear(h, d, d, b.W_K, false, k, b.b_K);
    linear(h, d, d, b.W_V, false, v, b.b_V);
    for (let head = 0; head < H; head++) {
      const col = head * hd * 8;
      fn.copyBlock64(q + col, d, qh, hd, T, hd); // (T, hd)
      fn.transposeBlock64(k + col, d, kT, Tp, T, hd); // (hd, Tp)
      fn.copyBlock64(v + col, d, vh, hdp, T, hd); // (T, hdp)
      // Causal block skipping unless the maps (every score) are asked for; the logits are the same either way.
      fn.attention64(qh, kT, vh, T, T, hd, hdp, scale, mask, 0, oh, map ? scores : 0, map ? probs : 0, tmp, !map);
      map?.set(m.subarray(probs / 8, probs / 8 + T * T), head * T * T);
      fn.copyBlock64(oh, hdp, heads + col, d, T, hd); // the heads side by side (T, H·hd)
    }
    linear(heads, d, d, b.W_O, false, x, b.b_O, Act.None, x);
    // x = x + W_proj·gelu_tanh(W_fc·LN_2(x) + b_fc) + b_proj
    layerNorm(x, h, b.ln_2);
    linear(h, d, b.dff, b.W_fc, false, f, b.b_fc, Act.GeluTanh);
    linear(f, b.dff, d, b.W_proj, false, x, b.b_proj, Act.None, x);
  }
  // logits = LN_f(x) @ wteᵀ (T, V), and their log-softmax.
  layerNorm(x, h, lnF);
  linear(h, d, V, wte, true, logits);
  fn.softmax64(logits, logp, T, V, 1, true);
  return {
    logits: m.slice(logits / 8, logits / 8 + T * V),
    logProbs: m.slice(logp / 8, logp / 8 + T * V),
    maps,
  };
}
