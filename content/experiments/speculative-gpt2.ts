// The target/draft pair of the speculative-sampling experiments: a seeded GPT-2 over 12 tokens as the target, the
// same model at temperature 2 as the draft (a flatter guesser whose acceptance rate is well below 1). Logits are
// memoised by prefix (the model is deterministic, so this changes the cost, not a single number), and a target
// pass that misses runs GPT-2 once over context + draft, as speculative decoding's verification does.
import { Rng, gpt2, initGpt2, softmax, type Gpt2Config, type SpeculativeModels } from "@qkv/core";

export const TARGET_CONFIG: Gpt2Config = { vocabSize: 12, contextLength: 16, dModel: 32, numHeads: 4, numLayers: 2 };
export const DRAFT_TEMPERATURE = 2;

export interface SpeculativePair {
  models: SpeculativeModels;
  /** Target p(· | prefix), (V,). */
  p(prefix: readonly number[]): Float64Array;
  /** Draft q(· | prefix) = softmax(logits / 2), (V,). */
  q(prefix: readonly number[]): Float64Array;
  /** GPT-2 forward passes run so far (memo misses). */
  forwards(): number;
}

export function speculativePair(): SpeculativePair {
  const config = TARGET_CONFIG;
  const V = config.vocabSize;
  const weights = initGpt2(config, new Rng(7), 0.5); // std 0.5: next-token entropy ≈ 1.1 nats (ln 12 = 2.48)
  const logits = new Map<string, Float64Array>();
  let forwards = 0;
  /** One forward over `tokens` fills the logits of every prefix of length from..tokens.length. */
  const pass = (tokens: readonly number[], from: number): void => {
    forwards++;
    const out = gpt2(weights, config, tokens).logits.data; // (T, V): row t is the next-token logits after t + 1 tokens
    for (let len = Math.max(from, 1); len <= tokens.length; len++) logits.set(tokens.slice(0, len).join(","), Float64Array.from(out.subarray((len - 1) * V, len * V)));
  };
  const logitsOf = (prefix: readonly number[]): Float64Array => {
    const key = prefix.join(",");
    if (!logits.has(key)) pass(prefix, prefix.length);
    return logits.get(key)!;
  };
  const probs = (prefix: readonly number[], temperature: number) =>
    Float64Array.from(softmax(Array.from(logitsOf(prefix), (v) => v / temperature)).data);
  const pMemo = new Map<string, Float64Array>();
  const qMemo = new Map<string, Float64Array>();
  const memo = (m: Map<string, Float64Array>, prefix: readonly number[], temperature: number) => {
    const key = prefix.join(",");
    let row = m.get(key);
    if (!row) m.set(key, (row = probs(prefix, temperature)));
    return row;
  };
  const p = (prefix: readonly number[]) => memo(pMemo, prefix, 1);
  const q = (prefix: readonly number[]) => memo(qMemo, prefix, DRAFT_TEMPERATURE);
  const models: SpeculativeModels = {
    draft: (tokens) => Array.from(q(tokens)),
    target: (context, draft) => {
      const full = [...context, ...draft];
      if (!logits.has(full.join(","))) pass(full, context.length); // the one verification pass
      return Array.from({ length: draft.length + 1 }, (_, i) => Array.from(p(full.slice(0, context.length + i))));
    },
  };
  return { models, p, q, forwards: () => forwards };
}
