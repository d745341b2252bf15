// Public API of @qkv/core, by name: what a user may call, grouped as in docs/core-api.md. Plumbing shared between
// core's own files (broadcasting, the attention kernel and its driver, argument checks) is `@qkv/core/internal`.

// Tensors, errors, randomness
export { Tensor, asTensor, tensor } from "./tensor.js";
export type { DType, NestedArray, TensorData, TensorLike } from "./tensor.js";
export { ArgumentError, QkvError, ShapeError, checkShape } from "./errors.js";
export type { Dim } from "./errors.js";
export { Rng, randn, randu } from "./random.js";

// Backends: js (the readable reference, default) or wasm (WebAssembly SIMD kernels)
export { getBackend, init, setBackend } from "./backend.js";
export type { Backend } from "./backend.js";

// Elementwise and linear algebra
export { add, argmax, concat, div, map, max, mean, mul, scale, slice, sub, sum, transpose } from "./ops.js";
export type { Operand } from "./ops.js";
export { matmul, matmulTransposed } from "./matmul.js";
export { linear } from "./linear.js";
export { logSoftmax, softmax } from "./softmax.js";
export type { SoftmaxOptions } from "./softmax.js";
export { activate, erf, gelu, geluTanh, relu, sigmoid, silu, swiglu } from "./activations.js";
export type { Activation, SwiGLUWeights } from "./activations.js";

// Embeddings and positions
export { embed, learnedPositions } from "./embedding.js";
export type { EmbedOptions } from "./embedding.js";
export { sinusoidalEncoding } from "./positional-encoding.js";
export { applyRope, ropeAngles } from "./rope.js";
export type { RopeConvention, RopeOptions } from "./rope.js";
export { t5RelativeBias, t5RelativePositionBucket, t5RelativePositionBuckets } from "./t5-relative-bias.js";
export type { RelativeBiasDirection, RelativeBucketOptions } from "./t5-relative-bias.js";

// Attention
export { asBoolTensor, attentionPatternMask, boolKeepMask, causalMask, combineMasks, keyPaddingMask, slidingWindowMask } from "./masks.js";
export type { AttentionPattern, BoolLike, NestedBool, SlidingWindowRule } from "./masks.js";
export { referenceAttention, scaledDotProductAttention } from "./attention.js";
export type { AttentionOptions, AttentionResult } from "./attention.js";
export { multiHeadAttention } from "./multi-head-attention.js";
export type { AttentionWeights, AttentionWeightsOutput, MultiHeadAttentionOptions, MultiHeadAttentionResult } from "./multi-head-attention.js";

// Normalisation, residuals, feed-forward
export { layerNorm, layerNormStats } from "./layer-norm.js";
export type { LayerNormWeights } from "./layer-norm.js";
export { batchNorm } from "./batch-norm.js";
export type { BatchNormOptions } from "./batch-norm.js";
export { rmsNorm, rootMeanSquare } from "./rms-norm.js";
export type { RmsNormOptions } from "./rms-norm.js";
export { residual } from "./residual.js";
export type { NormPlacement } from "./residual.js";
export { feedForward } from "./feed-forward.js";
export type { DenseFeedForwardWeights, FeedForwardWeights } from "./feed-forward.js";

// Losses, sampling, decoding
export { crossEntropy, perplexity } from "./losses.js";
export type { CrossEntropyOptions, CrossEntropyResult } from "./losses.js";
export { applyTemperature, inverseCdf, processLogits, sample, topKFilter, topPFilter } from "./sampling.js";
export type { ProcessLogitsOptions } from "./sampling.js";
export { beamSearch, generate, greedyDecode, sampleDecode } from "./decoding.js";
export type { BeamHypothesis, BeamSearchResult, DecodingStrategy, GenerateOptions, Generation, NextTokenLogits } from "./decoding.js";
export { KVCache, LayerCache, cachedNextTokenLogits, cachedSelfAttention } from "./kv-cache.js";
export type { CachedAttentionOptions, KVCacheOptions } from "./kv-cache.js";

// Architectures
export { encoderLayer, initEncoderLayer } from "./encoder-layer.js";
export type {
  EncoderLayerConfig, EncoderLayerInitConfig, EncoderLayerMasks, EncoderLayerResult, EncoderLayerWeights, TransformerActivation, TransformerNorm,
} from "./encoder-layer.js";
export { decoderLayer, initDecoderLayer } from "./decoder-layer.js";
export type { DecoderLayerConfig, DecoderLayerInitConfig, DecoderLayerMasks, DecoderLayerResult, DecoderLayerWeights } from "./decoder-layer.js";
export { initTransformer, transformer, transformerDecode, transformerEncode } from "./transformer.js";
export type { TransformerConfig, TransformerInitConfig, TransformerMasks, TransformerResult, TransformerWeights } from "./transformer.js";
export { gpt2, gpt2AttentionMaps, gpt2Block, gpt2Cached, gpt2CachedNextTokenLogits, gpt2Embed, gpt2Generate, gpt2Head, gpt2NextTokenLogits, initGpt2 } from "./gpt2.js";
export type { Gpt2AttentionMaps, Gpt2BlockWeights, Gpt2Config, Gpt2Output, Gpt2Weights } from "./gpt2.js";
export { gpt2Trace } from "./gpt2-trace.js";
export type { Gpt2LayerTrace, Gpt2Trace } from "./gpt2-trace.js";
export { bert, bertMaskTokens, initBert } from "./bert.js";
export type { BertConfig, BertInputs, BertOutput, BertWeights, MaskAction, MaskSelection, MlmMasking, MlmMaskingOptions } from "./bert.js";
export { initLlama, llama, llamaBlock, llamaCached, llamaCachedNextTokenLogits, llamaGenerate, llamaHead, llamaNextTokenLogits } from "./llama.js";
export type { LlamaBlockConfig, LlamaBlockOptions, LlamaBlockResult, LlamaBlockWeights, LlamaConfig, LlamaOutput, LlamaWeights } from "./llama.js";
export { mistral, mistralBlock, mistralCachedNextTokenLogits, mistralGenerate, mistralNextTokenLogits } from "./mistral.js";
export type { MistralConfig } from "./mistral.js";
export { initMoe, loadBalanceStats, moe, routeTokens } from "./moe.js";
export type { LoadBalance, MoeConfig, MoeInitConfig, MoeResult, MoeWeights, Routing } from "./moe.js";

// Tokenisation
export { bpeDecode, bpeEncode, bpeTokenDisplay, learnBpe, pretokenize } from "./bpe.js";
export type { BpeMerge, BpeTokenizer, LearnBpeOptions, Pretokenizer } from "./bpe.js";

// Training (docs/training.md)
export { flattenTensors, unflattenTensors } from "./named-tensors.js";
export type { NamedTensors } from "./named-tensors.js";
export { decayMatricesOnly } from "./optimizer.js";
export type { Optimizer, WeightDecay } from "./optimizer.js";
export { Sgd } from "./sgd.js";
export type { SgdOptions } from "./sgd.js";
export { AdamW } from "./adamw.js";
export type { AdamWOptions } from "./adamw.js";
export { clipGradNorm } from "./clip-grad-norm.js";
export type { ClippedGrads } from "./clip-grad-norm.js";
export { warmupCosine } from "./lr-schedule.js";
export type { WarmupCosineOptions } from "./lr-schedule.js";
export { permutation, sampleBatch, sequentialBatches } from "./batches.js";
export type { TokenBatch } from "./batches.js";
export { applyGradients, averageSequenceGrads, gpt2BatchLossAndGrads, gpt2EvalLoss, gpt2SequenceGrads, gpt2TrainStep } from "./gpt2-training.js";
export type { Gpt2StepResult, SequenceGrads, StepOptions } from "./gpt2-training.js";
export { float16Bits, float16Value, roundToFloat16 } from "./float16.js";
export { SafetensorsError, readSafetensors, writeSafetensors } from "./safetensors.js";
export type { Safetensors, SafetensorsDtype, WriteSafetensorsOptions } from "./safetensors.js";
export { loadGpt2, saveGpt2 } from "./gpt2-checkpoint.js";
export type { Gpt2Checkpoint, SaveGpt2Options } from "./gpt2-checkpoint.js";
export { CharTokenizer } from "./char-tokenizer.js";
export type { UnknownCharPolicy } from "./char-tokenizer.js";
export { charGptLoss, charGptSample } from "./char-gpt.js";
export type { CharSampleOptions } from "./char-gpt.js";

// Gradients (reverse mode): an explicit backward function beside each forward, in `<name>.grad.ts`
export { activationBackward, geluBackward, geluTanhBackward, reluBackward, sigmoidBackward, siluBackward, swigluBackward } from "./activations.grad.js";
export type { SwiGLUUpstream } from "./activations.grad.js";
export { logSoftmaxBackward, softmaxBackward } from "./softmax.grad.js";
export { linearBackward } from "./linear.grad.js";
export type { LinearGrads } from "./linear.grad.js";
export { embedBackward, learnedPositionsBackward } from "./embedding.grad.js";
export { ropeBackward } from "./rope.grad.js";
export { t5RelativeBiasBackward } from "./t5-relative-bias.grad.js";
export { scaledDotProductAttentionBackward } from "./attention.grad.js";
export type { AttentionUpstream } from "./attention.grad.js";
export { multiHeadAttentionBackward } from "./multi-head-attention.grad.js";
export type { AttentionGrads, MultiHeadAttentionGrads, MultiHeadAttentionUpstream } from "./multi-head-attention.grad.js";
export { layerNormBackward, layerNormStatsBackward } from "./layer-norm.grad.js";
export type { LayerNormGrads } from "./layer-norm.grad.js";
export { rmsNormBackward, rootMeanSquareBackward } from "./rms-norm.grad.js";
export { batchNormBackward } from "./batch-norm.grad.js";
export { residualBackward, residualWithPullback } from "./residual.grad.js";
export type { Part, Pullback } from "./residual.grad.js";
export { feedForwardBackward } from "./feed-forward.grad.js";
export type { FeedForwardGrads } from "./feed-forward.grad.js";
export { crossEntropyBackward } from "./losses.grad.js";
export { processLogitsBackward } from "./sampling.grad.js";
export type { SamplingUpstream } from "./sampling.grad.js";
export type { CrossEntropyUpstream } from "./losses.grad.js";
export { encoderLayerBackward, encoderLayerWithPullback, feedForwardPart, layerNormPart, selfAttentionPart } from "./encoder-layer.grad.js";
export type { EncoderLayerGrads } from "./encoder-layer.grad.js";
export { decoderLayerBackward, decoderLayerWithPullback } from "./decoder-layer.grad.js";
export type { DecoderLayerGrads } from "./decoder-layer.grad.js";
export { transformerBackward } from "./transformer.grad.js";
export type { TransformerGrads } from "./transformer.grad.js";
export { gpt2Backward, gpt2ForwardWithCache, gpt2LossAndGrads } from "./gpt2.grad.js";
export type { Gpt2BlockGrads, Gpt2Cache, Gpt2Grads } from "./gpt2.grad.js";
export { bertBackward, bertMlmLossAndGrads } from "./bert.grad.js";
export type { BertGrads } from "./bert.grad.js";
export { llamaBackward, llamaBlockBackward, llamaForwardWithCache, llamaLossAndGrads, mistralBlockBackward } from "./llama.grad.js";
export type { LlamaBlockGrads, LlamaBlockUpstream, LlamaCache, LlamaGrads } from "./llama.grad.js";
export { moeBackward } from "./moe.grad.js";
export type { MoeGrads, MoeUpstream } from "./moe.grad.js";
export { gradientCheck, gradientCheckTree, maxGradientError, numericalGradient, weightedSum } from "./gradcheck.js";
