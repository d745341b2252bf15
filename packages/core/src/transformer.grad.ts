import { decoderLayerWithPullback, type DecoderLayerGrads } from "./decoder-layer.grad.js";
import { encoderLayerWithPullback, layerNormPart, type EncoderLayerGrads } from "./encoder-layer.grad.js";
import type { LayerNormGrads } from "./layer-norm.grad.js";
import { add } from "./ops.js";
import type { TransformerConfig, TransformerMasks, TransformerWeights } from "./transformer.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `TransformerWeights`. */
export interface TransformerGrads {
  encoder_layers: EncoderLayerGrads[];
  encoder_norm: LayerNormGrads;
  decoder_layers: DecoderLayerGrads[];
  decoder_norm: LayerNormGrads;
}

/**
 * Reverse mode of `transformer` (encoder stack + final norm → memory; decoder stack over memory + final norm →
 * output) from ∂L/∂output and/or ∂L/∂memory. Every decoder layer reads memory, so
 *   ∂L/∂memory = upstream.memory + Σ_layers ∂(decoder layer)/∂memory
 * which then flows back through the encoder norm and the encoder layers to ∂L/∂src.
 */
export function transformerBackward(
  src: TensorLike,
  tgt: TensorLike,
  weights: TransformerWeights,
  config: TransformerConfig,
  upstream: { output?: TensorLike; memory?: TensorLike },
  masks: TransformerMasks = {},
): { dSrc: Tensor; dTgt: Tensor; grads: TransformerGrads } {
  const { srcMask, srcKeyPaddingMask, ...decoderMasks } = masks;
  const grads = {} as TransformerGrads;
  // Forward, keeping each layer's pullback.
  let x = asTensor(src);
  const encoders = weights.encoder_layers.map((layer) => {
    const r = encoderLayerWithPullback(x, layer, config, { srcMask, srcKeyPaddingMask });
    x = r.output;
    return r;
  });
  const encNorm = layerNormPart(weights.encoder_norm, grads, "encoder_norm")(x);
  const memory = encNorm.y;
  let y = asTensor(tgt);
  const decoders = weights.decoder_layers.map((layer) => {
    const r = decoderLayerWithPullback(y, memory, layer, config, decoderMasks);
    y = r.output;
    return r;
  });
  const decNorm = layerNormPart(weights.decoder_norm, grads, "decoder_norm")(y);

  // Backward.
  let dy = decNorm.back(upstream.output === undefined ? Tensor.zeros(decNorm.y.shape) : asTensor(upstream.output));
  let dMemory = upstream.memory === undefined ? Tensor.zeros(memory.shape) : asTensor(upstream.memory);
  grads.decoder_layers = new Array(decoders.length);
  for (let l = decoders.length - 1; l >= 0; l--) {
    const g = decoders[l].backward(dy);
    dy = g.dTgt;
    dMemory = add(dMemory, g.dMemory);
    grads.decoder_layers[l] = g.grads;
  }
  let dx = encNorm.back(dMemory);
  grads.encoder_layers = new Array(encoders.length);
  for (let l = encoders.length - 1; l >= 0; l--) {
    const g = encoders[l].backward(dx);
    dx = g.dSrc;
    grads.encoder_layers[l] = g.grads;
  }
  return { dSrc: dx, dTgt: dy, grads };
}
