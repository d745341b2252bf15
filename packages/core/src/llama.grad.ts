import { swigluBackward } from "./activations.grad.js";
import { swiglu } from "./activations.js";
import { type LlamaBlockConfig, type LlamaBlockOptions, type LlamaBlockWeights } from "./llama.js";
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
