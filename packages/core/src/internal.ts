// `@qkv/core/internal`: the plumbing core's own files share, for core's tests, the conformance runner, benchmarks
// and backends (a WebAssembly kernel, gradients) built beside it. Not a stable API: the public one is index.ts.

// Shapes, broadcasting and the dtype rule
export { asFloat64, broadcastShapes, broadcastStrides, broadcastToStrides, normalizeAxis, resultDtype } from "./shapes.js";
export { formatShape } from "./errors.js";
// Attention: the kernel and the per-head driver every attention function runs on
export { attentionKernel } from "./attention-kernel.js";
export type { AttentionKernelArgs } from "./attention-kernel.js";
export { attendHeads } from "./attention.js";
export type { AttendHeadsArgs } from "./attention.js";
export { attentionPatternSpan, slidingWindowSpan } from "./masks.js";
// The active WebAssembly kernels, if the wasm backend is on (the dispatch at the top of each hot entry point)
export { wasmKernels } from "./backend.js";
// Weights a next-token function multiplies by, held in wasm memory for one decoding loop (see docs/wasm-backend.md)
export { declareWeights, withResidentWeights } from "./backend.js";
// Helpers of single components
export { addBiasInPlace } from "./linear.js";
export { checkTemperature } from "./softmax.js";
export { positionList } from "./positional-encoding.js";
export { checkActivation, swigluWithHidden } from "./activations.js";
// Argument checks and initialisers shared by the architectures
export {
  checkConfig, checkLayerConfig, checkOneOf, checkPositiveInt, checkTokenIds, checkWeightKeys, initAttention, initDenseFfn, initLayerNorm,
  layerNormFn,
} from "./model-utils.js";
export { checkGpt2 } from "./gpt2.js";
export { checkLlama } from "./llama.js";
export { checkKVCache } from "./kv-cache.js";
// Shared by the optimisers (sgd.ts, adamw.ts)
export { checkGrads, checkNonNegative, decayFor } from "./optimizer.js";
