// Trained-model demo: the char-level GPT-2 trained by core (packages/core/models/char-gpt) continues a prompt
// (charGptSample), shows the next-character distribution after the text so far (gpt2 → processLogits), and the
// attention weights of one layer and head over the prompt (gpt2AttentionMaps).
import { charGptSample, gpt2AttentionMaps, gpt2NextTokenLogits, processLogits, type Gpt2Checkpoint, type Tensor } from "@qkv/core";

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
  /** How many characters keep a probability above 0 after top-k and top-p, of the vocabulary's `vocab`. */
  kept: number;
  vocab: number;
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
  let kept = 0;
  for (let i = 0; i < p.length; i++) {
    total += p[i];
    if (p[i] > 0) kept++;
  }
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]).slice(0, 10);
  return { text, top: order.map((i) => ({ char: tok.decode([i]), prob: p[i] })), total, kept, vocab: p.length };
}

export interface AttentionMapState {
  prompt: string;
  /** 0-based. */
  layer: number;
  /** 0-based. */
  head: number;
}

export const DEFAULT_ATTENTION_MAP: AttentionMapState = { prompt: DEFAULT_TRAINED.prompt, layer: 1, head: 0 };

export interface AttentionMapResult {
  /** (T, T): row i = how query character i spreads its attention over characters 0 … i. */
  weights: Tensor;
  /** The T characters the model saw (the prompt's last n_ctx known characters). */
  chars: string[];
  /** Mean over rows of the weight on the character itself (diagonal), and on the one before it (rows 1 …). */
  meanSelf: number;
  meanPrevious: number;
}

/** The prompt's attention map for one layer and head of the trained model, read off its forward pass. */
export function computeAttentionMap(model: Gpt2Checkpoint, s: AttentionMapState): AttentionMapResult {
  const tok = model.tokenizer!;
  const { numLayers, numHeads } = model.config;
  if (!Number.isInteger(s.layer) || s.layer < 0 || s.layer >= numLayers) throw new Error(`layer must be 0 … ${numLayers - 1}, got ${s.layer}`);
  if (!Number.isInteger(s.head) || s.head < 0 || s.head >= numHeads) throw new Error(`head must be 0 … ${numHeads - 1}, got ${s.head}`);
  const ids = tok.encode(s.prompt, "skip");
  if (ids.length === 0) throw new Error("prompt: type at least one character the model knows");
  const { maps, context } = gpt2AttentionMaps(model.weights, model.config, ids);
  const m = maps[s.layer]; // (H, T, T)
  const T = context.length;
  const head = m.index(s.head); // (T, T)
  let self = 0;
  let prev = 0;
  for (let i = 0; i < T; i++) {
    self += head.data[i * T + i];
    if (i > 0) prev += head.data[i * T + i - 1];
  }
  return { weights: head, chars: context.map((id) => tok.decode([id])), meanSelf: self / T, meanPrevious: T > 1 ? prev / (T - 1) : 0 };
}
