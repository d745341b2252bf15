// Component name (a fixture file's "component") → adapter. One import and one entry per component; add yours
// in alphabetical order. A component missing here is reported FAIL for every case, never skipped.
import type { Adapter } from "../adapter.js";
import activations from "./activations.js";
import batch_norm from "./batch_norm.js";
import decoder_layer from "./decoder_layer.js";
import embeddings from "./embeddings.js";
import encoder_layer from "./encoder_layer.js";
import feed_forward from "./feed_forward.js";
import gpt2 from "./gpt2.js";
import llama_block from "./llama_block.js";
import losses from "./losses.js";
import moe from "./moe.js";
import multi_head_attention from "./multi_head_attention.js";
import norms from "./norms.js";
import positional_encoding from "./positional_encoding.js";
import sampling from "./sampling.js";
import scaled_dot_product_attention from "./scaled_dot_product_attention.js";
import softmax from "./softmax.js";
import transformer from "./transformer.js";

export const adapters: Record<string, Adapter> = {
  activations,
  batch_norm,
  decoder_layer,
  embeddings,
  encoder_layer,
  feed_forward,
  gpt2,
  llama_block,
  losses,
  moe,
  multi_head_attention,
  norms,
  positional_encoding,
  sampling,
  scaled_dot_product_attention,
  softmax,
  transformer,
};
