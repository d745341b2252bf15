import { attendHeads } from "./attention.js";
import type { NextTokenLogits } from "./decoding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { attentionPatternSpan, type AttentionPattern } from "./masks.js";
import type { AttentionWeights } from "./multi-head-attention.js";
import { slice } from "./ops.js";
import { applyRope, type RopeConvention } from "./rope.js";
import { asFloat64, resultDtype } from "./shapes.js";
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
 *
 * Each model's cached forward pass lives in its own file (`gpt2Cached`, `llamaCached`); this file holds the cache,
 * the cached self-attention they call per layer, and `cachedNextTokenLogits`, which turns a cached step into the
 * `NextTokenLogits` that decoding.ts drives.
 */

/**
 * Keys and values of one attention layer and the number of tokens seen so far (`position`; more than the keys held
 * once a sliding window has dropped old ones). Rows live in private preallocated float64 buffers (float32 keys are
 * held exactly, and the attention kernel reads one element type), (capacity, H_kv·hd) each, in chronological
 * order: appending writes in place, the buffers double when full, and a rolling (sliding-window) cache slides its
 * rows back to the start when it reaches the end, so nothing is copied per token.
 */
export class LayerCache {
  #keys: Float64Array | null = null;
  #values: Float64Array | null = null;
  /** Buffer row of the oldest held key. */
  #first = 0;
  #held = 0;
  #position = 0;
  /** H_kv·hd numbers per row and H_kv (fixed by the first append). */
  #rowWidth = 0;
  #kvHeads = 0;
  /** Element type of the keys appended (what `keys`/`values` return). */
  #dtype: DType = "float64";

  /** @param capacity rows to allocate on the first append (e.g. the model's context); the buffers grow past it. */
  constructor(readonly capacity = 0) {}

  /** Tokens seen: the absolute position of the next token. */
  get position(): number {
    return this.#position;
  }

  /** Rows held, at absolute positions position − held … position − 1. */
  get held(): number {
    return this.#held;
  }

  /** Keys held, (S, H_kv, hd), a copy (null before the first token). */
  get keys(): Tensor | null {
    return this.#copy(this.#keys);
  }

  /** Values held, (S, H_kv, hd), a copy (null before the first token). */
  get values(): Tensor | null {
    return this.#copy(this.#values);
  }

  /** The held keys and values, (held, H_kv·hd) each, oldest first: read-only views into the buffers (no copy). */
  rows(): { keys: Float64Array; values: Float64Array } {
    const from = this.#first * this.#rowWidth;
    const to = from + this.#held * this.#rowWidth;
    return { keys: this.#keys!.subarray(from, to), values: this.#values!.subarray(from, to) };
  }

  /**
   * The held rows [lo, hi) that a query at absolute position p (one of the held ones) may see: keys at positions
   * ≤ p, and of those at most the `span` most recent (Infinity: every one, causal; see `attentionPatternSpan`).
   */
  visibleRows(p: number, span: number): [number, number] {
    const oldest = this.#position - this.#held; // absolute position of held row 0
    return [Math.max(0, p - span + 1 - oldest), p + 1 - oldest];
  }

  /** Append T rows of keys and values (T, H_kv·hd) after the held ones. */
  append(k: Tensor, v: Tensor, kvHeads: number): void {
    const [T, width] = k.shape;
    if (this.#keys === null) {
      this.#rowWidth = width;
      this.#kvHeads = kvHeads;
      this.#dtype = k.dtype;
    } else if (width !== this.#rowWidth || kvHeads !== this.#kvHeads) {
      throw new ArgumentError("cachedSelfAttention", "cache", `holds rows of ${this.#kvHeads} kv heads × ${this.#rowWidth / this.#kvHeads}, new keys are ${kvHeads} × ${width / kvHeads}`);
    }
    this.#reserve(T);
    const at = (this.#first + this.#held) * width;
    this.#keys!.set(k.data, at);
    this.#values!.set(v.data, at);
    this.#held += T;
    this.#position += T;
  }

  /** Forget the oldest rows so that at most `keep` remain. */
  keepLast(keep: number): void {
    if (this.#held > keep) {
      this.#first += this.#held - keep;
      this.#held = keep;
    }
  }

  #reserve(T: number): void {
    const need = this.#held + T;
    const w = this.#rowWidth;
    const cap = this.#keys === null ? 0 : this.#keys.length / w;
    if (this.#first + need <= cap) return;
    if (this.#keys !== null && need <= cap / 2) {
      // Rolling buffer at its end: slide the held rows to the front (amortised: at most every cap/2 appends).
      const from = this.#first * w;
      this.#keys.copyWithin(0, from, from + this.#held * w);
      this.#values!.copyWithin(0, from, from + this.#held * w);
      this.#first = 0;
      return;
    }
    const rows = Math.max(need, 2 * cap, this.capacity > 0 ? this.capacity : 16);
    const keys = new Float64Array(rows * w);
    const values = new Float64Array(rows * w);
    if (this.#keys !== null) {
      const from = this.#first * w;
      keys.set(this.#keys.subarray(from, from + this.#held * w));
      values.set(this.#values!.subarray(from, from + this.#held * w));
    }
    this.#keys = keys;
    this.#values = values;
    this.#first = 0;
  }

  #copy(buffer: Float64Array | null): Tensor | null {
    if (buffer === null) return null;
    const from = this.#first * this.#rowWidth;
    const data = buffer.slice(from, from + this.#held * this.#rowWidth);
    const t = new Tensor(data, [this.#held, this.#kvHeads, this.#rowWidth / this.#kvHeads]);
    return this.#dtype === "float32" ? t.astype("float32") : t;
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
  const span = attentionPatternSpan(options.attention ?? { kind: "causal" }, fn); // keys a query sees, itself included
  const start = cache.position; // absolute position of the first new row
  const held = cache.held; // cached keys, at absolute positions start − held … start − 1
  let Q = linear(X, weights.W_Q, weights.b_Q); // (T, H·hd)
  const D = Q.shape[1];
  const hd = D / H;
  if (!Number.isInteger(hd)) throw new ArgumentError(fn, "numHeads", `must divide W_Q's output width ${D}, got ${H}`);
  let K = linear(X, weights.W_K, weights.b_K).reshape([T, Hkv, hd]); // (T, H_kv, hd)
  const V = linear(X, weights.W_V, weights.b_V).reshape([T, Hkv, hd]); // (T, H_kv, hd)
  if (options.rope) {
    const r = { ...options.rope, startPos: start };
    Q = applyRope(Q.reshape([T, H, hd]), r).reshape([T, D]); // (T, H·hd), rotated at positions start …
    K = applyRope(K, r);
  }
  const Dkv = Hkv * hd;
  cache.append(K.reshape([T, Dkv]), V.reshape([T, Dkv]), Hkv);
  const S = held + T;
  const dtype = resultDtype(Q.dtype, K.dtype, V.dtype);
  const w = Tensor.zeros([H, T, S], dtype); // (H, T_new, S)
  const heads = Tensor.zeros([T, D], dtype); // (T_new, H·hd)
  const heads64 = asFloat64(heads.data);
  const { keys, values } = cache.rows(); // (S, H_kv·hd) each
  attendHeads({
    q: asFloat64(Q.data), k: keys, v: values,
    B: 1, L: T, S, H, Hkv, dk: hd, dv: hd, scale: 1 / Math.sqrt(hd),
    visibleKeys: (i) => cache.visibleRows(start + i, span),
    weights: w.data, out: heads64,
  });
  // Rolling buffer: the next query sees at most span − 1 of the keys held now (W − 1 for "i-j<W", W for "i-j<=W").
  cache.keepLast(span - 1);
  if (heads64 !== heads.data) heads.data.set(heads64);
  return { output: linear(heads, weights.W_O, weights.b_O), weights: w };
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

/** `cache` must be a KVCache with one layer cache per model layer. */
export function checkKVCache(fn: string, cache: KVCache, n: number): void {
  if (!(cache instanceof KVCache) || cache.layers.length !== n) {
    throw new ArgumentError(fn, "cache", `must be a KVCache with ${n} layers (new KVCache(${n})), got ${cache instanceof KVCache ? `${cache.layers.length} layers` : typeof cache}`);
  }
}
