// The `wasm` backend of `gpt2Cached` (src/gpt2.ts and src/kv-cache.ts are the readable reference): one cached step
// run on activations that stay in the module's memory, the same ops in the same order. Op by op, a decoding step
// was mostly overhead around its (1, d) products: a tensor allocated per op, the cached keys and values attended in
// JS, each product's bias, activation and residual a separate pass. Here:
// - the new tokens' products read the weights in place while a decoding loop holds them in memory
//   (`withResidentWeights`), with bias, gelu_tanh and the residual applied as each result leaves the product;
// - each layer's cache is mirrored in the module (keys transposed, (d, n_ctx), so the scores of 4 keys are one pair of
//   vectors; values (n_ctx, d)), appended in place; during a decoding loop the mirror is kept from step to step,
//   otherwise it is filled from the KVCache per call;
// - each new query row attends over its visible keys in `decodeAttention64` (SIMD scores, online softmax);
// - the new keys and values are also appended to the caller's KVCache (2·d numbers per layer and token), which stays
//   the public, complete record: `cache.keys`, `cache.length` and a later js step see exactly what the js path leaves.
import type { Gpt2Config, Gpt2Weights } from "../gpt2.js";
import type { KVCache } from "../kv-cache.js";
import { Tensor } from "../tensor.js";
import { block, exact, KC, norm, pad4, type Block, type Norm } from "./gpt2.js";
import { Act, type WasmKernels } from "./instance.js";

/** decodeAttention64's score block (BK in wasm/kernels.ts). */
const BK = 64;

/** Where a KVCache's rows live in the module, the epoch of the decoding loop that kept them, the rows held, bytes per layer. */
interface Mirror { at: number; epoch: number; position: number; layerBytes: number }
const mirrors = new WeakMap<KVCache, Mirror>();

/**
 * `gpt2Cached`'s logits (T_new, V) for the new tokens `ids` (checked, start + T_new ≤ n_ctx), appending their keys and
 * values to `cache`. Undefined (nothing done, the cache untouched) unless every weight is float64 with GPT-2's shapes,
 * the cache holds GPT-2 rows of width d_model in every layer, and the buffers fit; `gpt2Cached` then runs op by op.
 */
export function gpt2CachedWasm(
  w: WasmKernels, weights: Gpt2Weights, config: Gpt2Config, cache: KVCache, ids: readonly number[],
): Float64Array | undefined {
  const { dModel: d, vocabSize: V, numHeads: H, contextLength: nCtx } = config;
  const T = ids.length;
  const start = cache.length; // absolute position of the first new token; every earlier key is visible
  if (T === 0 || d % H !== 0) return undefined;
  for (const lc of cache.layers) {
    if (lc.position !== start || lc.held !== start || (start > 0 && lc.rows().keys.length !== start * d)) return undefined;
  }
  const eps = config.normEps ?? 1e-5;
  const wte = exact(weights.wte, [V, d]);
  const wpe = exact(weights.wpe, [nCtx, d]);
  const lnF = norm(weights.ln_f, d, eps);
  const blocks = weights.blocks.map((b) => block(b, d, eps));
  if (!wte || !wpe || !lnF || blocks.some((b) => b === undefined)) return undefined;
  const bs = blocks as Block[];

  const hd = d / H;
  const cap = pad4(nCtx); // key columns of a layer's transposed keys
  const F = Math.max(...bs.map((b) => b.dff));
  const widest = Math.max(d, F, V);
  const thin = T < 4; // a decoding step: products stream the weights, unpacked
  const Tp = pad4(T);
  const matrices = [wte, ...bs.flatMap((b) => [b.W_Q, b.W_K, b.W_V, b.W_O, b.W_fc, b.W_proj])];
  const copied = Math.max(0, ...matrices.filter((a) => w.resident(a) === undefined).map((a) => a.length));
  const layerBytes = 2 * cap * d * 8; // Kᵀ (d, cap), then V (cap, d)

  let mirror = mirrors.get(cache);
  if (mirror && (mirror.epoch !== w.epoch() || mirror.position !== start || mirror.layerBytes !== layerBytes)) mirror = undefined;
  const fill = mirror === undefined; // copy the cache's rows in (the first step of a loop, or a call outside one)
  const kept = mirror ? mirror.at : w.keep(bs.length * layerBytes);
  const at = w.reserve(
    T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * d * 8, T * F * 8, T * V * 8, BK * 8,
    copied * 8, widest * 8, widest * 8,
    // gemm64's packed B, packed A block and padded accumulator (a prompt of ≥ 4 tokens); the cache if not kept.
    thin ? 0 : Math.max(d * pad4(d), d * pad4(F), F * pad4(d), d * pad4(V)) * 8,
    thin ? 0 : Tp * Math.min(Math.max(d, F), KC) * 8, thin ? 0 : Tp * pad4(widest) * 8,
    kept === undefined ? bs.length * layerBytes : 0,
  );
  if (!at) return undefined;
  const [x, h, q, k, v, heads, acc, f, logits, tmp, raw, vec0, vec1, bp, ap, cp, scratchCache] = at;
  const caches = kept ?? scratchCache;
  const m = w.f64();
  const { fn } = w;

  /** c (T, N) = act(a (T, K) @ W + bias) + resid, or a @ Wᵀ for W given as (N, K). */
  const linear = (a: number, K: number, N: number, W: Float64Array, transB: boolean, c: number,
    bias?: Float64Array, act: Act = Act.None, resid = 0) => {
    const b = w.place(W, raw);
    const biasAt = bias ? w.place(bias, vec0) : 0;
    if (!thin) {
      fn.packB64(b, K, N, transB, bp);
      fn.gemm64(a, T, K, N, bp, ap, cp, c, biasAt, act, resid);
      return;
    }
    const product = resid ? acc : c; // the residual is c itself: keep it until the epilogue has read it
    if (transB) fn.thinDots64(a, T, K, N, b, 0, N, product);
    else fn.thinRows64(a, T, K, N, b, 0, K, product, true);
    if (biasAt || act !== Act.None || resid) fn.epilogueRows64(product, c, T, N, biasAt, act, resid);
  };
  const layerNorm = (src: number, dst: number, n: Norm) =>
    fn.layerNorm64(src, dst, T, d, n.eps, w.place(n.gamma, vec0), w.place(n.beta, vec1));

  // x = wte[ids] + wpe[start … start+T−1]   (T, d)
  for (let t = 0; t < T; t++) {
    const row = x / 8 + t * d;
    const e = ids[t] * d;
    const p = (start + t) * d;
    for (let j = 0; j < d; j++) m[row + j] = wte[e + j] + wpe[p + j];
  }
  const scale = 1 / Math.sqrt(hd);

  bs.forEach((b, l) => {
    const kT = caches + l * layerBytes; // (d, cap): head h's keys are rows h·hd … (h+1)·hd − 1
    const vc = kT + cap * d * 8; // (cap, d)
    if (fill && start > 0) {
      const { keys, values } = cache.layers[l].rows(); // (start, d) each
      const k8 = kT / 8;
      for (let j = 0; j < start; j++) for (let c = 0; c < d; c++) m[k8 + c * cap + j] = keys[j * d + c];
      m.set(values, vc / 8);
    }
    // x = x + Attn(LN_1(x))
    layerNorm(x, h, b.ln_1);
    linear(h, d, d, b.W_Q, false, q, b.b_Q);
    linear(h, d, d, b.W_K, false, k, b.b_K);
    linear(h, d, d, b.W_V, false, v, b.b_V);
    fn.transposeBlock64(k, d, kT + start * 8, cap, T, d); // append: columns start … start+T−1 of Kᵀ
    fn.copyBlock64(v, d, vc + start * d * 8, d, T, d);
    for (let i = 0; i < T; i++) {
      for (let head = 0; head < H; head++) {
        const col = (i * d + head * hd) * 8;
        fn.decodeAttention64(q + col, kT + head * hd * cap * 8, vc + head * hd * 8, start + i + 1, hd, hd, cap, d, scale, heads + col, tmp);
      }
    }
    cache.layers[l].append(new Tensor(m.subarray(k / 8, k / 8 + T * d), [T, d]), new Tensor(m.subarray(v / 8, v / 8 + T * d), [T, d]), H);
    linear(heads, d, d, b.W_O, false, x, b.b_O, Act.None, x);
    // x = x + W_proj·gelu_tanh(W_fc·LN_2(x) + b_fc) + b_proj
    layerNorm(x, h, b.ln_2);
    linear(h, d, b.dff, b.W_fc, false, f, b.b_fc, Act.GeluTanh);
    linear(f, b.dff, d, b.W_proj, false, x, b.b_proj, Act.None, x);
  });
  // Valid for the next step of this decoding loop (a kept region), filled and appended to here.
  if (kept !== undefined) mirrors.set(cache, { at: kept, epoch: w.epoch(), position: start + T, layerBytes });
  // logits = LN_f(x) @ wteᵀ (T, V)
  layerNorm(x, h, lnF);
  linear(h, d, V, wte, true, logits);
  return m.slice(logits / 8, logits / 8 + T * V);
}
