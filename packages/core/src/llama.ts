import { swiglu } from "./activations.js";
import { generate, type DecodingStrategy, type GenerateOptions, type Generation, type NextTokenLogits } from "./decoding.js";
import { embed } from "./embedding.js";
import { ArgumentError, checkShape } from "./errors.js";
import { linear } from "./linear.js";
import { cachedNextTokenLogits, cachedSelfAttention, checkKVCache, type KVCache } from "./kv-cache.js";
import { attentionPatternMask, type AttentionPattern } from "./masks.js";
import { checkConfig, checkOneOf, checkTokenIds, checkWeightKeys, initAttention } from "./model-utils.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { add, slice } from "./ops.js";
import { randn, type Rng } from "./random.js";
import { rmsNorm } from "./rms-norm.js";
import type { RopeConvention } from "./rope.js";
import { logSoftmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * LLaMA (Touvron et al. 2023): a decoder-only Transformer with RMSNorm, rotary positions, grouped-query
 * attention and a SwiGLU MLP, and no biases anywhere.
 *
 *   block:  h   = x + Attn(RMSNorm(x; attention_norm))
 *           out = h + SwiGLU(RMSNorm(h; ffn_norm))
 *   Attn:   Q = n W_Q (T, H, hd), K = n W_K, V = n W_V (T, H_kv, hd); RoPE on Q and K at positions start_pos …;
 *           query head h reads kv head ⌊h / (H / H_kv)⌋; softmax(Q Kᵀ / √hd + mask) V; concat heads; @ W_O
 *   SwiGLU: (silu(n W1) ⊙ (n W3)) W2
 *   model:  x = tok_embeddings[ids]; blocks; logits = RMSNorm(x; norm) @ output      (untied head)
 *
 * The attention pattern is a typed union (`AttentionPattern`, masks.ts): causal (LLaMA), causal sliding-window
 * (Mistral, see mistral.ts), or an explicit mask.
 */

export interface LlamaConfig {
  vocabSize: number;
  dModel: number;
  numLayers: number;
  numHeads: number;
  /** Key/value heads (GQA); numHeads must be a multiple. Equal to numHeads is plain multi-head attention. */
  numKVHeads: number;
  /** SwiGLU hidden width. */
  ffnHidden: number;
  /** Default 1e-5. */
  normEps?: number;
  /** Default 10000. */
  ropeBase?: number;
  /** Default "rotate_half" (Hugging Face layout); Meta's checkpoints use "interleaved". */
  ropeConvention?: RopeConvention;
}

/** One block's weights, (in, out) layout, names as in Meta's checkpoints / the oracle fixtures. */
export interface LlamaBlockWeights {
  /** RMSNorm gain (d,) */
  attention_norm: TensorLike;
  /** (d, H·hd) */
  W_Q: TensorLike;
  /** (d, H_kv·hd) */
  W_K: TensorLike;
  W_V: TensorLike;
  /** (H·hd, d) */
  W_O: TensorLike;
  ffn_norm: TensorLike;
  /** gate and up (d, hidden), down (hidden, d) */
  W1: TensorLike;
  W3: TensorLike;
  W2: TensorLike;
}

export interface LlamaWeights {
  /** (V, d) */
  tok_embeddings: TensorLike;
  layers: LlamaBlockWeights[];
  /** final RMSNorm gain (d,) */
  norm: TensorLike;
  /** LM head (d, V) */
  output: TensorLike;
}

export interface LlamaBlockOptions {
  /** Absolute position of x's first row (RoPE); the mask stays causal over these T rows. Default 0. */
  startPos?: number;
  /** Default causal. */
  attention?: AttentionPattern;
}

export interface LlamaBlockResult {
  /** (T, d) */
  output: Tensor;
  /** h = x + Attn(RMSNorm(x)), (T, d) */
  hAfterAttention: Tensor;
  /** (H, T, T) */
  attentionWeights: Tensor;
  /** The additive (T, T) mask used. */
  mask: Tensor;
}

export type LlamaBlockConfig = Pick<LlamaConfig, "numHeads" | "numKVHeads" | "normEps" | "ropeBase" | "ropeConvention">;

export function llamaBlock(
  x: TensorLike,
  weights: LlamaBlockWeights,
  config: LlamaBlockConfig,
  options: LlamaBlockOptions = {},
): LlamaBlockResult {
  const fn = "llamaBlock";
  checkLlamaBlockConfig(fn, config);
  const X = asTensor(x);
  const { T } = checkShape(fn, "x", X.shape, ["T", "d"]);
  const { startPos = 0, attention = { kind: "causal" } } = options;
  const mask = attentionPatternMask(attention, T, T, fn);
  const r = llamaBlockWith(X, weights, config, (n) =>
    multiHeadAttention(n, n, weights, {
      numHeads: config.numHeads,
      numKVHeads: config.numKVHeads,
      attnMask: mask,
      rope: { convention: config.ropeConvention ?? "rotate_half", base: config.ropeBase ?? 10000, startPos },
    }),
  );
  return { ...r, mask };
}

/**
 * The block with its attention sub-layer supplied as `attend(RMSNorm(x)) → { output (T, d), weights }`:
 * `llamaBlock` attends over x itself, `llamaCached` over cached keys and values as well.
 */
function llamaBlockWith(
  x: TensorLike,
  weights: LlamaBlockWeights,
  config: LlamaBlockConfig,
  attend: (n: Tensor) => { output: Tensor; weights: Tensor },
): Omit<LlamaBlockResult, "mask"> {
  checkLlamaBlockConfig("llamaBlock", config);
  checkWeightKeys("llamaBlock", "weights", weights, ["attention_norm", "W_Q", "W_K", "W_V", "W_O", "ffn_norm", "W1", "W3", "W2"]);
  const X = asTensor(x);
  checkShape("llamaBlock", "x", X.shape, ["T", "d"]);
  const eps = config.normEps ?? 1e-5;
  const attn = attend(rmsNorm(X, { g: weights.attention_norm, eps })); // output (T, d), weights (H, T, S)
  const h = add(X, attn.output); // (T, d)
  const output = add(h, swiglu(rmsNorm(h, { g: weights.ffn_norm, eps }), weights)); // (T, d)
  return { output, hAfterAttention: h, attentionWeights: attn.weights };
}

export interface LlamaOutput {
  /** (T, V) */
  logits: Tensor;
  logProbsNext: Tensor;
}

/** Full forward pass over token ids at positions startPos … (no cache; `llamaCached` decodes incrementally). */
export function llama(
  weights: LlamaWeights,
  config: LlamaConfig,
  tokenIds: readonly number[],
  options: LlamaBlockOptions = {},
): LlamaOutput {
  checkLlama("llama", weights, config);
  checkTokenIds("llama", "tokenIds", tokenIds, config.vocabSize);
  let x = embed(weights.tok_embeddings, [...tokenIds]); // (T, d)
  for (const layer of weights.layers) x = llamaBlock(x, layer, config, options).output;
  const logits = llamaHead(weights, x, config);
  return { logits, logProbsNext: logSoftmax(logits) };
}

/** Final RMSNorm and LM head. (T, d) → (T, V) */
export function llamaHead(weights: LlamaWeights, h: TensorLike, config: LlamaConfig): Tensor {
  const H = asTensor(h);
  checkShape("llamaHead", "h", H.shape, ["T", asTensor(weights.output).shape[0]]);
  return linear(rmsNorm(H, { g: weights.norm, eps: config.normEps ?? 1e-5 }), weights.output);
}

export function llamaNextTokenLogits(weights: LlamaWeights, config: LlamaConfig, attention?: AttentionPattern): NextTokenLogits {
  checkLlama("llamaNextTokenLogits", weights, config);
  return (tokens) => slice(llama(weights, config, tokens, { attention }).logits, 0, -1).reshape([config.vocabSize]);
}

export function llamaGenerate(
  weights: LlamaWeights,
  config: LlamaConfig,
  prompt: readonly number[],
  strategy: DecodingStrategy,
  options: GenerateOptions,
): Generation {
  checkTokenIds("llamaGenerate", "prompt", prompt, config.vocabSize);
  return generate(llamaNextTokenLogits(weights, config), prompt, strategy, options);
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
  checkKVCache(fn, cache, config.numLayers);
  const rope = { convention: config.ropeConvention ?? "rotate_half", base: config.ropeBase ?? 10000 };
  let x = embed(weights.tok_embeddings, [...tokenIds]); // (T_new, d)
  weights.layers.forEach((layer, l) => {
    x = llamaBlockWith(x, layer, config, (n) =>
      cachedSelfAttention(n, layer, cache.layers[l], { numHeads: config.numHeads, numKVHeads: config.numKVHeads, rope, attention }),
    ).output;
  });
  return llamaHead(weights, x, config);
}


export function llamaCachedNextTokenLogits(weights: LlamaWeights, config: LlamaConfig, attention?: AttentionPattern): NextTokenLogits {
  checkLlama("llamaCachedNextTokenLogits", weights, config);
  return cachedNextTokenLogits(config.numLayers, (cache, ids) => llamaCached(weights, config, cache, ids, attention));
}


/** Random weights: N(0, std²) matrices and embeddings, RMSNorm gains 1. */
export function initLlama(config: LlamaConfig, rng: Rng, std = 0.02): LlamaWeights {
  checkLlamaConfig("initLlama", config);
  const { vocabSize, dModel: d, numLayers, numHeads, numKVHeads, ffnHidden } = config;
  const hd = d / numHeads;
  const ones = (): Tensor => Tensor.full([d], 1);
  return {
    tok_embeddings: randn([vocabSize, d], rng, std),
    layers: Array.from({ length: numLayers }, () => ({
      attention_norm: ones(),
      ...(initAttention(d, rng, std, { bias: false, dQ: numHeads * hd, dKV: numKVHeads * hd }) as Pick<LlamaBlockWeights, "W_Q" | "W_K" | "W_V" | "W_O">),
      ffn_norm: ones(),
      W1: randn([d, ffnHidden], rng, std),
      W3: randn([d, ffnHidden], rng, std),
      W2: randn([ffnHidden, d], rng, std),
    })),
    norm: ones(),
    output: randn([d, vocabSize], rng, std),
  };
}

function checkLlamaBlockConfig(fn: string, config: LlamaBlockConfig): void {
  checkConfig(fn, config, ["numHeads", "numKVHeads"]);
  if (config.ropeConvention !== undefined) checkOneOf(fn, "config.ropeConvention", config.ropeConvention, ["interleaved", "rotate_half"]);
}

function checkLlamaConfig(fn: string, config: LlamaConfig): void {
  checkLlamaBlockConfig(fn, config);
  checkConfig(fn, config, ["vocabSize", "dModel", "numLayers", "ffnHidden", "numHeads"]);
}

export function checkLlama(fn: string, weights: LlamaWeights, config: LlamaConfig): void {
  checkLlamaConfig(fn, config);
  checkWeightKeys(fn, "weights", weights, ["tok_embeddings", "layers", "norm", "output"]);
  checkShape(fn, "weights.tok_embeddings", asTensor(weights.tok_embeddings).shape, [config.vocabSize, config.dModel]);
  checkShape(fn, "weights.output", asTensor(weights.output).shape, [config.dModel, config.vocabSize]);
  if (!Array.isArray(weights.layers) || weights.layers.length !== config.numLayers) {
    const given = Array.isArray(weights.layers) ? weights.layers.length : typeof weights.layers;
    throw new ArgumentError(fn, "weights.layers", `must be an array of numLayers=${config.numLayers} blocks, got ${given}`);
  }
}
