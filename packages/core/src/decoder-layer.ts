import type { EncoderLayerConfig } from "./encoder-layer.js";
import type { LayerNormWeights } from "./layer-norm.js";
import { ArgumentError, checkShape } from "./errors.js";
import { feedForward, type DenseFeedForwardWeights } from "./feed-forward.js";
import { causalMask, type BoolLike } from "./masks.js";
import { checkConfig, checkLayerConfig, checkWeightKeys, initAttention, initDenseFfn, initLayerNorm, layerNormFn } from "./model-utils.js";
import { multiHeadAttention, type AttentionWeights } from "./multi-head-attention.js";
import type { Rng } from "./random.js";
import { residual } from "./residual.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * One Transformer decoder layer (Vaswani et al. 2017 §3.1), torch `nn.TransformerDecoderLayer` semantics:
 *
 *   post-norm:  x = LN1(x + SelfAttn(x));  x = LN2(x + CrossAttn(x, memory));  x = LN3(x + FFN(x))
 *   pre-norm:   x = x + SelfAttn(LN1(x));  x = x + CrossAttn(LN2(x), memory);  x = x + FFN(LN3(x))
 *
 * SelfAttn is masked (causal by default: position i sees targets j ≤ i) so training can predict every next token
 * in parallel. CrossAttn takes queries from the decoder and keys = values = memory (the encoder output, which the
 * layer does not normalise). Both attentions accept key-padding masks (true = padding).
 *
 * tgt (B, L, d_model), memory (B, S, d_model) (or both unbatched) → output (B, L, d_model).
 */

export interface DecoderLayerWeights {
  self_attn: AttentionWeights;
  /** torch's `multihead_attn`: W_Q acts on the decoder stream, W_K / W_V on memory. */
  cross_attn: AttentionWeights;
  ffn: DenseFeedForwardWeights;
  norm1: LayerNormWeights;
  norm2: LayerNormWeights;
  norm3: LayerNormWeights;
}

export type DecoderLayerConfig = EncoderLayerConfig;

export interface DecoderLayerMasks {
  /** Self-attention mask: "causal" (default), "none", or an additive (L, L) tensor. */
  tgtMask?: TensorLike | "causal" | "none";
  /** Additive (L, S) cross-attention mask. */
  memoryMask?: TensorLike;
  /** Bool (B, L), true = padding target position (hidden as a key from self-attention). */
  tgtKeyPaddingMask?: BoolLike;
  /** Bool (B, S), true = padding memory position (hidden from cross-attention). */
  memoryKeyPaddingMask?: BoolLike;
}

export interface DecoderLayerResult {
  output: Tensor;
  /** (B, H, L, L) or (H, L, L) */
  selfAttentionWeights: Tensor;
  /** (B, H, L, S) or (H, L, S) */
  crossAttentionWeights: Tensor;
}

export function decoderLayer(
  tgt: TensorLike,
  memory: TensorLike,
  weights: DecoderLayerWeights,
  config: DecoderLayerConfig,
  masks: DecoderLayerMasks = {},
): DecoderLayerResult {
  const fn = "decoderLayer";
  checkLayerConfig(fn, config);
  checkWeightKeys(fn, "weights", weights, ["self_attn", "cross_attn", "ffn", "norm1", "norm2", "norm3"]);
  const x = asTensor(tgt);
  const mem = asTensor(memory);
  const { L } = checkShape(fn, "tgt", x.shape, x.rank === 3 ? ["B", "L", "d_model"] : ["L", "d_model"]);
  const tgtMask = resolveTgtMask(fn, masks.tgtMask, L);
  let selfAttentionWeights = Tensor.zeros([0]);
  let crossAttentionWeights = Tensor.zeros([0]);
  const selfAttn = (h: Tensor): Tensor => {
    const r = multiHeadAttention(h, h, weights.self_attn, {
      numHeads: config.numHeads,
      attnMask: tgtMask,
      keyPaddingMask: masks.tgtKeyPaddingMask,
    });
    selfAttentionWeights = r.weights;
    return r.output;
  };
  const crossAttn = (h: Tensor): Tensor => {
    const r = multiHeadAttention(h, mem, weights.cross_attn, {
      numHeads: config.numHeads,
      attnMask: masks.memoryMask,
      keyPaddingMask: masks.memoryKeyPaddingMask,
    });
    crossAttentionWeights = r.weights;
    return r.output;
  };
  const ffn = (h: Tensor): Tensor => feedForward(h, { kind: "dense", activation: config.activation, ...weights.ffn }).output;
  let h = residual(x, selfAttn, layerNormFn(weights.norm1), config.norm); // (B, L, d_model)
  h = residual(h, crossAttn, layerNormFn(weights.norm2), config.norm);
  h = residual(h, ffn, layerNormFn(weights.norm3), config.norm);
  return { output: h, selfAttentionWeights, crossAttentionWeights };
}

function resolveTgtMask(fn: string, mask: DecoderLayerMasks["tgtMask"], L: number): TensorLike | undefined {
  if (mask === undefined || mask === "causal") return causalMask(L);
  if (mask === "none") return undefined;
  if (typeof mask === "string") {
    throw new ArgumentError(fn, "masks.tgtMask", `must be "causal", "none" or an additive (L, L) tensor, got ${JSON.stringify(mask)}`);
  }
  return mask;
}

export interface DecoderLayerInitConfig extends DecoderLayerConfig {
  dModel: number;
  ffnHidden: number;
}

/** Random weights: every W ~ N(0, std²), biases 0, γ = 1, β = 0. */
export function initDecoderLayer(config: DecoderLayerInitConfig, rng: Rng, std = 0.02): DecoderLayerWeights {
  checkLayerConfig("initDecoderLayer", config);
  checkConfig("initDecoderLayer", config, ["numHeads", "dModel", "ffnHidden"]);
  return {
    self_attn: initAttention(config.dModel, rng, std),
    cross_attn: initAttention(config.dModel, rng, std),
    ffn: initDenseFfn(config.dModel, config.ffnHidden, rng, std),
    norm1: initLayerNorm(config.dModel),
    norm2: initLayerNorm(config.dModel),
    norm3: initLayerNorm(config.dModel),
  };
}
