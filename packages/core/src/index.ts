// Public API of @qkv/core. One concept per module; everything a user may call is re-exported here.
export * from "./errors.js";
export * from "./tensor.js";
export * from "./random.js";
export * from "./matmul.js";
export * from "./bpe.js";
export * from "./t5-relative-bias.js";
export * from "./moe.js";
export * from "./ops.js";
export * from "./softmax.js";
export * from "./activations.js";
export * from "./linear.js";
export * from "./embedding.js";
export * from "./positional-encoding.js";
export * from "./rope.js";
export * from "./masks.js";
export * from "./attention.js";
export * from "./multi-head-attention.js";
export * from "./layer-norm.js";
export * from "./batch-norm.js";
export * from "./rms-norm.js";
export * from "./residual.js";
export * from "./feed-forward.js";
export * from "./losses.js";
export * from "./sampling.js";
export * from "./encoder-layer.js";
export * from "./decoder-layer.js";
export * from "./transformer.js";
export * from "./decoding.js";
export * from "./gpt2.js";
export * from "./llama.js";
export * from "./mistral.js";
export * from "./kv-cache.js";
export * from "./bert.js";
export * from "./named-tensors.js";
export { decayMatricesOnly, type Optimizer, type WeightDecay } from "./optimizer.js";
export * from "./sgd.js";
export * from "./adamw.js";
export * from "./clip-grad-norm.js";
export * from "./lr-schedule.js";
export * from "./batches.js";
export * from "./float16.js";
export * from "./safetensors.js";
export * from "./char-tokenizer.js";
export * from "./gpt2-checkpoint.js";
export * from "./gpt2-training.js";
export * from "./char-gpt.js";
// Gradients (reverse mode): an explicit backward function beside each forward, in `<name>.grad.ts` (docs/gradients.md).
export { softmaxBackward, logSoftmaxBackward } from "./softmax.grad.js";
export {
  activationBackward,
  reluBackward,
  geluBackward,
  geluTanhBackward,
  siluBackward,
  sigmoidBackward,
  swigluBackward,
  type SwiGLUUpstream,
} from "./activations.grad.js";
export { linearBackward, type LinearGrads } from "./linear.grad.js";
export { embedBackward, learnedPositionsBackward } from "./embedding.grad.js";
export { ropeBackward } from "./rope.grad.js";
export { scaledDotProductAttentionBackward, type AttentionUpstream } from "./attention.grad.js";
export {
  multiHeadAttentionBackward,
  type AttentionGrads,
  type MultiHeadAttentionGrads,
  type MultiHeadAttentionUpstream,
} from "./multi-head-attention.grad.js";
export { layerNormBackward, layerNormStatsBackward, type LayerNormGrads } from "./layer-norm.grad.js";
export { rmsNormBackward, rootMeanSquareBackward } from "./rms-norm.grad.js";
export { feedForwardBackward, type FeedForwardGrads } from "./feed-forward.grad.js";
export { crossEntropyBackward, type CrossEntropyUpstream } from "./losses.grad.js";
export { residualBackward, residualWithPullback, type Part, type Pullback } from "./residual.grad.js";
export { encoderLayerBackward, encoderLayerWithPullback, type EncoderLayerGrads } from "./encoder-layer.grad.js";
export { decoderLayerBackward, decoderLayerWithPullback, type DecoderLayerGrads } from "./decoder-layer.grad.js";
export { transformerBackward, type TransformerGrads } from "./transformer.grad.js";
export {
  gpt2ForwardWithCache,
  gpt2Backward,
  gpt2LossAndGrads,
  type Gpt2BlockGrads,
  type Gpt2Cache,
  type Gpt2Grads,
} from "./gpt2.grad.js";
export { llamaBlockBackward, mistralBlockBackward, type LlamaBlockGrads, type LlamaBlockUpstream } from "./llama.grad.js";
export { moeBackward, type MoeGrads, type MoeUpstream } from "./moe.grad.js";
export { numericalGradient, maxGradientError, weightedSum, gradientCheck, gradientCheckTree } from "./gradcheck.js";
