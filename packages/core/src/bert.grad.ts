import { activationBackward } from "./activations.grad.js";
import { activate } from "./activations.js";
import { bert, type BertConfig, type BertInputs, type BertWeights } from "./bert.js";
import { embedBackward, learnedPositionsBackward } from "./embedding.grad.js";
import { embed, learnedPositions } from "./embedding.js";
import { encoderLayerWithPullback, type EncoderLayerGrads } from "./encoder-layer.grad.js";
import { checkShape } from "./errors.js";
import { layerNormBackward, type LayerNormGrads } from "./layer-norm.grad.js";
import { layerNorm, type LayerNormWeights } from "./layer-norm.js";
import { linearBackward } from "./linear.grad.js";
import { linear } from "./linear.js";
import { crossEntropyBackward } from "./losses.grad.js";
import { crossEntropy, type CrossEntropyOptions } from "./losses.js";
import { asBoolTensor } from "./masks.js";
import { matmul } from "./matmul.js";
import { add, sum, transpose } from "./ops.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** Gradients keyed like `BertWeights`; `word_embeddings` sums the lookup and the tied MLM decoder. */
export interface BertGrads {
  word_embeddings: Tensor;
  position_embeddings: Tensor;
  token_type_embeddings: Tensor;
  embeddings_norm: LayerNormGrads;
  layers: EncoderLayerGrads[];
  mlm_head: { W_transform: Tensor; b_transform: Tensor; norm: LayerNormGrads; bias: Tensor };
}

/**
 * Reverse mode of `bert` from ∂L/∂mlmLogits and/or ∂L/∂hidden (same arguments as the forward):
 *   MLM head:   logits = LN(gelu(x W_t + b_t)) wteᵀ + bias  →  dbias = Σ dlogits, dwte = dlogitsᵀ t, then LN, gelu and
 *               linear backward to dx (plus upstream.hidden)
 *   layers:     post-norm encoder layers, last to first (`encoderLayerWithPullback`)
 *   embeddings: e = wte[ids] + wpe[0 … T−1] + tte[types], x₀ = LN(e)  →  each table gets the rows its ids read
 *               (repeated ids add; position rows sum over the batch)
 * tokenIds (T) or (B, T).
 */
export function bertBackward(
  weights: BertWeights,
  config: BertConfig,
  tokenIds: TensorLike,
  upstream: { mlmLogits?: TensorLike; hidden?: TensorLike },
  inputs: BertInputs = {},
): BertGrads {
  const ids = asTensor(tokenIds);
  const T = ids.shape[ids.rank - 1];
  const d = config.dModel;
  const types = inputs.tokenTypeIds === undefined ? Tensor.zeros(ids.shape) : asTensor(inputs.tokenTypeIds);
  const eps = config.normEps ?? 1e-12;
  const ln = (p: LayerNormWeights) => ({ eps, ...p });
  const grads = {} as BertGrads;

  // Forward with pullbacks (the same functions as `bert`).
  const e = add(add(embed(weights.word_embeddings, ids), learnedPositions(weights.position_embeddings, T)), embed(weights.token_type_embeddings, types)); // (…, T, d)
  let x = layerNorm(e, ln(weights.embeddings_norm));
  const padding = inputs.paddingMask === undefined ? undefined : asBoolTensor(inputs.paddingMask);
  const layerConfig = { numHeads: config.numHeads, activation: "gelu", norm: "post" } as const;
  const layers = weights.layers.map((layer) => {
    const r = encoderLayerWithPullback(x, { ...layer, norm1: ln(layer.norm1), norm2: ln(layer.norm2) }, layerConfig, { srcKeyPaddingMask: padding });
    x = r.output;
    return r;
  });
  const head = weights.mlm_head;
  const z = linear(x, head.W_transform, head.b_transform); // (…, T, d)
  const a = activate(z, "gelu");
  const t = layerNorm(a, ln(head.norm));

  // Backward.
  const V = config.vocabSize;
  const rows = t.size / d;
  const dLogits = upstream.mlmLogits === undefined ? Tensor.zeros([...ids.shape, V]) : asTensor(upstream.mlmLogits);
  checkShape("bertBackward", "upstream.mlmLogits", dLogits.shape, [...ids.shape, V]);
  const dL2 = dLogits.reshape([rows, V]);
  const dWteHead = matmul(transpose(dL2), t.reshape([rows, d])); // (V, rows) @ (rows, d)
  const dt = matmul(dL2, asTensor(weights.word_embeddings)).reshape(t.shape); // (rows, V) @ (V, d)
  const lnHead = layerNormBackward(a, dt, ln(head.norm));
  const dz = activationBackward(z, lnHead.dx, "gelu");
  const lin = linearBackward(x, head.W_transform, dz);
  grads.mlm_head = { W_transform: lin.dW, b_transform: lin.db, norm: { gamma: lnHead.dGamma, beta: lnHead.dBeta }, bias: sum(dL2, 0) };
  let dx = upstream.hidden === undefined ? lin.dx : add(lin.dx, upstream.hidden);
  grads.layers = new Array(layers.length);
  for (let l = layers.length - 1; l >= 0; l--) {
    const g = layers[l].backward(dx);
    dx = g.dSrc;
    grads.layers[l] = g.grads;
  }
  const embNorm = layerNormBackward(e, dx, ln(weights.embeddings_norm));
  grads.embeddings_norm = { gamma: embNorm.dGamma, beta: embNorm.dBeta };
  const de = embNorm.dx; // (…, T, d)
  grads.word_embeddings = add(embedBackward(ids, de, V), dWteHead);
  grads.position_embeddings = learnedPositionsBackward(ids.rank === 2 ? sum(de, 0) : de, config.contextLength);
  grads.token_type_embeddings = embedBackward(types, de, asTensor(weights.token_type_embeddings).shape[0]);
  return grads;
}

/**
 * Masked-language-model loss and gradients: mean cross-entropy of `mlmLogits` against `labels` (ignoreIndex, −100
 * by default, marks the positions that were not masked, as `bertMaskTokens` returns them). tokenIds and labels
 * (T) or (B, T).
 */
export function bertMlmLossAndGrads(
  weights: BertWeights,
  config: BertConfig,
  tokenIds: TensorLike,
  labels: TensorLike,
  inputs: BertInputs = {},
  options: CrossEntropyOptions = {},
): { loss: number; grads: BertGrads } {
  const { mlmLogits } = bert(weights, config, tokenIds, inputs);
  const V = config.vocabSize;
  const flatLogits = mlmLogits.reshape([mlmLogits.size / V, V]);
  const flatLabels = asTensor(labels).reshape([-1]);
  const { mean } = crossEntropy(flatLogits, flatLabels, options);
  const dLogits = crossEntropyBackward(flatLogits, flatLabels, { mean: 1 }, options).reshape(mlmLogits.shape);
  return { loss: mean, grads: bertBackward(weights, config, tokenIds, { mlmLogits: dLogits }, inputs) };
}
