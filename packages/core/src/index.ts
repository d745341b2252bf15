// Public API of @qkv/core. One concept per module; everything a user may call is re-exported here.
export * from "./errors.js";
export * from "./tensor.js";
export * from "./random.js";
export * from "./matmul.js";
export * from "./bpe.js";
export * from "./t5-relative-bias.js";
export * from "./moe.js";
export * from "./encoder-layer.js";
export * from "./decoder-layer.js";
export * from "./transformer.js";
export * from "./decoding.js";
