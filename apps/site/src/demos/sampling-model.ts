// Sampling demo: next-token logits → temperature → top-k → top-p → probabilities (@qkv/core processLogits).
import { applyTemperature, processLogits, softmax, tensor, type Tensor } from "@qkv/core";

export interface SamplingState {
  tokens: string[];
  logits: number[];
  temperature: number;
  topK: number;
  topP: number;
}

export const DEFAULT_LOGITS = "Paris=6.1 London=4.8 Rome=4.5 Berlin=3.9 Madrid=3.2 Vienna=2.6 Oslo=1.9 Lima=0.8";

export const DEFAULT_SAMPLING: SamplingState = {
  ...parseLogits(DEFAULT_LOGITS),
  temperature: 1,
  topK: 5,
  topP: 0.9,
};

/** `word=logit` pairs separated by spaces or commas. Throws naming the bad pair. */
export function parseLogits(text: string): { tokens: string[]; logits: number[] } {
  const tokens: string[] = [];
  const logits: number[] = [];
  for (const pair of text.split(/[\s,]+/).filter((p) => p !== "")) {
    const m = pair.match(/^(.+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i);
    if (!m) throw new Error(`logits: expected word=number, got "${pair}"`);
    tokens.push(m[1]);
    logits.push(Number(m[2]));
  }
  if (tokens.length === 0) throw new Error("logits: give at least one word=number pair");
  return { tokens, logits };
}

export interface SamplingResult {
  /** softmax(logits) with no temperature or filtering. */
  base: Tensor;
  /** softmax(logits / T): the distribution before top-k and top-p. */
  tempered: Tensor;
  filtered: Tensor;
  probs: Tensor;
  kept: boolean[];
  /** How many tokens top-k alone keeps (the pipeline without top-p). */
  keptByTopK: number;
}

export function computeSampling(s: SamplingState): SamplingResult {
  const { filtered, probs, keptMask } = processLogits(tensor(s.logits), {
    temperature: s.temperature,
    topK: s.topK,
    topP: s.topP,
  });
  const afterK = processLogits(tensor(s.logits), { temperature: s.temperature, topK: s.topK, topP: 1 }).keptMask.data;
  return {
    base: softmax(tensor(s.logits)),
    tempered: softmax(applyTemperature(tensor(s.logits), s.temperature)),
    filtered,
    probs,
    kept: Array.from(keptMask.data, (v) => v === 1),
    keptByTopK: Array.from(afterK).filter((v) => v === 1).length,
  };
}
