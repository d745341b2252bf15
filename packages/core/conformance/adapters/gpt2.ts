import { ArgumentError, greedyDecode, gpt2, gpt2Backward, gpt2ForwardWithCache, gpt2NextTokenLogits, type Gpt2Config, type Gpt2Weights } from "../../src/index.js";
import { optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

export function gpt2Config(c: FixtureCase): Gpt2Config {
  // This model family has exactly one activation and a tied head; refuse anything else rather than ignore it.
  const activation = optionalParam(c, "activation", "gelu_tanh");
  if (activation !== "gelu_tanh") throw new ArgumentError("gpt2 adapter", "params.activation", `must be "gelu_tanh", got ${activation}`);
  if (optionalParam(c, "tied_lm_head", true) !== true) throw new ArgumentError("gpt2 adapter", "params.tied_lm_head", "must be true");
  return {
    vocabSize: param(c, "vocab_size"),
    contextLength: param(c, "n_ctx"),
    dModel: param(c, "d_model"),
    numHeads: param(c, "n_head"),
    numLayers: param(c, "n_layer"),
    normEps: optionalParam(c, "layer_norm_eps", 1e-5),
  };
}

/** Per step, the gap between the best and second-best logit (how safe argmax was). */
function top1Top2Gaps(stepLogits: number[][]): number[] {
  return stepLogits.map((row) => {
    const [a, b] = [...row].sort((x, y) => y - x);
    return a - b;
  });
}

const UPSTREAM: Record<string, "logits" | "logProbsNext"> = { logits: "logits", log_probs_next: "logProbsNext" };

const adapter: Adapter = {
  run(c) {
    const config = gpt2Config(c);
    const weights = c.weights as unknown as Gpt2Weights;
    const out: Record<string, unknown> = {};
    if ("token_ids" in c.inputs) {
      const r = gpt2(weights, config, c.inputs.token_ids as number[]);
      out.logits = r.logits;
      out.log_probs_next = r.logProbsNext;
    }
    if ("prompt" in c.inputs) {
      const maxNewTokens = (c.inputs.max_new_tokens as number | undefined) ?? param<number>(c, "max_new_tokens");
      const eos = (c.inputs.eos_token_id as number | undefined) ?? optionalParam<number | undefined>(c, "eos_token_id", undefined);
      const g = greedyDecode(gpt2NextTokenLogits(weights, config), c.inputs.prompt as number[], { maxNewTokens, eosToken: eos });
      const stepLogits = g.stepLogits!.toArray() as number[][];
      Object.assign(out, { generated: g.tokens, sequence: g.sequence, step_logits: stepLogits, step_top1_top2_logit_gap: top1Top2Gaps(stepLogits) });
    }
    return out;
  },
  backward(c, of, upstream) {
    const key = UPSTREAM[of];
    if (!key) throw new Error(`cannot differentiate "${of}" (the logits cases have gradients)`);
    const config = gpt2Config(c);
    const weights = c.weights as unknown as Gpt2Weights;
    const { cache } = gpt2ForwardWithCache(weights, config, c.inputs.token_ids as number[]);
    return { weights: gpt2Backward(weights, config, cache, { [key]: upstreamTensor(upstream) }) };
  },
};
export default adapter;
