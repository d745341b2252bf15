import { decoderLayer, initDecoderLayer, type DecoderLayerMasks, type DecoderLayerWeights } from "./decoder-layer.js";
import {
  encoderLayer,
  initEncoderLayer,
  type EncoderLayerConfig,
  type EncoderLayerInitConfig,
  type EncoderLayerWeights,
} from "./encoder-layer.js";
import type { LayerNormWeights } from "./layer-norm.js";
import { ArgumentError } from "./errors.js";
import type { BoolLike } from "./masks.js";
import { checkConfig, checkLayerConfig, initLayerNorm, layerNormFn } from "./model-utils.js";
import type { Rng } from "./random.js";
import { asTensor, type Tensor, type TensorLike } from "./tensor.js";

/**
 * The encoder–decoder Transformer (Vaswani et al. 2017), torch `nn.Transformer` semantics:
 *
 *   memory = LN_enc(EncLayer_N(… EncLayer_1(src)))
 *   output = LN_dec(DecLayer_N(… DecLayer_1(tgt, memory) …, memory))
 *
 * Inputs are already-embedded vectors: src (B, L_src, d_model), tgt (B, L_tgt, d_model) (or unbatched). As in
 * torch, both final LayerNorms are always applied, in post-norm mode too. Decoder self-attention is causal
 * unless `tgtMask` says otherwise.
 */

export interface TransformerWeights {
  encoder_layers: EncoderLayerWeights[];
  encoder_norm: LayerNormWeights;
  decoder_layers: DecoderLayerWeights[];
  decoder_norm: LayerNormWeights;
}

export type TransformerConfig = EncoderLayerConfig;

export interface TransformerMasks extends DecoderLayerMasks {
  /** Additive (L_src, L_src) encoder self-attention mask. */
  srcMask?: TensorLike;
  /** Bool (B, L_src), true = padding source position (hidden from encoder self-attention). */
  srcKeyPaddingMask?: BoolLike;
}

export interface TransformerResult {
  /** Encoder output after the final encoder norm, (B, L_src, d_model). */
  memory: Tensor;
  /** Decoder output after the final decoder norm, (B, L_tgt, d_model). */
  output: Tensor;
}

/** Encoder stack + final norm → memory. */
export function transformerEncode(
  src: TensorLike,
  weights: Pick<TransformerWeights, "encoder_layers" | "encoder_norm">,
  config: TransformerConfig,
  masks: Pick<TransformerMasks, "srcMask" | "srcKeyPaddingMask"> = {},
): Tensor {
  checkLayers("transformerEncode", "weights.encoder_layers", weights.encoder_layers);
  let x = asTensor(src);
  for (const layer of weights.encoder_layers) x = encoderLayer(x, layer, config, masks).output;
  return layerNormFn(weights.encoder_norm)(x);
}

/** Decoder stack over `memory` + final norm. */
export function transformerDecode(
  tgt: TensorLike,
  memory: TensorLike,
  weights: Pick<TransformerWeights, "decoder_layers" | "decoder_norm">,
  config: TransformerConfig,
  masks: DecoderLayerMasks = {},
): Tensor {
  checkLayers("transformerDecode", "weights.decoder_layers", weights.decoder_layers);
  let x = asTensor(tgt);
  for (const layer of weights.decoder_layers) x = decoderLayer(x, memory, layer, config, masks).output;
  return layerNormFn(weights.decoder_norm)(x);
}

export function transformer(
  src: TensorLike,
  tgt: TensorLike,
  weights: TransformerWeights,
  config: TransformerConfig,
  masks: TransformerMasks = {},
): TransformerResult {
  checkLayerConfig("transformer", config);
  const { srcMask, srcKeyPaddingMask, ...decoderMasks } = masks;
  const memory = transformerEncode(src, weights, config, { srcMask, srcKeyPaddingMask });
  return { memory, output: transformerDecode(tgt, memory, weights, config, decoderMasks) };
}

export interface TransformerInitConfig extends EncoderLayerInitConfig {
  numEncoderLayers: number;
  numDecoderLayers: number;
}

/** Random weights for every layer (see `initEncoderLayer`), final norms γ = 1, β = 0. */
export function initTransformer(config: TransformerInitConfig, rng: Rng, std = 0.02): TransformerWeights {
  const fn = "initTransformer";
  checkLayerConfig(fn, config);
  checkConfig(fn, config, ["numHeads", "dModel", "ffnHidden", "numEncoderLayers", "numDecoderLayers"]);
  return {
    encoder_layers: Array.from({ length: config.numEncoderLayers }, () => initEncoderLayer(config, rng, std)),
    encoder_norm: initLayerNorm(config.dModel),
    decoder_layers: Array.from({ length: config.numDecoderLayers }, () => initDecoderLayer(config, rng, std)),
    decoder_norm: initLayerNorm(config.dModel),
  };
}

function checkLayers(fn: string, arg: string, layers: unknown): void {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new ArgumentError(fn, arg, `must be a non-empty array of layer weights, got ${Array.isArray(layers) ? "[]" : typeof layers}`);
  }
}
