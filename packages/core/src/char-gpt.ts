import { sequentialBatches } from "./batches.js";
import { generate } from "./decoding.js";
import type { Gpt2Checkpoint } from "./gpt2-checkpoint.js";
import { gpt2EvalLoss } from "./gpt2-training.js";
import { ArgumentError } from "./errors.js";
import { gpt2CachedNextTokenLogits } from "./gpt2.js";
import { Rng } from "./random.js";
import type { CharTokenizer } from "./char-tokenizer.js";

export interface CharSampleOptions {
  prompt: string;
  /** Seed of the sampler's Rng: the same seed gives the same text. */
  seed: number;
  maxNewTokens: number;
  /** Default 1. */
  temperature?: number;
  topK?: number;
  topP?: number;
}

/** The model's tokenizer, or a clear error for a checkpoint saved without one. */
function charTokenizerOf(model: Gpt2Checkpoint): CharTokenizer {
  if (!model.tokenizer) throw new ArgumentError("charGpt", "model", "has no tokenizer: load a checkpoint saved with one (qkv train writes it)");
  return model.tokenizer;
}

/**
 * Continue `prompt` by sampling: each step t ~ softmax(filter(logits / temperature)) (decoding.ts, KV cache), and
 * return only the new characters. Prompt characters outside the vocabulary are dropped.
 */
export function charGptSample(model: Gpt2Checkpoint, options: CharSampleOptions): string {
  const tok = charTokenizerOf(model);
  const prompt = tok.encode(options.prompt, "skip");
  if (prompt.length === 0) throw new ArgumentError("charGptSample", "prompt", `must contain at least one character of the vocabulary, got ${JSON.stringify(options.prompt)}`);
  const { temperature, topK, topP } = options;
  const out = generate(gpt2CachedNextTokenLogits(model.weights, model.config), prompt, { kind: "sample", rng: new Rng(options.seed), temperature, topK, topP }, {
    maxNewTokens: options.maxNewTokens,
  });
  return tok.decode(out.tokens);
}

/**
 * Validation loss of a text in nats per character: the text cut into non-overlapping windows of the model's
 * context length (sequentialBatches), every character after the first of each window predicted once.
 */
export function charGptLoss(model: Gpt2Checkpoint, text: string, batchSize = 8): number {
  const tok = charTokenizerOf(model);
  return gpt2EvalLoss(model.weights, model.config, sequentialBatches(tok.encode(text), batchSize, model.config.contextLength));
}
