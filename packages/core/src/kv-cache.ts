import type { NextTokenLogits } from "./decoding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { checkGpt2, gpt2, gpt2BlockWith, gpt2Embed, gpt2Head, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { linear } from "./linear.js";
import { attentionPatternMask, checkLlama, llamaBlockWith, llamaHead, type AttentionPattern, type LlamaConfig, type LlamaWeights } from "./llama.js";
import { checkTokenIds } from "./model-utils.js";
import type { AttentionWeights } from "./multi-head-attention.js";
import { attendHeads } from "./attention.js";
import { asFloat64, resultDtype } from "./shapes.js";
import { slice } from "./ops.js";
import { applyRope, type RopeConvention } from "./rope.js";
import { embed } from "./embedding.js";
import { Tensor, asTensor, type DType, type TensorLike } from "./tensor.js";

/**
 * KV cache: incremental decoding that gives exactly the logits of the full forward pass.
 *
 * In a causal decoder, row t of every layer depends only on rows ≤ t, so the keys and values of earlier positions
 * never change. Keep them per layer; for each new token compute only its own q, k, v, append k and v, and attend
 * over everything cached:
 *
 *   K_cache ← [K_cache; x_new W_K]      V_cache ← [V_cache; x_new W_V]           (S, H_kv, hd)
 *   out_new = softmax(q_new K_cacheᵀ / √hd + mask[new rows]) V_cache
 *
 * Work per generated token drops from O(T²) (recompute everything) to O(T); memory grows by
 * 2 · n_layers · H_kv · hd numbers per token (GQA's point: fewer kv heads, smaller cache). New rows are at absolute
 * positions start … start+T_new−1 with start = the number of tokens seen (RoPE uses them; GPT-2 adds wpe[start …]).
 *
 * With sliding-window attention (Mistral) the cache is a rolling buffer: keys no future query can see are dropped,
 * so it never holds more than the window ("i-j<W": W − 1 keys between steps; "i-j<=W": W), however long the text.
 */

/**
 * Keys and values of one attention layer and the number of tokens seen so far (`position`; more than the keys held
 * once a sliding window has dropped old ones). Rows live in preallocated float64 buffers (float32 keys are held
 * exactly, and the attention kernel reads one element type), (capacity, H_kv·hd) each, in
 * chronological order from row `first`: appending writes in place, the buffers double when full, and a rolling
 * (sliding-window) cache slides its rows back to the start when it reaches the end, so nothing is copied per token.
 */
export class LayerCache {
  position = 0;
  /** Rows held; they sit at buffer rows first … first+held−1, absolute positions position−held … position−1. */
  held = 0;
  first = 0;
  /** H_kv·hd numbers per row (fixed by the first append). */
  rowWidth = 0;
  kvHeads = 0;
  /** Element type of the keys appended (what `keys`/`values` return). */
  dtype: DType = "float64";
  keyBuffer: Float64Array | null = null;
  valueBuffer: Float64Array | null = null;

  /** @param capacity rows to allocate on the first append (e.g. the model's context); the buffers grow past it. */
  constructor(readonly capacity = 0) {}

  /** Keys held, (S, H_kv, hd), a copy (null before the first token). */
  get keys(): Tensor | null {
    return this.view(this.keyBuffer);
  }

  /** Values held, (S, H_kv, hd), a copy (null before the first token). */
  get values(): Tensor | null {
    return this.view(this.valueBuffer);
  }

  /** Append T rows of keys and values (T, H_kv·hd) after the held ones. */
  append(k: Tensor, v: Tensor, kvHeads: number): void {
    const [T, width] = k.shape;
    if (this.keyBuffer === null) {
      this.rowWidth = width;
      this.kvHeads = kvHeads;
      this.dtype = k.dtype;
    } else if (width !== this.rowWidth || kvHeads !== this.kvHeads) {
      throw new ArgumentError("cachedSelfAttention", "cache", `holds rows of ${this.kvHeads} kv heads × ${this.rowWidth / this.kvHeads}, new keys are ${kvHeads} × ${width / kvHeads}`);
    }
    this.reserve(T);
    const at = (this.first + this.held) * width;
    this.keyBuffer!.set(k.data, at);
    this.valueBuffer!.set(v.data, at);
    this.held += T;
    this.position += T;
  }

  /** Forget the oldest rows so that at most `keep` remain. */
  keepLast(keep: number): void {
    if (this.held > keep) {
      this.first += this.held - keep;
      this.held = keep;
    }
  }

  private reserve(T: number): void {
    const need = this.held + T;
    const cap = this.keyBuffer === null ? 0 : this.keyBuffer.length / this.rowWidth;
    if (this.first + need <= cap) return;
    const w = this.rowWidth;
    if (this.keyBuffer !== null && need <= cap / 2) {
      // Rolling buffer at its end: slide the held rows to the front (amortised: at most every cap/2 appends).
      const from = this.first * w;
      this.keyBuffer.copyWithin(0, from, from + this.held * w);
      this.valueBuffer!.copyWithin(0, from, from + this.held * w);
      this.first = 0;
      return;
    }
    const rows = Math.max(need, 2 * cap, this.capacity > 0 ? this.capacity : 16);
    const keys = new Float64Array(rows * w);
    const values = new Float64Array(rows * w);
    if (this.keyBuffer !== null) {
      const from = this.first * w;
      keys.set(this.keyBuffer.subarray(from, from + this.held * w));
      values.set(this.valueBuffer!.subarray(from, from + this.held * w));
    }
    this.keyBuffer = keys;
    this.valueBuffer = values;
    this.first = 0;
  }

  private view(buffer: Float64Array | null): Tensor | null {
    if (buffer === null) return null;
    const from = this.first * this.rowWidth;
    const data = buffer.slice(from, from + this.held * this.rowWidth);
    const t = new Tensor(data, [this.held, this.kvHeads, this.rowWidth / this.kvHeads]);
    return this.dtype === "float32" ? t.astype("float32") : t;
  }
}

export interface KVCacheOptions {
  /** Token rows to preallocate per layer (e.g. n_ctx); the cache grows past it by doubling. Default: grow from 16. */
  capacity?: number;
}

export class KVCache {
  readonly layers: LayerCache[];

  constructor(numLayers: number, options: KVCacheOptions = {}) {
    if (!Number.isInteger(numLayers) || numLayers < 1) {
      throw new ArgumentError("KVCache", "numLayers", `must be a positive integer, got ${numLayers}`);
    }
    const { capacity = 0 } = options;
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new ArgumentError("KVCache", "options.capacity", `must be an integer ≥ 0, got ${capacity}`);
    }
    this.layers = Array.from({ length: numLayers }, () => new LayerCache(capacity));
  }

  /** Number of tokens seen (the next token's position). */
  get length(): number {
    return this.layers[0].position;
  }

  /** Keys currently held per layer (≤ length; bounded by the window under sliding-window attention). */
  get size(): number {
    return this.layers[0].held;
  }
}

export interface CachedAttentionOptions {
  numHeads: number;
  /** Default numHeads. */
  numKVHeads?: number;
  /** Rotate q and k at their absolute positions (LLaMA). */
  rope?: { convention: RopeConvention; base?: number };
  /** Default causal; an explicit { kind: "mask" } cannot follow a growing cache and is rejected. */
  attention?: AttentionPattern;
}

/**
 * Self-attention of T_new new rows x (T_new, d) over the cached keys/values plus their own; appends their k and v
 * to `cache` (dropping keys outside a sliding window). Returns output (T_new, d_out) and weights (H, T_new, S) with
 * S = keys held before the call + T_new.
 *
 * No mask is built: the keys a query at absolute position p may see (causal: positions ≤ p; sliding window: the
 * last W or W+1 of those) are a contiguous run of cached rows, so the attention kernel reads exactly that run in
 * place. Blocked keys get weight 0, as −∞ in the mask would give.
 */
export function cachedSelfAttention(
  x: TensorLike,
  weights: AttentionWeights,
  cache: LayerCache,
  options: CachedAttentionOptions,
): { output: Tensor; weights: Tensor } {
  const fn = "cachedSelfAttention";
  const X = asTensor(x);
  const { numHeads: H, numKVHeads: Hkv = options.numHeads } = options;
  const { T } = checkShape(fn, "x", X.shape, ["T", "d"]);
  if (!Number.isInteger(H) || H < 1) throw new ArgumentError(fn, "numHeads", `must be a positive integer, got ${H}`);
  if (!Number.isInteger(Hkv) || Hkv < 1 || H % Hkv !== 0) {
    throw new ArgumentError(fn, "numKVHeads", `must be a positive integer dividing numHeads=${H}, got ${Hkv}`);
  }
  if (options.attention?.kind === "mask") {
    throw new ArgumentError(fn, "attention", `must be causal or sliding_window: a fixed (T, T) mask cannot follow a growing cache`);
  }
  const pattern = options.attention ?? { kind: "causal" };
  attentionPatternMask(pattern, 1); // validates the pattern (window, rule) with the same errors as the full model
  const start = cache.position; // absolute position of the first new row
  const held = cache.held; // cached keys, at absolute positions start − held … start − 1
  let Q = linear(X, weights.W_Q, weights.b_Q); // (T, H·hd)
  const D = Q.shape[1];
  const hd = D / H;
  if (!Number.isInteger(hd)) throw new ArgumentError(fn, "numHeads", `must divide W_Q's output width ${D}, got ${H}`);
  let K = linear(X, weights.W_K, weights.b_K).reshape([T, Hkv, hd]);
  const V = linear(X, weights.W_V, weights.b_V).reshape([T, Hkv, hd]);
  if (options.rope) {
    const r = { ...options.rope, startPos: start };
    Q = applyRope(Q.reshape([T, H, hd]), r).reshape([T, D]);
    K = applyRope(K, r);
  }
  const Dkv = Hkv * hd;
  cache.append(K.reshape([T, Dkv]), V.reshape([T, Dkv]), Hkv);
  const S = held + T;
  // Keys visible to a query at buffer row r (its own row) are rows lo … r with r − lo + 1 ≤ span.
  const span = pattern.kind === "sliding_window" ? pattern.window + (pattern.rule === "i-j<W" ? 0 : 1) : Infinity;
  const dtype = resultDtype(Q.dtype, K.dtype, V.dtype);
  const w = Tensor.zeros([H, T, S], dtype); // (H, T_new, S)
  const heads = Tensor.zeros([T, D], dtype); // (T_new, H·hd)
  const heads64 = asFloat64(heads.data);
  attendHeads({
    q: asFloat64(Q.data), k: cache.keyBuffer!, v: cache.valueBuffer!, kvRow: cache.first,
    B: 1, L: T, S, H, Hkv, dk: hd, dv: hd, scale: 1 / Math.sqrt(hd),
    // New row i is held row r = held + i; it sees held rows lo … r with r − lo + 1 ≤ span.
    visibleKeys: (i) => [Math.max(0, held + i - span + 1), held + i + 1],
    weights: w.data, out: heads64,
  });
  // Rolling buffer: the next query (position start + T) sees at most the last W − 1 ("i-j<W") or W keys.
  if (pattern.kind === "sliding_window") cache.keepLast(span - 1);
  if (heads64 !== heads.data) heads.data.set(heads64);
  return { output: linear(heads, weights.W_O, weights.b_O), weights: w };
}

/** GPT-2 over the new tokens only, reusing and extending `cache`. → logits (T_new, V) */
export function gpt2Cached(weights: Gpt2Weights, config: Gpt2Config, cache: KVCache, tokenIds: readonly number[]): Tensor {
  const fn = "gpt2Cached";
  checkGpt2(fn, weights, config);
  checkTokenIds(fn, "tokenIds", tokenIds, config.vocabSize);
  checkCacheLayers(fn, cache, config.numLayers);
  const start = cache.length;
  if (start + tokenIds.length > config.contextLength) {
    throw new ArgumentError(
      fn,
      "tokenIds",
      `would reach position ${start + tokenIds.length - 1} ≥ n_ctx=${config.contextLength} (cache holds ${start}); a cache cannot re-index positions, run gpt2() on the last n_ctx tokens instead`,
    );
  }
  let x = gpt2Embed(weights, tokenIds, start);
  weights.blocks.forEach((block, l) => {
    x = gpt2BlockWith(x, block, config, (h) => cachedSelfAttention(h, block, cache.layers[l], { numHeads: config.numHeads }).output);
  });
  return gpt2Head(weights, x, config);
}

/** LLaMA (or Mistral, with a sliding-window pattern) over the new tokens only. → logits (T_new, V) */
export function llamaCached(
  weights: LlamaWeights,
  config: LlamaConfig,
  cache: KVCache,
  tokenIds: readonly number[],
  attention: AttentionPattern = { kind: "causal" },
): Tensor {
  const fn = "llamaCached";
  checkLlama(fn, weights, config);
  checkTokenIds(fn, "tokenIds", tokenIds, config.vocabSize);
  checkCacheLayers(fn, cache, config.numLayers);
  const rope = { convention: config.ropeConvention ?? "rotate_half", base: config.ropeBase ?? 10000 };
  let x = embed(weights.tok_embeddings, [...tokenIds]);
  weights.layers.forEach((layer, l) => {
    x = llamaBlockWith(x, layer, config, (n) =>
      cachedSelfAttention(n, layer, cache.layers[l], { numHeads: config.numHeads, numKVHeads: config.numKVHeads, rope, attention }),
    ).output;
  });
  return llamaHead(weights, x, config);
}

/**
 * A `NextTokenLogits` for decoding.ts backed by a cache: when the new sequence extends the one seen last, only the
 * new tokens are run; otherwise (beam search switching hypotheses) the cache is rebuilt from scratch.
 */
export function cachedNextTokenLogits(
  numLayers: number,
  step: (cache: KVCache, newTokens: readonly number[]) => Tensor,
  options: KVCacheOptions = {},
): NextTokenLogits {
  let cache = new KVCache(numLayers, options);
  let seen: number[] = [];
  return (tokens) => {
    const extends_ = tokens.length > seen.length && seen.every((t, i) => tokens[i] === t);
    if (!extends_) {
      cache = new KVCache(numLayers, options);
      seen = [];
    }
    const logits = step(cache, tokens.slice(seen.length));
    seen = [...tokens];
    return slice(logits, 0, -1).reshape([logits.shape[1]]);
  };
}

/** Cached next-token logits for GPT-2; beyond n_ctx tokens (sliding context, positions re-indexed) it recomputes. */
export function gpt2CachedNextTokenLogits(weights: Gpt2Weights, config: Gpt2Config): NextTokenLogits {
  checkGpt2("gpt2CachedNextTokenLogits", weights, config);
  const cached = cachedNextTokenLogits(config.numLayers, (cache, ids) => gpt2Cached(weights, config, cache, ids), {
    capacity: config.contextLength,
  });
  return (tokens) =>
    tokens.length <= config.contextLength ? cached(tokens) : slice(gpt2(weights, config, tokens).logits, 0, -1).reshape([config.vocabSize]);
}

export function llamaCachedNextTokenLogits(weights: LlamaWeights, config: LlamaConfig, attention?: AttentionPattern): NextTokenLogits {
  checkLlama("llamaCachedNextTokenLogits", weights, config);
  return cachedNextTokenLogits(config.numLayers, (cache, ids) => llamaCached(weights, config, cache, ids, attention));
}

function checkCacheLayers(fn: string, cache: KVCache, n: number): void {
  if (!(cache instanceof KVCache) || cache.layers.length !== n) {
    throw new ArgumentError(fn, "cache", `must be a KVCache with ${n} layers (new KVCache(${n})), got ${cache instanceof KVCache ? `${cache.layers.length} layers` : typeof cache}`);
  }
}
