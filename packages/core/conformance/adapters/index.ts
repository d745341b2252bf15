// Component name (a fixture file's "component") → adapter. One import and one entry per component; add yours
// in alphabetical order. A component missing here is reported FAIL for every case, never skipped.
import type { Adapter } from "../adapter.js";
import activations from "./activations.js";
import embeddings from "./embeddings.js";
import feed_forward from "./feed_forward.js";
import losses from "./losses.js";
import multi_head_attention from "./multi_head_attention.js";
import norms from "./norms.js";
import positional_encoding from "./positional_encoding.js";
import sampling from "./sampling.js";
import scaled_dot_product_attention from "./scaled_dot_product_attention.js";
import softmax from "./softmax.js";

export const adapters: Record<string, Adapter> = {
  activations,
  embeddings,
  feed_forward,
  losses,
  multi_head_attention,
  norms,
  positional_encoding,
  sampling,
  scaled_dot_product_attention,
  softmax,
};
