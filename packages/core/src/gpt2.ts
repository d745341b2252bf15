import { declareWeights, wasmKernels } from "./backend.js";
import { generate, type DecodingStrategy, type GenerateOptions, type Generation, type NextTokenLogits } from "./decoding.js";
import type { LayerNormWeights } from "./layer-norm.js";
import { embed, learnedPositions } from "./embedding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { feedForward } from "./feed-forward.js";
import { cachedNextTokenLogits, cachedSelfAttention, checkKVCache, type KVCache } from "./kv-cache.js";
import { causalMask } from "./masks.js";
import { checkConfig, checkTokenIds, checkWeightKeys, initAttention, initLayerNorm, layerNormFn } from "./model-utils.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { matmulTransposed } from "./matmul.js";
import { add, slice } from "./ops.js";
import { randn, type Rng } from "./random.js";
import { residual } from "./residual.js";
import { logSoftmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";
import { gpt2ForwardWasm } from "./wasm/gpt2.js";

/**
 * GPT-2 (Radford et al. 2019): a decoder-only Transformer language model.
 *
 *   x_0    = wte[ids] + wpe[0 … T−1]                                   (T, d)   token + learned position
 *   block:   x = x + Attn(LN_1(x))                                    causal multi-head self-attention
 *            x = x + W_proj·gelu_tanh(W_fc·LN_2(x) + b_fc) + b_proj   MLP, d → 4d → d
 *   logits = LN_f(x_L) @ wteᵀ                                         (T, V)   LM head tied to wte, no bias
 *
 * Pre-norm blocks (the norm sits inside the residual branch). Logits at position t predict token t+1.
 * Context window: a sequence longer than n_ctx keeps only its last n_ctx tokens, whose positions are re-indexed
 * 0 … n_ctx−1 (nanoGPT's `idx[:, -block_size:]`; the model never sees a position ≥ n_ctx).
 */

export interface Gpt2Config {
  vocabSize: number;
  /** Context length (number of position embeddings). */
  contextLength: number;
  dModel: number;
  numHeads: number;
  numLayers: number;
  /** Default 1e-5. */
  normEps?: number;
}

/** One block; W is (in, out). HF's fused c_attn is [W_Q | W_K | W_V] along the out axis. */
export interface Gpt2BlockWeights {
  ln_1: LayerNormWeights;
  /** (d, d) each, biases (d,) */
  W_Q: TensorLike;
  W_K: TensorLike;
  W_V: TensorLike;
  b_Q: TensorLike;
  b_K: TensorLike;
  b_V: TensorLike;
  W_O: TensorLike;
  b_O: TensorLike;
  ln_2: LayerNormWeights;
  /** (d, 4d), (4d,) */
  W_fc: TensorLike;
  b_fc: TensorLike;
  /** (4d, d), (d,) */
  W_proj: TensorLike;
  b_proj: TensorLike;
}

type Gpt2AttentionWeights = Pick<Gpt2BlockWeights, "W_Q" | "W_K" | "W_V" | "W_O" | "b_Q" | "b_K" | "b_V" | "b_O">;

export interface Gpt2Weights {
  /** Token embeddings (V, d), also the LM head. */
  wte: TensorLike;
  /** Position embeddings (n_ctx, d). */
  wpe: TensorLike;
  blocks: Gpt2BlockWeights[];
  ln_f: LayerNormWeights;
}

export interface Gpt2Output {
  /** (T', V) with T' = min(T, n_ctx): logits at the kept positions. */
  logits: Tensor;
  /** log softmax of `logits`: log p(next token | prefix). */
  logProbsNext: Tensor;
  /** The token ids the model actually saw (the last n_ctx). */
  context: number[];
}

const BLOCK_KEYS = ["ln_1", "W_Q", "W_K", "W_V", "b_Q", "b_K", "b_V", "W_O", "b_O", "ln_2", "W_fc", "b_fc", "W_proj", "b_proj"];

/** One pre-norm block on x (T, d), causal. */
export function gpt2Block(x: TensorLike, block: Gpt2BlockWeights, config: Gpt2Config): Tensor {
  return gpt2BlockWith(x, block, config, (h) => {
    const T = h.shape[0];
    return multiHeadAttention(h, h, block, { numHeads: config.numHeads, attnMask: causalMask(T), weights: "none" }).output;
  });
}

/**
 * The block with its attention sub-layer supplied as `attend(LN_1(x)) → (T, d)`: `gpt2Block` attends over x
 * itself, `gpt2Cached` over cached keys and values as well.
 */
function gpt2BlockWith(
  x: TensorLike,
  block: Gpt2BlockWeights,
  config: Gpt2Config,
  attend: (h: Tensor) => Tensor,
): Tensor {
  const X = asTensor(x);
  checkShape("gpt2Block", "x", X.shape, ["T", config.dModel]);
  checkWeightKeys("gpt2Block", "block", block, BLOCK_KEYS);
  const eps = config.normEps ?? 1e-5;
  const mlp = (h: Tensor): Tensor =>
    feedForward(h, { kind: "dense", activation: "gelu_tanh", W1: block.W_fc, b1: block.b_fc, W2: block.W_proj, b2: block.b_proj }).output;
  const h = residual(X, attend, layerNormFn({ eps, ...block.ln_1 }), "pre"); // (T, d)
  return residual(h, mlp, layerNormFn({ eps, ...block.ln_2 }), "pre"); // (T, d)
}

/** Embed token ids at positions start … start+T−1: wte[ids] + wpe[start …]. → (T, d) */
export function gpt2Embed(weights: Gpt2Weights, ids: readonly number[], start = 0): Tensor {
  const fn = "gpt2Embed";
  const wte = asTensor(weights.wte);
  const wpe = asTensor(weights.wpe);
  const dims = checkShape(fn, "weights.wte", wte.shape, ["V", "d"]);
  const { n_ctx } = checkShape(fn, "weights.wpe", wpe.shape, ["n_ctx", "d"], dims);
  checkTokenIds(fn, "ids", ids, dims.V);
  if (!Number.isInteger(start) || start < 0 || start + ids.length > n_ctx) {
    throw new ArgumentError(fn, "start", `must be an integer ≥ 0 with start + T ≤ n_ctx=${n_ctx} (T=${ids.length}), got ${start}`);
  }
  return add(embed(wte, [...ids]), learnedPositions(wpe, ids.length, start));
}

/** Final LayerNorm and tied LM head: LN_f(h) @ wteᵀ. (T, d) → (T, V) */
export function gpt2Head(weights: Gpt2Weights, h: TensorLike, config: Gpt2Config): Tensor {
  const wte = asTensor(weights.wte);
  const H = asTensor(h);
  checkShape("gpt2Head", "h", H.shape, ["T", wte.shape[1]]);
  // h @ wteᵀ straight from the (V, d) table: no transposed copy of the embeddings per call.
  return matmulTransposed(layerNormFn({ eps: config.normEps ?? 1e-5, ...weights.ln_f })(H), wte);
}

/** Full forward pass over `tokenIds` (the last n_ctx of them). */
export function gpt2(weights: Gpt2Weights, config: Gpt2Config, tokenIds: readonly number[]): Gpt2Output {
  checkGpt2("gpt2", weights, config);
  checkTokenIds("gpt2", "tokenIds", tokenIds, config.vocabSize);
  const context = tokenIds.slice(Math.max(0, tokenIds.length - config.contextLength));
  const wasm = wasmKernels();
  const fused = wasm && gpt2ForwardWasm(wasm, weights, config, context); // the same ops, activations kept in wasm memory
  if (fused) {
    const shape = [context.length, config.vocabSize];
    return { logits: new Tensor(fused.logits, shape), logProbsNext: new Tensor(fused.logProbs, shape), context };
  }
  let x = gpt2Embed(weights, context); // (T, d)
  for (const block of weights.blocks) x = gpt2Block(x, block, config);
  const logits = gpt2Head(weights, x, config);
  return { logits, logProbsNext: logSoftmax(logits), context };
}

export interface Gpt2AttentionMaps {
  /** Per layer, the causal self-attention weights (H, T', T'): maps[l][h, i, j] = softmax_j(q_i·k_j / √hd), 0 for j > i. */
  maps: Tensor[];
  /** (T', V), the same logits as `gpt2`: the maps are read off the forward pass, not a second model. */
  logits: Tensor;
  /** The token ids the model actually saw (the last n_ctx). */
  context: number[];
}

/**
 * The forward pass of `gpt2`, keeping every layer's per-head attention weights (what the model looks at):
 * each block runs through the same `gpt2BlockWith` as `gpt2Block`, with attention asked for `weights: "per-head"`.
 *   ids (T,) → maps: L × (H, T', T'), logits (T', V), T' = min(T, n_ctx)
 */
export function gpt2AttentionMaps(weights: Gpt2Weights, config: Gpt2Config, tokenIds: readonly number[]): Gpt2AttentionMaps {
  checkGpt2("gpt2AttentionMaps", weights, config);
  checkTokenIds("gpt2AttentionMaps", "tokenIds", tokenIds, config.vocabSize);
  const context = tokenIds.slice(Math.max(0, tokenIds.length - config.contextLength));
  const wasm = wasmKernels();
  const fused = wasm && gpt2ForwardWasm(wasm, weights, config, context, true); // as in gpt2: the same logits
  if (fused) {
    const T = context.length;
    const maps = fused.maps.map((m) => new Tensor(m, [config.numHeads, T, T]));
    return { maps, logits: new Tensor(fused.logits, [T, config.vocabSize]), context };
  }
  const maps: Tensor[] = [];
  let x = gpt2Embed(weights, context); // (T, d)
  for (const block of weights.blocks) {
    x = gpt2BlockWith(x, block, config, (h) => {
      const mha = multiHeadAttention(h, h, block, { numHeads: config.numHeads, attnMask: causalMask(h.shape[0]), weights: "per-head" });
      maps.push(mha.weights); // (H, T, T)
      return mha.output;
    });
  }
  return { maps, logits: gpt2Head(weights, x, config), context };
}

/** Next-token logits (V,) for `decoding.ts`: the last row of a full forward pass. */
export function gpt2NextTokenLogits(weights: Gpt2Weights, config: Gpt2Config): NextTokenLogits {
  checkGpt2("gpt2NextTokenLogits", weights, config);
  return (tokens) => {
    const { logits } = gpt2(weights, config, tokens);
    return slice(logits, 0, -1).reshape([config.vocabSize]);
  };
}

/** Generate from a prompt with any decoding strategy (each step recomputes the window; `gpt2CachedNextTokenLogits` does not). */
export function gpt2Generate(
  weights: Gpt2Weights,
  config: Gpt2Config,
  prompt: readonly number[],
  strategy: DecodingStrategy,
  options: GenerateOptions,
): Generation {
  checkTokenIds("gpt2Generate", "prompt", prompt, config.vocabSize);
  return generate(gpt2NextTokenLogits(weights, config), prompt, strategy, options);
}

/** GPT-2 over the new tokens only, reusing and extending `cache`. → logits (T_new, V) */
export function gpt2Cached(weights: Gpt2Weights, config: Gpt2Config, cache: KVCache, tokenIds: readonly number[]): Tensor {
  const fn = "gpt2Cached";
  checkGpt2(fn, weights, config);
  checkTokenIds(fn, "tokenIds", tokenIds, config.vocabSize);
  checkKVCache(fn, cache, config.numLayers);
  const start = cache.length;
  if (start + tokenIds.length > config.contextLength) {
    throw new ArgumentError(
      fn,
      "tokenIds",
      `would reach position ${start + tokenIds.length - 1} ≥ n_ctx=${config.contextLength} (cache holds ${start}); a cache cannot re-index positions, run gpt2() on the last n_ctx tokens instead`,
    );
  }
  let x = gpt2Embed(weights, tokenIds, start); // (T_new, d)
  weights.blocks.forEach((block, l) => {
    x = gpt2BlockWith(x, block, config, (h) => cachedSelfAttention(h, block, cache.layers[l], { numHeads: config.numHeads }).output);
  });
  return gpt2Head(weights, x, config);
}

/** Cached next-token logits for GPT-2; beyond n_ctx tokens (sliding context, positions re-indexed) it recomputes. */
export function gpt2CachedNextTokenLogits(weights: Gpt2Weights, config: Gpt2Config): NextTokenLogits {
  checkGpt2("gpt2CachedNextTokenLogits", weights, config);
  const cached = cachedNextTokenLogits(config.numLayers, (cache, ids) => gpt2Cached(weights, config, cache, ids), {
    capacity: config.contextLength,
  });
  const next: NextTokenLogits = (tokens) =>
    tokens.length <= config.contextLength ? cached(tokens) : slice(gpt2(weights, config, tokens).logits, 0, -1).reshape([config.vocabSize]);
  // The matrices of each decoding step's (1, d) products, held in wasm memory for one decoding loop (backend.ts).
  const matrices = weights.blocks.flatMap((b) => [b.W_Q, b.W_K, b.W_V, b.W_O, b.W_fc, b.W_proj]);
  return declareWeights(next, [...matrices, weights.wte]);
}

/** Random GPT-2 weights: N(0, std²) matrices and embeddings, zero biases, γ = 1, β = 0 (GPT-2's init, std 0.02). */
export function initGpt2(config: Gpt2Config, rng: Rng, std = 0.02): Gpt2Weights {
  checkConfig("initGpt2", config, GPT2_CONFIG);
  const { vocabSize, contextLength, dModel: d, numLayers } = config;
  const eps = config.normEps ?? 1e-5;
  return {
    wte: randn([vocabSize, d], rng, std),
    wpe: randn([contextLength, d], rng, std),
    blocks: Array.from({ length: numLayers }, () => {
      const a = initAttention(d, rng, std) as Gpt2AttentionWeights;
      const mlp = { W_fc: randn([d, 4 * d], rng, std), b_fc: Tensor.zeros([4 * d]), W_proj: randn([4 * d, d], rng, std), b_proj: Tensor.zeros([d]) };
      return { ln_1: initLayerNorm(d, eps), ...a, ln_2: initLayerNorm(d, eps), ...mlp };
    }),
    ln_f: initLayerNorm(d, eps),
  };
}

const GPT2_CONFIG = ["vocabSize", "contextLength", "dModel", "numHeads", "numLayers"] as const;

/** Config and the shapes that define the model (wte, wpe, number of blocks); blocks are checked when used. */
export function checkGpt2(fn: string, weights: Gpt2Weights, config: Gpt2Config): void {
  checkConfig(fn, config, GPT2_CONFIG);
  checkWeightKeys(fn, "weights", weights, ["wte", "wpe", "blocks", "ln_f"]);
  checkShape(fn, "weights.wte", asTensor(weights.wte).shape, [config.vocabSize, config.dModel]);
  checkShape(fn, "weights.wpe", asTensor(weights.wpe).shape, [config.contextLength, config.dModel]);
  if (!Array.isArray(weights.blocks) || weights.blocks.length !== config.numLayers) {
    const given = Array.isArray(weights.blocks) ? weights.blocks.length : typeof weights.blocks;
    throw new ArgumentError(fn, "weights.blocks", `must be an array of numLayers=${config.numLayers} blocks, got ${given}`);
  }
}
