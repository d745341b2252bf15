import { swigluBackward } from "./activations.grad.js";
import { swiglu } from "./activations.js";
import { embedBackward } from "./embedding.grad.js";
import { embed } from "./embedding.js";
import { checkShape } from "./errors.js";
import { linearBackward } from "./linear.grad.js";
import { crossEntropyBackward } from "./losses.grad.js";
import { crossEntropy, type CrossEntropyOptions } from "./losses.js";
import {
  checkLlama,
  llamaBlock,
  llamaHead,
  type LlamaBlockConfig,
  type LlamaBlockOptions,
  type LlamaBlockWeights,
  type LlamaConfig,
  type LlamaWeights,
} from "./llama.js";
import { checkTokenIds } from "./model-utils.js";
import { logSoftmaxBackward } from "./softmax.grad.js";
import { logSoftmax } from "./softmax.js";
import { attentionPatternMask } from "./masks.js";
import type { MistralConfig } from "./mistral.js";
import { multiHeadAttentionBackward } from "./multi-head-attention.grad.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { add } from "./ops.js";
import { residualWithPullback, type Part } from "./residual.grad.js";
import { rmsNormBackward } from "./rms-norm.grad.js";
import { rmsNorm } from "./rms-norm.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `LlamaBlockWeights`. */
export interface LlamaBlockGrads {
  attention_norm: Tensor;
  W_Q: Tensor;
  W_K: Tensor;
  W_V: Tensor;
  W_O: Tensor;
  ffn_norm: Tensor;
  W1: Tensor;
  W3: Tensor;
  W2: Tensor;
}

export interface LlamaBlockUpstream {
  /** ∂L/∂output (T, d) */
  output?: TensorLike;
  /** ∂L/∂hAfterAttention (T, d) */
  hAfterAttention?: TensorLike;
  /** ∂L/∂attentionWeights (H, T, T) */
  attentionWeights?: TensorLike;
}

/**
 * Reverse mode of `llamaBlock` (h = x + Attn(RMSNorm(x)), out = h + SwiGLU(RMSNorm(h))), two pre-norm residuals:
 *   dh = dout + dh_upstream + RMSNorm_ffnᵀ SwiGLUᵀ dout
 *   dx = dh + RMSNorm_attnᵀ Attnᵀ dh
 * Attnᵀ is `multiHeadAttentionBackward` with RoPE (rotated back by −θ) and grouped-query heads (the query heads
 * of a group add their gradients into the shared K/V head); the attention pattern's mask is a constant.
 * x (T, d) → dx (T, d) and gradients keyed like the weights.
 */
export function llamaBlockBackward(
  x: TensorLike,
  weights: LlamaBlockWeights,
  config: LlamaBlockConfig,
  upstream: LlamaBlockUpstream,
  options: LlamaBlockOptions = {},
): { dx: Tensor; grads: LlamaBlockGrads } {
  const X = asTensor(x);
  const T = X.shape[0];
  const eps = config.normEps ?? 1e-5;
  const grads = {} as LlamaBlockGrads;
  const attnOptions = {
    numHeads: config.numHeads,
    numKVHeads: config.numKVHeads,
    attnMask: attentionPatternMask(options.attention ?? { kind: "causal" }, T),
    rope: { convention: config.ropeConvention ?? "rotate_half", base: config.ropeBase ?? 10000, startPos: options.startPos ?? 0 },
  };
  const rmsPart = (key: "attention_norm" | "ffn_norm"): Part => (h) => ({
    y: rmsNorm(h, { g: weights[key], eps }),
    back: (dy) => {
      const r = rmsNormBackward(h, dy, { g: weights[key], eps });
      grads[key] = r.dG;
      return r.dx;
    },
  });
  const attention: Part = (n) => ({
    y: multiHeadAttention(n, n, weights, { ...attnOptions, weights: "none" }).output,
    back: (dy) => {
      const up = { output: dy, weights: upstream.attentionWeights };
      const g = multiHeadAttentionBackward(n, n, weights, up, attnOptions);
      Object.assign(grads, g.grads);
      return add(g.dQuery, g.dKeyValue);
    },
  });
  const mlp: Part = (n) => ({
    y: swiglu(n, weights),
    back: (dy) => {
      const g = swigluBackward(n, weights, { output: dy });
      Object.assign(grads, g.grads);
      return g.dx;
    },
  });
  const first = residualWithPullback(X, "pre", attention, rmsPart("attention_norm"));
  const second = residualWithPullback(first.y, "pre", mlp, rmsPart("ffn_norm"));
  let dh = second.back(upstream.output === undefined ? Tensor.zeros(X.shape) : asTensor(upstream.output));
  if (upstream.hAfterAttention !== undefined) dh = add(dh, upstream.hAfterAttention);
  return { dx: first.back(dh), grads };
}

/** Reverse mode of `mistralBlock`: `llamaBlockBackward` with the sliding-window pattern (a constant mask). */
export function mistralBlockBackward(
  x: TensorLike,
  weights: LlamaBlockWeights,
  config: Pick<MistralConfig, "numHeads" | "numKVHeads" | "normEps" | "ropeBase" | "ropeConvention" | "slidingWindow" | "windowRule">,
  upstream: LlamaBlockUpstream,
  options: { startPos?: number } = {},
): { dx: Tensor; grads: LlamaBlockGrads } {
  const attention = { kind: "sliding_window" as const, window: config.slidingWindow, rule: config.windowRule };
  return llamaBlockBackward(x, weights, config, upstream, { ...options, attention });
}

/** Gradients keyed like `LlamaWeights`. */
export interface LlamaGrads {
  tok_embeddings: Tensor;
  layers: LlamaBlockGrads[];
  norm: Tensor;
  output: Tensor;
}

/** What `llamaBackward` reads: the ids, the block options, the residual stream entering each block and the head. */
export interface LlamaCache {
  tokenIds: number[];
  options: LlamaBlockOptions;
  /** stream[l] is the input of block l, (T, d); stream[numLayers] is the input of the final RMSNorm. */
  stream: Tensor[];
  /** log softmax of the logits, (T, V). */
  logProbsNext: Tensor;
}

/** `llama` (or Mistral, with its pattern in `options.attention`) with the cache its backward pass needs. */
export function llamaForwardWithCache(
  weights: LlamaWeights,
  config: LlamaConfig,
  tokenIds: readonly number[],
  options: LlamaBlockOptions = {},
): { logits: Tensor; logProbsNext: Tensor; cache: LlamaCache } {
  checkLlama("llamaForwardWithCache", weights, config);
  checkTokenIds("llamaForwardWithCache", "tokenIds", tokenIds, config.vocabSize);
  let x = embed(weights.tok_embeddings, [...tokenIds]); // (T, d)
  const stream = [x];
  for (const layer of weights.layers) {
    x = llamaBlock(x, layer, config, options).output;
    stream.push(x);
  }
  const logits = llamaHead(weights, x, config); // (T, V)
  const logProbsNext = logSoftmax(logits);
  return { logits, logProbsNext, cache: { tokenIds: [...tokenIds], options, stream, logProbsNext } };
}

/**
 * Reverse mode of the LLaMA model from ∂L/∂logits and/or ∂L/∂logProbsNext:
 *   head:   logits = RMSNorm(x_L; norm) @ output  →  doutput = n_fᵀ dlogits, dn_f = dlogits outputᵀ, RMSNorm backward
 *   blocks: `llamaBlockBackward`, last to first
 *   embed:  dtok_embeddings[ids[t]] += dx_0[t]           (untied: the head has its own matrix)
 */
export function llamaBackward(
  weights: LlamaWeights,
  config: LlamaConfig,
  cache: LlamaCache,
  upstream: { logits?: TensorLike; logProbsNext?: TensorLike },
): LlamaGrads {
  const T = cache.tokenIds.length;
  let dLogits = upstream.logits === undefined ? Tensor.zeros([T, config.vocabSize]) : asTensor(upstream.logits);
  checkShape("llamaBackward", "upstream.logits", dLogits.shape, [T, config.vocabSize]);
  if (upstream.logProbsNext !== undefined) dLogits = add(dLogits, logSoftmaxBackward(cache.logProbsNext, upstream.logProbsNext));
  const eps = config.normEps ?? 1e-5;
  const xL = cache.stream[config.numLayers];
  const nF = rmsNorm(xL, { g: weights.norm, eps });
  const head = linearBackward(nF, weights.output, dLogits);
  const f = rmsNormBackward(xL, head.dx, { g: weights.norm, eps });
  let dx = f.dx;
  const layers: LlamaBlockGrads[] = new Array(config.numLayers);
  for (let l = config.numLayers - 1; l >= 0; l--) {
    const g = llamaBlockBackward(cache.stream[l], weights.layers[l], config, { output: dx }, cache.options);
    dx = g.dx;
    layers[l] = g.grads;
  }
  return { tok_embeddings: embedBackward(cache.tokenIds, dx, config.vocabSize), layers, norm: f.dG, output: head.dW };
}

/** Next-token cross-entropy (mean over counted positions) and its gradients for one sequence, as `gpt2LossAndGrads`. */
export function llamaLossAndGrads(
  weights: LlamaWeights,
  config: LlamaConfig,
  inputIds: readonly number[],
  targets: readonly number[],
  options: CrossEntropyOptions & LlamaBlockOptions = {},
): { loss: number; logits: Tensor; grads: LlamaGrads } {
  checkShape("llamaLossAndGrads", "targets", [targets.length], [inputIds.length]);
  const { ignoreIndex, labelSmoothing, ...blockOptions } = options;
  const lossOptions = { ignoreIndex, labelSmoothing };
  const { logits, cache } = llamaForwardWithCache(weights, config, inputIds, blockOptions);
  const { mean } = crossEntropy(logits, [...targets], lossOptions);
  const dLogits = crossEntropyBackward(logits, [...targets], { mean: 1 }, lossOptions);
  return { loss: mean, logits, grads: llamaBackward(weights, config, cache, { logits: dLogits }) };
}
