import type { EncoderLayerConfig, EncoderLayerMasks, EncoderLayerWeights } from "./encoder-layer.js";
import { feedForwardBackward } from "./feed-forward.grad.js";
import { feedForward, type FeedForwardWeights } from "./feed-forward.js";
import { layerNormBackward, type LayerNormGrads } from "./layer-norm.grad.js";
import { layerNorm, type LayerNormWeights } from "./layer-norm.js";
import type { BoolLike } from "./masks.js";
import { multiHeadAttentionBackward, type AttentionGrads } from "./multi-head-attention.grad.js";
import { multiHeadAttention, type AttentionWeights } from "./multi-head-attention.js";
import { add } from "./ops.js";
import { residualWithPullback, type Part } from "./residual.grad.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `EncoderLayerWeights`. */
export interface EncoderLayerGrads {
  self_attn: AttentionGrads;
  ffn: { W1: Tensor; b1?: Tensor; W2: Tensor; b2?: Tensor };
  norm1: LayerNormGrads;
  norm2: LayerNormGrads;
}

/** LayerNorm as a part; its γ, β gradients land in `grads[key]`. */
export function layerNormPart<K extends string>(ln: LayerNormWeights, grads: Partial<Record<K, LayerNormGrads>>, key: K): Part {
  const options = { gamma: ln.gamma, beta: ln.beta, eps: ln.eps ?? 1e-5 };
  return (x) => ({
    y: layerNorm(x, options),
    back: (dy) => {
      const r = layerNormBackward(x, dy, options);
      grads[key] = { gamma: r.dGamma, beta: r.dBeta };
      return r.dx;
    },
  });
}

/** Self-attention (query = keys = values = x) as a part; the input gradient sums the Q, K and V paths. */
export function selfAttentionPart(
  w: AttentionWeights,
  numHeads: number,
  attnMask: TensorLike | undefined,
  keyPaddingMask: BoolLike | undefined,
  store: (g: AttentionGrads) => void,
): Part {
  const options = { numHeads, attnMask, keyPaddingMask };
  return (x) => ({
    y: multiHeadAttention(x, x, w, { ...options, weights: "none" }).output,
    back: (dy) => {
      const g = multiHeadAttentionBackward(x, x, w, { output: dy }, options);
      store(g.grads);
      return add(g.dQuery, g.dKeyValue);
    },
  });
}

/** The dense FFN as a part. */
export function feedForwardPart(w: FeedForwardWeights, store: (g: EncoderLayerGrads["ffn"]) => void): Part {
  return (x) => ({
    y: feedForward(x, w).output,
    back: (dy) => {
      const g = feedForwardBackward(x, w, { output: dy });
      store(g.grads);
      return g.dx;
    },
  });
}

/**
 * `encoderLayer` with its pullback. Forward as the layer (post: x = LN1(x + SA(x)), x = LN2(x + FFN(x)); pre:
 * x = x + SA(LN1 x), x = x + FFN(LN2 x)); backward through each residual sub-layer in reverse (`residualBackward`):
 *   post: dz = LN′ᵀ dy, dx = dz + SA′ᵀ dz        pre: dx = dy + LN′ᵀ SA′ᵀ dy
 * `backward(dOutput)` returns ∂L/∂src and the weight gradients.
 */
export function encoderLayerWithPullback(
  src: TensorLike,
  weights: EncoderLayerWeights,
  config: EncoderLayerConfig,
  masks: EncoderLayerMasks = {},
): { output: Tensor; backward: (dOutput: TensorLike) => { dSrc: Tensor; grads: EncoderLayerGrads } } {
  const grads = {} as EncoderLayerGrads;
  const sa = selfAttentionPart(weights.self_attn, config.numHeads, masks.srcMask, masks.srcKeyPaddingMask, (g) => (grads.self_attn = g));
  const ffn = feedForwardPart({ kind: "dense", activation: config.activation, ...weights.ffn }, (g) => (grads.ffn = g));
  const first = residualWithPullback(asTensor(src), config.norm, sa, layerNormPart(weights.norm1, grads, "norm1"));
  const second = residualWithPullback(first.y, config.norm, ffn, layerNormPart(weights.norm2, grads, "norm2"));
  return {
    output: second.y,
    backward: (dOutput) => ({ dSrc: first.back(second.back(asTensor(dOutput))), grads }),
  };
}

/** Reverse mode of `encoderLayer` from ∂L/∂output: ∂L/∂src and gradients keyed like the weights. */
export function encoderLayerBackward(
  src: TensorLike,
  weights: EncoderLayerWeights,
  config: EncoderLayerConfig,
  dOutput: TensorLike,
  masks: EncoderLayerMasks = {},
): { dSrc: Tensor; grads: EncoderLayerGrads } {
  return encoderLayerWithPullback(src, weights, config, masks).backward(dOutput);
}
