import type { DenseFeedForwardWeights } from "./feed-forward.js";
import { feedForward } from "./feed-forward.js";
import type { LayerNormWeights } from "./layer-norm.js";
import type { BoolLike } from "./masks.js";
import { checkConfig, checkLayerConfig, checkWeightKeys, initAttention, initDenseFfn, initLayerNorm, layerNormFn } from "./model-utils.js";
import { multiHeadAttention, type AttentionWeights } from "./multi-head-attention.js";
import type { Rng } from "./random.js";
import { residual } from "./residual.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * One Transformer encoder layer (Vaswani et al. 2017 §3.1), torch `nn.TransformerEncoderLayer` semantics:
 *
 *   post-norm (original, BERT):  x = LN1(x + SelfAttn(x));   x = LN2(x + FFN(x))
 *   pre-norm:                    x = x + SelfAttn(LN1(x));   x = x + FFN(LN2(x))
 *
 *   SelfAttn = multi-head attention with queries, keys and values all from x, an optional additive srcMask
 *   (L, L) and srcKeyPaddingMask (B, L) (true = padding); FFN(x) = act(x W1 + b1) W2 + b2.
 *
 * src (B, L, d_model) or (L, d_model) → output of the same shape. Padded query rows are computed normally.
 */

/** Where LayerNorm sits around each residual sub-layer. */
export type TransformerNorm = "pre" | "post";
export type TransformerActivation = "relu" | "gelu" | "gelu_tanh";

export interface EncoderLayerWeights {
  /** W_Q, W_K, W_V, W_O (d_model, d_model), biases (d_model,) */
  self_attn: AttentionWeights;
  /** W1 (d_model, d_ff), b1 (d_ff,), W2 (d_ff, d_model), b2 (d_model,) */
  ffn: DenseFeedForwardWeights;
  norm1: LayerNormWeights;
  norm2: LayerNormWeights;
}

export interface EncoderLayerConfig {
  numHeads: number;
  activation: TransformerActivation;
  norm: TransformerNorm;
}

export interface EncoderLayerMasks {
  /** Additive (L, L) mask: 0 visible, −∞ blocked. */
  srcMask?: TensorLike;
  /** Bool (B, L) (or (L,) unbatched), true = padding key. */
  srcKeyPaddingMask?: BoolLike;
}

export interface EncoderLayerResult {
  output: Tensor;
  /** Self-attention weights per head, (B, H, L, L) or (H, L, L). */
  attentionWeights: Tensor;
}

export function encoderLayer(
  src: TensorLike,
  weights: EncoderLayerWeights,
  config: EncoderLayerConfig,
  masks: EncoderLayerMasks = {},
): EncoderLayerResult {
  checkLayerConfig("encoderLayer", config);
  checkWeightKeys("encoderLayer", "weights", weights, ["self_attn", "ffn", "norm1", "norm2"]);
  const x = asTensor(src);
  let attentionWeights = Tensor.zeros([0]);
  const selfAttn = (h: Tensor): Tensor => {
    const r = multiHeadAttention(h, h, weights.self_attn, {
      numHeads: config.numHeads,
      attnMask: masks.srcMask,
      keyPaddingMask: masks.srcKeyPaddingMask,
    });
    attentionWeights = r.weights;
    return r.output;
  };
  const ffn = (h: Tensor): Tensor => feedForward(h, { kind: "dense", activation: config.activation, ...weights.ffn }).output;
  const h = residual(x, selfAttn, layerNormFn(weights.norm1), config.norm); // (B, L, d_model)
  return { output: residual(h, ffn, layerNormFn(weights.norm2), config.norm), attentionWeights };
}

export interface EncoderLayerInitConfig extends EncoderLayerConfig {
  dModel: number;
  ffnHidden: number;
}

/** Random weights: every W ~ N(0, std²), biases 0, γ = 1, β = 0. */
export function initEncoderLayer(config: EncoderLayerInitConfig, rng: Rng, std = 0.02): EncoderLayerWeights {
  checkLayerConfig("initEncoderLayer", config);
  checkConfig("initEncoderLayer", config, ["numHeads", "dModel", "ffnHidden"]);
  return {
    self_attn: initAttention(config.dModel, rng, std),
    ffn: initDenseFfn(config.dModel, config.ffnHidden, rng, std),
    norm1: initLayerNorm(config.dModel),
    norm2: initLayerNorm(config.dModel),
  };
}
