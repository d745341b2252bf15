// Trained-model demo: the char-level GPT-2 trained by core (packages/core/models/char-gpt) continues a prompt
// (charGptSample) and shows the next-character distribution after the text so far (gpt2 → processLogits).
import { charGptSample, gpt2NextTokenLogits, processLogits, type Gpt2Checkpoint } from "@qkv/core";

export interface TrainedModelState {
  prompt: string;
  seed: number;
  maxNewTokens: number;
  temperature: number;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
}

export const DEFAULT_TRAINED: TrainedModelState = { prompt: "Attention ", seed: 1, maxNewTokens: 80, temperature: 0.8, topK: 20, topP: 1 };

export interface NextChar {
  char: string;
  prob: number;
}

export interface TrainedModelResult {
  /** The characters sampled after the prompt. */
  text: string;
  /** The 10 most likely next characters after prompt + text, under the same temperature / top-k / top-p. */
  top: NextChar[];
  /** Sum of the whole filtered distribution (1 up to rounding). */
  total: number;
}

/** Sample the continuation, then the distribution of the character that would come next. */
export function computeTrained(model: Gpt2Checkpoint, s: TrainedModelState): TrainedModelResult {
  const tok = model.tokenizer!;
  const text = charGptSample(model, { prompt: s.prompt, seed: s.seed, maxNewTokens: s.maxNewTokens, temperature: s.temperature, topK: s.topK, topP: s.topP });
  const ids = tok.encode(s.prompt + text, "skip");
  const logits = gpt2NextTokenLogits(model.weights, model.config)(ids); // (V,)
  const { probs } = processLogits(logits, { temperature: s.temperature, topK: s.topK, topP: s.topP });
  const p = probs.data;
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]).slice(0, 10);
  return { text, top: order.map((i) => ({ char: tok.decode([i]), prob: p[i] })), total };
}
