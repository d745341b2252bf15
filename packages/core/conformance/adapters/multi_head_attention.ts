import { add, causalMask, multiHeadAttention, multiHeadAttentionBackward, type AttentionWeights, type MultiHeadAttentionOptions, type Tensor } from "../../src/index.js";
import { boolInput, input, optionalInput, optionalParam, optionalWeight, param, upstreamTensor, weight, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

function attentionWeights(c: FixtureCase): AttentionWeights {
  return {
    W_Q: weight(c, "W_Q"),
    W_K: weight(c, "W_K"),
    W_V: weight(c, "W_V"),
    W_O: weight(c, "W_O"),
    b_Q: optionalWeight(c, "b_Q"),
    b_K: optionalWeight(c, "b_K"),
    b_V: optionalWeight(c, "b_V"),
    b_O: optionalWeight(c, "b_O"),
  };
}

/** query, keys/values (memory, else key, else the query itself: self-attention) and the options of a case. */
function setup(c: FixtureCase): { query: Tensor; keyValue: Tensor; selfAttention: boolean; options: MultiHeadAttentionOptions } {
  const query = input(c, "query");
  const memory = optionalInput(c, "memory") ?? optionalInput(c, "key");
  const keyValue = memory ?? query;
  const L = query.shape[query.rank - 2];
  const S = keyValue.shape[keyValue.rank - 2];
  let attnMask = optionalInput(c, "attn_mask");
  if (!attnMask && optionalParam(c, "causal", false)) attnMask = causalMask(L, S);
  const options: MultiHeadAttentionOptions = {
    numHeads: param<number>(c, "num_heads"),
    numKVHeads: optionalParam<number | undefined>(c, "num_kv_heads", undefined),
    attnMask,
    keyPaddingMask: "key_padding_mask" in c.inputs ? boolInput(c, "key_padding_mask") : undefined,
    value: optionalInput(c, "value"),
  };
  return { query, keyValue, selfAttention: memory === undefined, options };
}

const UPSTREAM: Record<string, "output" | "averageWeights" | "weights"> = {
  output: "output",
  attn_weights_avg: "averageWeights",
  attn_weights_per_head: "weights",
};

const adapter: Adapter = {
  run(c) {
    const { query, keyValue, options } = setup(c);
    const r = multiHeadAttention(query, keyValue, attentionWeights(c), options);
    return { output: r.output, attn_weights_avg: r.averageWeights, attn_weights_per_head: r.weights };
  },
  backward(c, of, upstream) {
    const key = UPSTREAM[of];
    if (!key) throw new Error(`cannot differentiate "${of}"`);
    const { query, keyValue, selfAttention, options } = setup(c);
    const g = multiHeadAttentionBackward(query, keyValue, attentionWeights(c), { [key]: upstreamTensor(upstream) }, options);
    // Self-attention reads the query through Q, K and V: its gradient is the sum of both paths.
    const inputs: Record<string, Tensor> = { query: selfAttention ? add(g.dQuery, g.dKeyValue) : g.dQuery };
    if (!selfAttention) inputs[optionalInput(c, "memory") ? "memory" : "key"] = g.dKeyValue;
    if (g.dValue) inputs.value = g.dValue;
    return { inputs, weights: g.grads };
  },
};
export default adapter;
