import { scaledDotProductAttention } from "./attention.js";
import type { NextTokenLogits } from "./decoding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { checkGpt2, gpt2, gpt2BlockWith, gpt2Embed, gpt2Head, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { linear } from "./linear.js";
import { attentionPatternMask, checkLlama, llamaBlockWith, llamaHead, type AttentionPattern, type LlamaConfig, type LlamaWeights } from "./llama.js";
import { checkTokenIds } from "./model-utils.js";
import type { AttentionWeights } from "./multi-head-attention.js";
import { concat, slice, transpose } from "./ops.js";
import { applyRope, type RopeConvention } from "./rope.js";
import { embed } from "./embedding.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

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

/** Keys and values of one attention layer, (S, H_kv, hd) each (null before the first token), and the number of
 * tokens seen so far (more than S once a sliding window has dropped old keys). */
export interface LayerCache {
  keys: Tensor | null;
  values: Tensor | null;
  position: number;
}

export class KVCache {
  readonly layers: LayerCache[];

  constructor(numLayers: number) {
    if (!Number.isInteger(numLayers) || numLayers < 1) {
      throw new ArgumentError("KVCache", "numLayers", `must be a positive integer, got ${numLayers}`);
    }
    this.layers = Array.from({ length: numLayers }, () => ({ keys: null, values: null, position: 0 }));
  }

  /** Number of tokens seen (the next token's position). */
  get length(): number {
    return this.layers[0].position;
  }

  /** Keys currently held per layer (≤ length; bounded by the window under sliding-window attention). */
  get size(): number {
    return this.layers[0].keys?.shape[0] ?? 0;
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
  const start = cache.position; // absolute position of the first new row
  const held = cache.keys?.shape[0] ?? 0; // cached keys, at absolute positions start − held … start − 1
  let Q = linear(X, weights.W_Q, weights.b_Q); // (T, H·hd)
  const hd = Q.shape[1] / H;
  if (!Number.isInteger(hd)) throw new ArgumentError(fn, "numHeads", `must divide W_Q's output width ${Q.shape[1]}, got ${H}`);
  Q = Q.reshape([T, H, hd]);
  let K = linear(X, weights.W_K, weights.b_K).reshape([T, Hkv, hd]);
  const V = linear(X, weights.W_V, weights.b_V).reshape([T, Hkv, hd]);
  if (options.rope) {
    const r = { ...options.rope, startPos: start };
    Q = applyRope(Q, r);
    K = applyRope(K, r);
  }
  const keys = cache.keys ? concat([cache.keys, K], 0) : K; // (S, H_kv, hd)
  const values = cache.values ? concat([cache.values, V], 0) : V;
  const S = held + T;
  // Masks depend only on i − j, so the last T rows of the (S, S) pattern mask are the rows of the new queries.
  const pattern = options.attention ?? { kind: "causal" };
  const mask = slice(attentionPatternMask(pattern, S, S), 0, held, S); // (T, S)
  const q = transpose(Q, [1, 0, 2]); // (H, T, hd)
  const k = transpose(keys, [1, 0, 2]); // (H_kv, S, hd)
  const v = transpose(values, [1, 0, 2]);
  const group = H / Hkv;
  const kvHead = (t: Tensor, h: number): Tensor => slice(t, 0, Math.floor(h / group), Math.floor(h / group) + 1); // GQA
  const heads = Array.from({ length: H }, (_, h) =>
    scaledDotProductAttention(slice(q, 0, h, h + 1), kvHead(k, h), kvHead(v, h), { mask }),
  );
  const out = transpose(concat(heads.map((r) => r.output), 0), [1, 0, 2]).reshape([T, H * hd]); // concat heads
  // Rolling buffer: the next query (position start + T) sees at most the last W − 1 ("i-j<W") or W keys.
  const keep = pattern.kind === "sliding_window" ? Math.min(S, pattern.window - (pattern.rule === "i-j<W" ? 1 : 0)) : S;
  cache.keys = slice(keys, 0, S - keep, S);
  cache.values = slice(values, 0, S - keep, S);
  cache.position = start + T;
  return { output: linear(out, weights.W_O, weights.b_O), weights: concat(heads.map((r) => r.weights), 0) };
}

/** GPT-2 over the new tokens only, reusing and extending `cache`. → logits (T_new, V) */
export function gpt2Cached(weights: Gpt2Weights, config: Gpt2Config, cache: KVCache, tokenIds: readonly number[]): Tensor {
  const fn = "gpt2Cached";
  checkGpt2(fn, weights, config);
  checkTokenIds(fn, "tokenIds", tokenIds, config.vocabSize);
  checkCacheLayers(fn, cache, config.nLayer);
  const start = cache.length;
  if (start + tokenIds.length > config.nCtx) {
    throw new ArgumentError(
      fn,
      "tokenIds",
      `would reach position ${start + tokenIds.length - 1} ≥ n_ctx=${config.nCtx} (cache holds ${start}); a cache cannot re-index positions, run gpt2() on the last n_ctx tokens instead`,
    );
  }
  let x = gpt2Embed(weights, tokenIds, start);
  weights.blocks.forEach((block, l) => {
    x = gpt2BlockWith(x, block, config, (h) => cachedSelfAttention(h, block, cache.layers[l], { numHeads: config.nHead }).output);
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
  checkCacheLayers(fn, cache, config.nLayers);
  const rope = { convention: config.ropeConvention ?? "rotate_half", base: config.ropeBase ?? 10000 };
  let x = embed(weights.tok_embeddings, [...tokenIds]);
  weights.layers.forEach((layer, l) => {
    x = llamaBlockWith(x, layer, config, (n) =>
      cachedSelfAttention(n, layer, cache.layers[l], { numHeads: config.nHeads, numKVHeads: config.nKVHeads, rope, attention }),
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
): NextTokenLogits {
  let cache = new KVCache(numLayers);
  let seen: number[] = [];
  return (tokens) => {
    const extends_ = tokens.length > seen.length && seen.every((t, i) => tokens[i] === t);
    if (!extends_) {
      cache = new KVCache(numLayers);
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
  const cached = cachedNextTokenLogits(config.nLayer, (cache, ids) => gpt2Cached(weights, config, cache, ids));
  return (tokens) =>
    tokens.length <= config.nCtx ? cached(tokens) : slice(gpt2(weights, config, tokens).logits, 0, -1).reshape([config.vocabSize]);
}

export function llamaCachedNextTokenLogits(weights: LlamaWeights, config: LlamaConfig, attention?: AttentionPattern): NextTokenLogits {
  checkLlama("llamaCachedNextTokenLogits", weights, config);
  return cachedNextTokenLogits(config.nLayers, (cache, ids) => llamaCached(weights, config, cache, ids, attention));
}

function checkCacheLayers(fn: string, cache: KVCache, n: number): void {
  if (!(cache instanceof KVCache) || cache.layers.length !== n) {
    throw new ArgumentError(fn, "cache", `must be a KVCache with ${n} layers (new KVCache(${n})), got ${cache instanceof KVCache ? `${cache.layers.length} layers` : typeof cache}`);
  }
}
