import type { DecodingStrategy, GenerateOptions, Generation, NextTokenLogits } from "./decoding.js";
import { generate } from "./decoding.js";
import { ArgumentError } from "./errors.js";
import {
  llama,
  llamaBlock,
  llamaCachedNextTokenLogits,
  llamaNextTokenLogits,
  type LlamaBlockResult,
  type LlamaBlockWeights,
  type LlamaConfig,
  type LlamaOutput,
  type LlamaWeights,
} from "./llama.js";
import type { SlidingWindowRule } from "./masks.js";
import { checkPositiveInt, checkTokenIds } from "./model-utils.js";
import type { TensorLike } from "./tensor.js";

/**
 * Mistral (Jiang et al. 2023) = the LLaMA block with sliding-window attention: query i sees only the most recent
 * keys, so cost per token is bounded by the window while stacked layers still reach further back (layer k sees
 * ≈ k·W tokens). Two definitions of "window W" are in use and differ by one key; both are named:
 *
 *   "i-j<W"   0 ≤ i − j < W    W keys including itself        (HF masking_utils, flash-attn window)
 *   "i-j<=W"  0 ≤ i − j ≤ W    W + 1 keys                      (mistral-src `triu(diagonal=-W)`, older HF)
 *
 * The weights are LLaMA's (`LlamaBlockWeights`, `LlamaWeights`); `initLlama` initialises them.
 */

export interface MistralConfig extends LlamaConfig {
  slidingWindow: number;
  windowRule: SlidingWindowRule;
}

function pattern(fn: string, config: MistralConfig): { kind: "sliding_window"; window: number; rule: SlidingWindowRule } {
  checkPositiveInt(fn, "config.slidingWindow", config.slidingWindow);
  if (config.windowRule !== "i-j<W" && config.windowRule !== "i-j<=W") {
    throw new ArgumentError(fn, "config.windowRule", `must be "i-j<W" or "i-j<=W", got ${JSON.stringify(config.windowRule)}`);
  }
  return { kind: "sliding_window", window: config.slidingWindow, rule: config.windowRule };
}

/** One Mistral block on x (T, d): `llamaBlock` with the sliding-window mask. */
export function mistralBlock(
  x: TensorLike,
  weights: LlamaBlockWeights,
  config: Omit<MistralConfig, "vocabSize" | "dModel" | "numLayers" | "ffnHidden">,
  options: { startPos?: number } = {},
): LlamaBlockResult {
  return llamaBlock(x, weights, config, { ...options, attention: pattern("mistralBlock", config as MistralConfig) });
}

export function mistral(weights: LlamaWeights, config: MistralConfig, tokenIds: readonly number[]): LlamaOutput {
  return llama(weights, config, tokenIds, { attention: pattern("mistral", config) });
}

export function mistralNextTokenLogits(weights: LlamaWeights, config: MistralConfig): NextTokenLogits {
  return llamaNextTokenLogits(weights, config, pattern("mistralNextTokenLogits", config));
}

/** Next-token logits backed by a KV cache that rolls: it keeps only the keys inside the window (`llamaCached`). */
export function mistralCachedNextTokenLogits(weights: LlamaWeights, config: MistralConfig): NextTokenLogits {
  return llamaCachedNextTokenLogits(weights, config, pattern("mistralCachedNextTokenLogits", config));
}

export function mistralGenerate(
  weights: LlamaWeights,
  config: MistralConfig,
  prompt: readonly number[],
  strategy: DecodingStrategy,
  options: GenerateOptions,
): Generation {
  checkTokenIds("mistralGenerate", "prompt", prompt, config.vocabSize);
  return generate(mistralNextTokenLogits(weights, config), prompt, strategy, options);
}
