import type { DecoderLayerConfig, DecoderLayerMasks, DecoderLayerWeights } from "./decoder-layer.js";
import { feedForwardPart, layerNormPart, selfAttentionPart, type EncoderLayerGrads } from "./encoder-layer.grad.js";
import { ArgumentError } from "./errors.js";
import type { LayerNormGrads } from "./layer-norm.grad.js";
import { causalMask } from "./masks.js";
import { multiHeadAttentionBackward, type AttentionGrads } from "./multi-head-attention.grad.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { add } from "./ops.js";
import { residualWithPullback, type Part } from "./residual.grad.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `DecoderLayerWeights`. */
export interface DecoderLayerGrads {
  self_attn: AttentionGrads;
  cross_attn: AttentionGrads;
  ffn: EncoderLayerGrads["ffn"];
  norm1: LayerNormGrads;
  norm2: LayerNormGrads;
  norm3: LayerNormGrads;
}

/** The self-attention mask as `decoderLayer` resolves it: causal by default, "none", or the given tensor. */
function tgtMaskFor(mask: DecoderLayerMasks["tgtMask"], L: number): TensorLike | undefined {
  if (mask === undefined || mask === "causal") return causalMask(L);
  if (mask === "none") return undefined;
  if (typeof mask === "string") throw new ArgumentError("decoderLayerBackward", "masks.tgtMask", `must be "causal", "none" or a tensor, got ${JSON.stringify(mask)}`);
  return mask;
}

/**
 * `decoderLayer` with its pullback: three residual sub-layers (self-attention, cross-attention over memory, FFN),
 * each differentiated as in `encoderLayerWithPullback`. Memory feeds K and V of the cross-attention only, so
 * ∂L/∂memory comes from that sub-layer (memory is not normalised in pre-norm, as torch).
 */
export function decoderLayerWithPullback(
  tgt: TensorLike,
  memory: TensorLike,
  weights: DecoderLayerWeights,
  config: DecoderLayerConfig,
  masks: DecoderLayerMasks = {},
): { output: Tensor; backward: (dOutput: TensorLike) => { dTgt: Tensor; dMemory: Tensor; grads: DecoderLayerGrads } } {
  const x = asTensor(tgt);
  const mem = asTensor(memory);
  const L = x.shape[x.rank - 2];
  const grads = {} as DecoderLayerGrads;
  let dMemory = Tensor.zeros(mem.shape);
  const crossOptions = { numHeads: config.numHeads, attnMask: masks.memoryMask, keyPaddingMask: masks.memoryKeyPaddingMask };
  const cross: Part = (h) => ({
    y: multiHeadAttention(h, mem, weights.cross_attn, { ...crossOptions, weights: "none" }).output,
    back: (dy) => {
      const g = multiHeadAttentionBackward(h, mem, weights.cross_attn, { output: dy }, crossOptions);
      grads.cross_attn = g.grads;
      dMemory = add(dMemory, g.dKeyValue);
      return g.dQuery;
    },
  });
  const sa = selfAttentionPart(weights.self_attn, config.numHeads, tgtMaskFor(masks.tgtMask, L), masks.tgtKeyPaddingMask, (g) => (grads.self_attn = g));
  const ffn = feedForwardPart({ kind: "dense", activation: config.activation, ...weights.ffn }, (g) => (grads.ffn = g));
  const first = residualWithPullback(x, config.norm, sa, layerNormPart(weights.norm1, grads, "norm1"));
  const second = residualWithPullback(first.y, config.norm, cross, layerNormPart(weights.norm2, grads, "norm2"));
  const third = residualWithPullback(second.y, config.norm, ffn, layerNormPart(weights.norm3, grads, "norm3"));
  return {
    output: third.y,
    backward: (dOutput) => {
      const dTgt = first.back(second.back(third.back(asTensor(dOutput))));
      return { dTgt, dMemory, grads };
    },
  };
}

/** Reverse mode of `decoderLayer` from ∂L/∂output: ∂L/∂tgt, ∂L/∂memory and gradients keyed like the weights. */
export function decoderLayerBackward(
  tgt: TensorLike,
  memory: TensorLike,
  weights: DecoderLayerWeights,
  config: DecoderLayerConfig,
  dOutput: TensorLike,
  masks: DecoderLayerMasks = {},
): { dTgt: Tensor; dMemory: Tensor; grads: DecoderLayerGrads } {
  return decoderLayerWithPullback(tgt, memory, weights, config, masks).backward(dOutput);
}
